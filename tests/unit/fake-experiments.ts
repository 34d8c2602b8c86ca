/**
 * Small fake experiments and a fake TF.js for the runner and guard tests: no TF.js is loaded.
 * Not a test file itself (no .test.ts suffix).
 */
import { defineExperiment, type Progress, type Tf } from '@/lib/core/contract';
import type { BackendName, LoadedTf } from '@/lib/runtime/backend';

/** A stand-in for TF.js that only answers tf.memory(); `numTensors` is settable. */
export function fakeTf(start = 0): LoadedTf & { counter: { numTensors: number } } {
  const counter = { numTensors: start };
  const tf = { memory: () => ({ numTensors: counter.numTensors }) } as unknown as Tf;
  // 'fake' is not a real backend name; the runner only passes it through.
  return { tf, backend: 'fake' as BackendName, fallbacks: [], counter };
}

export interface CountingHooks {
  /** Called at each step with the step number (1-based) and the fake TF.js counter. */
  onStep?: (step: number, tf: { memory(): { numTensors: number } }) => void;
  finallyRan?: { value: boolean };
  /** Loss per step; default a decreasing curve. */
  loss?: (step: number) => number;
}

const params = {
  steps: { kind: 'int', label: 'Steps', default: 10, min: 1, max: 100_000 },
} as const;

/** Yields `steps` progress events, one per next(), and returns { metrics: { total } }. */
export function countingExperiment(id: string, hooks: CountingHooks = {}) {
  return defineExperiment({
    id,
    title: `fake ${id}`,
    description: 'test double',
    params,
    defaultSeed: 1,
    component: 'FakeDemo',
    version: 1,
    headline: [],
    async *run(p, ctx) {
      try {
        for (let step = 1; step <= p.steps; step++) {
          hooks.onStep?.(step, ctx.tf as unknown as { memory(): { numTensors: number } });
          const progress: Progress<{ step: number }> = {
            step,
            totalSteps: p.steps,
            loss: hooks.loss ? hooks.loss(step) : 1 / step,
            metrics: { seedSeen: ctx.seed },
            snapshot: { step },
          };
          yield progress;
        }
        return { metrics: { total: p.steps, seed: ctx.seed } };
      } finally {
        if (hooks.finallyRan) hooks.finallyRan.value = true;
      }
    },
    claim(result) {
      return { holds: result.metrics.total >= 10, summary: `ran ${result.metrics.total} steps`, numbers: { total: result.metrics.total } };
    },
  });
}
