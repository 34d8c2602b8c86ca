/**
 * Bench section for the content pipeline: per note, the time to analyse (parse + checks) and
 * to compile with mdx-bundler, measured fresh (no memoisation), median of --runs.
 */
import path from 'node:path';
import { buildContentIndex } from '../lib/content/index';
import { analyzeNote } from '../lib/content/analyze';
import { compileNote } from '../lib/content/compile';
import { median, renderTable } from './bench-table';

export interface ContentBenchResult {
  notes: { slug: string; words: number; analyseMs: number; compileMs: number }[];
  totalCompileMs: number;
}

export async function benchContent(runs: number): Promise<ContentBenchResult> {
  const index = buildContentIndex();
  const bibKeys = new Set(index.references.keys());
  const notes: ContentBenchResult['notes'] = [];
  for (const note of index.notes) {
    const analyse: number[] = [];
    const compile: number[] = [];
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      analyzeNote(note.file, note.source, { bibKeys, publicFileExists: () => true });
      analyse.push(performance.now() - t);
      t = performance.now();
      await compileNote(path.join(index.root, note.file), note.source, index.references);
      compile.push(performance.now() - t);
    }
    notes.push({ slug: note.slug, words: note.wordCount, analyseMs: median(analyse), compileMs: median(compile) });
  }
  return { notes, totalCompileMs: notes.reduce((s, n) => s + n.compileMs, 0) };
}

export function contentTable(r: ContentBenchResult): string {
  return `${renderTable(
    ['note', 'words', 'analyse ms', 'compile ms'],
    r.notes.map((n) => [n.slug, String(n.words), n.analyseMs.toFixed(0), n.compileMs.toFixed(0)]),
  )}\nall notes compiled once: ${(r.totalCompileMs / 1000).toFixed(1)} s`;
}
