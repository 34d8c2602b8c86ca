import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { buildContentIndex } from '@/lib/content/index';
import { formatDiagnostic, sortDiagnostics } from '@/lib/content/diagnostics';
import { KNOWN_COMPONENTS } from '@/lib/content/known-components';
import { HTML_ELEMENTS } from '@/lib/content/note-language';
import { FIGURE_ELEMENTS } from '@/lib/content/svg-safety';
import { experimentIds } from '@/lib/experiments/registry';

const HTML = HTML_ELEMENTS.join(', ');
const DRAWING = FIGURE_ELEMENTS.join(', ');

// One fixture note per class of authoring mistake; each must be reported at its exact place.
const BAD_ROOT = 'tests/content/fixtures/bad';

const EXPERIMENTS = experimentIds.join(', ');

const EXPECTED = [
  "content/notes/bad-latex.mdx:13:25 LaTeX error: Undefined control sequence: \\fracc",
  'content/notes/bad-recorded.mdx:13:10 <Recorded>: metric="independent.acc" is not recorded for cbm; did you mean independent.accuracy',
  `content/notes/bad-recorded.mdx:13:69 <Recorded>: experiment="nope" is not an experiment; experiments: ${EXPERIMENTS}`,
  'content/notes/bad-recorded.mdx:15:10 <Recorded>: show="mean" is not one of median, range, median-range, seed, rate, check-rate',
  'content/notes/bad-recorded.mdx:15:84 <Recorded>: digits="12" must be a whole number from 0 to 6',
  'content/notes/bad-recorded.mdx:15:164 <Recorded>: seed="1" is not a recorded seed of ntk (recorded: 1001–1020)',
  'content/notes/bad-recorded.mdx:17:1 <RecordedTable>: metric="nope" is not recorded for vae; metrics include reconstruction, kl, negElbo, baselineNll, reconstructionVsBaseline, activeDims, latentDim, passiveKlShare',
  'content/notes/bad-recorded.mdx:17:1 <RecordedTable>: labels has 2 names for 3 metrics',
  "content/notes/bad-year.mdx:4:20 frontmatter topics.1: unknown topic \"astrology\"; valid topics: disentanglement, concepts, robustness, theory, latent-knowledge, evaluation",
  "content/notes/bad-year.mdx:8:9 frontmatter paper.year: Expected number, received string",
  "content/notes/broken-links.mdx:13:5 link /notes/no-such-note: there is no note \"no-such-note\"",
  "content/notes/broken-links.mdx:13:40 link /notes/target#no-such-heading: note \"target\" has no heading #no-such-heading",
  "content/notes/code-expressions.mdx:13:9 {process.env.HOME} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)",
  "content/notes/code-expressions.mdx:13:47 {process.getBuiltinModule('fs').readdirS…} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)",
  "content/notes/code-expressions.mdx:15:12 {undefinedVariable.x} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)",
  "content/notes/code-expressions.mdx:15:45 {y} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)",
  "content/notes/code-expressions.mdx:17:88 <Figure>: unknown prop \"onError\"; <Figure> takes src, alt, caption, wide",
  "content/notes/code-expressions.mdx:21:22 <Callout>: spread props {...window.props} are not allowed; write each prop as name=\"text\"",
  "content/notes/code-expressions.mdx:21:40 <Callout title={document.title}>: props must be literal text (title=\"...\"), not code",
  'content/notes/deep-nesting.mdx:116:1 this line is nested too deeply (more than 200 characters of indentation or > before its text); flatten it',
  "content/notes/dup.mdx:1:1 duplicate slug \"dup\": content/notes/dup.md has the same slug",
  "content/notes/esm.mdx:13:1 notes may not import or export: the site components are available without importing",
  "content/notes/esm.mdx:15:1 notes may not import or export: the site components are available without importing",
  'content/notes/js-frontmatter.mdx:1:4 frontmatter must be YAML, opened by --- alone on the first line, not ---js (another language would run as code)',
  'content/notes/js-frontmatter.mdx:2:8 MDX syntax error: Could not parse expression with acorn',
  "content/notes/missing-citation.mdx:13:32 citation key \"nobody1999missing\" is not in content/references.bib",
  "content/notes/missing-summary.mdx:1:1 frontmatter: missing required field \"summary\"",
  "content/notes/no-figure.mdx:1:1 a note needs at least one <Figure> (an SVG drawn for it under public/figures/; see docs/authoring.md)",
  "content/notes/unclosed-jsx.mdx:15:1 MDX syntax error: Expected a closing tag for `<Callout>` (15:1-15:22)",
  "content/notes/unclosed-quote.mdx:2:8 frontmatter is not valid YAML: this double quote is never closed (a value must end on its own line)",
  `content/notes/unknown-component.mdx:15:1 unknown component <Chart>; available: ${KNOWN_COMPONENTS.join(', ')}`,
  "content/notes/unsafe-figure.mdx:15:1 <Figure> src \"//evil.example/figure.svg\" does not exist under public/",
  "content/notes/unsafe-figure.mdx:17:1 <Figure> src \"/../content/references.bib\" does not exist under public/",
  `content/notes/unsafe-html.mdx:15:1 <script> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:17:1 <iframe> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:19:1 <meta> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:21:1 <base> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:23:1 <form> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:23:45 <input> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:25:1 <svg> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  `content/notes/unsafe-html.mdx:25:6 <script> is not allowed in a note: HTML is limited to ${HTML} (see "What a note may contain" in docs/authoring.md)`,
  "content/notes/unsafe-html.mdx:27:9 <span>: attribute \"onClick\" is not allowed; HTML elements may carry only title, lang",
  "content/notes/unsafe-html.mdx:27:28 <span>: attribute \"style\" is not allowed; HTML elements may carry only title, lang",
  "content/notes/unsafe-html.mdx:29:22 <Callout>: unknown prop \"dangerouslySetInnerHTML\"; <Callout> takes kind, title",
  "content/notes/unsafe-links.mdx:13:3 link to \"javascript:alert(1)\" is not allowed: link to a site path (/notes/..., #heading) or an http(s) or mailto address",
  "content/notes/unsafe-links.mdx:13:41 link to \"data:text/html,hi\" is not allowed: link to a site path (/notes/..., #heading) or an http(s) or mailto address",
  "content/notes/unsafe-links.mdx:13:75 link to \"java script:alert(1)\" is not allowed: link to a site path (/notes/..., #heading) or an http(s) or mailto address",
  "content/notes/unsafe-links.mdx:15:19 image \"https://tracker.example/pixel.png\" is not allowed: images are files on this site (/figures/...), best placed with <Figure>",
  'content/notes/unsafe-links.mdx:15:115 link #%E0%A4%A: note "unsafe-links" has no heading #%E0%A4%A',
  "content/notes/unsafe-links.mdx:17:1 link to \"vbscript:msgbox(1)\" is not allowed: link to a site path (/notes/..., #heading) or an http(s) or mailto address",
  "content/notes/unsafe-math.mdx:13:17 LaTeX \\href is not allowed: math may not link, load images or set HTML attributes",
  "content/notes/unsafe-math.mdx:13:53 LaTeX \\url is not allowed: math may not link, load images or set HTML attributes",
  "content/notes/unsafe-math.mdx:16:5 LaTeX \\htmlData is not allowed: math may not link, load images or set HTML attributes",
  "content/notes/unsafe-math.mdx:16:29 LaTeX \\htmlClass is not allowed: math may not link, load images or set HTML attributes",
  "content/notes/unsafe-paper-url.mdx:10:8 frontmatter paper.url: must be an http(s) address (https://...)",
  "content/references.bib:19:9 BibTeX entry \"evil2024link\" url: must be an http(s) address (https://...)",
  "public/figures/unsafe.svg:1:61 event handler onload=\"...\" is not allowed in a figure (figure placed at content/notes/unsafe-figure.mdx:13:1)",
  `public/figures/unsafe.svg:2:3 <script> is not allowed in a figure: figures are drawings (${DRAWING}) (figure placed at content/notes/unsafe-figure.mdx:13:1)`,
  "public/figures/unsafe.svg:3:32 event handler onerror=\"...\" is not allowed in a figure (figure placed at content/notes/unsafe-figure.mdx:13:1)",
  `public/figures/unsafe.svg:4:3 <foreignObject> is not allowed in a figure: figures are drawings (${DRAWING}) (figure placed at content/notes/unsafe-figure.mdx:13:1)`,
  "public/figures/unsafe.svg:5:8 <use href=\"https://evil.example/sprite.svg#icon\">: a figure may refer only to its own parts (#id), not to other files or hosts (figure placed at content/notes/unsafe-figure.mdx:13:1)",
  "public/figures/unsafe.svg:6:8 <use xlink:href=\"javascript:alert(3)\">: a figure may refer only to its own parts (#id), not to other files or hosts (figure placed at content/notes/unsafe-figure.mdx:13:1)",
  "public/figures/unsafe.svg:7:30 <rect style>: url(...) may refer only to the figure's own parts (url(#id)) (figure placed at content/notes/unsafe-figure.mdx:13:1)",
];

describe('content check on broken notes', () => {
  const index = buildContentIndex(BAD_ROOT);

  it('reports every problem at once, each at its file, line and column', () => {
    expect(sortDiagnostics(index.diagnostics).map(formatDiagnostic)).toEqual(EXPECTED);
  });

  it('checks a note without running any of it (JavaScript frontmatter included)', () => {
    expect((globalThis as { __frontmatterRan?: string }).__frontmatterRan).toBeUndefined();
  });

  it('keeps the valid notes (the first of two duplicates too) and drops only the broken ones', () => {
    expect(index.notes.map((n) => n.slug).sort()).toEqual(['dup', 'target']);
    expect([...index.broken.keys()].sort()).toEqual(
      [
        'bad-latex', 'bad-recorded', 'bad-year', 'broken-links', 'code-expressions', 'deep-nesting', 'esm', 'js-frontmatter', 'missing-citation', 'missing-summary', 'no-figure',
        'unclosed-jsx', 'unclosed-quote', 'unknown-component', 'unsafe-figure', 'unsafe-html', 'unsafe-links', 'unsafe-math', 'unsafe-paper-url',
      ].sort(),
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
