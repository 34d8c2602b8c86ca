/** A problem in a content file, reported as `<file>:<line>:<col> <message>`. */
export interface Diagnostic {
  /** Path relative to the repository root, e.g. content/notes/ntk.mdx. */
  file: string;
  line: number;
  column: number;
  message: string;
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column} ${d.message}`;
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** Thrown by the build when content is broken: its message lists every problem. */
export class ContentError extends Error {
  constructor(public readonly diagnostics: Diagnostic[]) {
    super(`Content has ${diagnostics.length} problem(s):\n${sortDiagnostics(diagnostics).map(formatDiagnostic).join('\n')}`);
    this.name = 'ContentError';
  }
}
