/**
 * `npm run dev` keeps each note's analysis and compiled code on disk (lib/content/disk-cache.ts),
 * so a restart skips unchanged notes. A restart is a new process, so each build here loads the
 * content modules afresh (vi.resetModules): only the disk can carry anything over. What a build
 * with the cache reports must be exactly what the work itself reports, and any change to what a
 * note's checks read (its figure, the bibliography) must be seen.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DiskCache, sha256 } from '@/lib/content/disk-cache';

type IndexModule = typeof import('@/lib/content/index');

/** The content modules as a newly started process has them: nothing in memory. */
async function freshProcess(): Promise<IndexModule> {
  vi.resetModules();
  return import('@/lib/content/index');
}

/** Every note's problems and, for the valid ones, their compiled code, as a restart would serve them. */
async function restart(root: string, cacheDir?: string) {
  const content = await freshProcess();
  const index = content.buildContentIndex(root, { diskCache: cacheDir !== undefined, diskCacheDir: cacheDir });
  // A note the compile refuses counts by its problems (the bad tree has one: dup.md).
  const code = await Promise.all(index.notes.map((n) => content.getCompiledNote(n, index).catch((err: { diagnostics?: unknown }) => err.diagnostics ?? String(err))));
  return { index, code };
}

const cacheFiles = (dir: string) => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json'));

/** Marks every stored compiled note, so that a start which serves the mark can only have read it from disk. */
function markStoredCode(cacheDir: string): void {
  const compiledDir = path.join(cacheDir, 'compiled');
  for (const name of cacheFiles(compiledDir)) {
    const file = path.join(compiledDir, name);
    const entry = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...entry, value: `${entry.value}\n// from disk` }));
  }
}

let work = '';
beforeEach(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'disk-cache-'));
});
afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

describe('the content disk cache', () => {
  it('a restart serves every broken note its problems from disk, exactly as checking them again does', async () => {
    const cacheDir = path.join(work, 'cache');
    const root = 'tests/content/fixtures/bad';
    const uncached = await restart(root);
    expect(uncached.index.diagnostics.length).toBeGreaterThan(20);
    await restart(root, cacheDir); // fills the cache
    expect(cacheFiles(path.join(cacheDir, 'analyses')).length).toBeGreaterThan(15);
    const cached = await restart(root, cacheDir);
    expect(cached.index).toEqual(uncached.index);
    expect(cached.code).toEqual(uncached.code);
  });

  it('a restart serves valid notes and their compiled code from disk, identical to doing the work', async () => {
    const cacheDir = path.join(work, 'cache');
    const root = 'tests/content/fixtures/good';
    const uncached = await restart(root);
    await restart(root, cacheDir);
    const compiledDir = path.join(cacheDir, 'compiled');
    expect(cacheFiles(compiledDir)).toHaveLength(uncached.index.notes.length);
    markStoredCode(cacheDir);
    const cached = await restart(root, cacheDir);
    expect(cached.index).toEqual(uncached.index);
    expect(cached.code).toEqual(uncached.code.map((c) => `${String(c)}\n// from disk`));
  });

  it('sees a changed figure, a removed reference and an edited note after a restart', async () => {
    const root = path.join(work, 'tree');
    const cacheDir = path.join(work, 'cache');
    fs.cpSync('tests/content/fixtures/good', root, { recursive: true });
    expect((await restart(root, cacheDir)).index.diagnostics).toEqual([]);

    // The figure the note inlines gains a script: the note's stored analysis must not be used.
    const figure = path.join(root, 'public', 'figures', 'alpha-diagram.svg');
    const drawing = fs.readFileSync(figure, 'utf8');
    fs.writeFileSync(figure, drawing.replace('</svg>', '<script>alert(1)</script></svg>'));
    const scripted = (await restart(root, cacheDir)).index;
    expect(scripted.broken.get('alpha')?.map((d) => d.message).join('\n')).toMatch(/script/);
    fs.writeFileSync(figure, drawing);
    expect((await restart(root, cacheDir)).index.diagnostics).toEqual([]);

    // A cited key leaves the bibliography.
    const bib = path.join(root, 'content', 'references.bib');
    fs.writeFileSync(bib, fs.readFileSync(bib, 'utf8').replace('{koh2020concept,', '{renamed2020concept,'));
    const uncited = (await restart(root, cacheDir)).index;
    expect(uncited.broken.get('alpha')?.map((d) => d.message).join('\n')).toMatch(/koh2020concept/);

    // The note itself changes.
    fs.writeFileSync(bib, fs.readFileSync(bib, 'utf8').replace('{renamed2020concept,', '{koh2020concept,'));
    const beta = path.join(root, 'content', 'notes', 'beta.mdx');
    fs.writeFileSync(beta, fs.readFileSync(beta, 'utf8').replace(/^title: .*$/m, 'title: "Beta, edited"'));
    const edited = (await restart(root, cacheDir)).index;
    expect(edited.diagnostics).toEqual([]);
    expect(edited.notes.find((n) => n.slug === 'beta')?.frontmatter.title).toBe('Beta, edited');
  });

  it('treats a damaged cache as empty', async () => {
    const cacheDir = path.join(work, 'cache');
    const root = 'tests/content/fixtures/good';
    const uncached = await restart(root);
    await restart(root, cacheDir);
    for (const kind of ['analyses', 'compiled']) {
      for (const name of cacheFiles(path.join(cacheDir, kind))) fs.writeFileSync(path.join(cacheDir, kind, name), '{"key": "half-writ');
    }
    const cached = await restart(root, cacheDir);
    expect(cached.index).toEqual(uncached.index);
    expect(cached.code).toEqual(uncached.code);
  });

  it('returns an entry only for the key it was stored with and while its public files answer the same', () => {
    const cache = new DiskCache<string>(path.join(work, 'unit'));
    let exists = true;
    const files = { publicFileExists: () => exists, readPublicFile: () => null };
    cache.set('note', 'key-1', { exists: { '/figures/a.svg': true }, reads: {} }, 'value');
    expect(cache.get('note', 'key-1', files)).toBe('value');
    expect(cache.get('note', 'key-2', files)).toBeUndefined();
    expect(cache.get('other note', 'key-1', files)).toBeUndefined();
    exists = false;
    expect(cache.get('note', 'key-1', files)).toBeUndefined();
  });

  it('a new process keeps only the most recently used entries when there are too many', async () => {
    const dir = path.join(work, 'many');
    const files = { publicFileExists: () => true, readPublicFile: () => null };
    const cache = new DiskCache<number>(dir, 3);
    const names = ['a', 'b', 'c', 'd', 'e'];
    for (const [i, name] of names.entries()) {
      cache.set(name, 'k', { exists: {}, reads: {} }, i);
      const file = path.join(dir, `${sha256(name).slice(0, 24)}.json`);
      fs.utimesSync(file, new Date(2026, 0, i + 1), new Date(2026, 0, i + 1)); // a oldest ... e newest
    }
    expect(cache.get('a', 'k', files)).toBe(0); // a read now: the most recently used
    expect(fs.readdirSync(dir)).toHaveLength(5); // this process pruned when it opened the folder, not since
    vi.resetModules();
    const { DiskCache: InNewProcess } = await import('@/lib/content/disk-cache');
    const reopened = new InNewProcess<number>(dir, 3);
    expect(names.map((name) => reopened.get(name, 'k', files))).toEqual([0, undefined, undefined, 3, 4]);
  });
});
