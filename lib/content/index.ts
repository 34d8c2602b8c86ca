/**
 * The content index: every note loaded, analysed and cross-checked, plus what is derived
 * from it (topics, backlinks, previous/next, search documents). Built once per process and
 * rebuilt only when a file's contents change, so `next dev` shows edits on reload while a
 * build compiles each note once.
 */
import fs from 'node:fs';
import path from 'node:path';
import { analyzeNote, type NoteAnalysis } from './analyze';
import { parseBibtex, formatReference, type FormattedReference } from './bibtex';
import { codeStamp, sharedContentStamp } from './cache-stamps';
import { DISK_CACHE_DIR, DiskCache, recordingPublicFiles, sha256, type PublicFiles } from './disk-cache';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from './diagnostics';
import { lineOfKeyPath, type Frontmatter } from './frontmatter';
import { TOPICS } from './topics';
import { isWebUrl } from './url-safety';

export const CONTENT_DIR = 'content';
export const NOTES_DIR = path.join(CONTENT_DIR, 'notes');
export const BIB_FILE = path.join(CONTENT_DIR, 'references.bib');
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const WORDS_PER_MINUTE = 230;

export interface Note extends NoteAnalysis {
  slug: string;
  /** Path relative to the project root. */
  file: string;
  source: string;
  frontmatter: Frontmatter & { demos: string[] };
  readingMinutes: number;
}

export interface ContentIndex {
  root: string;
  /** Notes that passed every check, sorted by title. */
  notes: Note[];
  /** Notes with problems: slug -> their diagnostics (dev shows them in place of the note). */
  broken: Map<string, Diagnostic[]>;
  diagnostics: Diagnostic[];
  references: Map<string, FormattedReference>;
}

function readBib(root: string): { references: Map<string, FormattedReference>; diagnostics: Diagnostic[] } {
  const file = path.join(root, BIB_FILE);
  const references = new Map<string, FormattedReference>();
  if (!fs.existsSync(file)) return { references, diagnostics: [{ file: BIB_FILE, line: 1, column: 1, message: 'the references file is missing' }] };
  const parsed = parseBibtex(fs.readFileSync(file, 'utf8'));
  for (const [key, entry] of parsed.entries) references.set(key, formatReference(entry));
  const diagnostics: Diagnostic[] = parsed.errors.map((e) => ({ file: BIB_FILE, line: e.line, column: 1, message: e.message }));
  for (const entry of parsed.entries.values()) {
    if (entry.fields.url !== undefined && !isWebUrl(entry.fields.url)) {
      const at = entry.valuePositions.url;
      diagnostics.push({ file: BIB_FILE, ...at, message: `BibTeX entry "${entry.key}" url: must be an http(s) address (https://...)` });
    }
  }
  return { references, diagnostics };
}

/**
 * The slug of every note file, without reading or checking any note: what the note route's
 * generateStaticParams needs. Cheap on purpose: `next dev` re-runs it when a note is added, and
 * answers 404 for the new note until it has (a full content index took seconds).
 */
export function listNoteSlugs(root = defaultRoot()): string[] {
  return listNoteFiles(root).files.map((f) => f.slug);
}

/** List note files; report names that cannot be slugs and slugs that collide. */
function listNoteFiles(root: string): { files: { slug: string; file: string }[]; diagnostics: Diagnostic[] } {
  const dir = path.join(root, NOTES_DIR);
  const diagnostics: Diagnostic[] = [];
  const files: { slug: string; file: string }[] = [];
  const seen = new Map<string, string>();
  const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
  for (const name of names) {
    if (!/\.mdx?$/.test(name)) continue;
    const file = path.join(NOTES_DIR, name);
    const slug = name.replace(/\.mdx?$/, '');
    if (!SLUG_PATTERN.test(slug)) {
      diagnostics.push({ file, line: 1, column: 1, message: `file name "${name}" is not a valid slug (lowercase letters, digits and single hyphens)` });
      continue;
    }
    const key = slug.toLowerCase();
    if (seen.has(key)) {
      diagnostics.push({ file, line: 1, column: 1, message: `duplicate slug "${slug}": ${seen.get(key)} has the same slug` });
      continue;
    }
    seen.set(key, file);
    files.push({ slug, file });
  }
  return { files, diagnostics };
}

function checkLinks(note: { slug: string; file: string; analysis: NoteAnalysis }, headingsBySlug: Map<string, Set<string>>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const link of note.analysis.links) {
    const target = link.slug ?? note.slug;
    const headings = headingsBySlug.get(target);
    if (!headings) {
      out.push({ file: note.file, line: link.line, column: link.column, message: `link ${link.href}: there is no note "${target}"` });
    } else if (link.anchor && !headings.has(link.anchor) && !link.anchor.startsWith('user-content-fn')) {
      out.push({ file: note.file, line: link.line, column: link.column, message: `link ${link.href}: note "${target}" has no heading #${link.anchor}` });
    }
  }
  return out;
}

/**
 * What every note's analysis depends on besides its own source: the bibliography, the figures (by
 * name and time: an edited SVG is checked again) and the calibration records (a new one re-checks
 * the notes' <Recorded> quotes).
 */
function sharedStamp(root: string): string {
  const bibFile = path.join(root, BIB_FILE);
  const parts = [fs.existsSync(bibFile) ? `bib:${fs.statSync(bibFile).mtimeMs}:${fs.statSync(bibFile).size}` : 'bib:-'];
  for (const [name, dir] of [['figures', path.join(root, 'public', 'figures')], ['records', path.join(root, CONTENT_DIR, 'calibration')]]) {
    if (fs.existsSync(dir)) parts.push(`${name}:${fs.readdirSync(dir).sort().map((f) => `${f}@${fs.statSync(path.join(dir, f)).mtimeMs}`).join(',')}`);
  }
  return parts.join('|');
}

function fingerprint(root: string): string {
  const parts = [sharedStamp(root)];
  const dir = path.join(root, NOTES_DIR);
  if (fs.existsSync(dir)) for (const name of fs.readdirSync(dir).sort()) {
    const st = fs.statSync(path.join(dir, name));
    parts.push(`${name}:${st.mtimeMs}:${st.size}`);
  }
  return parts.join('|');
}

/**
 * The last analysis of each note file, keyed by its source and the shared stamp: saving one note
 * in `next dev` re-analyses that note only (the whole tree takes seconds, one note a fraction).
 */
const analyses = new Map<string, { key: string; analysis: NoteAnalysis }>();

export interface BuildOptions {
  /**
   * Also keep each note's analysis and compiled code on disk, for the next process: `next dev`
   * then starts without re-analysing and re-compiling unchanged notes (disk-cache.ts).
   */
  diskCache?: boolean;
  /** The cache folder; default node_modules/.cache/interp-notes in the working directory. */
  diskCacheDir?: string;
}

/** An index's disk caches and the stamp (code and shared content) every key of its notes starts with. */
interface Persistence {
  stamp: string;
  analyses: DiskCache<NoteAnalysis>;
  compiled: DiskCache<string>;
}

const persistenceOf = new WeakMap<ContentIndex, Persistence>();

function openPersistence(root: string, options: BuildOptions): Persistence | null {
  if (!options.diskCache) return null;
  const code = codeStamp(process.cwd());
  if (!code) return null;
  const dir = options.diskCacheDir ?? path.join(process.cwd(), DISK_CACHE_DIR);
  return {
    stamp: sha256(`${code}\u0000${sharedContentStamp([root, defaultRoot()])}`),
    analyses: new DiskCache(path.join(dir, 'analyses')),
    compiled: new DiskCache(path.join(dir, 'compiled')),
  };
}

function publicFilesOf(root: string): PublicFiles {
  return {
    publicFileExists: (p) => resolvePublicFile(root, p) !== null,
    readPublicFile: (p) => {
      const full = resolvePublicFile(root, p);
      return full ? fs.readFileSync(full, 'utf8') : null;
    },
  };
}

export function buildContentIndex(root = defaultRoot(), options: BuildOptions = {}): ContentIndex {
  const persistence = openPersistence(root, options);
  const bib = readBib(root);
  const listed = listNoteFiles(root);
  const diagnostics: Diagnostic[] = [...bib.diagnostics, ...listed.diagnostics];
  const bibKeys = new Set(bib.references.keys());
  const publicFiles = publicFilesOf(root);
  const analyse = (file: string, source: string): NoteAnalysis => {
    const name = `${root}\u0000${file}`;
    const key = persistence ? sha256(`${persistence.stamp}\u0000${file}\u0000${source}`) : '';
    const stored = persistence?.analyses.get(name, key, publicFiles);
    if (stored) return stored;
    const recording = recordingPublicFiles(publicFiles);
    const analysis = analyzeNote(file, source, { bibKeys, references: bib.references, publicFileExists: recording.publicFileExists, readPublicFile: recording.readPublicFile });
    persistence?.analyses.set(name, key, recording.lookups, analysis);
    return analysis;
  };

  const shared = sharedStamp(root);
  const analysed = listed.files.map(({ slug, file }) => {
    const source = fs.readFileSync(path.join(root, file), 'utf8');
    const id = path.join(root, file);
    const key = `${shared}\u0000${source}`;
    let hit = analyses.get(id);
    if (!hit || hit.key !== key) {
      hit = { key, analysis: analyse(file, source) };
      analyses.set(id, hit);
    }
    return { slug, file, source, analysis: hit.analysis };
  });
  const headingsBySlug = new Map(analysed.map((n) => [n.slug, new Set(n.analysis.headings.map((h) => h.id))]));

  const notes: Note[] = [];
  const broken = new Map<string, Diagnostic[]>();
  for (const n of analysed) {
    const problems = [...n.analysis.diagnostics, ...checkLinks(n, headingsBySlug)];
    diagnostics.push(...problems);
    if (problems.length > 0 || !n.analysis.frontmatter) {
      broken.set(n.slug, problems);
      continue;
    }
    notes.push({
      ...n.analysis,
      slug: n.slug,
      file: n.file,
      source: n.source,
      // The demos a note has are the ones its body places (the frontmatter list is optional).
      frontmatter: { ...n.analysis.frontmatter, demos: [...new Set(n.analysis.demosUsed)] },
      readingMinutes: Math.max(1, Math.round(n.analysis.wordCount / WORDS_PER_MINUTE)),
    });
  }
  notes.sort((a, b) => a.frontmatter.title.localeCompare(b.frontmatter.title));
  const index: ContentIndex = { root, notes, broken, diagnostics, references: bib.references };
  if (persistence) persistenceOf.set(index, persistence);
  return index;
}

/**
 * The real path of a file under public/ for a site path like /figures/a.svg, or null if there
 * is none. Symbolic links are followed and must stay inside public/: a figure that links to
 * ~/.ssh/id_rsa would otherwise be inlined into the page.
 */
export function resolvePublicFile(root: string, sitePath: string): string | null {
  try {
    const publicDir = fs.realpathSync(path.join(root, 'public'));
    const full = fs.realpathSync(path.join(publicDir, path.normalize(`/${sitePath}`)));
    return full.startsWith(publicDir + path.sep) && fs.statSync(full).isFile() ? full : null;
  } catch {
    return null;
  }
}

/** CONTENT_ROOT lets tests and authors build the site from another content tree. */
export function defaultRoot(): string {
  return process.env.CONTENT_ROOT ? path.resolve(process.env.CONTENT_ROOT) : process.cwd();
}

let cache: { key: string; index: ContentIndex } | null = null;

/** The content index for this process, rebuilt when any content file changes. */
export function getContentIndex(root = defaultRoot()): ContentIndex {
  const key = `${root}|${fingerprint(root)}`;
  if (!cache || cache.key !== key) {
    // `next dev` keeps its content work on disk, so a restart skips the notes that did not change.
    cache = { key, index: buildContentIndex(root, { diskCache: process.env.NODE_ENV === 'development' }) };
    // In `next dev`, also print the problems in the terminal, once per change of the content.
    if (process.env.NODE_ENV === 'development' && cache.index.diagnostics.length > 0) {
      console.error(`Content problems (the affected notes show them in the page):\n${sortDiagnostics(cache.index.diagnostics).map(formatDiagnostic).join('\n')}`);
    }
    if (process.env.NODE_ENV === 'development') precompileInBackground(cache.index);
  }
  return cache.index;
}

const compiled = new Map<string, Promise<string>>();

/**
 * In `next dev`: compile every note soon after the index is (re)built, one at a time, so the next
 * note an author opens is served from the compiled cache instead of waiting for mdx-bundler
 * (1-2 s a note). Started a few seconds late so it does not slow the page being served now.
 */
function precompileInBackground(index: ContentIndex): void {
  setTimeout(async () => {
    for (const note of index.notes) {
      if (cache?.index !== index) return; // content changed meanwhile: the new index starts its own pass
      await getCompiledNote(note, index).catch(() => undefined); // its page reports any problem
    }
  }, 3000).unref?.();
}

/** Compile a note once per process per version of its source (memoised). */
export function getCompiledNote(note: Note, index: ContentIndex): Promise<string> {
  const key = `${note.slug}\u0000${note.source}\u0000${[...note.citations].join(',')}`;
  let promise = compiled.get(key);
  if (!promise) {
    promise = compileWithDiskCache(note, index);
    compiled.set(key, promise);
  }
  return promise;
}

/** The compiled code from the disk cache when the index has one and the note is unchanged; else compiled (and stored). */
async function compileWithDiskCache(note: Note, index: ContentIndex): Promise<string> {
  const root = index.root;
  const publicFiles = publicFilesOf(root);
  const persistence = persistenceOf.get(index);
  const name = `${root}\u0000${note.file}`;
  // The bibliography is in the stamp, and the listed demos come from the source: the source decides the rest.
  const key = persistence ? sha256(`${persistence.stamp}\u0000${note.file}\u0000${note.source}`) : '';
  const stored = persistence?.compiled.get(name, key, publicFiles);
  if (stored !== undefined) return stored;
  // Loaded on first use: a dev server whose notes all come from the disk cache never loads
  // mdx-bundler, esbuild, rehype-katex or highlight.js (a second of its first page).
  const { compileNote } = await import('./compile');
  const recording = recordingPublicFiles(publicFiles);
  const code = await compileNote(path.join(root, note.file), note.source, index.references, note.file, {
    publicFileExists: recording.publicFileExists,
    readPublicFile: recording.readPublicFile,
    demosListed: note.frontmatter.demos,
    demosKeyAt: lineOfKeyPath(note.source, ['demos']),
  });
  persistence?.compiled.set(name, key, recording.lookups, code);
  return code;
}

// ---- Derived views: each a small filter over the index. ----

export function notesInTopic(index: ContentIndex, topic: string): Note[] {
  return index.notes.filter((n) => n.frontmatter.topics.includes(topic));
}

export function backlinks(index: ContentIndex, slug: string): Note[] {
  return index.notes.filter((n) => n.slug !== slug && n.links.some((l) => l.slug === slug));
}

/** Previous and next note within the note's first topic, in title order. */
export function neighbours(index: ContentIndex, note: Note): { prev?: Note; next?: Note; topic: string } {
  const topic = note.frontmatter.topics[0];
  const list = notesInTopic(index, topic);
  const i = list.findIndex((n) => n.slug === note.slug);
  return { prev: i > 0 ? list[i - 1] : undefined, next: i >= 0 && i < list.length - 1 ? list[i + 1] : undefined, topic };
}

export function topicsWithNotes(index: ContentIndex) {
  return TOPICS.map((topic) => ({ topic, notes: notesInTopic(index, topic.id) }));
}

export interface SearchDocument {
  id: string;
  title: string;
  summary: string;
  topics: string;
  headings: string;
  text: string;
}

export function searchDocuments(index: ContentIndex): SearchDocument[] {
  return index.notes.map((n) => ({
    id: n.slug,
    title: n.frontmatter.title,
    summary: n.frontmatter.summary,
    topics: n.frontmatter.topics.join(' '),
    headings: n.headings.map((h) => h.text).join(' '),
    text: n.text,
  }));
}
