import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { buildContentIndex } from '@/lib/content/index';
import { formatDiagnostic, sortDiagnostics } from '@/lib/content/diagnostics';

// One fixture note per class of authoring mistake; each must be reported at its exact place.
const BAD_ROOT = 'tests/content/fixtures/bad';

const EXPECTED = [
  'content/notes/bad-latex.mdx:13:25 LaTeX error: Undefined control sequence: \\fracc',
  'content/notes/bad-year.mdx:4:1 frontmatter topics.1: unknown topic "astrology"; valid topics: disentanglement, concepts, robustness, theory, latent-knowledge, evaluation',
  'content/notes/bad-year.mdx:8:3 frontmatter paper.year: Expected number, received string',
  'content/notes/broken-links.mdx:13:5 link /notes/no-such-note: there is no note "no-such-note"',
  'content/notes/broken-links.mdx:13:40 link /notes/target#no-such-heading: note "target" has no heading #no-such-heading',
  'content/notes/dup.mdx:1:1 duplicate slug "dup": content/notes/dup.md has the same slug',
  'content/notes/missing-citation.mdx:13:32 citation key "nobody1999missing" is not in content/references.bib',
  'content/notes/missing-summary.mdx:1:1 frontmatter: missing required field "summary"',
  'content/notes/unclosed-jsx.mdx:15:1 MDX syntax error: Expected a closing tag for `<Callout>` (15:1-15:22)',
  'content/notes/unknown-component.mdx:15:1 unknown component <Chart>; available: Callout, Figure, Sidenote, NtkDemo, VaeDemo, DisentanglementDemo, CbmDemo, CemDemo, ConceptLeakageDemo',
];

describe('content check on broken notes', () => {
  const index = buildContentIndex(BAD_ROOT);

  it('reports every problem at once, each at its file, line and column', () => {
    expect(sortDiagnostics(index.diagnostics).map(formatDiagnostic)).toEqual(EXPECTED);
  });

  it('keeps the valid notes (the first of two duplicates too) and drops only the broken ones', () => {
    expect(index.notes.map((n) => n.slug).sort()).toEqual(['dup', 'target']);
    expect([...index.broken.keys()].sort()).toEqual(
      ['bad-latex', 'bad-year', 'broken-links', 'missing-citation', 'missing-summary', 'unclosed-jsx', 'unknown-component'].sort(),
    );
  });

  it('`npm run check` prints the same lines and exits 1', () => {
    let stderr = '';
    let status = 0;
    try {
      execFileSync('npx', ['tsx', 'scripts/check.ts', `--root=${BAD_ROOT}`], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      const e = err as { status: number; stderr: string };
      status = e.status;
      stderr = e.stderr;
    }
    expect(status).toBe(1);
    for (const line of EXPECTED) expect(stderr).toContain(line);
  });
});

describe('content check on a valid tree', () => {
  it('finds no problems, and derives headings, citations and links', () => {
    const index = buildContentIndex('tests/content/fixtures/good');
    expect(index.diagnostics).toEqual([]);
    const alpha = index.notes.find((n) => n.slug === 'alpha')!;
    expect(alpha.headings.map((h) => h.id)).toEqual(['how-it-works']);
    expect(alpha.citations).toEqual(['koh2020concept', 'kingma2014auto']);
    expect(alpha.links.map((l) => l.href)).toEqual(['/notes/beta#results', '#how-it-works']);
  });
});
