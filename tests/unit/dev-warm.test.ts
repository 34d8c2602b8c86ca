/**
 * `npm run dev` warms the note route by asking for a development-only slug (scripts/dev.mjs): the
 * route compiles and the content index is built, but no note is compiled or rendered for it, so an
 * author's first page does not share the machine with another note's compile.
 */
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import NotePage, { generateStaticParams } from '@/app/notes/[slug]/page';

describe("the note route's warm-up slug", () => {
  afterEach(() => vi.unstubAllEnvs());

  it('is listed in development only', () => {
    vi.stubEnv('NODE_ENV', 'development');
    expect(generateStaticParams()).toContainEqual({ slug: '_dev-warm' });
    vi.stubEnv('NODE_ENV', 'production');
    const built = generateStaticParams();
    expect(built).not.toContainEqual({ slug: '_dev-warm' });
    expect(built.length).toBeGreaterThan(0);
  });

  it('renders nothing', async () => {
    expect(await NotePage({ params: Promise.resolve({ slug: '_dev-warm' }) })).toBeNull();
  });

  it('is the one the launcher asks for', () => {
    expect(fs.readFileSync('scripts/dev.mjs', 'utf8')).toContain('/notes/_dev-warm`');
  });
});
