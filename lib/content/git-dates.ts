/**
 * The last commit date of every file in a folder, from one `git log` (plus one `git rev-parse`
 * and one `git status`), instead of three git processes per note. A page asks for its note's date
 * on every first render: under `next dev` those processes cost a tenth of a second or more per page.
 *
 * It gives the same answer as asking git about each file (last-updated.ts, gitLastCommitDate), or
 * none at all, and then the caller asks about that file alone: for a file it did not see in the log,
 * a file changed since it was read, and a history with merges in that folder (where following the
 * folder's history and a file's history may part ways).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { GitRunner } from './last-updated';

export interface FolderDates {
  /** Each file's modification time when git was asked (a file changed since must be asked again). */
  mtimes: Map<string, number>;
  /** A file's commit date (ISO, UTC), null when git says it has none worth using; undefined: ask about the file itself. */
  answer: (file: string) => string | null | undefined;
}

const HEADER = '\u001f';

function modificationTimes(root: string, dir: string): Map<string, number> {
  const mtimes = new Map<string, number>();
  for (const name of fs.readdirSync(path.join(root, dir))) {
    const file = path.join(dir, name);
    mtimes.set(file, fs.statSync(path.join(root, file)).mtimeMs);
  }
  return mtimes;
}

/**
 * The files `git status --porcelain=v2` lists (from the top of the repository, as relativePaths=false asks): "1 XY <7 fields> path",
 * "2 XY <8 fields> path<TAB>old path", "u XY <9 fields> path", "? path" (untracked), "! path".
 */
function changedPaths(status: string): string[] {
  return status
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const fields = line.split(' ');
      if (line.startsWith('1 ')) return [fields.slice(8).join(' ')];
      if (line.startsWith('2 ')) return fields.slice(9).join(' ').split('\t');
      if (line.startsWith('u ')) return [fields.slice(10).join(' ')];
      return [line.slice(2)];
    });
}

/** The folder's dates (`dir` relative to `root`), or null when git cannot answer for the folder as a whole. */
export function readFolderDates(root: string, dir: string, run: GitRunner): FolderDates | null {
  let mtimes: Map<string, number>;
  let repository: string;
  try {
    mtimes = modificationTimes(root, dir);
  } catch {
    return null; // no such folder: ask per file
  }
  try {
    repository = run(['rev-parse', '--is-shallow-repository', '--show-prefix'], root);
  } catch {
    return { mtimes, answer: () => null }; // no git or not a repository: no file has a commit date
  }
  const [shallow, prefix = ''] = repository.split('\n');
  // A shallow clone's oldest commits carry the cut, not the files' history: no dates at all.
  if (shallow !== 'false') return { mtimes, answer: () => null };
  try {
    const changed = new Set(changedPaths(run(['-c', 'status.relativePaths=false', 'status', '--porcelain=v2', '--', dir], root)));
    const dates = new Map<string, string>();
    let date = '';
    for (const line of run(['log', `--format=${HEADER}%P${HEADER}%cI`, '--name-only', '--', dir], root).split('\n')) {
      if (line.startsWith(HEADER)) {
        const [, parents, committed] = line.split(HEADER);
        if (parents.includes(' ')) return null; // a merge: ask per file
        date = committed;
      } else if (line && !dates.has(line)) {
        dates.set(line, date); // newest first: the first commit that names a file is its last
      }
    }
    return {
      mtimes,
      answer: (file) => {
        const inRepository = path.posix.join(prefix, file.split(path.sep).join('/'));
        if (changed.has(inRepository)) return null; // uncommitted or modified: its own time is newer
        const found = dates.get(inRepository);
        if (found === undefined) return undefined;
        const parsed = new Date(found);
        return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
      },
    };
  } catch {
    return null; // git failed midway: ask per file
  }
}
