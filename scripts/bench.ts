/**
 * Benchmark every registered experiment and write bench-results/bench.json.
 *
 *   npm run bench [-- --runs 3] [--only id1,id2] [--backends wasm,cpu] [--sections node,models,browser,pages,content] [--browser-backends wasm,webgl] [--cpu-throttle 4] [--workers 1|2] [--pages /,/notes/ntk]
 *
 * Sections: one function per environment. `node` is here: steps/s on each TF.js backend
 * (each backend in its own child process, because loadTf picks a backend once per process),
 * TF.js kernels launched per training step (from tf.profile: independent of machine load),
 * time to verdict, peak tensor count. A `browser` section can be added later as one more
 * entry in SECTIONS (drive the built site in Chromium and report the same fields).
 *
 * Timings are medians over --runs runs. They are measured, never asserted in tests.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { experimentIds, loadExperiment, getManifest, type AnyExperiment } from '../lib/experiments/registry';
import { defaultParams, type ParamTable, type ParamValues } from '../lib/core/params';
import type { Progress } from '../lib/core/contract';
import { loadTf, type BackendName, type LoadedTf } from '../lib/runtime/backend';
import { benchModels, modelsTable, type ModelBenchResult } from './bench-models';
import { runToEnd } from '../lib/runtime/run-to-end';
import { createRng } from '../lib/core/rng';
import { median, renderTable } from './bench-table';
import { benchContent, contentTable, type ContentBenchResult } from './bench-content';
import { benchBrowser, browserTable, type BrowserBenchResult } from './bench-browser';
import { benchPages, pagesTable, type PagesBenchResult } from './bench-pages';

/**
 * Per-experiment parameter overrides for the bench (shortened configs for slow demos).
 * Empty means the demo's defaults, which is what a reader runs.
 */
const BENCH_PARAMS: Record<string, Record<string, unknown>> = {};

/** Generator steps profiled for the kernel count (after the first, which often does setup). */
const PROFILED_GENERATOR_STEPS = 3;

interface BenchOptions {
  runs: number;
  browserBackends: string[];
  sections: string[];
  only: string[];
  backends: BackendName[];
  /** Pages for the `pages` section (paths); empty: every page in the sitemap, plus search. */
  pages: string[];
  /** Browser section: slow the page's main thread this many times (Chromium's CPU throttling, as a slow phone). */
  cpuThrottle?: number;
  /** Browser section: ask the demos for this many workers (`?workers=`); default: their own choice. */
  workers?: 1 | 2;
}

interface ExperimentBench {
  id: string;
  params: Record<string, unknown>;
  /** Training steps in the experiment's own progress units (Progress.totalSteps). */
  trainingSteps: number;
  /** Median seconds from the first step to the verdict (TF.js loading excluded). */
  secondsToVerdict: number;
  stepsPerSecond: number;
  /** TF.js kernels launched per training step; 0 when the experiment does not use TF.js. */
  kernelsPerStep: number;
  peakTensors: number;
  claimHeld: number;
  runs: number;
  allSeconds: number[];
  error?: string;
}

interface BackendBench {
  requested: BackendName;
  backend: string;
  fallbacks: string[];
  loadSeconds: number;
  experiments: ExperimentBench[];
  error?: string;
}

interface Section<R> {
  title: string;
  run(options: BenchOptions): Promise<R>;
  table(result: R): string;
}



/** Count TF.js kernels over a few generator steps, divided by the training steps they covered. */
async function kernelsPerStep(experiment: AnyExperiment, params: Record<string, unknown>, loaded: LoadedTf): Promise<number> {
  const { tf, backend } = loaded;
  const seed = experiment.defaultSeed;
  const gen = experiment.run(params as ParamValues<ParamTable>, { tf, backend, seed, rng: createRng(seed) });
  try {
    let r = await gen.next();
    if (r.done) return 0;
    let lastStep = (r.value as Progress).step;
    let kernels = 0;
    let steps = 0;
    for (let i = 0; i < PROFILED_GENERATOR_STEPS; i++) {
      let next: IteratorResult<Progress, unknown> | undefined;
      const info = await tf.profile(async () => {
        next = (await gen.next()) as IteratorResult<Progress, unknown>;
        return [];
      });
      if (!next || next.done) break;
      kernels += info.kernels.length;
      steps += next.value.step - lastStep;
      lastStep = next.value.step;
    }
    return steps > 0 ? kernels / steps : 0;
  } finally {
    await gen.return(undefined).catch(() => undefined);
  }
}

async function benchExperiment(id: string, loaded: LoadedTf, runs: number): Promise<ExperimentBench> {
  const experiment = (await loadExperiment(id))!;
  const params = { ...defaultParams(experiment.params), ...BENCH_PARAMS[id] };
  const seconds: number[] = [];
  let peakTensors = 0;
  let claimHeld = 0;
  let trainingSteps = 0;
  try {
    for (let i = 0; i < runs; i++) {
      let total = 0;
      const run = await runToEnd(experiment, {
        loaded,
        params: params as ParamValues<ParamTable>,
        onProgress: (p) => {
          total = p.totalSteps;
        },
      });
      trainingSteps = total;
      seconds.push(run.seconds);
      peakTensors = Math.max(peakTensors, run.peakTensors);
      if (run.claim.holds) claimHeld++;
    }
    const kernels = await kernelsPerStep(experiment, params, loaded);
    const secondsToVerdict = median(seconds);
    return {
      id,
      params,
      trainingSteps,
      secondsToVerdict,
      stepsPerSecond: trainingSteps / secondsToVerdict,
      kernelsPerStep: kernels,
      peakTensors,
      claimHeld,
      runs,
      allSeconds: seconds,
    };
  } catch (err) {
    return {
      id,
      params,
      trainingSteps,
      secondsToVerdict: NaN,
      stepsPerSecond: NaN,
      kernelsPerStep: NaN,
      peakTensors,
      claimHeld,
      runs: seconds.length,
      allSeconds: seconds,
      error: err instanceof Error ? err.message : String(err),
    };
  }
}

/** Child process: one backend, every experiment. Prints one JSON line on stdout. */
async function childMain(backend: BackendName, options: BenchOptions): Promise<void> {
  const started = performance.now();
  let loaded: LoadedTf;
  try {
    loaded = await loadTf({ preferred: [backend] });
  } catch (err) {
    const result: BackendBench = { requested: backend, backend: 'none', fallbacks: [], loadSeconds: 0, experiments: [], error: err instanceof Error ? err.message : String(err) };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const experiments: ExperimentBench[] = [];
  for (const id of options.only) {
    process.stderr.write(`bench: ${id} on ${loaded.backend}...\n`);
    experiments.push(await benchExperiment(id, loaded, options.runs));
  }
  const result: BackendBench = { requested: backend, backend: loaded.backend, fallbacks: loaded.fallbacks, loadSeconds, experiments };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(backend: BackendName, options: BenchOptions): Promise<BackendBench> {
  const script = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', script, '--child', backend, '--runs', String(options.runs), '--only', options.only.join(',')];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve(JSON.parse(line) as BackendBench);
      } catch {
        resolve({ requested: backend, backend: 'none', fallbacks: [], loadSeconds: 0, experiments: [], error: `the ${backend} child exited with code ${code} and no result` });
      }
    });
  });
}

const fmt = (v: number, digits = 2) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(digits)) : '—');


const nodeSection: Section<BackendBench[]> = {
  title: 'Node',
  async run(options) {
    const results: BackendBench[] = [];
    // One after the other: both at once would halve each other's speed on a small machine.
    for (const backend of options.backends) results.push(await runChild(backend, options));
    return results;
  },
  table(results) {
    const rows: string[][] = [];
    for (const b of results) {
      if (b.error) {
        rows.push(['(all)', b.requested, '—', '—', '—', '—', '—', `error: ${b.error}`]);
        continue;
      }
      for (const e of b.experiments) {
        rows.push([
          e.id,
          b.backend,
          fmt(e.stepsPerSecond, 1),
          fmt(e.secondsToVerdict),
          e.kernelsPerStep === 0 ? '0 (no TF.js)' : fmt(e.kernelsPerStep, 1),
          String(e.peakTensors),
          String(e.trainingSteps),
          e.error ? `error: ${e.error}` : `${e.claimHeld}/${e.runs}`,
        ]);
      }
    }
    const loads = results.filter((b) => !b.error).map((b) => `${b.backend} ${b.loadSeconds.toFixed(2)} s${b.fallbacks.length ? ` (fell back: ${b.fallbacks.join('; ')})` : ''}`);
    return `${renderTable(['experiment', 'backend', 'steps/s', 'verdict s', 'kernels/step', 'peak tensors', 'steps', 'claim held'], rows)}\nTF.js load: ${loads.join(', ')}`;
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const browserSection: Section<BrowserBenchResult> = {
  title: 'Browser: each demo run to its verdict in headless Chromium on the built site',
  run: (options) => benchBrowser(options),
  table: browserTable,
};

const pagesSection: Section<PagesBenchResult> = {
  title: 'Pages: Lighthouse mobile (simulated slow 4G, 4x CPU) on every page of the built site, served gzipped',
  run: (options) => benchPages(options.runs, options.pages),
  table: pagesTable,
};

const contentSection: Section<ContentBenchResult> = {
  title: 'Content pipeline: analyse and compile time per note (fresh, no memoisation)',
  run: (options) => benchContent(options.runs),
  table: contentTable,
};

const modelsSection: Section<ModelBenchResult> = {
  title: 'Models: training steps/s of each demo model, TF.js beside PyTorch (1 thread) in the same run',
  run: async (options) => benchModels(await loadTf({ preferred: ['wasm'] }), options.runs),
  table: modelsTable,
};

const SECTIONS: Record<string, Section<any>> = { node: nodeSection, models: modelsSection, browser: browserSection, pages: pagesSection, content: contentSection };

function parseOptions(argv: string[]): BenchOptions & { child?: BackendName } {
  const options: BenchOptions & { child?: BackendName } = { runs: 3, browserBackends: [], sections: ['node', 'models', 'browser', 'pages', 'content'], only: [...experimentIds], backends: ['wasm', 'cpu'], pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    if (arg === '--runs') options.runs = Math.max(1, Math.round(Number(value())) || 1);
    else if (arg === '--only') options.only = value().split(',').filter(Boolean);
    else if (arg === '--backends') options.backends = value().split(',').filter(Boolean) as BackendName[];
    else if (arg === '--browser-backends') options.browserBackends = value().split(',').filter(Boolean);
    else if (arg === '--sections') options.sections = value().split(',').filter(Boolean);
    else if (arg === '--pages') options.pages = value().split(',').filter(Boolean);
    else if (arg === '--cpu-throttle') options.cpuThrottle = Math.max(1, Number(value()) || 1);
    else if (arg === '--workers') {
      const w = value();
      if (w !== '1' && w !== '2') throw new Error('--workers takes 1 or 2');
      options.workers = Number(w) as 1 | 2;
    }
    else if (arg === '--child') options.child = value() as BackendName;
    else throw new Error(`unknown option ${arg}. Options: --runs N, --only id1,id2, --backends wasm,cpu, --sections ${Object.keys(SECTIONS).join(',')}, --browser-backends wasm,webgl,cpu, --cpu-throttle N, --workers 1|2, --pages /,/notes/<slug>`);
  }
  const unknownSections = options.sections.filter((s) => !(s in SECTIONS));
  if (unknownSections.length) throw new Error(`unknown section(s) ${unknownSections.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  const unknown = options.only.filter((id) => !getManifest(id));
  if (unknown.length) throw new Error(`unknown experiment(s) ${unknown.join(', ')}; known: ${experimentIds.join(', ')}`);
  const badBackend = options.backends.filter((b) => b !== 'wasm' && b !== 'cpu');
  if (badBackend.length) throw new Error(`unknown backend(s) ${badBackend.join(', ')}; use wasm and/or cpu`);
  return options;
}

async function main(): Promise<number> {
  let options: ReturnType<typeof parseOptions>;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  if (options.child) {
    await childMain(options.child, options);
    return 0;
  }
  const report: Record<string, unknown> = {
    generatedAt: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', loadAverage: os.loadavg(), node: process.version, platform: `${process.platform}-${process.arch}` },
    runsPerMeasurement: options.runs,
    sections: {} as Record<string, unknown>,
  };
  const out: string[] = [];
  for (const [name, section] of Object.entries(SECTIONS)) {
    if (!options.sections.includes(name)) continue;
    const result = await section.run(options);
    (report.sections as Record<string, unknown>)[name] = result;
    out.push(`${section.title} (medians of ${options.runs} runs; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, node ${process.version})\n${section.table(result)}`);
  }
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bench-results');
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, 'bench.json');
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${out.join('\n\n')}\n\nWrote ${path.relative(process.cwd(), file)}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
