import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import { createRng } from '@/lib/core/rng';
import { createMlp, createTrainer, mlpForward, mlpToPlain, oneHotArray, disposeMlp, Minibatcher } from '@/lib/ml/concept-mlp';
import {
  cemForward,
  cemInterventionCurve,
  cemLoss,
  cemVariables,
  createCem,
  createJointCbm,
  disposeCem,
  disposeJointCbm,
  headInterventionCurve,
  jointForward,
  jointLoss,
  jointVariables,
} from '@/lib/ml/concept-models';
import { binarize, intervene, randIntMask, randomInterventionOrders, stackedInterventions } from '@/lib/ml/concept-intervene';
import { plainHeadLogits, predictFromConcepts } from '@/lib/ml/concept-head';
import { predictFromConcepts as exportedFromCbm } from '@/lib/experiments/cbm/experiment';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

const B = 5;
const D = 12;
const K = 4;
const C = 3;
const inputs = (seed: number, n = B, d = D) => createRng(seed).normalArray(n * d);

describe('forward shapes', () => {
  it('black box / concept predictor / head', () => {
    const rng = createRng(1);
    const before = tf.memory().numTensors;
    const mlp = createMlp(tf, rng, [D, 8, C]);
    const out = tf.tidy(() => mlpForward(tf, mlp, tf.tensor2d(inputs(1), [B, D])));
    expect(out.shape).toEqual([B, C]);
    out.dispose();
    disposeMlp(mlp);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('joint CBM and hybrid CBM: concept logits K, bottleneck K + U, task logits C', () => {
    for (const extra of [0, 3]) {
      const before = tf.memory().numTensors;
      const m = createJointCbm(tf, createRng(2), { inputSize: D, hidden: [8], nConcepts: K, extraUnits: extra, headHidden: 6, nClasses: C });
      tf.tidy(() => {
        const out = jointForward(tf, m, tf.tensor2d(inputs(2), [B, D]));
        expect(out.conceptLogits.shape).toEqual([B, K]);
        expect(out.bottleneck.shape).toEqual([B, K + extra]);
        expect(out.taskLogits.shape).toEqual([B, C]);
        // The concept part of the bottleneck is the sigmoid of the concept logits (fuzzy: inside
        // (0, 1)); its binary version holds only 0 and 1, the same decisions.
        const probs = tf.sigmoid(out.conceptLogits).arraySync() as number[][];
        const bn = out.bottleneck.arraySync() as number[][];
        for (let i = 0; i < B; i++) {
          for (let j = 0; j < K; j++) {
            expect(bn[i][j]).toBeCloseTo(probs[i][j], 5);
            expect(bn[i][j]).toBeGreaterThan(0);
            expect(bn[i][j]).toBeLessThan(1);
          }
        }
        const hard = binarize(bn.flatMap((r) => r.slice(0, K)));
        expect(hard.every((v) => v === 0 || v === 1)).toBe(true);
        hard.forEach((v, i) => expect(v).toBe(bn[Math.floor(i / K)][i % K] > 0.5 ? 1 : 0));
      });
      disposeJointCbm(m);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('CEM: concept logits K, task logits C; the mixture uses one shared scorer', () => {
    const before = tf.memory().numTensors;
    const m = 3;
    const cem = createCem(tf, createRng(3), { inputSize: D, hidden: [8], nConcepts: K, embedSize: m, headHidden: 6, nClasses: C });
    expect(cem.scorer.w.shape).toEqual([2 * m, 1]);
    expect(cem.embed.w.shape).toEqual([8, K * 2 * m]);
    expect(cem.head.layers[0].w.shape).toEqual([K * m, 6]);
    tf.tidy(() => {
      const out = cemForward(tf, cem, tf.tensor2d(inputs(3), [B, D]));
      expect(out.conceptLogits.shape).toEqual([B, K]);
      expect(out.probs.shape).toEqual([B, K]);
      expect(out.taskLogits.shape).toEqual([B, C]);
    });
    disposeCem(cem);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('interventions (plain arrays)', () => {
  it('set the first k concepts of each row order to the truth, leave the rest and any free units', () => {
    const values = Float32Array.from([0.2, 0.9, 0.6, 7, /* row 2 */ 0.1, 0.4, 0.8, 9]); // width 4: 3 concepts + 1 free unit
    const truth = Float32Array.from([1, 0, 1, /* row 2 */ 0, 1, 0]);
    const order = Int32Array.from([2, 0, 1, /* row 2 */ 1, 2, 0]);
    const k1 = intervene(values, 4, truth, 3, order, 1, [0, 1, 2]);
    expect(Array.from(k1)).toEqual(Array.from(Float32Array.from([0.2, 0.9, 1, 7, 0.1, 1, 0.8, 9])));
    const k3 = intervene(values, 4, truth, 3, order, 3, [0, 1, 2]);
    expect(Array.from(k3)).toEqual([1, 0, 1, 7, 0, 1, 0, 9]);
    expect(Array.from(intervene(values, 4, truth, 3, order, 0))).toEqual(Array.from(values));
    const stacked = stackedInterventions(values, 4, truth, 3, order, [0, 1, 2]);
    expect(stacked.length).toBe(values.length * 4);
    expect(Array.from(stacked.subarray(values.length * 3))).toEqual([1, 0, 1, 7, 0, 1, 0, 9]);
  });

  it('random orders are permutations; binarize thresholds at 0.5', () => {
    const order = randomInterventionOrders(createRng(4), 50, 6);
    for (let i = 0; i < 50; i++) expect(Array.from(order.subarray(i * 6, i * 6 + 6)).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(binarize([0.1, 0.5, 0.51, 0.99]))).toEqual([0, 0, 1, 1]);
  });

  it('RandInt masks are 0/1 with the requested rate', () => {
    const mask = randIntMask(createRng(5), 2000, 5, 0.25);
    expect(mask.every((v) => v === 0 || v === 1)).toBe(true);
    const rate = mask.reduce((a, b) => a + b, 0) / mask.length;
    expect(rate).toBeGreaterThan(0.23);
    expect(rate).toBeLessThan(0.27);
    expect(randIntMask(createRng(5), 10, 5, 0).every((v) => v === 0)).toBe(true);
  });
});

describe('interventions through the models', () => {
  it('a fully intervened CEM mixes with the true concepts (p_i := c_i), whatever it predicted', () => {
    const cem = createCem(tf, createRng(6), { inputSize: D, hidden: [8], nConcepts: K, embedSize: 2, headHidden: 6, nClasses: C });
    const truthArr = Float32Array.from({ length: B * K }, (_, i) => (i % 3 === 0 ? 1 : 0));
    tf.tidy(() => {
      const x = tf.tensor2d(inputs(6), [B, D]);
      const truth = tf.tensor2d(truthArr, [B, K]);
      const all = cemForward(tf, cem, x, { truth, mask: tf.onesLike(truth) as never });
      expect(Array.from(all.probs.dataSync())).toEqual(Array.from(truthArr));
      const none = cemForward(tf, cem, x, { truth, mask: tf.zerosLike(truth) as never });
      const plain = cemForward(tf, cem, x);
      expect(Array.from(none.taskLogits.dataSync())).toEqual(Array.from(plain.taskLogits.dataSync()));
    });
    disposeCem(cem);
  });

  it('CEM and head intervention curves have K + 1 points and reach the truth-fed accuracy at k = K', async () => {
    const n = 40;
    const rng = createRng(7);
    const truth = Float32Array.from({ length: n * K }, () => (rng.next() < 0.5 ? 1 : 0));
    const labels = Uint8Array.from({ length: n }, (_, i) => (truth[i * K] + truth[i * K + 1]) % C);
    const order = randomInterventionOrders(createRng(8), n, K);
    const head = createMlp(tf, createRng(9), [K, 6, C]);
    const probs = Float32Array.from(truth, (t) => (t ? 0.3 : 0.7)); // every prediction wrong
    const curve = await headInterventionCurve(tf, head, probs, K, truth, K, order, labels, C);
    expect(curve.length).toBe(K + 1);
    const truthScores = tf.tidy(() => mlpForward(tf, head, tf.tensor2d(truth, [n, K])).dataSync());
    let correct = 0;
    for (let i = 0; i < n; i++) {
      const row = Array.from(truthScores.subarray(i * C, (i + 1) * C));
      if (row.indexOf(Math.max(...row)) === labels[i]) correct++;
    }
    expect(curve[K]).toBeCloseTo(correct / n, 6);
    disposeMlp(head);

    const cem = createCem(tf, createRng(10), { inputSize: D, hidden: [8], nConcepts: K, embedSize: 2, headHidden: 6, nClasses: C });
    const x = tf.tensor2d(inputs(11, n), [n, D]);
    const before = tf.memory().numTensors;
    const evaluation = await cemInterventionCurve(tf, cem, x, truth, order, labels, C);
    expect(tf.memory().numTensors).toBe(before);
    expect(evaluation.accuracy.length).toBe(K + 1);
    expect(evaluation.probs.length).toBe(n * K);
    x.dispose();
    disposeCem(cem);
  });
});

describe('training', () => {
  it('the Adam loop lowers the hybrid (joint) and CEM (RandInt) losses and leaks no tensors', async () => {
    const n = 64;
    const rng = createRng(12);
    const cArr = Float32Array.from({ length: n * K }, () => (rng.next() < 0.5 ? 1 : 0));
    const xArr = new Float32Array(n * D);
    for (let i = 0; i < n; i++) for (let d = 0; d < D; d++) xArr[i * D + d] = (d < K ? 2 * cArr[i * K + d] - 1 : 0) + 0.3 * rng.normal();
    const yArr = Uint8Array.from({ length: n }, (_, i) => (cArr[i * K] + cArr[i * K + 1] + cArr[i * K + 2]) % C);
    const x = tf.tensor2d(xArr, [n, D]);
    const c = tf.tensor2d(cArr, [n, K]);
    const y = tf.tensor2d(oneHotArray(yArr, C), [n, C]);
    const measure = async (loss: () => ReturnType<typeof jointLoss>) => {
      const t = tf.tidy(loss);
      const v = (await t.data())[0];
      t.dispose();
      return v;
    };
    const joint = createJointCbm(tf, createRng(13), { inputSize: D, hidden: [16], nConcepts: K, extraUnits: 2, headHidden: 8, nClasses: C });
    const cem = createCem(tf, createRng(14), { inputSize: D, hidden: [16], nConcepts: K, embedSize: 3, headHidden: 8, nClasses: C });
    const maskRng = createRng(15);
    const cases = [
      { name: 'hybrid', vars: jointVariables(joint), loss: (b: { x: never; c: never; y: never }) => jointLoss(tf, joint, b.x, b.c, b.y, 1), full: () => jointLoss(tf, joint, x, c, y, 1) },
      {
        name: 'cem',
        vars: cemVariables(cem),
        loss: (b: { x: never; c: never; y: never }) => cemLoss(tf, cem, b.x, b.c, b.y, 1, tf.tensor2d(randIntMask(maskRng, 32, K, 0.25), [32, K])),
        full: () => cemLoss(tf, cem, x, c, y, 1),
      },
    ];
    for (const k of cases) {
      const start = await measure(k.full);
      const before = tf.memory().numTensors;
      const trainer = createTrainer(tf, { data: { x, c, y }, variables: k.vars, loss: k.loss as never, learningRate: 1e-2, batchSize: 32, rng: createRng(16) });
      for (let s = 0; s < 150; s++) trainer.step(false);
      trainer.dispose();
      expect(tf.memory().numTensors, `${k.name} leaked`).toBe(before);
      const end = await measure(k.full);
      expect(end, k.name).toBeLessThan(start * 0.6);
    }
    disposeJointCbm(joint);
    disposeCem(cem);
    for (const t of [x, c, y]) t.dispose();
  });

  it('minibatches cover every example once per epoch', () => {
    const batcher = new Minibatcher(createRng(17), 10, 4);
    const seen = [...batcher.next(), ...batcher.next(), ...batcher.next().subarray(0, 2)];
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('the pure-TS head the UI uses', () => {
  it('matches the TF.js head, and cbm.ts re-exports it', async () => {
    const head = createMlp(tf, createRng(18), [K, 6, C]);
    const plain = { layers: await mlpToPlain(head) };
    const probe = [0.9, 0.1, 1, 0];
    const tfLogits = tf.tidy(() => Array.from(mlpForward(tf, head, tf.tensor2d([probe])).dataSync()));
    const logits = plainHeadLogits(plain, probe);
    logits.forEach((v, i) => expect(v).toBeCloseTo(tfLogits[i], 4));
    const { probs, label } = predictFromConcepts(plain, probe);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(label).toBe(tfLogits.indexOf(Math.max(...tfLogits)));
    expect(exportedFromCbm).toBe(predictFromConcepts);
    disposeMlp(head);
  });
});

describe('the concept experiments clean up when stopped early', () => {
  it('cbm, cem and concept-leakage dispose every tensor on return()', async () => {
    const { cbm } = await import('@/lib/experiments/cbm/experiment');
    const { cem } = await import('@/lib/experiments/cem/experiment');
    const { conceptLeakage } = await import('@/lib/experiments/concept-leakage/experiment');
    const { defaultParams } = await import('@/lib/core/params');
    for (const experiment of [cbm, cem, conceptLeakage] as const) {
      const before = tf.memory().numTensors;
      const params = { ...defaultParams(experiment.params), trainSize: 500 } as never;
      const gen = experiment.run(params, { tf, backend: 'wasm', seed: 1, rng: createRng(1) });
      for (let i = 0; i < 25; i++) await gen.next();
      expect(tf.memory().numTensors, `${experiment.id} holds tensors mid-run`).toBeGreaterThan(before);
      await gen.return(undefined as never);
      expect(tf.memory().numTensors, `${experiment.id} leaked after return()`).toBe(before);
    }
  });
});
