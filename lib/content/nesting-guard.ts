/**
 * The Markdown parser slows down sharply with nesting depth: a few thousand levels of `>` or
 * of list indentation take it minutes, so one contributed note could stall the check and the
 * build. Real notes nest a few levels (at most 8 characters of indentation today), so a line
 * that starts with more than MAX_PREFIX spaces, tabs or `>` is reported and the body is not parsed.
 */
export const MAX_PREFIX = 200;

export function nestingProblem(source: string): { line: number; column: number; message: string } | null {
  const re = new RegExp(`^[ \\t>]{${MAX_PREFIX + 1},}`, 'm');
  const m = re.exec(source);
  if (!m) return null;
  const line = source.slice(0, m.index).split('\n').length;
  return { line, column: 1, message: `this line is nested too deeply (more than ${MAX_PREFIX} characters of indentation or > before its text); flatten it` };
}
