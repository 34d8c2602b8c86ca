/**
 * The parts of a disk-cache key that every note shares (disk-cache.ts): hashes of the code that
 * analyses and compiles notes, and of the content files every note's checks read. Contents, not
 * times: a checkout or a copy that leaves the files as they were keeps the cache, and any change
 * at all, even one that keeps a file's size and time, misses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { sha256 } from './disk-cache';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .sort()
    .map((name) => path.join(dir, name))
    .filter((file) => fs.statSync(file).isFile());
}

function hashFiles(root: string, files: string[]): string {
  const parts = files.map((file) => `${path.relative(root, file)}\u0000${fs.existsSync(file) ? sha256(fs.readFileSync(file)) : '-'}`);
  return sha256(parts.join('\n'));
}

/**
 * The code a note's analysis and compile run: all of lib/ (the pipeline, and the experiment
 * manifests and calibration rules its checks consult), the topic list, and the installed packages
 * (remark, KaTeX, esbuild, mdx-bundler). Hashing all of lib/ is wider than needed, so a change to a
 * model only costs one slower start; null when `codeRoot` is not the project (no cache then).
 */
export function codeStamp(codeRoot: string): string | null {
  const lib = path.join(codeRoot, 'lib');
  if (!fs.existsSync(path.join(lib, 'content'))) return null;
  const installed = [path.join(codeRoot, 'node_modules', '.package-lock.json'), path.join(codeRoot, 'package-lock.json')].find((f) => fs.existsSync(f));
  const extra = [path.join(codeRoot, 'content', 'topics.json'), ...(installed ? [installed] : [])];
  return hashFiles(codeRoot, [...filesUnder(lib), ...extra]);
}

/**
 * The content every note's checks may read besides its own source and public files (those are
 * recorded per entry): the bibliography and the calibration records, of each root given (the
 * records are read from the process's default root, the notes from the index's).
 */
export function sharedContentStamp(roots: string[]): string {
  const files = [...new Set(roots.map((r) => path.resolve(r)))].flatMap((root) => [path.join(root, 'content', 'references.bib'), ...filesUnder(path.join(root, 'content', 'calibration'))]);
  return hashFiles('/', files);
}
