/**
 * A small BibTeX reader for our own references file: entries of the form
 * `@type{key, field = {value} | "value" | number, ...}`. Enough for citation labels and a
 * bibliography; it reports malformed entries with their line instead of guessing.
 */
import { isWebUrl } from './url-safety';

export interface BibEntry {
  key: string;
  type: string;
  fields: Record<string, string>;
  line: number;
  /** Where each field's value starts (its opening brace or quote), 1-based. */
  valuePositions: Record<string, { line: number; column: number }>;
}

export interface BibParseResult {
  entries: Map<string, BibEntry>;
  errors: { line: number; message: string }[];
}

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function columnAt(text: string, index: number): number {
  return index - text.lastIndexOf('\n', index - 1);
}

/** Strip TeX braces and simple escapes from a field value. */
export function cleanTex(value: string): string {
  return value
    .replace(/\\[`'^"~=.]\{?([a-zA-Z])\}?/g, '$1')
    .replace(/\\&/g, '&')
    .replace(/--/g, '–')
    .replace(/[{}]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function parseBibtex(text: string): BibParseResult {
  const entries = new Map<string, BibEntry>();
  const errors: BibParseResult['errors'] = [];
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    const header = /^@(\w+)\s*\{\s*([^,\s]+)\s*,/.exec(text.slice(at));
    if (!header) {
      const kind = /^@(\w+)/.exec(text.slice(at))?.[1]?.toLowerCase();
      if (kind !== 'comment' && kind !== 'preamble' && kind !== 'string') errors.push({ line: lineAt(text, at), message: 'malformed BibTeX entry header (expected @type{key,)' });
      i = at + 1;
      continue;
    }
    const type = header[1].toLowerCase();
    const key = header[2];
    let j = at + header[0].length;
    const fields: Record<string, string> = {};
    const valuePositions: BibEntry['valuePositions'] = {};
    let closed = false;
    while (j < text.length) {
      const rest = text.slice(j);
      const end = /^\s*\}/.exec(rest);
      if (end) {
        j += end[0].length;
        closed = true;
        break;
      }
      const name = /^\s*([\w-]+)\s*=\s*/.exec(rest);
      if (!name) break;
      j += name[0].length;
      valuePositions[name[1].toLowerCase()] = { line: lineAt(text, j), column: columnAt(text, j) };
      let value = '';
      if (text[j] === '{') {
        let depth = 0;
        const start = j;
        for (; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}') {
            depth--;
            if (depth === 0) break;
          }
        }
        value = text.slice(start + 1, j);
        j++;
      } else if (text[j] === '"') {
        const endQuote = text.indexOf('"', j + 1);
        if (endQuote < 0) break;
        value = text.slice(j + 1, endQuote);
        j = endQuote + 1;
      } else {
        const bare = /^[\w.-]+/.exec(text.slice(j));
        if (!bare) break;
        value = bare[0];
        j += bare[0].length;
      }
      fields[name[1].toLowerCase()] = value;
      const comma = /^\s*,/.exec(text.slice(j));
      if (comma) j += comma[0].length;
    }
    const line = lineAt(text, at);
    if (!closed) errors.push({ line, message: `BibTeX entry "${key}" is not closed properly` });
    else if (entries.has(key)) errors.push({ line, message: `duplicate BibTeX key "${key}" (first defined on line ${entries.get(key)!.line})` });
    else entries.set(key, { key, type, fields, line, valuePositions });
    i = Math.max(j, at + 1);
  }
  return { entries, errors };
}

function splitAuthors(field: string | undefined): string[] {
  if (!field) return [];
  return field.split(/\s+and\s+/).map((a) => {
    const clean = cleanTex(a);
    if (clean.includes(',')) {
      const [last, first] = clean.split(',').map((s) => s.trim());
      return `${first} ${last}`.trim();
    }
    return clean;
  });
}

function lastName(author: string): string {
  const parts = author.split(' ');
  return parts[parts.length - 1];
}

/** "Koh et al., 2020" / "Kingma & Welling, 2014" */
export function citationLabel(entry: BibEntry): string {
  const authors = splitAuthors(entry.fields.author);
  const year = cleanTex(entry.fields.year ?? 'n.d.');
  if (authors.length === 0) return `${cleanTex(entry.fields.title ?? entry.key)}, ${year}`;
  if (authors.length === 1) return `${lastName(authors[0])}, ${year}`;
  if (authors.length === 2) return `${lastName(authors[0])} & ${lastName(authors[1])}, ${year}`;
  return `${lastName(authors[0])} et al., ${year}`;
}

/** The link a reference should point at: url, else DOI, else arXiv. */
export function referenceUrl(entry: BibEntry): string | undefined {
  const f = entry.fields;
  // Only a web address becomes a link; the checker reports any other url (javascript:, data:).
  if (f.url && isWebUrl(f.url)) return f.url.trim();
  if (f.doi) return `https://doi.org/${f.doi.trim()}`;
  if (f.eprint) return `https://arxiv.org/abs/${f.eprint.trim()}`;
  return undefined;
}

export interface FormattedReference {
  key: string;
  label: string;
  authors: string;
  title: string;
  venue: string;
  year: string;
  url?: string;
  /** One line of plain text, used in citation previews. */
  text: string;
}

export function formatReference(entry: BibEntry): FormattedReference {
  const f = entry.fields;
  const authorsList = splitAuthors(f.author);
  const authors =
    authorsList.length <= 1
      ? authorsList.join('')
      : authorsList.length <= 6
        ? `${authorsList.slice(0, -1).join(', ')} and ${authorsList[authorsList.length - 1]}`
        : `${authorsList.slice(0, 6).join(', ')} et al.`;
  const title = cleanTex(f.title ?? entry.key);
  const venue = cleanTex(f.booktitle ?? f.journal ?? f.howpublished ?? f.publisher ?? (f.eprint ? `arXiv:${f.eprint}` : ''));
  const year = cleanTex(f.year ?? '');
  const text = [authors, year ? `(${year})` : '', `${title}.`, venue ? `${venue}.` : ''].filter(Boolean).join(' ');
  return { key: entry.key, label: citationLabel(entry), authors, title, venue, year, url: referenceUrl(entry), text };
}
