import { describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import http from 'node:http';
import { promisify } from 'node:util';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContentIndex } from '@/lib/content/index';
import { formatDiagnostic, sortDiagnostics } from '@/lib/content/diagnostics';

const SCRIPT = path.resolve('scripts/new-note.ts');
const TSX = path.resolve('node_modules/.bin/tsx');

function tempContentTree(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'new-note-'));
  fs.cpSync('tests/content/fixtures/good', dir, { recursive: true });
  return dir;
}

const NOTE = 'content/notes/sparse-autoencoders.mdx';
/** Port 1: nothing listens there, so new-note does not wait for a dev server. */
const NO_DEV_SERVER = { ...process.env, PORT: '1' };

describe('npm run new-note', () => {
  it('scaffolds a note that fails the check at every placeholder until it is filled in', () => {
    const dir = tempContentTree();
    const stdout = execFileSync(TSX, [SCRIPT, 'sparse-autoencoders'], { cwd: dir, stdio: 'pipe', env: NO_DEV_SERVER, encoding: 'utf8' });
    // Without a dev server it only creates the note.
    expect(stdout).toContain('Created content/notes/sparse-autoencoders.mdx');
    expect(stdout).not.toContain('dev server');
    const problems = sortDiagnostics(buildContentIndex(dir).diagnostics).map(formatDiagnostic);
    expect(problems).toEqual([
      `${NOTE}:2:8 frontmatter title: still the new-note placeholder "TODO: Sparse autoencoders"; replace it`,
      `${NOTE}:3:10 frontmatter summary: still the new-note placeholder "TODO: one or two sentences: what the paper shows…"; replace it`,
      `${NOTE}:6:10 frontmatter paper.title: still the new-note placeholder "TODO: the paper's own title"; replace it`,
      `${NOTE}:7:13 frontmatter paper.authors.0: still the new-note placeholder "TODO: First Author"; replace it`,
      `${NOTE}:7:35 frontmatter paper.authors.1: still the new-note placeholder "TODO: Second Author"; replace it`,
      `${NOTE}:9:10 frontmatter paper.venue: still the new-note placeholder "TODO: conference or journal ${new Date().getFullYear()}"; replace it`,
      `${NOTE}:10:8 frontmatter paper.url: still the new-note placeholder "https://arxiv.org/abs/0000.00000"; replace it`,
      `${NOTE}:13:1 still the new-note placeholder "TODO: an opening paragraph: what the paper is abo…"; write this part of the note`,
      `${NOTE}:18:1 still the new-note placeholder "TODO: what the paper addresses, and why it is har…"; write this part of the note`,
      `${NOTE}:22:1 still the new-note placeholder "TODO: the method, with its key equations, every s…"; write this part of the note`,
      `${NOTE}:28:1 <Figure> src "/figures/sparse-autoencoders.svg" does not exist under public/`,
      `${NOTE}:28:48 <Figure alt>: still the new-note placeholder "TODO: what the figure shows, for readers who cann…"; replace it`,
      `${NOTE}:28:113 <Figure caption>: still the new-note placeholder "TODO: a caption"; replace it`,
      `${NOTE}:32:1 still the new-note placeholder "TODO: the headline results with the paper's own n…"; write this part of the note`,
      `${NOTE}:34:25 <Callout title>: still the new-note placeholder "TODO: our view in a few words"; replace it`,
      `${NOTE}:35:1 still the new-note placeholder "TODO: where we agree or disagree, argued on its m…"; write this part of the note`,
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('once every placeholder is replaced and the figure drawn, the note passes with the standard sections', () => {
    const dir = tempContentTree();
    execFileSync(TSX, [SCRIPT, 'sparse-autoencoders'], { cwd: dir, stdio: 'pipe', env: NO_DEV_SERVER });
    const file = path.join(dir, NOTE);
    const filled = fs.readFileSync(file, 'utf8').replaceAll('TODO: ', '').replace('0000.00000', '2309.08600');
    fs.writeFileSync(file, filled);
    fs.copyFileSync(path.join(dir, 'public/figures/alpha-diagram.svg'), path.join(dir, 'public/figures/sparse-autoencoders.svg'));
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
        execFileSync(TSX, [SCRIPT, slug], { cwd: dir, stdio: 'pipe', env: NO_DEV_SERVER });
      } catch (err) {
        status = (err as { status: number }).status;
      }
      expect(status, slug).toBe(2);
    }
    expect(fs.readFileSync(path.join(dir, 'content/notes/alpha.mdx'), 'utf8')).toContain('Alpha note');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks a running dev server for the new page until it answers, so the first visit finds it', async () => {
    const dir = tempContentTree();
    // Stands in for `next dev`, which answers 404 to the first request for a page it has not listed yet.
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      res.statusCode = seen.length === 1 ? 404 : 200;
      res.end('page');
    });
    await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
    const port = (server.address() as { port: number }).port;
    try {
      const { stdout } = await promisify(execFile)(TSX, [SCRIPT, 'sparse-autoencoders'], { cwd: dir, env: { ...process.env, PORT: String(port) } });
      expect(seen.length).toBeGreaterThanOrEqual(2);
      expect(seen.every((u) => u === '/notes/sparse-autoencoders')).toBe(true);
      expect(stdout).toContain(`The dev server shows it at http://localhost:${port}/notes/sparse-autoencoders`);
    } finally {
      server.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
