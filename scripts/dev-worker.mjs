/**
 * Under `npm run dev`, the demos' experiment worker is bundled here with esbuild (as the built site's
 * export does) instead of by Next. Turbopack compiles everything a route can reach before the route's
 * first render, and the worker reaches TF.js, its wasm backend and every experiment: with the worker
 * in Next's graph the first page after removing `.next` took 12 s, without it about 8 s. esbuild
 * bundles it in about a second, beside Next's start, and again whenever its sources change (a worker
 * has no hot reload either way: the next Run starts a fresh one).
 *
 * The bundle lands in public/ (the only folder `next dev` serves as files); the export
 * (scripts/export-islands.ts) removes its copy from out/, so a build never ships it.
 */
import path from 'node:path';
import * as esbuild from 'esbuild';

export const DEV_WORKER_DIR = path.join('public', '_dev-worker');
/** What useDemoRun starts the worker from, via NEXT_PUBLIC_DEV_WORKER_URL. */
export const DEV_WORKER_URL = '/_dev-worker/experiment.worker.js';

/** Bundles the worker, then rebuilds it on every change to what it imports. Errors are printed, never fatal. */
export async function watchDevWorker() {
  const context = await esbuild.context({
    entryPoints: { 'experiment.worker': path.join('lib', 'runtime', 'experiment.worker.ts') },
    outdir: DEV_WORKER_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    sourcemap: 'linked',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'warning',
    logOverride: { 'module level directives cause errors when bundled': 'silent' },
  });
  await context.watch();
  return context;
}
