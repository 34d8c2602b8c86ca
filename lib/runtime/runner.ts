/**
 * The interactive runner: drives one experiment's async generator with start, pause, resume,
 * single step, abort and reset, and reports what happens as events. It runs in the browser's
 * worker (experiment.worker.ts) and in the unit tests, with a fake experiment and no TF.js.
 *
 * States: idle -> running <-> paused -> done | error; abort/reset go back to idle.
 * One generator `next()` is one step. Between steps the runner yields to the event loop, so
 * pause / abort messages that arrived meanwhile are handled before the next step starts.
 */
import type { Claim, Experiment, Metrics, Progress, RunResult } from '../core/contract';
import { defaultParams, type ParamTable, type ParamValues } from '../core/params';
import { PLAIN_JS, type LoadedTf } from './backend';
import { createRng } from '../core/rng';
import { createRunGuards, type RunGuardOptions } from './guards';
import { createTaskScheduler, type RemoteTasks } from './task-scheduler';

export type RunnerState = 'idle' | 'running' | 'paused' | 'done' | 'error';

export type RunnerEvent =
  | { type: 'state'; state: RunnerState }
  | { type: 'ready'; backend: string; fallbacks: string[] }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; metrics: Metrics; snapshot: unknown; result: RunResult; claim: Claim; seconds: number }
  | { type: 'error'; message: string }
  /** After reset(): the UI should clear what it drew. */
  | { type: 'reset' };

export type RunnerListener = (event: RunnerEvent) => void;

export interface RunnerOptions<T extends ParamTable> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  experiment: Experiment<T, any, any>;
  params?: Partial<ParamValues<T>>;
  seed?: number;
  /** TF.js, or a function that loads it (called once, at the first start or step). */
  tf: LoadedTf | (() => Promise<LoadedTf>);
  /** Least time between two progress events (the last one before a stop is always sent). Default 60 ms. */
  progressIntervalMs?: number;
  /**
   * Least time between two progress events that carry a snapshot (default 0: every one may).
   * Snapshots are what the page redraws its charts from: the worker sends them a few times a
   * second, while step counts and metrics keep flowing. A snapshot held back is never lost:
   * it rides on the next event allowed to carry one, and always on the last before a stop.
   */
  snapshotIntervalMs?: number;
  guards?: RunGuardOptions;
  /**
   * Executors in other workers for the experiment's tasks, given the backend this run got (the
   * browser worker offers its helper). Without them the tasks run here, one after another.
   */
  remoteTasks?: (backend: string) => RemoteTasks[];
  /** How to give the event loop a turn between steps. Default: setImmediate / MessageChannel / setTimeout. */
  yieldToEventLoop?: () => Promise<void>;
  /** Clock in milliseconds (tests pass a fake). Default performance.now. */
  now?: () => number;
}

export interface Runner {
  readonly state: RunnerState;
  /** Subscribe; returns the unsubscribe function. */
  subscribe(listener: RunnerListener): () => void;
  /** idle / done / error -> running (a fresh run). Resolves when the state has changed. */
  start(): Promise<void>;
  pause(): void;
  resume(): void;
  /** One generator step, then paused (from idle it begins a run first). Resolves after the step. */
  step(): Promise<void>;
  /** Stop the run (the generator's finally blocks run) and go back to idle. */
  abort(): Promise<void>;
  /** abort() and clear, optionally with new params / seed for the next start. */
  reset(next?: { params?: Record<string, unknown>; seed?: number }): Promise<void>;
}

/** Give the event loop one macrotask turn without setTimeout's 4 ms clamp where possible. */
export function defaultYield(): Promise<void> {
  const g = globalThis as { setImmediate?: (fn: () => void) => void };
  if (typeof g.setImmediate === 'function') return new Promise((resolve) => g.setImmediate!(resolve));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function errorMessage(err: unknown, experimentId: string): string {
  if (err instanceof Error && err.name === 'GuardError') return err.message;
  const text = err instanceof Error ? err.message : String(err);
  return `the ${experimentId} experiment stopped with an error: ${text}`;
}

interface ActiveRun {
  id: number;
  gen: AsyncGenerator<Progress, RunResult, void>;
  guards: ReturnType<typeof createRunGuards>;
  started: number;
  /** Time spent in paused state, not counted in `seconds`. */
  pausedMs: number;
  pausedAt: number | null;
}

export function createRunner<T extends ParamTable>(options: RunnerOptions<T>): Runner {
  const { experiment } = options;
  const interval = options.progressIntervalMs ?? 60;
  const yieldTurn = options.yieldToEventLoop ?? defaultYield;
  const now = options.now ?? (() => performance.now());
  let params = { ...defaultParams(experiment.params), ...options.params } as ParamValues<T>;
  let seed = options.seed ?? experiment.defaultSeed;

  const listeners = new Set<RunnerListener>();
  let state: RunnerState = 'idle';
  let loaded: LoadedTf | null = null;
  let run: ActiveRun | null = null;
  let runCounter = 0;
  /** The generator step in flight, if any: step() and resume() wait for it. */
  let inFlight: Promise<void> | null = null;
  let pumping = false;
  let lastProgressAt = -Infinity;
  let pendingProgress: Progress | null = null;
  const snapshotInterval = options.snapshotIntervalMs ?? 0;
  let lastSnapshotAt = -Infinity;
  /** The newest snapshot not yet sent (progress events without one must not drop it). */
  let heldSnapshot: { value: unknown } | null = null;

  const emit = (event: RunnerEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  const setState = (next: RunnerState) => {
    if (state === next) return;
    state = next;
    if (run) {
      if (next === 'paused') run.pausedAt = now();
      else if (run.pausedAt !== null) {
        run.pausedMs += now() - run.pausedAt;
        run.pausedAt = null;
      }
    }
    emit({ type: 'state', state: next });
  };
  const flushProgress = (force = true) => {
    if (pendingProgress) {
      const { snapshot: _ignored, ...rest } = pendingProgress;
      const p: Progress = rest;
      pendingProgress = null;
      const t = now();
      lastProgressAt = t;
      if (heldSnapshot && (force || t - lastSnapshotAt >= snapshotInterval)) {
        p.snapshot = heldSnapshot.value;
        heldSnapshot = null;
        lastSnapshotAt = t;
      }
      emit({ type: 'progress', progress: p });
    }
  };
  const offerProgress = (p: Progress, force: boolean) => {
    pendingProgress = p;
    if (p.snapshot !== undefined) heldSnapshot = { value: p.snapshot };
    if (force || now() - lastProgressAt >= interval) flushProgress(force);
  };

  async function ensureTf(): Promise<LoadedTf> {
    if (loaded) return loaded;
    loaded = experiment.usesTf === false ? PLAIN_JS : typeof options.tf === 'function' ? await options.tf() : options.tf;
    emit({ type: 'ready', backend: loaded.backend, fallbacks: loaded.fallbacks });
    return loaded;
  }

  /** Begin a fresh run; false if TF.js could not load (state is then error). */
  async function begin(): Promise<boolean> {
    const id = ++runCounter;
    let tf: LoadedTf;
    try {
      tf = await ensureTf();
    } catch (err) {
      if (id !== runCounter) return false;
      fail(err instanceof Error ? err.message : String(err));
      return false;
    }
    if (id !== runCounter) return false; // aborted while TF.js was loading
    lastProgressAt = -Infinity;
    pendingProgress = null;
    const runTasks = experiment.tasks ? createTaskScheduler(experiment.tasks, tf, options.remoteTasks?.(tf.backend) ?? []) : undefined;
    const gen = experiment.run(params, { tf: tf.tf, backend: tf.backend, seed, rng: createRng(seed), runTasks }) as AsyncGenerator<Progress, RunResult, void>;
    const started = now();
    run = { id, gen, guards: createRunGuards(experiment.id, experiment.usesTf === false ? null : tf.tf, options.guards), started, pausedMs: 0, pausedAt: state === 'paused' ? started : null };
    return true;
  }

  function fail(message: string) {
    const stale = run;
    run = null;
    pendingProgress = null;
    heldSnapshot = null;
    lastSnapshotAt = -Infinity;
    if (stale) void stale.gen.return(undefined as unknown as RunResult).catch(() => undefined);
    emit({ type: 'error', message });
    setState('error');
  }

  /** One generator step. Returns false when the run is over (done, error or aborted). */
  async function advance(forceEmit: boolean): Promise<boolean> {
    const current = run;
    if (!current) return false;
    let outcome: IteratorResult<Progress, RunResult>;
    try {
      outcome = await current.gen.next();
      if (run !== current) return false; // aborted meanwhile: drop the result
      if (!outcome.done) current.guards.afterStep(outcome.value);
      else current.guards.atEnd(outcome.value.metrics);
    } catch (err) {
      if (run !== current) return false;
      fail(errorMessage(err, experiment.id));
      return false;
    }
    if (!outcome.done) {
      offerProgress(outcome.value, forceEmit);
      return true;
    }
    let claim: Claim;
    try {
      claim = experiment.claim(outcome.value, params);
    } catch (err) {
      fail(`checking the claim of the ${experiment.id} experiment failed: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    flushProgress();
    const end = now();
    const pausedMs = current.pausedMs + (current.pausedAt !== null ? end - current.pausedAt : 0);
    run = null;
    const result = outcome.value;
    emit({ type: 'done', metrics: result.metrics, snapshot: result.snapshot, result, claim, seconds: (end - current.started - pausedMs) / 1000 });
    setState('done');
    return false;
  }

  function track(p: Promise<unknown>): Promise<void> {
    const done = p.then(() => undefined);
    inFlight = done;
    void done.finally(() => {
      if (inFlight === done) inFlight = null;
    });
    return done;
  }

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (state === 'running' && run) {
        if (inFlight) await inFlight;
        if (state !== 'running' || !run) break;
        const more = await track(advance(false)).then(() => run !== null);
        if (!more) break;
        await yieldTurn();
      }
      // Stopped by pause: the last progress (even if throttled) must reach the UI.
      if (state === 'paused') flushProgress();
    } finally {
      pumping = false;
    }
    // A run started (abort, then start) while this loop was winding down would otherwise wait forever.
    if ((state as RunnerState) === 'running' && run) void pump();
  }

  async function stopRun(): Promise<void> {
    runCounter++; // also cancels a begin() waiting for TF.js
    const stale = run;
    run = null;
    pendingProgress = null;
    heldSnapshot = null;
    lastSnapshotAt = -Infinity;
    if (stale) await stale.gen.return(undefined as unknown as RunResult).catch(() => undefined);
  }

  const runner: Runner = {
    get state() {
      return state;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async start() {
      if (state === 'running' || state === 'paused') return;
      setState('running');
      if (!(await begin())) return;
      if ((state as RunnerState) === 'running') void pump();
    },
    pause() {
      if (state !== 'running') return;
      // The steps done since the last (throttled) progress event reach the page before 'paused',
      // so the count it shows as paused is current; only the step in flight may still add one.
      flushProgress();
      setState('paused');
    },
    resume() {
      if (state !== 'paused' || !run) return;
      setState('running');
      void pump();
    },
    async step() {
      if (state === 'running') return;
      if (state !== 'paused') {
        setState('paused');
        if (!(await begin())) return;
      }
      if (inFlight) await inFlight;
      if (state !== 'paused' || !run) return;
      await track(advance(true));
    },
    async abort() {
      await stopRun();
      setState('idle');
    },
    async reset(next) {
      await stopRun();
      if (next?.params) params = { ...defaultParams(experiment.params), ...next.params } as ParamValues<T>;
      if (next?.seed !== undefined) seed = next.seed;
      setState('idle');
      emit({ type: 'reset' });
    },
  };
  return runner;
}
