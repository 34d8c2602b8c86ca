/**
 * The frontmatter schema of a note, and validation that reports each problem at the line
 * of the offending key (zod knows the path; we find the path's line in the YAML text).
 */
import { z } from 'zod';
import { TOPIC_IDS } from './topics';
import { DEMO_COMPONENTS } from './known-components';
import type { Diagnostic } from './diagnostics';

const EXPERIMENT_IDS = Object.values(DEMO_COMPONENTS) as string[];

export const frontmatterSchema = z
  .object({
    title: z.string().trim().min(3, 'title is too short'),
    summary: z.string().trim().min(20, 'summary should be a sentence or two (at least 20 characters)').max(300, 'summary should be at most 300 characters'),
    topics: z
      .array(z.string().refine((t) => TOPIC_IDS.includes(t), (t) => ({ message: `unknown topic "${t}"; valid topics: ${TOPIC_IDS.join(', ')}` })))
      .min(1, 'topics needs at least one topic'),
    paper: z
      .object({
        title: z.string().trim().min(3),
        authors: z.array(z.string().trim().min(1)).min(1, 'paper.authors needs at least one author'),
        year: z.number().int().min(1900).max(2100),
        venue: z.string().trim().min(2),
        url: z.string().url('paper.url must be a full URL (https://...)'),
      })
      .strict(),
    demos: z
      .array(z.string().refine((d) => EXPERIMENT_IDS.includes(d), (d) => ({ message: `unknown demo "${d}"; valid demos: ${EXPERIMENT_IDS.join(', ')}` })))
      .default([]),
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

export function validateFrontmatter(file: string, source: string, data: unknown): { value?: Frontmatter; diagnostics: Diagnostic[] } {
  const parsed = frontmatterSchema.safeParse(data);
  if (parsed.success) return { value: parsed.data, diagnostics: [] };
  const diagnostics = parsed.error.issues.map((issue) => {
    const missing = issue.code === 'invalid_type' && issue.received === 'undefined';
    const keyPath = issue.path.join('.');
    // A missing key has no line of its own: point at its parent (or the frontmatter start).
    const where = lineOfKeyPath(source, missing ? issue.path.slice(0, -1) : issue.path);
    let message: string;
    if (missing) message = `frontmatter: missing required field "${keyPath}"`;
    else if (issue.code === 'unrecognized_keys') message = `frontmatter${keyPath ? ` ${keyPath}` : ''}: unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    else message = `frontmatter ${keyPath}: ${issue.message}`;
    return { file, ...where, message };
  });
  return { diagnostics };
}
