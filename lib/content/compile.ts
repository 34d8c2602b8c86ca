/**
 * Stage 2: compile a note that passed analysis into the code string that getMDXComponent
 * renders. The remark plugins are the checker's own (pipeline.ts: syntax, checks, heading ids,
 * citations): a note with any problem is refused here, before esbuild bundles anything and
 * before anything is evaluated. Then math becomes HTML at build time (KaTeX, trust off, so no
 * KaTeX JavaScript ships) and code is highlighted.
 */
import { bundleMDX } from 'mdx-bundler';
import { VFile } from 'vfile';
import rehypeKatex from 'rehype-katex';
import rehypeHighlight from 'rehype-highlight';
import type { FormattedReference } from './bibtex';
import { ContentError } from './diagnostics';
import { KATEX_OPTIONS } from './remark-math-check';
import { rehypeKatexStrings } from './rehype-katex-strings';
import { noteRemarkPlugins, type PipelineOptions } from './pipeline';
import { remarkRefuseProblems } from './remark-refuse-problems';
import { frontmatterFenceProblem, yamlOnly } from './frontmatter-fence';
import { nestingProblem } from './nesting-guard';

/**
 * @param filePath absolute path of the note (names it in esbuild's errors)
 * @param file the same path relative to the project, as diagnostics show it
 * @param checks what the note's own checks need beyond the references (figure files, listed demos)
 */
export async function compileNote(
  filePath: string,
  source: string,
  references: Map<string, FormattedReference>,
  file = filePath,
  checks: Omit<PipelineOptions, 'references' | 'bibKeys'> = {},
): Promise<string> {
  // mdx-bundler reads the frontmatter with gray-matter before any plugin runs: refuse a
  // non-YAML fence first, and give gray-matter no parser that evaluates code.
  const fence = frontmatterFenceProblem(source) ?? nestingProblem(source);
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
          // The shared pipeline (checks, heading ids, citations) comes first, then the refusal,
          // and only then mdx-bundler's own plugins (which add the frontmatter export).
          ...noteRemarkPlugins({ ...checks, references, bibKeys: new Set(references.keys()) }),
          refuse,
          ...(options.remarkPlugins ?? []),
        ];
        // Each formula becomes one element holding KaTeX's HTML; rehype-katex only sees what that left.
        const katexOptions = { ...KATEX_OPTIONS, output: 'html' } as const;
        options.rehypePlugins = [...(options.rehypePlugins ?? []), [rehypeKatexStrings, katexOptions], [rehypeKatex, katexOptions], [rehypeHighlight, { detect: false }]];
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
