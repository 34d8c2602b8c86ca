/**
 * Stage 1 of the content pipeline: read one note's frontmatter, then run its body through
 * the same remark plugins the page compile uses (pipeline.ts) and stop before HTML. Every
 * problem comes back with its exact position, so `npm run check` reports all of them at
 * once; what the site needs (headings, citations, links, demos, text) is read off the file.
 * Nothing in the note is evaluated: the frontmatter must be YAML, and the body is only parsed.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkFrontmatter from 'remark-frontmatter';
import matter from 'gray-matter';
import { VFile } from 'vfile';
import type { Diagnostic } from './diagnostics';
import { validateFrontmatter, lineOfKeyPath, type Frontmatter } from './frontmatter';
import { noteRemarkPlugins } from './pipeline';
import { messagesToDiagnostics } from './remark-refuse-problems';
import type { NoteFacts } from './remark-note-facts';
import type { FormattedReference } from './bibtex';
import { findUnclosedQuote } from './yaml-quotes';
import { frontmatterFenceProblem, yamlOnly } from './frontmatter-fence';
import { nestingProblem } from './nesting-guard';

export type { NoteLink } from './remark-note-facts';

export interface NoteAnalysis extends NoteFacts {
  frontmatter?: Frontmatter;
  diagnostics: Diagnostic[];
}

export interface AnalyzeOptions {
  /** Known BibTeX keys. */
  bibKeys: Set<string>;
  /** The formatted references, so the tree matches the page's (optional for the checker). */
  references?: Map<string, FormattedReference>;
  /** Does a file exist under public/? (Figures.) */
  publicFileExists: (path: string) => boolean;
  /** The text of a file under public/ (an SVG figure), to check what it would put in the page. */
  readPublicFile?: (path: string) => string | null;
}

interface PositionedError {
  line?: number;
  column?: number;
  place?: { line?: number; column?: number; start?: { line: number; column: number } };
  reason?: string;
  message: string;
}

/** Frontmatter: YAML only, validated against the schema, each problem at its value. */
function readFrontmatter(file: string, source: string, report: (line: number, column: number, message: string) => void): { value?: Frontmatter; diagnostics: Diagnostic[] } {
  const fence = frontmatterFenceProblem(source);
  if (!source.startsWith('---')) {
    report(1, 1, 'missing frontmatter: a note must start with a --- YAML block (see docs/authoring.md)');
  } else if (fence) {
    report(fence.line, fence.column, fence.message);
  } else {
    try {
      const { data } = matter(source, yamlOnly({}));
      return validateFrontmatter(file, source, data);
    } catch (err) {
      // An unclosed quote makes the parser fail lines later: report the quote itself.
      const quote = findUnclosedQuote(source);
      const mark = (err as { mark?: { line: number; column: number } }).mark;
      const reason = (err as { reason?: string }).reason ?? (err as Error).message;
      if (quote) report(quote.line, quote.column, `frontmatter is not valid YAML: this ${quote.quote === '"' ? 'double' : 'single'} quote is never closed (a value must end on its own line)`);
      else report(mark ? mark.line + 2 : 1, mark ? mark.column + 1 : 1, `frontmatter is not valid YAML: ${reason}`);
    }
  }
  return { diagnostics: [] };
}

export function analyzeNote(file: string, source: string, options: AnalyzeOptions): NoteAnalysis {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, column: number, message: string) => diagnostics.push({ file, line, column, message });
  const fm = readFrontmatter(file, source, report);
  diagnostics.push(...fm.diagnostics);
  const empty: NoteFacts = { headings: [], citations: [], links: [], demosUsed: [], text: '', wordCount: 0 };

  const nesting = nestingProblem(source);
  if (nesting) {
    report(nesting.line, nesting.column, nesting.message);
    return { ...empty, frontmatter: fm.value, diagnostics };
  }

  const vfile = new VFile({ path: file, value: source });
  const processor = unified()
    .use(remarkParse)
    .use(remarkMdx)
    .use(remarkFrontmatter, ['yaml'])
    .use(
      noteRemarkPlugins({
        bibKeys: options.bibKeys,
        references: options.references,
        publicFileExists: options.publicFileExists,
        readPublicFile: options.readPublicFile,
        demosListed: fm.value?.demos, // undefined when not listed: the body alone decides
        demosKeyAt: lineOfKeyPath(source, ['demos']),
      }),
    );
  try {
    processor.runSync(processor.parse(vfile), vfile);
  } catch (err) {
    const e = err as PositionedError;
    // Some MDX errors (an unclosed tag) carry their position only inside the message text.
    const inMessage = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(e.reason ?? e.message);
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? (inMessage ? Number(inMessage[1]) : 1);
    const column = e.column ?? e.place?.start?.column ?? e.place?.column ?? (inMessage ? Number(inMessage[2]) : 1);
    report(line, column, `MDX syntax error: ${e.reason ?? e.message}`);
    return { ...empty, frontmatter: fm.value, diagnostics };
  }
  diagnostics.push(...messagesToDiagnostics(file, vfile));
  return { ...(vfile.data.note ?? empty), frontmatter: fm.value, diagnostics };
}
