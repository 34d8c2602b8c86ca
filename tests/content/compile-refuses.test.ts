import { describe, expect, it } from 'vitest';
import { compileNote } from '@/lib/content/compile';
import { ContentError, formatDiagnostic } from '@/lib/content/diagnostics';

// The page compile runs the same note-language checks as `npm run check` and refuses a note
// before esbuild bundles it, so code in a note is never bundled, let alone evaluated.
const FILE = 'content/notes/evil.mdx';
const FIGURE = '<Figure src="/figures/x.svg" alt="A figure, as every note needs one." />';
const note = (body: string) => `---\ntitle: "Evil"\n---\n\n${body}\n\n${FIGURE}\n`;

async function refusal(body: string): Promise<string[]> {
  try {
    await compileNote(`/nowhere/${FILE}`, note(body), new Map(), FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ContentError);
    return (err as ContentError).diagnostics.map(formatDiagnostic);
  }
  throw new Error('the note compiled');
}

describe('compiling a note that is not content', () => {
  it('refuses an expression that would read the environment, at its position', async () => {
    expect(await refusal('Home is {process.env.HOME}.')).toEqual([
      `${FILE}:5:9 {process.env.HOME} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)`,
    ]);
  });

  it('refuses an import before esbuild could resolve it, and reports every problem at once', async () => {
    const problems = await refusal("import fs from 'node:fs'\n\n<script>alert(1)</script>\n\nMath $\\href{javascript:alert(1)}{x}$.");
    expect(problems.map((p) => p.split(' ')[0])).toEqual([`${FILE}:5:1`, `${FILE}:7:1`, `${FILE}:9:7`]);
    expect(problems[0]).toContain('may not import or export');
    expect(problems[1]).toContain('<script> is not allowed');
    expect(problems[2]).toContain('\\href is not allowed');
  });

  it('refuses JavaScript frontmatter before mdx-bundler reads it, so it never runs', async () => {
    const source = '---js\n{ title: (globalThis.__compileRan = "it ran", "x") }\n---\n\nText.\n';
    await expect(compileNote(`/nowhere/${FILE}`, source, new Map(), FILE)).rejects.toBeInstanceOf(ContentError);
    expect((globalThis as { __compileRan?: string }).__compileRan).toBeUndefined();
  });

  it('compiles a note that is content, with its literal text and comments', async () => {
    const code = await compileNote(`/nowhere/${FILE}`, note("Text{' '}here {/* a comment */} and $x^2$.\n\n<Callout kind=\"note\" title=\"Fine\">Yes.</Callout>"), new Map(), FILE);
    expect(code).toContain('katex');
    expect(code).toContain('Callout');
  });
});
