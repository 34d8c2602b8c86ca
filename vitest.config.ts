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
          // Each training run is single-threaded (TF.js wasm, plain JS): two files at a time use
          // both cores of a 2-core machine. No test asserts a timing, so sharing a core is safe.
          maxWorkers: 2,
          // Its own group (after unit and content): projects in one group must share maxWorkers.
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        // Files one at a time (one built site, one browser each); tests marked concurrent, two at a time.
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], environment: 'node', testTimeout: 180_000, hookTimeout: 180_000, fileParallelism: false, maxConcurrency: 2 },
      },
    ],
  },
});
