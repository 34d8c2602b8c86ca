/**
 * The experiment contract: one file per demo under lib/experiments/ implements it, and the
 * same object runs in the browser worker, the Node tests, the benchmark and the CLI.
 *
 * Experiments never import TensorFlow.js at runtime: they receive it as `ctx.tf`. That keeps
 * an experiment module importable by page code (for its parameter table and text) without
 * pulling TF.js into the page bundle; only the worker / Node runner loads TF.js.
 */
import type * as TF from '@tensorflow/tfjs';
import type { ParamTable, ParamValues } from './params';
import type { Rng } from './rng';

export type Tf = typeof TF;

/** What the runner hands to an experiment's `run`. */
export interface RunContext {
  /** TensorFlow.js, already initialised on `backend`. */
  tf: Tf;
  /** The backend TF.js is running on (wasm, webgl, cpu). */
  backend: string;
  /** The run's seed, also used to create `rng`. */
  seed: number;
  /** The run's seeded RNG: use it (or forks of it) for all randomness. */
  rng: Rng;
  /**
   * Runs calls of this experiment's `tasks`, several at once where the runtime can (the browser
   * worker hands some to a second worker, on another core), and yields each task's events and
   * result, tagged with the call's index, as they arrive. Absent where everything runs in one
   * process (tests, CLI, bench): call `runTasks` from lib/core/tasks.ts, which then runs the
   * tasks one after another here. Either way a task's numbers are the same.
   */
  runTasks?: <E, O>(calls: TaskCall[]) => AsyncGenerator<TaskEvent<E, O>, void, void>;
}

/** What a task receives: TF.js and the RNG of its own seed, `createRng(call.seed)`. */
export type TaskContext = Omit<RunContext, 'runTasks'>;

/**
 * A self-contained part of a run (one model trained and measured, say): plain-data input, its own
 * seed, plain-data events and result (they may cross a worker boundary). A task shares nothing
 * with the run or other tasks, so where and alongside what it runs never changes its numbers.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Task<I = any, E = any, O = any> = (input: I, ctx: TaskContext) => AsyncGenerator<E, O, void>;

export interface TaskCall<I = unknown> {
  /** A key of the experiment's `tasks`. */
  task: string;
  input: I;
  /** Seed of the task's RNG: take it with `ctx.rng.forkSeed(label)`, so it is the same wherever the task runs. */
  seed: number;
}

/** One event of a task started by `runTasks`, or (done) its result. */
export type TaskEvent<E = unknown, O = unknown> = { index: number; done: false; value: E } | { index: number; done: true; value: O };

/** Metrics are plain named numbers. */
export type Metrics = Record<string, number>;

/**
 * One progress event. `step` counts the experiment's own units of work (training steps over
 * all models, say) out of `totalSteps`, so the UI can show a progress bar and time left.
 * `snapshot` is experiment-specific drawing data; it must survive structured clone
 * (plain objects, arrays, typed arrays), because it crosses the worker boundary.
 */
export interface Progress<S = unknown> {
  step: number;
  totalSteps: number;
  /** A short human-readable phase, e.g. "training width 1024". */
  phase?: string;
  metrics?: Metrics;
  snapshot?: S;
  /** The current scalar loss if there is one: the NaN guard watches it. */
  loss?: number;
}

/** What `run` returns when it finishes. `metrics` is what the CLI prints. */
export interface RunResult<S = unknown> {
  metrics: Metrics;
  /** The final drawing data (same shape as progress snapshots, or richer). */
  snapshot?: S;
}

/** One checked sub-claim, for experiments whose paper makes several claims. */
export interface ClaimCheck {
  name: string;
  holds: boolean;
  detail: string;
  /**
   * 'illustration' for a check that holds by construction or shows one direction only (the
   * ELBO is rotation-invariant by its maths; a best-of-a-search score is optimistic): the page
   * labels it "illustrated", not "reproduced". Default 'test': the run could have refuted it.
   */
  kind?: 'test' | 'illustration';
}

/** The paper's claim, checked against this run's own numbers. */
export interface Claim {
  holds: boolean;
  /** One plain sentence with the numbers, shown as the verdict line. */
  summary: string;
  numbers: Metrics;
  checks?: ClaimCheck[];
}

/**
 * What a page needs to know about an experiment without loading its code: the manifest. It
 * lives in lib/experiments/<id>/manifest.ts and imports nothing but this contract, so a page
 * that shows a demo's form ships no model code.
 */
export interface Manifest<T extends ParamTable = ParamTable> {
  id: string;
  title: string;
  /** One or two sentences: what the demo does. */
  description: string;
  params: T;
  /** Default seed (the one the claims tests also use first). */
  defaultSeed: number;
  /**
   * False for experiments written in plain TypeScript: the runners then skip loading TF.js
   * (hundreds of kB and a second or two in the browser) and `ctx.tf` must not be used.
   */
  usesTf?: boolean;
  /** The MDX tag that places this experiment's demo in a note, e.g. `NtkDemo`. */
  component: string;
  /**
   * Bump whenever a change alters this experiment's numbers (its code, defaults, data, or a
   * shared piece it trains with), then refresh its record with `npm run calibrate -- <id>`.
   * A record made at another version is stale: the checker and the tests refuse it, and the
   * determinism test catches a forgotten bump.
   */
  version: number;
  /** The one to three metrics a demo places among the recorded seeds beside its verdict. */
  headline: HeadlineMetric[];
}

/** A metric the demo shows in context: the reader's value against the recorded seeds. */
export interface HeadlineMetric {
  /** A key of the run's metrics. */
  metric: string;
  /** What it measures, in a few words ("task accuracy, sequential CBM"). */
  label: string;
  /** Decimal places (default 2). */
  digits?: number;
  /** Which way is the paper's way, so the strip can say "higher is the claim's direction". */
  better?: 'higher' | 'lower';
}

/** Helper so manifests get their param types inferred. */
export function defineManifest<T extends ParamTable>(manifest: Manifest<T>): Manifest<T> {
  return manifest;
}

/** The manifest plus the code: how to run the experiment and how to check the paper's claim. */
export interface Experiment<T extends ParamTable = ParamTable, S = unknown, R extends RunResult<S> = RunResult<S>> extends Manifest<T> {
  /**
   * Trains and yields progress. Each `next()` should do a bounded amount of work (tens of
   * milliseconds), so pause/step/abort are responsive. It must dispose every tensor it
   * makes, also when the consumer stops early (use try/finally).
   */
  run(params: ParamValues<T>, ctx: RunContext): AsyncGenerator<Progress<S>, R, void>;
  /** The paper's claim as a check over this run's result. Pure: no TF.js. */
  claim(result: R, params: ParamValues<T>): Claim;
  /** Parts of a run that `run` starts through `ctx.runTasks` (see Task), by name. */
  tasks?: Record<string, Task>;
}

/** Helper so experiment files get their param types inferred. */
export function defineExperiment<T extends ParamTable, S, R extends RunResult<S>>(exp: Experiment<T, S, R>): Experiment<T, S, R> {
  return exp;
}
