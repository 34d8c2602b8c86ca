/**
 * Run an experiment to completion without a UI: used by the claims tests, the CLI and the
 * bench. The interactive runner (pause / step / abort, for the browser) lives in runner.ts.
 * Both go through the same guards (guards.ts): a leaking or diverging run rejects with a
 * GuardError whose message says what happened and what to try.
 */
import type { Experiment, Progress, RunResult, Claim } from '../core/contract';
import type { ParamTable, ParamValues } from '../core/params';
import { defaultParams } from '../core/params';
import { createRng } from '../core/rng';
import { loadTf, PLAIN_JS, type LoadTfOptions, type LoadedTf } from './backend';
import { createRunGuards, type RunGuardOptions } from './guards';

export interface RunToEndOptions<T extends ParamTable> {
  seed?: number;
  params?: Partial<ParamValues<T>>;
  backend?: LoadTfOptions;
  /** An already loaded TF.js (the bench passes one); otherwise loadTf(backend) is used. */
  loaded?: LoadedTf;
  onProgress?: (p: Progress) => void;
  guards?: RunGuardOptions;
}

export interface FinishedRun<R> {
  result: R;
  claim: Claim;
  seed: number;
  backend: string;
  /** Why earlier-preferred backends were skipped, in words (empty when the first one started). */
  fallbacks: string[];
  /** Wall-clock seconds of the run itself (TF.js loading excluded), up to the verdict. */
  seconds: number;
  params: Record<string, unknown>;
  /** Generator steps taken (progress events seen). */
  generatorSteps: number;
  /** The largest live tensor count seen after any step. */
  peakTensors: number;
}

export async function runToEnd<T extends ParamTable, S, R extends RunResult<S>>(
  experiment: Experiment<T, S, R>,
  options: RunToEndOptions<T> = {},
): Promise<FinishedRun<R>> {
  const { tf, backend, fallbacks } = experiment.usesTf === false ? PLAIN_JS : (options.loaded ?? (await loadTf(options.backend)));
  const seed = options.seed ?? experiment.defaultSeed;
  const params = { ...defaultParams(experiment.params), ...options.params } as ParamValues<T>;
  const guards = createRunGuards(experiment.id, experiment.usesTf === false ? null : tf, options.guards);
  const started = performance.now();
  // Plain-TypeScript experiments make no tensors.
  const tensorCount = () => (experiment.usesTf === false ? 0 : tf.memory().numTensors);
  let peakTensors = tensorCount();
  let generatorSteps = 0;
  const gen = experiment.run(params, { tf, backend, seed, rng: createRng(seed) });
  let finished = false;
  try {
    let step = await gen.next();
    while (!step.done) {
      generatorSteps++;
      const progress = step.value as Progress;
      peakTensors = Math.max(peakTensors, tensorCount());
      guards.afterStep(progress);
      options.onProgress?.(progress);
      step = await gen.next();
    }
    finished = true;
    const result = step.value;
    peakTensors = Math.max(peakTensors, tensorCount());
    guards.atEnd(result.metrics);
    const claim = experiment.claim(result, params);
    return {
      result,
      claim,
      seed,
      backend,
      fallbacks,
      seconds: (performance.now() - started) / 1000,
      params: params as Record<string, unknown>,
      generatorSteps,
      peakTensors,
    };
  } finally {
    // Stopped early (a guard, a throw in onProgress): let the generator's finally blocks dispose.
    if (!finished) await gen.return(undefined as unknown as R).catch(() => undefined);
  }
}
