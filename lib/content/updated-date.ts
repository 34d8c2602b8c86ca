/**
 * The optional `updated:` frontmatter field: when a note last changed in substance, written
 * YYYY-MM-DD (or a full ISO date-time with its zone). It is checked on the text the author
 * wrote, not on what the YAML parser made of it: an unquoted 2026-13-45 comes back from the
 * parser as a valid Date in February 2027, which would slip through any check of the value.
 */
import { z } from 'zod';
import type { Diagnostic } from './diagnostics';

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?))?$/;

export const UPDATED_FORMAT_HINT = 'write the date YYYY-MM-DD (e.g. updated: 2026-11-30)';

/**
 * A written date as the site stores it: 'YYYY-MM-DD' for a date, an ISO string in UTC for a
 * date-time; null when the text is not a real calendar date (2026-02-30) or not a date at all.
 */
export function parseUpdatedDate(text: string): string | null {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  if (m[4] === undefined) return `${m[1]}-${m[2]}-${m[3]}`;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  const withTime = new Date(text.trim().replace(' ', 'T'));
  return Number.isNaN(withTime.getTime()) ? null : withTime.toISOString();
}

/** What the parser gave for `updated:` (a Date for an unquoted date, else a string), as stored text. */
export function updatedDateOf(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  return typeof value === 'string' ? (parseUpdatedDate(value) ?? undefined) : undefined;
}

/** The schema accepts whatever the parser produced; updatedDateProblems judges the written text. */
export const updatedDateSchema = z
  .custom<unknown>(() => true)
  .transform((value) => updatedDateOf(value))
  .optional();

/**
 * The top-level `updated:` line of the frontmatter and its value as written (no quotes, no
 * trailing comment), with the 1-based column where the value starts (its opening quote if any).
 */
function writtenValue(source: string): { line: number; keyColumn: number; text: string; column: number } | null {
  const lines = source.split('\n');
  for (let i = 1; i < lines.length && lines[i].trim() !== '---'; i++) {
    const m = /^updated\s*:[ \t]*/.exec(lines[i]);
    if (!m) continue;
    const rest = lines[i].slice(m[0].length);
    const column = m[0].length + 1;
    if (/^["']/.test(rest)) {
      const close = rest.indexOf(rest[0], 1);
      return { line: i + 1, keyColumn: 1, text: close > 0 ? rest.slice(1, close) : rest.slice(1), column };
    }
    return { line: i + 1, keyColumn: 1, text: rest.replace(/\s+#.*$/, '').trim(), column };
  }
  return null;
}

/** A problem with `updated:`, at the value itself (or at the key when there is no value on its line). */
export function updatedDateProblems(file: string, source: string, data: unknown): Diagnostic[] {
  if (!data || typeof data !== 'object' || !('updated' in data)) return [];
  const written = writtenValue(source);
  if (!written) return [];
  if (written.text && parseUpdatedDate(written.text) !== null) return [];
  const shown = written.text ? ` "${written.text.length > 40 ? `${written.text.slice(0, 40)}…` : written.text}" is not a calendar date` : ' has no value';
  return [
    {
      file,
      line: written.line,
      column: written.text ? written.column : written.keyColumn,
      message: `frontmatter updated:${shown}; ${UPDATED_FORMAT_HINT}`,
    },
  ];
}
