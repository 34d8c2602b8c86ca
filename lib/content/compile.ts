/**
 * Stage 2: compile a note that passed analysis into the code string that getMDXComponent
 * renders. One remark/rehype pipeline: first the same note-language and math checks the
 * checker runs (a note that is not content is refused here, before esbuild bundles anything
 * and before anything is evaluated), then GFM, math (KaTeX to HTML at build time, trust off,
 * so no KaTeX JavaScript ships), heading ids, citations, code highlighting.
 */
import { bundleMDX } from 'mdx-bundler';
import { VFile } from 'vfile';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';
import rehypeHighlight from 'rehype-highlight';
import type { FormattedReference } from './bibtex';
import { ContentError } from './diagnostics';
import { remarkHeadingIds } from './remark-heading-ids';
import { remarkCitations } from './remark-citations';
import { remarkNoteLanguage } from './remark-note-language';
import { remarkMathCheck, KATEX_OPTIONS } from './remark-math-check';
import { remarkRefuseProblems } from './remark-refuse-problems';
import { frontmatterFenceProblem, yamlOnly } from './frontmatter-fence';

/**
 * @param filePath absolute path of the note (names it in esbuild's errors)
 * @param file the same path relative to the project, as diagnostics show it
 */
export async function compileNote(filePath: string, source: string, references: Map<string, FormattedReference>, file = filePath): Promise<string> {
  // mdx-bundler reads the frontmatter with gray-matter before any plugin runs: refuse a
  // non-YAML fence first, and give gray-matter no parser that evaluates code.
  const fence = frontmatterFenceProblem(source);
  if (fence) throw new ContentError([{ file, ...fence }]);
  let refused: ContentError | null = null;
  const refuse = () => {
    const check = remarkRefuseProblems({ file });
    return (tree: unknown, vfile: VFile) => {
      try {
        check(tree, vfile);
      } catch (err) {
        refused = err as ContentError;
        throw err;
      }
    };
  };
  try {
    const { code } = await bundleMDX({
      // A VFile with the real path, so any error names the note rather than a temp entry point.
      source: new VFile({ path: filePath, value: source }) as unknown as string,
      grayMatterOptions: (options) => yamlOnly(options),
      // Errors come back as the thrown error (and a refused note as its ContentError): no duplicate log.
      esbuildOptions(options) {
        options.logLevel = 'silent';
        return options;
      },
      mdxOptions(options) {
        options.remarkPlugins = [
          // The checks come first, before mdx-bundler's own plugins add the frontmatter export.
          remarkMath,
          remarkNoteLanguage,
          remarkMathCheck,
          refuse,
          ...(options.remarkPlugins ?? []),
          remarkGfm,
          remarkHeadingIds,
          [remarkCitations, { references }],
        ];
        options.rehypePlugins = [...(options.rehypePlugins ?? []), [rehypeKatex, { ...KATEX_OPTIONS, output: 'html' }], [rehypeHighlight, { detect: false }]];
        return options;
      },
    });
    return code;
  } catch (err) {
    // esbuild wraps what a plugin throws; hand back the diagnostics themselves.
    if (refused) throw refused;
    throw err;
  }
}
