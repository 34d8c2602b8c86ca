/**
 * A small cache on disk for the content work `npm run dev` repeats on every start: each note's
 * analysis and its compiled code. A restart then reads what it worked out last time instead of
 * re-running remark, KaTeX and esbuild over every note (seconds on a small machine).
 *
 * An entry is found by a key that hashes everything its value was computed from (the caller
 * builds it: code, shared content, the note's source) and, beyond that, the public files the
 * work looked at: each question asked (does /figures/a.svg exist? what does it say?) is stored
 * with its answer and asked again before the entry is trusted. One file per note and kind, so
 * the cache never holds more than the latest version of each note; deleting the folder is
 * always safe, and any fault reading or writing it only means the work is done again.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Under node_modules/.cache, like other tools' caches: ignored by git, outlives `rm -rf .next`. */
export const DISK_CACHE_DIR = path.join('node_modules', '.cache', 'interp-notes');

export const sha256 = (text: string | Buffer): string => crypto.createHash('sha256').update(text).digest('hex');

export interface PublicFiles {
  publicFileExists: (sitePath: string) => boolean;
  readPublicFile: (sitePath: string) => string | null;
}

/** What the work asked about public files, with the answers: a file's hash, or null if absent. */
export interface PublicLookups {
  exists: Record<string, boolean>;
  reads: Record<string, string | null>;
}

/** The same public-file access, recording every question and answer for the cache entry. */
export function recordingPublicFiles(files: PublicFiles): PublicFiles & { lookups: PublicLookups } {
  const lookups: PublicLookups = { exists: {}, reads: {} };
  return {
    lookups,
    publicFileExists: (sitePath) => (lookups.exists[sitePath] = files.publicFileExists(sitePath)),
    readPublicFile: (sitePath) => {
      const text = files.readPublicFile(sitePath);
      lookups.reads[sitePath] = text === null ? null : sha256(text);
      return text;
    },
  };
}

/** Whether every recorded question still gets the recorded answer. */
export function lookupsStillHold(lookups: PublicLookups, files: PublicFiles): boolean {
  for (const [sitePath, exists] of Object.entries(lookups.exists)) if (files.publicFileExists(sitePath) !== exists) return false;
  for (const [sitePath, hash] of Object.entries(lookups.reads)) {
    const text = files.readPublicFile(sitePath);
    if ((text === null ? null : sha256(text)) !== hash) return false;
  }
  return true;
}

interface Entry<T> {
  key: string;
  lookups: PublicLookups;
  value: T;
}

/**
 * Entries kept per kind. A tree keeps one per note, but every other content root adds its own
 * (the dev-loop test starts on a new temporary tree each run), so the least recently used go.
 */
export const MAX_ENTRIES = 400;

const pruned = new Set<string>();

/** Once per process per folder: delete the least recently used entries beyond `max`. */
function prune(dir: string, max: number): void {
  if (pruned.has(dir)) return;
  pruned.add(dir);
  try {
    const entries = fs.readdirSync(dir).map((name) => ({ file: path.join(dir, name), used: fs.statSync(path.join(dir, name)).mtimeMs }));
    entries.sort((a, b) => b.used - a.used);
    for (const { file } of entries.slice(max)) fs.rmSync(file, { force: true });
  } catch {
    // No folder yet, or another process pruned it first.
  }
}

export class DiskCache<T> {
  /**
   * @param dir the cache folder (absolute), one per kind of work
   * @param maxEntries how many entries it keeps (the least recently used go first)
   */
  constructor(
    private readonly dir: string,
    maxEntries = MAX_ENTRIES,
  ) {
    prune(dir, maxEntries);
  }

  private fileFor(name: string): string {
    return path.join(this.dir, `${sha256(name).slice(0, 24)}.json`);
  }

  /** The value stored under `name` if it was made with this `key` and its lookups still hold. */
  get(name: string, key: string, files: PublicFiles): T | undefined {
    try {
      const file = this.fileFor(name);
      const entry = JSON.parse(fs.readFileSync(file, 'utf8')) as Entry<T>;
      if (entry.key !== key || !lookupsStillHold(entry.lookups, files)) return undefined;
      const now = new Date();
      fs.utimesSync(file, now, now); // used: the last to be pruned
      return entry.value;
    } catch {
      return undefined; // missing, unreadable or half-written by a crash: do the work again
    }
  }

  /** Stores the value, replacing the entry for `name`; written whole or not at all. */
  set(name: string, key: string, lookups: PublicLookups, value: T): void {
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const file = this.fileFor(name);
      const temporary = `${file}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`;
      fs.writeFileSync(temporary, JSON.stringify({ key, lookups, value } satisfies Entry<T>));
      fs.renameSync(temporary, file);
    } catch {
      // A read-only or full disk only costs the next start its speed.
    }
  }
}
