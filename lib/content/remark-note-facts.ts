/**
 * A remark plugin that reads what the site needs from a note (headings with their ids, the
 * citations, the links, the demos it places, its plain text) into `file.data.note`, and
 * reports the note's own mistakes through the file's messages at their positions: unknown
 * citation keys, figures that are missing or not drawings, demos not listed in the
 * frontmatter, scaffold placeholders, a note without a figure. Checks that need every note
 * (links to other notes' headings) run afterwards in index.ts.
 */
import { visit } from 'unist-util-visit';
import type { Root, Node } from 'mdast';
import type { VFile } from 'vfile';
import { collectHeadingIds, type HeadingInfo } from './remark-heading-ids';
import { CITATION_PATTERN, parseCitationKeys } from './remark-citations';
import { DEMO_COMPONENTS } from './known-components';
import { PLACEHOLDER_PREFIX, shortPlaceholder } from './scaffold';
import { scanSvg } from './svg-safety';
import { isSitePath } from './url-safety';

export interface NoteLink {
  /** Target note slug, or null for a same-page #anchor. */
  slug: string | null;
  anchor: string | null;
  href: string;
  line: number;
  column: number;
}

export interface NoteFacts {
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

export interface NoteFactsOptions {
  /** Known BibTeX keys. */
  bibKeys: Set<string>;
  /** Does a file exist under public/? Without it, figure files are not checked. */
  publicFileExists?: (path: string) => boolean;
  /** The text of a file under public/ (an SVG figure), to check what it would put in the page. */
  readPublicFile?: (path: string) => string | null;
  /** The demo ids the frontmatter lists; undefined when the frontmatter itself is broken. */
  demosListed?: string[];
  /** Where the frontmatter's `demos:` key is, for reporting a listed demo that is never placed. */
  demosKeyAt?: { line: number; column: number };
}

declare module 'vfile' {
  interface DataMap {
    note: NoteFacts;
  }
}

type Point = { line: number; column: number; offset?: number };

type JsxNode = Node & { name: string | null; attributes: { type: string; name?: string; value?: unknown; position?: Node['position'] }[] };

function jsxAttr(node: JsxNode, name: string): string | null {
  const attr = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === name);
  return attr && typeof attr.value === 'string' ? attr.value : null;
}

function parseInternalHref(href: string): { slug: string | null; anchor: string | null } | null {
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s; // a malformed %-escape: keep it, the link check will report no such heading
    }
  };
  if (href.startsWith('#')) return { slug: null, anchor: decode(href.slice(1)) };
  const m = /^\/notes\/([^/#?]+)\/?(?:#(.*))?$/.exec(href);
  if (!m) return null;
  return { slug: m[1], anchor: m[2] ? decode(m[2]) : null };
}

function offsetToPoint(source: string, offset: number): Point {
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

export function remarkNoteFacts(options: NoteFactsOptions) {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    const facts: NoteFacts = { headings: collectHeadingIds(tree), citations: [], links: [], demosUsed: [], text: '', wordCount: 0 };
    const report = (at: Point, reason: string, ruleId: string) => file.message(reason, { place: at, ruleId, source: 'note-facts' });
    let figures = 0;

    const checkSvgFigure = (src: string, at: Point) => {
      const text = options.readPublicFile?.(src);
      if (text == null) return;
      for (const p of scanSvg(text).problems) {
        // Reported at the SVG's own line and column; the message says which <Figure> placed it.
        const message = report({ line: p.line, column: p.column }, `${p.message} (figure placed at ${file.path}:${at.line}:${at.column})`, 'figure-svg');
        message.file = `public${src}`;
      }
    };

    visit(tree, (node: Node) => {
      const pos: Point = node.position?.start ?? { line: 1, column: 1, offset: 0 };
      switch (node.type) {
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const jsx = node as JsxNode;
          const name = jsx.name;
          if (!name) break; // fragment
          for (const attr of jsx.attributes) {
            if (typeof attr.value === 'string' && attr.value.startsWith(`${PLACEHOLDER_PREFIX}:`)) {
              report(attr.position?.start ?? pos, `<${name} ${attr.name}>: still the new-note placeholder "${shortPlaceholder(attr.value)}"; replace it`, 'placeholder');
            }
          }
          if (name === 'Figure') {
            figures++;
            const src = jsxAttr(jsx, 'src');
            const alt = jsxAttr(jsx, 'alt');
            if (!src) report(pos, '<Figure> needs a src="/figures/..." attribute', 'figure-src');
            else if (options.publicFileExists && (!isSitePath(src) || !options.publicFileExists(src))) report(pos, `<Figure> src "${src}" does not exist under public/`, 'figure-src');
            else if (src.endsWith('.svg')) checkSvgFigure(src, pos);
            if (!alt || alt.trim().length < 10) report(pos, '<Figure> needs alt text that describes the figure (at least 10 characters)', 'figure-alt');
          }
          if (Object.hasOwn(DEMO_COMPONENTS, name)) {
            const id = DEMO_COMPONENTS[name];
            facts.demosUsed.push(id);
            if (options.demosListed && !options.demosListed.includes(id)) report(pos, `<${name}> is used but "${id}" is not listed in the frontmatter demos`, 'demo-listed');
          }
          break;
        }
        case 'link': {
          const url = (node as Node & { url: string }).url;
          const target = parseInternalHref(url);
          if (target) facts.links.push({ ...target, href: url, line: pos.line, column: pos.column });
          break;
        }
        case 'text': {
          const value = (node as Node & { value: string }).value;
          if (value.startsWith(`${PLACEHOLDER_PREFIX}:`)) report(pos, `still the new-note placeholder "${shortPlaceholder(value)}"; write this part of the note`, 'placeholder');
          for (const match of value.matchAll(CITATION_PATTERN)) {
            // Text nodes can contain escapes, so the offset is exact only for plain text; fine for prose.
            const at = offsetToPoint(source, (pos.offset ?? 0) + (match.index ?? 0));
            for (const key of parseCitationKeys(match[1])) {
              if (!options.bibKeys.has(key)) report(at, `citation key "${key}" is not in content/references.bib`, 'citation');
              else if (!facts.citations.includes(key)) facts.citations.push(key);
            }
          }
          break;
        }
      }
    });

    if (figures === 0) report({ line: 1, column: 1 }, 'a note needs at least one <Figure> (an SVG drawn for it under public/figures/; see docs/authoring.md)', 'figure-needed');
    for (const id of options.demosListed ?? []) {
      if (!facts.demosUsed.includes(id)) report(options.demosKeyAt ?? { line: 1, column: 1 }, `frontmatter demos lists "${id}" but the note never places its component`, 'demo-placed');
    }

    const bodyText: string[] = [];
    visit(tree, (node: Node) => {
      if (node.type === 'yaml' || node.type === 'math' || node.type === 'inlineMath') return 'skip';
      if (node.type === 'text' || node.type === 'inlineCode') bodyText.push((node as Node & { value: string }).value);
      return undefined;
    });
    facts.text = bodyText.join(' ').replace(/\s+/g, ' ').trim();
    facts.wordCount = facts.text.split(' ').filter(Boolean).length;
    file.data.note = facts;
  };
}
