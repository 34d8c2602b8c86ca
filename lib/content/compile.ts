/**
 * Stage 2: compile a note that passed analysis into the code string that getMDXComponent
 * renders. One remark/rehype pipeline: GFM, math (KaTeX to HTML at build time, so no KaTeX
 * JavaScript ships), heading ids, citations, code highlighting.
 */
import { bundleMDX } from 'mdx-bundler';
import { VFile } from 'vfile';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeHighlight from 'rehype-highlight';
import type { FormattedReference } from './bibtex';
import { remarkHeadingIds } from './remark-heading-ids';
import { remarkCitations } from './remark-citations';

export async function compileNote(filePath: string, source: string, references: Map<string, FormattedReference>): Promise<string> {
  const { code } = await bundleMDX({
    // A VFile with the real path, so any error names the note rather than a temp entry point.
    source: new VFile({ path: filePath, value: source }) as unknown as string,
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkMath, remarkHeadingIds, [remarkCitations, { references }]];
      options.rehypePlugins = [...(options.rehypePlugins ?? []), [rehypeKatex, { output: 'html', strict: 'ignore' }], [rehypeHighlight, { detect: false }]];
      return options;
    },
  });
  return code;
}
