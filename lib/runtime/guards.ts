/**
 * Two guards every run goes through (the interactive runner and run-to-end alike), so that a
 * reader never watches a silently leaking tab or a chart full of NaN:
 *
 * - the leak guard fails a run whose live TF.js tensor count keeps growing from step to step;
 * - the NaN guard stops a run whose loss or any metric stops being a finite number.
 *
 * Both are plain state machines over numbers: they do not touch TF.js themselves, so the
 * tests drive them with made-up counts.
 */
import type { Metrics, Progress } from '../core/contract';

export interface LeakGuardOptions {
  /** Generator steps ignored at the start, while models, optimisers and caches are created. */
  warmupSteps?: number;
  /** Steps per window: a trend has to persist this long to count. */
  window?: number;
  /** Growth (in tensors) below which nothing is reported, whatever the trend. */
  minGrowth?: number;
  /** Fraction of the window's step-to-step changes that must be increases (steady leak). */
  risingFraction?: number;
  /** Consecutive windows whose minimum must keep rising (slow, periodic leak). */
  risingWindows?: number;
}

export const DEFAULT_LEAK_GUARD: Required<LeakGuardOptions> = {
  warmupSteps: 5,
  window: 20,
  minGrowth: 10,
  risingFraction: 0.5,
  risingWindows: 4,
};

export interface LeakGuard {
  /** Record the tensor count after a generator step; returns a message if the run leaks. */
  observe(numTensors: number): string | null;
}

/**
 * Two signatures of a leak, both ignoring warm-up, one-off jumps (a new model's weights) and
 * counts that go up and down:
 * (a) steady: over the last `window` steps the count rose by >= minGrowth, and rose in at least
 *     `risingFraction` of the step-to-step changes (a jump at a model switch is one change);
 * (b) slow: the minimum count of each of the last `risingWindows` windows is higher than the
 *     one before, by >= minGrowth in all (catches "one tensor every 10 steps").
 */
export function createLeakGuard(experimentId: string, options: LeakGuardOptions = {}): LeakGuard {
  const o = { ...DEFAULT_LEAK_GUARD, ...options };
  let seen = 0;
  const recent: number[] = [];
  const windowMinima: number[] = [];
  let currentMin = Infinity;
  let inWindow = 0;

  const message = (from: number, to: number, steps: number) =>
    `tensor count grew from ${from} to ${to} over ${steps} steps: the experiment is leaking tensors; this is a bug in lib/experiments/${experimentId}/experiment.ts (dispose what each step creates, e.g. with tf.tidy)`;

  return {
    observe(numTensors) {
      seen++;
      if (seen <= o.warmupSteps) return null;

      recent.push(numTensors);
      if (recent.length > o.window + 1) recent.shift();
      if (recent.length === o.window + 1) {
        const growth = recent[recent.length - 1] - recent[0];
        let rises = 0;
        for (let i = 1; i < recent.length; i++) if (recent[i] > recent[i - 1]) rises++;
        if (growth >= o.minGrowth && rises >= o.risingFraction * o.window) return message(recent[0], recent[recent.length - 1], o.window);
      }

      currentMin = Math.min(currentMin, numTensors);
      inWindow++;
      if (inWindow === o.window) {
        windowMinima.push(currentMin);
        if (windowMinima.length > o.risingWindows + 1) windowMinima.shift();
        currentMin = Infinity;
        inWindow = 0;
        if (windowMinima.length === o.risingWindows + 1) {
          let rising = true;
          for (let i = 1; i < windowMinima.length; i++) if (windowMinima[i] <= windowMinima[i - 1]) rising = false;
          const growth = windowMinima[windowMinima.length - 1] - windowMinima[0];
          if (rising && growth >= o.minGrowth) return message(windowMinima[0], windowMinima[windowMinima.length - 1], o.window * o.risingWindows);
        }
      }
      return null;
    },
  };
}

const describeValue = (v: number) => (Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity');
const ADVICE = 'try a lower learning rate or another seed';

/**
 * Returns a message when the progress event's loss or any of its metrics is NaN or infinite.
 * Metrics that are legitimately undefined must be left out by the experiment, not sent as NaN.
 */
export function checkProgressFinite(progress: Progress): string | null {
  if (progress.loss !== undefined && !Number.isFinite(progress.loss)) {
    return `the loss diverged to ${describeValue(progress.loss)} at step ${progress.step}; ${ADVICE}`;
  }
  return checkMetricsFinite(progress.metrics, `at step ${progress.step}`);
}

/** The same check for the metrics of a finished run. */
export function checkMetricsFinite(metrics: Metrics | undefined, where = 'at the end of the run'): string | null {
  if (!metrics) return null;
  for (const [name, value] of Object.entries(metrics)) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      return `the metric "${name}" became ${typeof value === 'number' ? describeValue(value) : String(value)} ${where}; ${ADVICE}`;
    }
  }
  return null;
}

/** A guard failure: the runner turns it into an error event, run-to-end into a rejected promise. */
export class GuardError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GuardError';
  }
}

/** Minimal view of TF.js the guards need, so tests can pass a fake. */
export interface TensorCounter {
  memory(): { numTensors: number };
}

export interface RunGuardOptions {
  leak?: LeakGuardOptions | false;
}

/** Both guards for one run, in the order the runners call them. */
export interface RunGuards {
  /** After each generator step that yielded `progress`. Throws GuardError. */
  afterStep(progress: Progress): void;
  /** On the finished run's metrics. Throws GuardError. */
  atEnd(metrics: Metrics | undefined): void;
}

export function createRunGuards(experimentId: string, tf: TensorCounter | null, options: RunGuardOptions = {}): RunGuards {
  const leak = options.leak === false || !tf ? null : createLeakGuard(experimentId, options.leak);
  return {
    afterStep(progress) {
      const nan = checkProgressFinite(progress);
      if (nan) throw new GuardError(nan);
      if (leak && tf) {
        const problem = leak.observe(tf.memory().numTensors);
        if (problem) throw new GuardError(problem);
      }
    },
    atEnd(metrics) {
      const nan = checkMetricsFinite(metrics);
      if (nan) throw new GuardError(nan);
    },
  };
}
