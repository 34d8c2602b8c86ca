/**
 * `npm run new-note -- <slug>`: scaffold content/notes/<slug>.mdx with every frontmatter
 * field and the standard sections (see docs/authoring.md). Refuses to overwrite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { NOTES_DIR } from '../lib/content/index';
import { TOPIC_IDS } from '../lib/content/topics';

const slug = process.argv[2];
if (!slug || slug.startsWith('-')) {
  console.error('Usage: npm run new-note -- <slug>   (lowercase letters, digits and hyphens, e.g. sparse-autoencoders)');
  process.exit(2);
}
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
  console.error(`"${slug}" is not a valid slug: use lowercase letters, digits and single hyphens, e.g. sparse-autoencoders.`);
  process.exit(2);
}
const file = path.join(NOTES_DIR, `${slug}.mdx`);
if (fs.existsSync(file) || fs.existsSync(file.replace(/\.mdx$/, '.md'))) {
  console.error(`${file} already exists; pick another slug or edit that note.`);
  process.exit(2);
}
const title = slug.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
const year = new Date().getFullYear();

const template = `---
title: "${title}"
summary: "One or two sentences: what the paper shows and why a reader should care."
topics: [${TOPIC_IDS[0]}]   # one or more of: ${TOPIC_IDS.join(', ')}
paper:
  title: "The paper's own title"
  authors: ["First Author", "Second Author"]
  year: ${year}
  venue: "Conference or journal ${year}"
  url: "https://arxiv.org/abs/0000.00000"
demos: []   # experiment ids whose components this note places, e.g. [ntk]
---

An opening paragraph: what the paper is about, and why it matters. Cite with \`[@key]\` once the
entry is in content/references.bib.

## The problem

What the paper addresses, and why it is hard.

## How it works

The method, with its key equations, every symbol explained:

$$
\\mathcal{L}(\\theta) = \\frac{1}{n} \\sum_{i=1}^{n} \\ell\\big(f_\\theta(x_i), y_i\\big)
$$

## What the paper found

The headline results with the paper's own numbers, and where each comes from (Table or Figure).

<Callout kind="opinion">
Our view, or the seed notes' view, clearly marked as opinion.
</Callout>

## Open questions

## Connections

- Links to related notes, written as \`[concept bottleneck models](/notes/concept-bottleneck-models)\`.
`;

fs.mkdirSync(NOTES_DIR, { recursive: true });
fs.writeFileSync(file, template);
console.log(`Created ${file}. Next: fill it in, add a figure under public/figures/, and run \`npm run check\`.`);
