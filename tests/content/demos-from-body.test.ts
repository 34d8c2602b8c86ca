import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildContentIndex } from '@/lib/content/index';
import { formatDiagnostic } from '@/lib/content/diagnostics';
import { DEMO_COMPONENTS } from '@/lib/content/known-components';

// A note's demos are the demo components its body places; listing them in the frontmatter
// is optional, and a list that disagrees with the body is reported.
const tag = (id: string) => Object.entries(DEMO_COMPONENTS).find(([, v]) => v === id)![0];

function treeWith(frontmatterDemos: string | null): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'demos-'));
  fs.cpSync('tests/content/fixtures/good', dir, { recursive: true });
  const file = path.join(dir, 'content/notes/beta.mdx');
  const source = fs.readFileSync(file, 'utf8');
  const withList = frontmatterDemos === null ? source : source.replace('---\n\nBeta', `demos: ${frontmatterDemos}\n---\n\nBeta`);
  fs.writeFileSync(file, `${withList}\n<${tag('ntk')} />\n`);
  return dir;
}

describe('demos come from the body', () => {
  it('a note that places a demo has it, with no frontmatter list', () => {
    const dir = treeWith(null);
    const index = buildContentIndex(dir);
    expect(index.diagnostics).toEqual([]);
    expect(index.notes.find((n) => n.slug === 'beta')!.frontmatter.demos).toEqual(['ntk']);
    expect(index.notes.find((n) => n.slug === 'alpha')!.frontmatter.demos).toEqual([]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a frontmatter list that disagrees with the body is reported both ways', () => {
    const dir = treeWith('[vae]');
    const problems = buildContentIndex(dir).diagnostics.map(formatDiagnostic);
    expect(problems).toEqual([
      `content/notes/beta.mdx:22:1 <${tag('ntk')}> is used but "ntk" is not listed in the frontmatter demos`,
      'content/notes/beta.mdx:11:1 frontmatter demos lists "vae" but the note never places its component',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
