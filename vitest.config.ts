import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = { '@': fileURLToPath(new URL('./', import.meta.url)) };

// Four projects so `npm test` can run fast unit/content tests first and the slow
// claims (real training runs) and e2e (built site in Chromium) suites separately.
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      // Unit tests that train a little (leak checks) get a generous limit: a loaded 2-core machine
      // must pass them too (Vitest's default 5 s failed a fresh clone under load).
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 60_000 } },
      { resolve: { alias }, test: { name: 'content', include: ['tests/content/**/*.test.ts'], environment: 'node', testTimeout: 120_000 } },
      {
        resolve: { alias },
        test: {
          name: 'claims',
          include: ['tests/claims/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          // Training runs are CPU-bound: run files one after another so timings stay sane on 2 cores.
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false },
      },
    ],
  },
});
