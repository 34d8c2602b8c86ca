/**
 * The flat Adam (one update over all variables) must give exactly what tf.train.adam gives:
 * the demos' quoted numbers were produced with TF.js's own optimizer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import { createRng } from '@/lib/core/rng';
import { createMlp, disposeMlp, mlpForward, mlpVariables } from '@/lib/ml/concept-mlp';
import { createAdam } from '@/lib/ml/adam';
import { adamModuleBytes, createAdamKernel } from '@/lib/ml/adam-wasm';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf({ preferred: ['wasm', 'cpu'] })).tf;
});

function trainTwice(steps: number, learningRate: number, javascriptOnly = false) {
  const data = createRng(3).normalArray(32 * 12);
  const x = tf.tensor2d(data, [32, 12]);
  const y = tf.tensor2d(createRng(4).normalArray(32 * 3), [32, 3]);
  const a = createMlp(tf, createRng(7), [12, 16, 8, 3]);
  const b = createMlp(tf, createRng(7), [12, 16, 8, 3]);
  const loss = (mlp: typeof a) => () => tf.losses.meanSquaredError(y, mlpForward(tf, mlp, x)) as ReturnType<typeof tf.scalar>;
  const reference = tf.train.adam(learningRate);
  const flat = createAdam(tf, mlpVariables(b), learningRate, { javascriptOnly });
  let afterFirst = 0;
  const costs: [number, number][] = [];
  for (let i = 0; i < steps; i++) {
    const ca = reference.minimize(loss(a), true, mlpVariables(a))!;
    const cb = flat.minimize(loss(b), true)!;
    costs.push([ca.dataSync()[0], cb.dataSync()[0]]);
    ca.dispose();
    cb.dispose();
    // The reference creates its moment variables on its first step: count from there.
    if (i === 0) afterFirst = tf.memory().numTensors;
  }
  const leaked = tf.memory().numTensors - afterFirst;
  const weights = (mlp: typeof a) => mlpVariables(mlp).map((v) => Array.from(v.dataSync()));
  const result = { costs, a: weights(a), b: weights(b), leaked };
  reference.dispose();
  flat.dispose();
  disposeMlp(a);
  disposeMlp(b);
  tf.dispose([x, y]);
  return result;
}

describe('flat Adam', () => {
  it('matches tf.train.adam exactly, weight for weight, step after step', () => {
    const r = trainTwice(25, 0.01);
    expect(r.costs[24][1]).toBeLessThan(r.costs[0][1]); // it trains
    for (const [ca, cb] of r.costs) expect(cb).toBe(ca);
    expect(r.b).toEqual(r.a);
  });

  it('matches it exactly in its JavaScript form too (engines without WebAssembly)', () => {
    const r = trainTwice(25, 0.01, true);
    for (const [ca, cb] of r.costs) expect(cb).toBe(ca);
    expect(r.b).toEqual(r.a);
  });

  it('runs the update as WebAssembly here, in SIMD form', () => {
    expect(createAdamKernel()?.form).toBe('simd');
  });

  it('gives the same bits from the SIMD and the scalar WebAssembly forms', () => {
    const n = 4 * 37;
    const run = (simd: boolean) => {
      const { update, memory } = new WebAssembly.Instance(new WebAssembly.Module(adamModuleBytes(simd))).exports as unknown as {
        update: (...args: number[]) => void;
        memory: WebAssembly.Memory;
      };
      const heap = new Float32Array(memory.buffer);
      const data = createRng(5).normalArray(3 * n);
      heap.set(data); // gradients, weights, first moments; second moments start at 0
      for (let step = 0; step < 3; step++) update(n, 0, 4 * n, 8 * n, 12 * n, 0.9, 0.999, Math.fround(0.1), Math.fround(0.001), 1e-7, -0.01, 0.1, Math.fround(0.001));
      return Array.from(heap.subarray(0, 4 * n));
    };
    const simd = run(true);
    // The weights moved (a kernel that did nothing would pass the comparison too).
    expect(simd.slice(n, 2 * n)).not.toEqual(createRng(5).normalArray(3 * n).slice(n, 2 * n).map(Math.fround));
    expect(simd).toEqual(run(false));
  });

  it('leaks no tensors per step', () => {
    expect(trainTwice(5, 0.001).leaked).toBe(0);
  });

  it('leaves nothing behind once disposed, however long it trained', () => {
    const mlp = createMlp(tf, createRng(2), [4, 3, 1]);
    const x = tf.ones([2, 4]);
    const before = tf.memory().numTensors;
    const adam = createAdam(tf, mlpVariables(mlp), 0.01);
    for (let i = 0; i < 3; i++) adam.minimize(() => tf.sum(mlpForward(tf, mlp, x as never)) as ReturnType<typeof tf.scalar>, false);
    adam.dispose();
    expect(tf.memory().numTensors).toBe(before);
    disposeMlp(mlp);
    x.dispose();
  });
});
