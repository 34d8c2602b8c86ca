/**
 * When a note last changed: the author's `updated:` if given, else the date of the last
 * commit that touched the file, else the file's modification time. Git is asked at build
 * time and may be missing or unhelpful: no git, not a repository, a shallow clone (whose
 * oldest commits carry the clone's history cut, not the note's), a file never committed or
 * changed since its last commit. Each of those falls back to the file's time; none fails the build.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readFolderDates, type FolderDates } from './git-dates';

export type UpdatedSource = 'frontmatter' | 'git' | 'file';

export interface LastUpdated {
  /** 'YYYY-MM-DD' (an author's date) or a full ISO date-time in UTC. */
  date: string;
  source: UpdatedSource;
}

export interface UpdatedInputs {
  /** The note's `updated:` as stored ('YYYY-MM-DD' or ISO), if the author wrote one. */
  frontmatter?: string;
  /** The last commit's date for the file, or null when git cannot say. Called only if needed. */
  git: () => string | null;
  /** The file's modification time. Called only if needed. */
  mtime: () => Date;
}

export function resolveLastUpdated({ frontmatter, git, mtime }: UpdatedInputs): LastUpdated {
  if (frontmatter) return { date: frontmatter, source: 'frontmatter' };
  const fromGit = git();
  if (fromGit) return { date: fromGit, source: 'git' };
  return { date: mtime().toISOString(), source: 'file' };
}

/** Runs git and returns its trimmed output; throws if git is missing or fails. */
export type GitRunner = (args: string[], cwd: string) => string;

const runGit: GitRunner = (args, cwd) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).trim();

/**
 * The committer date of the last commit touching `file` (relative to root), as an ISO string
 * in UTC; null when git is unavailable, the clone is shallow, or the file is uncommitted or modified.
 */
export function gitLastCommitDate(root: string, file: string, run: GitRunner = runGit): string | null {
  try {
    if (run(['rev-parse', '--is-shallow-repository'], root) !== 'false') return null;
    if (run(['status', '--porcelain', '--', file], root) !== '') return null;
    const out = run(['log', '-1', '--format=%cI', '--', file], root);
    const date = new Date(out);
    return out && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
  } catch {
    return null;
  }
}

const memo = new Map<string, LastUpdated>();
const folders = new Map<string, FolderDates | null>();

/** The commit date of a file: from its folder's one `git log` while the file is as it was then, else asked alone. */
function gitDate(root: string, file: string, mtimeMs: number): string | null {
  const dir = path.dirname(file);
  const key = `${root}\u0000${dir}`;
  if (!folders.has(key)) folders.set(key, readFolderDates(root, dir, runGit));
  const folder = folders.get(key);
  const known = folder && folder.mtimes.get(file) === mtimeMs ? folder.answer(file) : undefined;
  return known !== undefined ? known : gitLastCommitDate(root, file);
}

/** The last-updated date of a note file, once per process per version of the file. */
export function noteLastUpdated(root: string, file: string, frontmatterUpdated?: string): LastUpdated {
  const full = path.join(root, file);
  let stamp = '';
  try {
    stamp = String(fs.statSync(full).mtimeMs);
  } catch {
    // A note that vanished mid-build is reported elsewhere; the date falls back below.
  }
  const key = `${full}\u0000${stamp}\u0000${frontmatterUpdated ?? ''}`;
  let found = memo.get(key);
  if (!found) {
    found = resolveLastUpdated({
      frontmatter: frontmatterUpdated,
      git: () => gitDate(root, file, Number(stamp)),
      mtime: () => (stamp ? new Date(Number(stamp)) : new Date()),
    });
    memo.set(key, found);
  }
  return found;
}

/** A stored date as a full date-time (Atom and the sitemap accept both; Atom needs the time). */
export function asDateTime(date: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00Z` : date;
}

/** "30 November 2026", in UTC so the page reads the same wherever it was built. */
export function formatDisplayDate(date: string): string {
  return new Date(asDateTime(date)).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
