/**
 * Stage 1 of the content pipeline: parse one note and check everything we can check
 * without compiling it: frontmatter, MDX syntax, LaTeX, components, citation keys, and the
 * links it makes (resolved against the other notes in index.ts). Every problem is collected
 * with its exact position, so `npm run check` reports all of them at once.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkMdx from 'remark-mdx';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import remarkFrontmatter from 'remark-frontmatter';
import matter from 'gray-matter';
import { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import type { Root, Node } from 'mdast';
import type { Diagnostic } from './diagnostics';
import { validateFrontmatter, lineOfKeyPath, type Frontmatter } from './frontmatter';
import { collectHeadingIds, type HeadingInfo } from './remark-heading-ids';
import { CITATION_PATTERN, parseCitationKeys } from './remark-citations';
import { isSitePath } from './url-safety';
import { DEMO_COMPONENTS } from './known-components';
import { remarkNoteLanguage } from './remark-note-language';
import { remarkMathCheck } from './remark-math-check';
import { messagesToDiagnostics } from './remark-refuse-problems';
import { findUnclosedQuote } from './yaml-quotes';
import { frontmatterFenceProblem, yamlOnly } from './frontmatter-fence';
import { scanSvg } from './svg-safety';
import { PLACEHOLDER_PREFIX, shortPlaceholder } from './scaffold';

export interface NoteLink {
  /** Target note slug, or null for a same-page #anchor. */
  slug: string | null;
  anchor: string | null;
  href: string;
  line: number;
  column: number;
}

export interface NoteAnalysis {
  frontmatter?: Frontmatter;
  diagnostics: Diagnostic[];
  headings: HeadingInfo[];
  /** Cited keys in order of first citation. */
  citations: string[];
  links: NoteLink[];
  /** Demo experiment ids used in the body, in order. */
  demosUsed: string[];
  /** Plain text of the body, for search and reading time. */
  text: string;
  wordCount: number;
}

export interface AnalyzeOptions {
  /** Known BibTeX keys. */
  bibKeys: Set<string>;
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

function offsetToLineCol(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak };
}

type JsxNode = Node & {
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
  position?: Node['position'];
};

function jsxAttr(node: JsxNode, name: string): { present: boolean; value: string | null } {
  const attr = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  if (!attr) return { present: false, value: null };
  return { present: true, value: typeof attr.value === 'string' ? attr.value : null };
}

function parseInternalHref(href: string): { slug: string | null; anchor: string | null } | null {
  if (href.startsWith('#')) return { slug: null, anchor: decodeURIComponent(href.slice(1)) };
  const m = /^\/notes\/([^/#?]+)\/?(?:#(.*))?$/.exec(href);
  if (!m) return null;
  return { slug: m[1], anchor: m[2] ? decodeURIComponent(m[2]) : null };
}

export function analyzeNote(file: string, source: string, options: AnalyzeOptions): NoteAnalysis {
  const diagnostics: Diagnostic[] = [];
  const report = (line: number, column: number, message: string) => diagnostics.push({ file, line, column, message });
  const result: NoteAnalysis = { diagnostics, headings: [], citations: [], links: [], demosUsed: [], text: '', wordCount: 0 };

  // Frontmatter: must open the file.
  const fence = frontmatterFenceProblem(source);
  if (!source.startsWith('---')) {
    report(1, 1, 'missing frontmatter: a note must start with a --- YAML block (see docs/authoring.md)');
  } else if (fence) {
    report(fence.line, fence.column, fence.message);
  } else {
    try {
      const { data } = matter(source, yamlOnly({}));
      const fm = validateFrontmatter(file, source, data);
      diagnostics.push(...fm.diagnostics);
      result.frontmatter = fm.value;
    } catch (err) {
      // An unclosed quote makes the parser fail lines later: report the quote itself.
      const quote = findUnclosedQuote(source);
      const mark = (err as { mark?: { line: number; column: number } }).mark;
      const reason = (err as { reason?: string }).reason ?? (err as Error).message;
      if (quote) report(quote.line, quote.column, `frontmatter is not valid YAML: this ${quote.quote === '"' ? 'double' : 'single'} quote is never closed (a value must end on its own line)`);
      else report(mark ? mark.line + 2 : 1, mark ? mark.column + 1 : 1, `frontmatter is not valid YAML: ${reason}`);
    }
  }

  // MDX syntax.
  // The note-language and math checks are the same remark plugins the page compile runs.
  let tree: Root;
  const vfile = new VFile({ path: file, value: source });
  try {
    const processor = unified()
      .use(remarkParse)
      .use(remarkMdx)
      .use(remarkGfm)
      .use(remarkMath)
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkNoteLanguage)
      .use(remarkMathCheck);
    tree = processor.runSync(processor.parse(vfile), vfile) as Root;
    diagnostics.push(...messagesToDiagnostics(file, vfile));
  } catch (err) {
    const e = err as PositionedError;
    // Some MDX errors (an unclosed tag) carry their position only inside the message text.
    const inMessage = /\((\d+):(\d+)(?:-\d+:\d+)?\)/.exec(e.reason ?? e.message);
    const line = e.line ?? e.place?.start?.line ?? e.place?.line ?? (inMessage ? Number(inMessage[1]) : 1);
    const column = e.column ?? e.place?.start?.column ?? e.place?.column ?? (inMessage ? Number(inMessage[2]) : 1);
    report(line, column, `MDX syntax error: ${e.reason ?? e.message}`);
    return result;
  }

  result.headings = collectHeadingIds(tree);

  // An inlined SVG becomes part of the page: report what it may not contain at its own place.
  let figures = 0;
  const checkSvgFigure = (src: string, at: { line: number; column: number }) => {
    const text = options.readPublicFile?.(src);
    if (text == null) return;
    for (const p of scanSvg(text).problems) {
      diagnostics.push({ file: `public${src}`, line: p.line, column: p.column, message: `${p.message} (figure placed at ${file}:${at.line}:${at.column})` });
    }
  };

  visit(tree, (node: Node) => {
    const pos = node.position?.start ?? { line: 1, column: 1, offset: 0 };
    switch (node.type) {
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const jsx = node as JsxNode;
        const name = jsx.name;
        if (!name) break; // fragment
        for (const attr of jsx.attributes) {
          if (typeof attr.value === 'string' && attr.value.startsWith(`${PLACEHOLDER_PREFIX}:`)) {
            const at = (attr as { position?: Node['position'] }).position?.start ?? pos;
            report(at.line, at.column, `<${name} ${attr.name}>: still the new-note placeholder "${shortPlaceholder(attr.value)}"; replace it`);
          }
        }
        if (name === 'Figure') {
          figures++;
          const src = jsxAttr(jsx, 'src');
          const alt = jsxAttr(jsx, 'alt');
          if (!src.value) report(pos.line, pos.column, '<Figure> needs a src="/figures/..." attribute');
          else if (!isSitePath(src.value) || !options.publicFileExists(src.value)) report(pos.line, pos.column, `<Figure> src "${src.value}" does not exist under public/`);
          else if (src.value.endsWith('.svg')) checkSvgFigure(src.value, pos);
          if (!alt.value || alt.value.trim().length < 10) report(pos.line, pos.column, '<Figure> needs alt text that describes the figure (at least 10 characters)');
        }
        if (name in DEMO_COMPONENTS) {
          const id = DEMO_COMPONENTS[name];
          result.demosUsed.push(id);
          if (result.frontmatter && !result.frontmatter.demos.includes(id)) {
            report(pos.line, pos.column, `<${name}> is used but "${id}" is not listed in the frontmatter demos`);
          }
        }
        const href = jsxAttr(jsx, 'href');
        if (href.value) {
          const target = parseInternalHref(href.value);
          if (target) result.links.push({ ...target, href: href.value, line: pos.line, column: pos.column });
        }
        break;
      }
      case 'link': {
        const url = (node as unknown as { url: string }).url;
        const target = parseInternalHref(url);
        if (target) result.links.push({ ...target, href: url, line: pos.line, column: pos.column });
        break;
      }
      case 'text': {
        const value = (node as unknown as { value: string }).value;
        if (value.startsWith(`${PLACEHOLDER_PREFIX}:`)) report(pos.line, pos.column, `still the new-note placeholder "${shortPlaceholder(value)}"; write this part of the note`);
        for (const match of value.matchAll(CITATION_PATTERN)) {
          const keys = parseCitationKeys(match[1]);
          const at = offsetToLineCol(source, (pos.offset ?? 0) + (match.index ?? 0));
          // Text nodes can contain escapes, so the offset is exact only for plain text; fine for prose.
          for (const key of keys) {
            if (!options.bibKeys.has(key)) report(at.line, at.column, `citation key "${key}" is not in content/references.bib`);
            else if (!result.citations.includes(key)) result.citations.push(key);
          }
        }
        break;
      }
    }
  });

  if (figures === 0) report(1, 1, 'a note needs at least one <Figure> (an SVG drawn for it under public/figures/; see docs/authoring.md)');

  if (result.frontmatter) {
    for (const id of result.frontmatter.demos) {
      if (!result.demosUsed.includes(id)) {
        const where = lineOfKeyPath(source, ['demos']);
        report(where.line, where.column, `frontmatter demos lists "${id}" but the note never places its component`);
      }
    }
  }

  const bodyText: string[] = [];
  visit(tree, (node: Node) => {
    if (node.type === 'yaml' || node.type === 'math' || node.type === 'inlineMath') return 'skip';
    if (node.type === 'text' || node.type === 'inlineCode') bodyText.push((node as unknown as { value: string }).value);
    return undefined;
  });
  result.text = bodyText.join(' ').replace(/\s+/g, ' ').trim();
  result.wordCount = result.text.split(' ').filter(Boolean).length;
  return result;
}
