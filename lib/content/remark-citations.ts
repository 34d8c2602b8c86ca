/**
 * `[@key]` and `[@a; @b]` in prose become <Cite> elements carrying the formatted references,
 * so the page can show a preview on hover/focus without any JavaScript. Keys are checked
 * elsewhere (analyze.ts) with positions; here an unknown key is left as plain text.
 */
import { visit, SKIP } from 'unist-util-visit';
import type { Root, Text, Parent } from 'mdast';
import type { FormattedReference } from './bibtex';

export const CITATION_PATTERN = /\[(@[\w:.-]+(?:\s*;\s*@[\w:.-]+)*)\]/g;

export function parseCitationKeys(group: string): string[] {
  return group.split(';').map((k) => k.trim().replace(/^@/, ''));
}

export interface CitationOptions {
  references: Map<string, FormattedReference>;
}

export function remarkCitations(options: CitationOptions) {
  return (tree: Root) => {
    visit(tree, 'text', (node: Text, index, parent: Parent | undefined) => {
      if (!parent || index === undefined) return;
      const value = node.value;
      CITATION_PATTERN.lastIndex = 0;
      if (!CITATION_PATTERN.test(value)) return;
      CITATION_PATTERN.lastIndex = 0;
      const pieces: Parent['children'] = [];
      let last = 0;
      for (const match of value.matchAll(CITATION_PATTERN)) {
        const keys = parseCitationKeys(match[1]);
        const refs = keys.map((k) => options.references.get(k));
        if (refs.some((r) => !r)) continue;
        if (match.index! > last) pieces.push({ type: 'text', value: value.slice(last, match.index) });
        pieces.push({
          type: 'mdxJsxTextElement',
          name: 'Cite',
          attributes: [{ type: 'mdxJsxAttribute', name: 'refs', value: JSON.stringify(refs) }],
          children: [],
        } as unknown as Text);
        last = match.index! + match[0].length;
      }
      if (pieces.length === 0) return;
      if (last < value.length) pieces.push({ type: 'text', value: value.slice(last) });
      parent.children.splice(index, 1, ...pieces);
      return [SKIP, index + pieces.length];
    });
  };
}
