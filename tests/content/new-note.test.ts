import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContentIndex } from '@/lib/content/index';

const SCRIPT = path.resolve('scripts/new-note.ts');
const TSX = path.resolve('node_modules/.bin/tsx');

function tempContentTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-note-'));
  fs.cpSync('tests/content/fixtures/good', dir, { recursive: true });
  return dir;
}

describe('npm run new-note', () => {
  it('scaffolds a note that passes the content check as it stands', () => {
    const dir = tempContentTree();
    execFileSync(TSX, [SCRIPT, 'sparse-autoencoders'], { cwd: dir, stdio: 'pipe' });
    const index = buildContentIndex(dir);
    expect(index.diagnostics).toEqual([]);
    const note = index.notes.find((n) => n.slug === 'sparse-autoencoders')!;
    expect(note.headings.map((h) => h.id)).toEqual(['the-problem', 'how-it-works', 'what-the-paper-found', 'open-questions', 'connections']);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a bad slug or an existing note with exit code 2', () => {
    const dir = tempContentTree();
    for (const slug of ['Bad_Slug', 'alpha']) {
      let status = 0;
      try {
        execFileSync(TSX, [SCRIPT, slug], { cwd: dir, stdio: 'pipe' });
      } catch (err) {
        status = (err as { status: number }).status;
      }
      expect(status, slug).toBe(2);
    }
    expect(fs.readFileSync(path.join(dir, 'content/notes/alpha.mdx'), 'utf8')).toContain('Alpha note');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
