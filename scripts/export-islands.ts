/**
 * After `next build`: turn the exported site into static pages with islands.
 *
 * Next's App Router ships its runtime and the page's content a second time (the RSC payload) to
 * every page, and hydrates the whole page: on a phone that is ~125 KB of script and over a
 * second of main-thread work before a note settles, for pages that are text, math and figures
 * (Lighthouse mobile 59-88). So the export keeps Next's HTML and drops its scripts; one small
 * module (components/islands/entry.ts) wires the page's enhancements and mounts the parts that
 * need React (a demo as it nears the viewport, the search box). `next dev` is untouched.
 *
 * Steps: bundle the experiment worker, bundle the islands entry (pointing at the worker's
 * file), then rewrite every page, then delete what no page uses any more (Next's RSC payloads and
 * runtime chunks). Fails loudly if a page still carries Next's runtime after.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { rewritePage, stillLoadsNext } from './islands-rewrite';
import { unusedExportFiles } from './islands-prune';

const OUT = path.resolve('out');
const ISLANDS_DIR = '_islands';
const WORKER_SOURCE = 'lib/runtime/experiment.worker.ts';

const COMMON: esbuild.BuildOptions = {
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022'],
  minifyWhitespace: true,
  minifySyntax: true,
  // ISLANDS_KEEP_NAMES=1 keeps function names, so a CPU profile of a demo page names its hot spots.
  minifyIdentifiers: !process.env.ISLANDS_KEEP_NAMES,
  jsx: 'automatic',
  legalComments: 'none',
  logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Styles come with Next's own CSS; components' CSS imports (none today) would be duplicates.
  loader: { '.css': 'empty' },
  // `'use client'` means nothing outside Next; esbuild warns about each one otherwise.
  logOverride: { 'module level directives cause errors when bundled': 'silent' },
};

/**
 * Points `new Worker(new URL('…/experiment.worker.ts', import.meta.url))` (the form Next's
 * bundler understands) at the worker bundle this script built.
 */
function workerUrlPlugin(workerUrl: string): esbuild.Plugin {
  const pattern = /new URL\(\s*(['"])[^'"]*experiment\.worker\.ts\1\s*,\s*import\.meta\.url\s*\)/g;
  return {
    name: 'experiment-worker-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]components[\\/].*\.tsx?$/ }, (args) => {
        const source = fs.readFileSync(args.path, 'utf8');
        if (!source.includes('experiment.worker.ts')) return undefined;
        const rewritten = source.replace(pattern, `new URL(${JSON.stringify(workerUrl)}, self.location.href)`);
        if (rewritten === source) {
          return { errors: [{ text: `${args.path} names experiment.worker.ts but not as new URL('…', import.meta.url); the export cannot point it at the worker bundle` }] };
        }
        return { contents: rewritten, loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

function outputFor(meta: esbuild.Metafile, entry: string): string {
  const found = Object.entries(meta.outputs).find(([, o]) => o.entryPoint === entry);
  if (!found) throw new Error(`esbuild produced no output for ${entry}`);
  return `/${path.relative(OUT, path.resolve(found[0])).split(path.sep).join('/')}`;
}

async function bundle(): Promise<{ entryUrl: string; bytes: number }> {
  const outdir = path.join(OUT, ISLANDS_DIR);
  fs.rmSync(outdir, { recursive: true, force: true });
  const worker = await esbuild.build({
    ...COMMON,
    entryPoints: { 'experiment.worker': WORKER_SOURCE },
    outdir: path.join(outdir, 'worker'),
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: '[name]-[hash]',
    metafile: true,
  });
  const workerUrl = outputFor(worker.metafile, WORKER_SOURCE);
  const pages = await esbuild.build({
    ...COMMON,
    entryPoints: { entry: 'components/islands/entry.ts' },
    outdir,
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    plugins: [workerUrlPlugin(workerUrl)],
  });
  const entryUrl = outputFor(pages.metafile, 'components/islands/entry.ts');
  const bytes = fs.statSync(path.join(OUT, entryUrl)).size;
  return { entryUrl, bytes };
}


function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? allFiles(full) : [full];
  });
}

/** Deletes Next's leftovers (see islands-prune.ts), then any folder that is left empty. */
function pruneUnused(): { files: number; bytes: number } {
  const sitePath = (file: string) => `/${path.relative(OUT, file).split(path.sep).join('/')}`;
  const byPath = new Map(allFiles(OUT).map((file) => [sitePath(file), file]));
  const unused = unusedExportFiles([...byPath.keys()], (p) => fs.readFileSync(byPath.get(p)!, 'utf8'));
  let bytes = 0;
  for (const p of unused) {
    const file = byPath.get(p)!;
    bytes += fs.statSync(file).size;
    fs.rmSync(file);
  }
  const removeEmpty = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeEmpty(path.join(dir, e.name));
    if (dir !== OUT && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
  };
  removeEmpty(OUT);
  return { files: unused.length, bytes };
}

async function main() {
  if (!fs.existsSync(path.join(OUT, 'index.html'))) {
    console.error('export-islands: out/ has no exported site; run `next build` first.');
    process.exit(1);
  }
  const started = performance.now();
  // The dev server's worker bundle (scripts/dev-worker.mjs) lives in public/ while `npm run dev`
  // runs, so Next copies it into the export: it is removed here rather than from public/, which
  // would break the worker of a dev server running beside the build.
  fs.rmSync(path.join(OUT, '_dev-worker'), { recursive: true, force: true });
  const { entryUrl, bytes } = await bundle();
  // Next writes no HTML under _next/, and _islands/ holds only bundles.
  const files = allFiles(OUT).filter((file) => file.endsWith('.html'));
  let before = 0;
  let after = 0;
  for (const file of files) {
    const html = fs.readFileSync(file, 'utf8');
    const rewritten = rewritePage(html, entryUrl);
    if (stillLoadsNext(rewritten)) {
      throw new Error(`${path.relative(OUT, file)} still loads Next's runtime after the rewrite`);
    }
    before += html.length;
    after += rewritten.length;
    fs.writeFileSync(file, rewritten);
  }
  const pruned = pruneUnused();
  console.log(
    `export-islands: ${files.length} pages without Next's runtime (HTML ${(before / 1024).toFixed(0)} KB -> ${(after / 1024).toFixed(0)} KB), ` +
      `islands entry ${entryUrl} ${(bytes / 1024).toFixed(1)} KB, ${pruned.files} unused files of Next's removed ` +
      `(${(pruned.bytes / 1024 / 1024).toFixed(1)} MB), in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

await main();
