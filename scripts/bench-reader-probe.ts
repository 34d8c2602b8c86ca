/**
 * What a reader feels while a demo trains, measured inside the page (for `npm run bench`):
 * long animation frames (the Long Animation Frames API: each frame over 50 ms, with its
 * blockingDuration), when Run and Pause were clicked, when the first chart appeared, when the
 * verdict came, when Pause took effect, and whether the live view ever went blank after its
 * first drawing (sampled every 50 ms). Scrolling proves nothing (the compositor scrolls while
 * the main thread is blocked), so everything here is main-thread time.
 */
import type { Page } from 'playwright-core';

/** Installed with page.addInitScript before the note loads. Plain JS: it runs in the page. */
export const READER_PROBE = `
(() => {
  const probe = { loaf: [], runAt: null, pauseAt: null, firstDrawAt: null, pausedAt: null, doneAt: null, samples: [] };
  window.__readerProbe = probe;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) probe.loaf.push({ start: e.startTime, duration: e.duration, blocking: e.blockingDuration, invokers: (e.scripts || []).slice(0, 3).map((s) => s.invoker + ' ' + Math.round(s.duration)) });
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch (e) { probe.unsupported = String(e); }
  const drawn = (root) => !!root && !!root.querySelector('canvas, img, svg path[d]:not([d=""]), svg rect, svg circle');
  document.addEventListener('click', (e) => {
    const button = e.target instanceof Element ? e.target.closest('button') : null;
    const label = button ? button.textContent.trim() : '';
    if (label === 'Run' || label === 'Run again') { probe.runAt = performance.now(); probe.firstDrawAt = null; probe.doneAt = null; probe.samples = []; }
    if (label === 'Pause') probe.pauseAt = performance.now();
  }, true);
  // Cheap on purpose: the probe must not add main-thread work of its own. The armed demo is
  // looked up once; its data-state is watched on that element only; drawing is polled.
  let armed = null;
  const demoEl = () => (armed && armed.isConnected ? armed : (armed = document.querySelector('[data-demo][data-armed]')));
  const watch = () => {
    const demo = demoEl();
    if (!demo) return;
    const state = demo.getAttribute('data-state');
    const now = performance.now();
    if (probe.runAt !== null && probe.firstDrawAt === null && state !== 'idle' && drawn(demo.querySelector('.demo-visual'))) probe.firstDrawAt = now;
    if (probe.pauseAt !== null && probe.pausedAt === null && state === 'paused') probe.pausedAt = now;
    if (probe.runAt !== null && probe.doneAt === null && (state === 'done' || state === 'error')) probe.doneAt = now;
  };
  const stateObserver = new MutationObserver(watch);
  let observed = null;
  setInterval(() => {
    const demo = demoEl();
    if (demo && demo !== observed) {
      stateObserver.disconnect();
      stateObserver.observe(demo, { attributes: true, attributeFilter: ['data-state'] });
      observed = demo;
    }
    watch();
    if (!demo || probe.runAt === null || probe.doneAt !== null || probe.firstDrawAt === null) return;
    probe.samples.push(drawn(demo.querySelector('.demo-visual')));
  }, 50);
})();
`;

export interface ReaderRun {
  /** Run click to the verdict, in the page's clock (seconds). */
  secondsToVerdict: number;
  /** Run click to the first drawn chart/image (seconds); null if nothing was ever drawn. */
  secondsToFirstDraw: number | null;
  /** Longest animation frame during the run (ms; frames under 50 ms are not reported, so 0 means none over 50). */
  longestFrameMs: number;
  /** Largest blockingDuration of one frame (ms): the part of it that kept input waiting. */
  longestBlockingMs: number;
  /** Sum of blockingDuration over the run's long frames / the run's duration. */
  blockedShare: number;
  longFrames: number;
  /** Samples (every 50 ms after the first drawing) when the live view held nothing drawn. */
  blankSamples: number;
  samples: number;
  /** What the longest frames were running (the LoAF scripts' invokers). */
  worstInvokers: string[];
}

interface ProbeState {
  loaf: { start: number; duration: number; blocking: number; invokers: string[] }[];
  runAt: number | null;
  pauseAt: number | null;
  pausedAt: number | null;
  firstDrawAt: number | null;
  doneAt: number | null;
  samples: boolean[];
  unsupported?: string;
}

const readProbe = (page: Page) => page.evaluate(() => (window as unknown as { __readerProbe: ProbeState }).__readerProbe);

/** Marks which demo the probe watches (a note may hold several). */
export async function armDemo(page: Page, id: string): Promise<void> {
  await page.evaluate((d) => {
    document.querySelectorAll('[data-armed]').forEach((e) => e.removeAttribute('data-armed'));
    document.querySelector(`[data-demo="${d}"]`)?.setAttribute('data-armed', '');
  }, id);
}

/** After a run reached its verdict: the reader's numbers for it. */
export async function readRun(page: Page): Promise<ReaderRun> {
  const p = await readProbe(page);
  if (p.unsupported) throw new Error(`Long Animation Frames API unavailable: ${p.unsupported}`);
  if (p.runAt === null || p.doneAt === null) throw new Error('the probe saw no Run click or no verdict');
  const during = p.loaf.filter((f) => f.start + f.duration >= p.runAt! && f.start <= p.doneAt!);
  const worst = [...during].sort((a, b) => b.duration - a.duration).slice(0, 2);
  return {
    secondsToVerdict: (p.doneAt - p.runAt) / 1000,
    secondsToFirstDraw: p.firstDrawAt === null ? null : (p.firstDrawAt - p.runAt) / 1000,
    longestFrameMs: Math.max(0, ...during.map((f) => f.duration)),
    longestBlockingMs: Math.max(0, ...during.map((f) => f.blocking)),
    blockedShare: during.reduce((s, f) => s + f.blocking, 0) / (p.doneAt - p.runAt),
    longFrames: during.length,
    blankSamples: p.samples.filter((d) => !d).length,
    samples: p.samples.length,
    worstInvokers: worst.map((f) => `${Math.round(f.duration)} ms: ${f.invokers.join(', ')}`),
  };
}

/** Pause clicked -> the demo shows it is paused (ms), or null if it never did. */
export async function readPauseLatency(page: Page): Promise<number | null> {
  const p = await readProbe(page);
  return p.pauseAt !== null && p.pausedAt !== null ? p.pausedAt - p.pauseAt : null;
}
