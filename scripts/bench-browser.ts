/**
 * Bench sections that need the built site (out/): each demo run to its verdict in headless
 * Chromium (the backend it picks, time to verdict, steps/s), the JavaScript a note page
 * downloads before and after a demo starts. (Per-page weights and Lighthouse: bench-pages.ts.)
 * Timings are medians; nothing here is asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { startStaticServer } from './static-server';
import { launchBrowser, CHROMIUM_PATH } from '../tests/support/browser';
import { buildContentIndex } from '../lib/content/index';
import { median, renderTable, kb } from './bench-table';
import { READER_PROBE, armDemo, readRun, readPauseLatency, type ReaderRun } from './bench-reader-probe';

export interface BrowserBenchOptions {
  runs: number;
  only: string[];
  /** Backends to ask the page for (via ?backend=); default: the page's own choice. */
  browserBackends?: string[];
  /** Slow the page's main thread this many times (CDP CPU throttling; the worker keeps its speed). */
  cpuThrottle?: number;
  /** Ask the demos for this many workers (?workers=). */
  workers?: 1 | 2;
}

const gzipSize = (file: string) => zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;

/** Gzip bytes of the .js / .wasm files among the requested paths (as served from out/). */
function downloadedBytes(requests: string[], ext: RegExp): number {
  const seen = new Set<string>();
  let total = 0;
  for (const r of requests) {
    const p = r.split('?')[0];
    if (!ext.test(p) || seen.has(p)) continue;
    seen.add(p);
    const file = path.join('out', p);
    if (fs.existsSync(file)) total += gzipSize(file);
  }
  return total;
}

interface DemoBrowserBench {
  id: string;
  /** The backend asked for with ?backend=, or 'default'. */
  requested: string;
  note: string;
  backend: string;
  /** Median seconds from pressing Run to the verdict, TF.js loading included. */
  secondsToVerdict: number;
  /** Median seconds of the run itself (as the experiment reports it). */
  runSeconds: number;
  stepsPerSecond: number;
  claimHeld: number;
  runs: number;
  /** Gzip JS a note page downloaded before Run (demo UI included), and after the run. */
  jsBeforeRun: number;
  jsAfterRun: number;
  wasmAfterRun: number;
  /** Medians over the runs of what the reader feels (see bench-reader-probe.ts). */
  reader: {
    secondsToFirstDraw: number | null;
    longestFrameMs: number;
    longestBlockingMs: number;
    blockedShare: number;
    blankSamples: number;
    samples: number;
    worstInvokers: string[];
  } | null;
  /** Median ms from clicking Pause to the demo showing it paused. */
  pauseMs: number | null;
  error?: string;
}

export interface BrowserBenchResult {
  skipped?: string;
  /** What the run was asked beyond the defaults (CPU throttling, workers), in words; empty if nothing. */
  conditions?: string;
  demos: DemoBrowserBench[];
}

export async function benchBrowser(options: BrowserBenchOptions): Promise<BrowserBenchResult> {
  if (!fs.existsSync('out/index.html')) return { skipped: 'out/ has no built site: run `npm run build` first', demos: [] };
  if (!fs.existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH}`, demos: [] };
  const index = buildContentIndex();
  // Each demo once, on the first note that shows it (trojan-saliency appears on two notes).
  const demos = index.notes
    .flatMap((n) => n.frontmatter.demos.map((id) => ({ id, note: n.slug })))
    .filter((d, i, all) => options.only.includes(d.id) && all.findIndex((e) => e.id === d.id) === i);
  const server = await startStaticServer();
  const results: DemoBrowserBench[] = [];
  // A fresh browser profile per demo: a warm HTTP cache would hide the JS a reader downloads.
  let browser: Awaited<ReturnType<typeof launchBrowser>> | null = null;
  try {
    for (const requested of options.browserBackends?.length ? options.browserBackends : ['default'])
    for (const { id, note } of demos) {
      const params = new URLSearchParams();
      if (requested !== 'default') params.set('backend', requested);
      if (options.workers) params.set('workers', String(options.workers));
      const query = params.size ? `?${params}` : '';
      await browser?.close();
      browser = await launchBrowser();
      const { context } = browser;
      const walls: number[] = [];
      const runs: number[] = [];
      let held = 0;
      let backend = '';
      let totalSteps = 0;
      let jsBeforeRun = 0;
      let jsAfterRun = 0;
      let wasmAfterRun = 0;
      let error: string | undefined;
      const readerRuns: ReaderRun[] = [];
      const pauses: number[] = [];
      for (let i = 0; i < options.runs && !error; i++) {
        const page = await context.newPage();
        await page.addInitScript(READER_PROBE);
        const start = server.requests.length;
        try {
          await page.goto(`${server.url}/notes/${note}${query}`, { waitUntil: 'networkidle' });
          await page.locator(`[data-demo-placeholder="${id}"], [data-demo="${id}"]`).first().scrollIntoViewIfNeeded();
          const demo = page.locator(`[data-demo="${id}"]`);
          await demo.waitFor({ timeout: 30_000 });
          await page.waitForLoadState('networkidle');
          if (i === 0) jsBeforeRun = downloadedBytes(server.requests.slice(start), /\.js$/);
          if (options.cpuThrottle && options.cpuThrottle > 1) {
            // Chromium throttles the page's main thread (not its workers): what a reader on a slow phone
            // feels while the worker trains at full speed.
            const cdp = await context.newCDPSession(page);
            await cdp.send('Emulation.setCPUThrottlingRate', { rate: options.cpuThrottle });
          }
          await armDemo(page, id);
          const t0 = Date.now();
          await demo.getByRole('button', { name: 'Run', exact: true }).click();
          await page.waitForFunction((d) => /done|error/.test(document.querySelector(`[data-demo="${d}"]`)?.getAttribute('data-state') ?? ''), id, { timeout: 600_000, polling: 250 });
          walls.push((Date.now() - t0) / 1000);
          const verdict = demo.locator('[data-verdict]');
          if ((await verdict.count()) === 0) throw new Error((await demo.locator('.demo-error').textContent()) ?? 'no verdict');
          runs.push(Number(await verdict.getAttribute('data-seconds')));
          if ((await verdict.getAttribute('data-verdict')) === 'holds') held++;
          readerRuns.push(await readRun(page));
          // Pause latency: run again, let it train a moment, then Pause.
          await demo.getByRole('button', { name: 'Run again', exact: true }).click();
          await page.waitForFunction((d) => document.querySelector(`[data-demo="${d}"]`)?.getAttribute('data-state') === 'running', id, { timeout: 60_000, polling: 50 });
          // A moment into the run: 1.5 s, or less for a demo whose whole run is shorter (so every demo's Pause is measured).
          await page.waitForTimeout(Math.min(1500, 0.3 * walls[walls.length - 1] * 1000));
          if ((await demo.getAttribute('data-state')) === 'running') {
            await demo.getByRole('button', { name: 'Pause', exact: true }).click();
            await page.waitForFunction((d) => document.querySelector(`[data-demo="${d}"]`)?.getAttribute('data-state') !== 'running', id, { timeout: 60_000, polling: 50 });
            const ms = await readPauseLatency(page);
            if (ms !== null) pauses.push(ms);
          }
          backend = (await demo.getAttribute('data-backend')) ?? '';
          totalSteps = Number(await demo.getAttribute('data-total-steps')) || totalSteps;
          if (i === 0) {
            jsAfterRun = downloadedBytes(server.requests.slice(start), /\.js$/);
            wasmAfterRun = downloadedBytes(server.requests.slice(start), /\.wasm$/);
          }
        } catch (err) {
          error = err instanceof Error ? err.message.split('\n')[0] : String(err);
        } finally {
          await page.close();
        }
      }
      const runSeconds = median(runs);
      const draws = readerRuns.map((r) => r.secondsToFirstDraw).filter((v): v is number => v !== null);
      const reader = readerRuns.length
        ? {
            secondsToFirstDraw: draws.length ? median(draws) : null,
            longestFrameMs: median(readerRuns.map((r) => r.longestFrameMs)),
            longestBlockingMs: median(readerRuns.map((r) => r.longestBlockingMs)),
            blockedShare: median(readerRuns.map((r) => r.blockedShare)),
            blankSamples: median(readerRuns.map((r) => r.blankSamples)),
            samples: median(readerRuns.map((r) => r.samples)),
            worstInvokers: readerRuns.flatMap((r) => r.worstInvokers).slice(0, 3),
          }
        : null;
      results.push({ id, requested, note, backend, secondsToVerdict: median(walls), runSeconds, stepsPerSecond: totalSteps / runSeconds, claimHeld: held, runs: walls.length, jsBeforeRun, jsAfterRun, wasmAfterRun, reader, pauseMs: pauses.length ? median(pauses) : null, error });
    }
  } finally {
    await browser?.close();
    await server.close();
  }
  const conditions = [options.cpuThrottle && options.cpuThrottle > 1 ? `page's main thread throttled ${options.cpuThrottle}x` : '', options.workers ? `?workers=${options.workers}` : ''].filter(Boolean).join(', ');
  return { conditions, demos: results };
}

export function browserTable(r: BrowserBenchResult): string {
  if (r.skipped) return `skipped: ${r.skipped}`;
  const conditions = r.conditions ? `Conditions: ${r.conditions}.\n` : '';
  const worst = r.demos.filter((d) => d.reader?.worstInvokers.length).map((d) => `  ${d.id}: ${d.reader!.worstInvokers.join(' | ')}`);
  return conditions + renderTable(
    ['experiment', 'asked', 'backend', 'steps/s', 'run s', 'Run→verdict s', 'first draw s', 'longest frame ms', 'max blocking ms', 'blocked %', 'blank samples', 'Pause ms', 'claim held', 'JS before Run', 'JS after run', 'wasm'],
    r.demos.map((d) => [
      d.id,
      d.requested,
      d.backend,
      d.stepsPerSecond.toFixed(1),
      d.runSeconds.toFixed(2),
      d.secondsToVerdict.toFixed(2),
      d.reader?.secondsToFirstDraw?.toFixed(2) ?? '-',
      d.reader ? d.reader.longestFrameMs.toFixed(0) : '-',
      d.reader ? d.reader.longestBlockingMs.toFixed(0) : '-',
      d.reader ? (100 * d.reader.blockedShare).toFixed(1) : '-',
      d.reader ? `${d.reader.blankSamples}/${d.reader.samples}` : '-',
      d.pauseMs === null ? '-' : d.pauseMs.toFixed(0),
      d.error ? `error: ${d.error}` : `${d.claimHeld}/${d.runs}`,
      kb(d.jsBeforeRun),
      kb(d.jsAfterRun),
      kb(d.wasmAfterRun),
    ]),
  ) + (worst.length ? `\nLongest frames were running:\n${worst.join('\n')}` : '');
}

