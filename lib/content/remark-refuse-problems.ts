/**
 * The last check in the page compile: if any earlier plugin reported a problem in the file's
 * messages, stop here with a ContentError listing them all at file:line:col. Nothing has been
 * bundled or evaluated yet, so a note that is not content never runs.
 */
import type { VFile } from 'vfile';
import { ContentError, type Diagnostic } from './diagnostics';

/** The file's messages as diagnostics for `file` (a path relative to the project). */
export function messagesToDiagnostics(file: string, vfile: VFile): Diagnostic[] {
  // A message about another file (a figure's SVG) carries that file's path.
  return vfile.messages.map((m) => ({ file: m.file && m.file !== vfile.path ? m.file : file, line: m.line ?? 1, column: m.column ?? 1, message: m.reason }));
}

export function remarkRefuseProblems(options: { file: string }) {
  return (_tree: unknown, vfile: VFile) => {
    if (vfile.messages.length > 0) throw new ContentError(messagesToDiagnostics(options.file, vfile));
  };
}
