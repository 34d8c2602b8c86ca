/**
 * "Cite this note": a BibTeX entry and a plain formatted citation for a note of this site.
 * Text from the note (its title, the site's name) goes into BibTeX escaped, so a title with
 * `&`, `%`, `_` or braces neither breaks the entry nor turns into LaTeX commands.
 */

export interface NoteCitationInput {
  slug: string;
  title: string;
  /** Who the note is by: the site, as a corporate author. */
  author: string;
  siteName: string;
  url: string;
  /** 'YYYY-MM-DD' or an ISO date-time: the note's last-updated date. */
  updated: string;
}

const BIBTEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  '&': '\\&',
  '%': '\\%',
  $: '\\$',
  '#': '\\#',
  _: '\\_',
  '^': '\\^{}',
  '~': '\\~{}',
};

/** Text for a BibTeX field: LaTeX's special characters escaped, whitespace collapsed. */
export function escapeBibtex(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/[\\{}&%$#_^~]/g, (c) => BIBTEX_SPECIALS[c]);
}

/** A citation key from the slug: letters, digits and the few separators BibTeX accepts everywhere. */
export function bibtexKey(siteName: string, slug: string): string {
  const prefix = siteName.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${prefix}:${slug.replace(/[^A-Za-z0-9_.:-]/g, '-')}`;
}

export function noteBibtex(input: NoteCitationInput): string {
  const date = input.updated.slice(0, 10);
  const fields: [string, string][] = [
    // Double braces: a corporate author is one name, not "notes, Interpretability".
    ['author', `{${escapeBibtex(input.author)}}`],
    // Inner braces keep the title's capitals as written in every bibliography style.
    ['title', `{${escapeBibtex(input.title)}}`],
    ['howpublished', escapeBibtex(input.siteName)],
    ['year', date.slice(0, 4)],
    // URLs are verbatim in BibTeX's url field (hyperref/biblatex): only braces would break it.
    ['url', input.url.replace(/[{}]/g, encodeURIComponent)],
    ['note', `Last updated ${date}`],
  ];
  const width = Math.max(...fields.map(([name]) => name.length));
  const body = fields.map(([name, value]) => `  ${name.padEnd(width)} = {${value}}`).join(',\n');
  return `@misc{${bibtexKey(input.siteName, input.slug)},\n${body}\n}`;
}

/** A plain citation in an author-title-date style, e.g. for a footnote or a reading list. */
export function noteCitationText(input: NoteCitationInput, displayDate: string): string {
  const title = input.title.replace(/\s+/g, ' ').trim();
  const stop = /[.?!]$/.test(title) ? '' : '.';
  // The site is usually its own author: name it once.
  const by = input.author === input.siteName ? '' : `${input.author}. `;
  return `${by}“${title}${stop}” ${input.siteName}, last updated ${displayDate}. ${input.url}`;
}
