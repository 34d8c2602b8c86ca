/**
 * The note that `npm run new-note` writes, and how the checker recognises what is still
 * left of it. Every placeholder starts with "TODO" (and the paper link is a made-up arXiv
 * number), so an untouched or half-filled scaffold fails `npm run check` at each placeholder
 * instead of publishing "First Author" and a dead link.
 */
import { TOPIC_IDS } from './topics';

export const PLACEHOLDER_PREFIX = 'TODO';
export const PLACEHOLDER_PAPER_URL = 'https://arxiv.org/abs/0000.00000';

/** Is this frontmatter or prose text still a scaffold placeholder? */
export function isPlaceholder(text: string): boolean {
  return text.trimStart().startsWith(PLACEHOLDER_PREFIX) || text.includes('0000.00000');
}

/** A placeholder as messages quote it: at most 50 characters. */
export function shortPlaceholder(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 50 ? `${flat.slice(0, 49).trimEnd()}…` : flat;
}

export function scaffoldNote(slug: string, year: number): string {
  const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
  return `---
title: "TODO: ${title}"
summary: "TODO: one or two sentences: what the paper shows and why a reader should care."
topics: [${TOPIC_IDS[0]}]   # one or more of: ${TOPIC_IDS.join(', ')}
paper:
  title: "TODO: the paper's own title"
  authors: ["TODO: First Author", "TODO: Second Author"]
  year: ${year}
  venue: "TODO: conference or journal ${year}"
  url: "${PLACEHOLDER_PAPER_URL}"
---

TODO: an opening paragraph: what the paper is about, and why it matters. Cite with \`[@key]\` once the
entry is in content/references.bib.

## The problem

TODO: what the paper addresses, and why it is hard.

## How it works

TODO: the method, with its key equations, every symbol explained:

$$
\\mathcal{L}(\\theta) = \\frac{1}{n} \\sum_{i=1}^{n} \\ell\\big(f_\\theta(x_i), y_i\\big)
$$

<Figure src="/figures/${slug}.svg" alt="TODO: what the figure shows, for readers who cannot see it" caption="TODO: a caption" />

## What the paper found

TODO: the headline results with the paper's own numbers, and where each comes from (Table or Figure).

<Callout kind="opinion" title="TODO: our view in a few words">
TODO: where we agree or disagree, argued on its merits.
</Callout>

## Open questions

## Connections

- Links to related notes, written as \`[concept bottleneck models](/notes/concept-bottleneck-models)\`.
`;
}
