/**
 * Each formula is one element holding KaTeX's HTML (lib/content/rehype-katex-strings.ts). The page
 * must read exactly as it did when rehype-katex handed MDX a tree of spans: same HTML, byte for byte.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { bundleMDX } from 'mdx-bundler';
import { getMDXComponent } from 'mdx-bundler/client';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import type { PluggableList } from 'unified';
import { describe, expect, it } from 'vitest';
import { KATEX_OPTIONS } from '@/lib/content/remark-math-check';
import { rehypeKatexStrings } from '@/lib/content/rehype-katex-strings';

const options = { ...KATEX_OPTIONS, output: 'html' } as const;

// Inline and display math, SVG (square roots, wide accents, braces, arrows), arrays, text and
// characters React escapes (& < > ' "), and a ```math fence.
const SOURCE = `
Inline $x_i^2 + \\sqrt{\\frac{a}{b}}$ and $a < b \\;\\&\\; c > d$ and $\\text{it's "quoted"}$ in a sentence.

$$
\\widehat{f}(\\xi) = \\int_{-\\infty}^{\\infty} f(x)\\, e^{-2\\pi i x \\xi}\\, dx
\\qquad \\underbrace{a + b}_{n} \\xrightarrow{\\;\\theta\\;} \\overbrace{c}^{m}
$$

$$
\\begin{pmatrix} 1 & 0 \\\\ 0 & \\sqrt[3]{2} \\end{pmatrix} \\cdot \\left\\{ \\frac{\\partial L}{\\partial \\theta} \\right\\}
$$

\`\`\`math
\\mathbb{E}[\\,\\lVert z \\rVert\\,] \\le \\sum_{k=1}^{K} \\lambda_k
\`\`\`
`;

async function render(rehypePlugins: PluggableList): Promise<{ code: string; html: string }> {
  const { code } = await bundleMDX({
    source: SOURCE,
    mdxOptions(mdx) {
      mdx.remarkPlugins = [remarkMath];
      mdx.rehypePlugins = rehypePlugins;
      return mdx;
    },
  });
  return { code, html: renderToStaticMarkup(createElement(getMDXComponent(code))) };
}

describe('formulas as one element of KaTeX HTML', () => {
  it('render the same HTML as rehype-katex, with a fraction of the elements', async () => {
    const before = await render([[rehypeKatex, options]]);
    const after = await render([[rehypeKatexStrings, options], [rehypeKatex, options]]);
    expect(after.html).toContain('class="katex-display"');
    expect(after.html).toContain('<svg');
    expect(after.html).toBe(before.html);
    const elements = (code: string) => (code.match(/\.jsxs?\)\(/g) ?? []).length;
    // Seven formulas: one element each, plus the paragraphs around them.
    expect(elements(after.code)).toBeLessThan(15);
    expect(elements(before.code)).toBeGreaterThan(10 * elements(after.code));
  });

  it('leave a formula KaTeX cannot typeset to rehype-katex, which reports and marks it as before', async () => {
    const broken = SOURCE.replace('x_i^2', '\\frac{x');
    const { code } = await bundleMDX({
      source: broken,
      // rehype-katex's warning reaches esbuild's log: expected here, so not printed.
      esbuildOptions(esbuild) {
        esbuild.logLevel = 'silent';
        return esbuild;
      },
      mdxOptions(mdx) {
        mdx.remarkPlugins = [remarkMath];
        mdx.rehypePlugins = [[rehypeKatexStrings, options], [rehypeKatex, options]];
        return mdx;
      },
    });
    const html = renderToStaticMarkup(createElement(getMDXComponent(code)));
    expect(html).toContain('katex-error');
    // The other formulas are still typeset.
    expect(html).toContain('class="katex-display"');
  });
});
