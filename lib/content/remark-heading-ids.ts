/**
 * Gives every heading an id (GitHub-style slug of its text) and records the headings. It runs
 * once, in remark-note-facts.ts, for both the checker and the page, so the rendered HTML, the
 * table of contents and the link checker can never disagree on an id.
 */
import GithubSlugger from 'github-slugger';
import { toString } from 'mdast-util-to-string';
import { visit } from 'unist-util-visit';
import type { Root, Heading } from 'mdast';

export interface HeadingInfo {
  depth: number;
  text: string;
  id: string;
}

export function collectHeadingIds(tree: Root): HeadingInfo[] {
  const slugger = new GithubSlugger();
  const headings: HeadingInfo[] = [];
  visit(tree, 'heading', (node: Heading) => {
    const text = toString(node);
    const id = slugger.slug(text);
    // hProperties is read by mdast-util-to-hast when the heading becomes HTML.
    const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
    data.hProperties = { ...(data.hProperties ?? {}), id };
    headings.push({ depth: node.depth, text, id });
  });
  return headings;
}
