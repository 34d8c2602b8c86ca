/**
 * Run an experiment to completion without a UI: used by the claims tests, the CLI and the
 * bench. The interactive runner (pause / step / abort, for the browser) lives in runner.ts.
 */
import type { Experiment, Progress, RunResult, Claim } from '../experiments/types';
import type { ParamTable, ParamValues } from '../experiments/params';
import { defaultParams } from '../experiments/params';
import { createRng } from './rng';
import { loadTf, type LoadTfOptions } from './backend';

export interface RunToEndOptions<T extends ParamTable> {
  seed?: number;
  params?: Partial<ParamValues<T>>;
  backend?: LoadTfOptions;
  onProgress?: (p: Progress) => void;
}

export interface FinishedRun<R> {
  result: R;
  claim: Claim;
  seed: number;
  backend: string;
  seconds: number;
  params: Record<string, unknown>;
}

export async function runToEnd<T extends ParamTable, S, R extends RunResult<S>>(
  experiment: Experiment<T, S, R>,
  options: RunToEndOptions<T> = {},
): Promise<FinishedRun<R>> {
  const { tf, backend } = await loadTf(options.backend);
  const seed = options.seed ?? experiment.defaultSeed;
  const params = { ...defaultParams(experiment.params), ...options.params } as ParamValues<T>;
  const started = performance.now();
  const gen = experiment.run(params, { tf, backend, seed, rng: createRng(seed) });
  let step = await gen.next();
  while (!step.done) {
    options.onProgress?.(step.value as Progress);
    step = await gen.next();
  }
  const result = step.value;
  return {
    result,
    claim: experiment.claim(result, params),
    seed,
    backend,
    seconds: (performance.now() - started) / 1000,
    params: params as Record<string, unknown>,
  };
}
