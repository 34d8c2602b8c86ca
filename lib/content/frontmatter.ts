/**
 * The frontmatter schema of a note, and validation that reports each problem at the line
 * of the offending key (zod knows the path; we find the path's line in the YAML text).
 */
import { z } from 'zod';
import { TOPIC_IDS } from './topics';
import { DEMO_COMPONENTS } from './known-components';
import type { Diagnostic } from './diagnostics';
import { isWebUrl } from './url-safety';
import { isPlaceholder, shortPlaceholder } from './scaffold';
import { updatedDateProblems, updatedDateSchema } from './updated-date';

const EXPERIMENT_IDS = Object.values(DEMO_COMPONENTS) as string[];

export const frontmatterSchema = z
  .object({
    // Upper bounds keep one field from flooding every page that lists the note.
    title: z.string().trim().min(3, 'title is too short').max(120, 'title should be at most 120 characters'),
    summary: z.string().trim().min(20, 'summary should be a sentence or two (at least 20 characters)').max(300, 'summary should be at most 300 characters'),
    topics: z
      .array(z.string().refine((t) => TOPIC_IDS.includes(t), (t) => ({ message: `unknown topic "${t}"; valid topics: ${TOPIC_IDS.join(', ')}` })))
      .min(1, 'topics needs at least one topic'),
    paper: z
      .object({
        title: z.string().trim().min(3).max(300),
        authors: z.array(z.string().trim().min(1).max(100)).min(1, 'paper.authors needs at least one author').max(100),
        year: z.number().int().min(1900).max(2100),
        venue: z.string().trim().min(2).max(150),
        // Not z.string().url(): that accepts javascript: and data: URLs, and this one becomes a link.
        url: z.string().refine(isWebUrl, 'must be an http(s) address (https://...)'),
      })
      .strict(),
    // Optional: the demos are read from the components the note places. If listed, the list
    // must match them (older notes list them; the checker keeps the two in step).
    demos: z
      .array(z.string().refine((d) => EXPERIMENT_IDS.includes(d), (d) => ({ message: `unknown demo "${d}"; valid demos: ${EXPERIMENT_IDS.join(', ')}` })))
      .optional(),
    // Optional: when the note last changed in substance (else git's date, else the file's).
    updated: updatedDateSchema,
  })
  .strict();

export type Frontmatter = z.infer<typeof frontmatterSchema>;

/** Line (1-based, within the whole file) of a YAML key path such as ['paper', 'year']. */
export function lineOfKeyPath(source: string, path: (string | number)[]): { line: number; column: number } {
  const lines = source.split('\n');
  let searchFrom = 1; // skip the opening ---
  let indent = -1;
  let found = { line: 1, column: 1 };
  for (const part of path) {
    if (typeof part === 'number') {
      // nth list item below the current key
      let count = -1;
      for (let i = searchFrom; i < lines.length && lines[i].trim() !== '---'; i++) {
        const m = /^(\s*)- /.exec(lines[i]);
        if (m && m[1].length > indent) count++;
        if (count === part) {
          found = { line: i + 1, column: (m?.[1].length ?? 0) + 1 };
          searchFrom = i;
          break;
        }
      }
      continue;
    }
    for (let i = searchFrom; i < lines.length && lines[i].trim() !== '---'; i++) {
      const m = new RegExp(`^(\\s*)${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`).exec(lines[i]);
      if (m && m[1].length > indent) {
        found = { line: i + 1, column: m[1].length + 1 };
        indent = m[1].length;
        searchFrom = i + 1;
        break;
      }
    }
  }
  return found;
}

/**
 * Where a value itself sits (line and column of its first character, opening quote included),
 * searching from its key's line: for `url: "javascript:..."` the column of the quote, for
 * `authors: ["A", "TODO"]` the second item. Falls back to the key.
 */
export function positionOfValue(source: string, keyPath: string[], value: string, nth = 0): { line: number; column: number } {
  const key = lineOfKeyPath(source, keyPath);
  const lines = source.split('\n');
  let seen = 0;
  for (let i = key.line - 1; i < lines.length && !(i > 0 && lines[i].trim() === '---'); i++) {
    // On the key's own line, look only after `key:` (so `title: "t"` is not found inside "title").
    let from = i === key.line - 1 ? lines[i].indexOf(':', key.column - 1) + 1 : 0;
    for (;;) {
      const at = lines[i].indexOf(value, from);
      if (at < 0) break;
      if (seen++ === nth) {
        const quoted = at > 0 && (lines[i][at - 1] === '"' || lines[i][at - 1] === "'");
        return { line: i + 1, column: quoted ? at : at + 1 };
      }
      from = at + value.length;
    }
  }
  return key;
}

/**
 * The new-note scaffold's placeholders ("TODO: ...", the made-up arXiv link), each at its
 * value, so a half-filled note never passes.
 */
export function placeholderDiagnostics(file: string, source: string, data: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  // YAML aliases (*a) make a list or map appear at many paths: visit each once, or a
  // few lines of nested aliases take exponential time.
  const seen = new Set<object>();
  const visit = (value: unknown, path: (string | number)[], siblings: unknown[]) => {
    if (value && typeof value === 'object') {
      if (seen.has(value)) return;
      seen.add(value);
    }
    if (typeof value === 'string') {
      if (!isPlaceholder(value)) return;
      // The nth placeholder with this same text under this key (two identical authors).
      const last = path[path.length - 1];
      const nth = typeof last === 'number' ? siblings.slice(0, last).filter((v) => v === value).length : 0;
      const where = positionOfValue(source, path.filter((p): p is string => typeof p === 'string'), value, nth);
      out.push({ file, ...where, message: `frontmatter ${path.join('.')}: still the new-note placeholder "${shortPlaceholder(value)}"; replace it` });
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i], value));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k], []);
  };
  visit(data, [], []);
  return out;
}

function valueAt(data: unknown, path: (string | number)[]): unknown {
  let v = data;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

export function validateFrontmatter(file: string, source: string, data: unknown): { value?: Frontmatter; diagnostics: Diagnostic[] } {
  // Problems found on the written text (placeholders, an impossible `updated:` date), reported even when the schema passes.
  const placeholders = [...placeholderDiagnostics(file, source, data), ...updatedDateProblems(file, source, data)];
  const parsed = frontmatterSchema.safeParse(data);
  if (parsed.success) return { value: parsed.data, diagnostics: placeholders };
  const diagnostics = parsed.error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    const keyPath = issue.path.join('.');
    const value = valueAt(data, issue.path);
    // A missing key has no line of its own: point at its parent (or the frontmatter start).
    // A single value that is wrong (an unknown topic, a javascript: URL, a year in words) is
    // pointed at itself; a wrong list or map at its key.
    const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
    const where =
      !missing && scalar
        ? positionOfValue(source, issue.path.filter((p): p is string => typeof p === 'string'), String(value), sameValuesBefore(data, issue.path, value))
        : lineOfKeyPath(source, missing ? issue.path.slice(0, -1) : issue.path);
    let message: string;
    if (missing) message = `frontmatter: missing required field "${keyPath}"`;
    else if (issue.code === 'unrecognized_keys') message = `frontmatter${keyPath ? ` ${keyPath}` : ''}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    else message = `frontmatter ${keyPath}: ${issue.message}`;
    return { file, ...where, message };
  });
  const reported = new Set(diagnostics.map((d) => `${d.line}:${d.column}`));
  return { diagnostics: [...diagnostics, ...placeholders.filter((d) => !reported.has(`${d.line}:${d.column}`))] };
}

/** For a list item, how many earlier items hold the same text (so the right one is pointed at). */
function sameValuesBefore(data: unknown, path: (string | number)[], value: unknown): number {
  const last = path[path.length - 1];
  if (typeof last !== 'number') return 0;
  const list = valueAt(data, path.slice(0, -1));
  return Array.isArray(list) ? list.slice(0, last).filter((v) => v === value).length : 0;
}
