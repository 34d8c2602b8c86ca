/**
 * The saliency methods of lib/ml/attributions.ts and the plain-TS MLP they run on, against cases
 * worked out by hand: a linear model (where every method has a closed form), a two-unit ReLU net,
 * and integrated gradients' completeness on a small random MLP.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import {
  edgeMap,
  gradientMap,
  gradientTimesInput,
  integratedGradients,
  occlusion,
  smoothGrad,
  type DifferentiableClassifier,
} from '@/lib/ml/attributions';
import { createReluMlp, mlpInputGradient, mlpLogits, mlpPredict, ReluMlpTrainer, type ReluMlp } from '@/lib/ml/relu-mlp';

/** f_t(x) = w . x + 1 for every target: gradient w everywhere. */
function linear(w: number[]): DifferentiableClassifier {
  return {
    inputSize: w.length,
    logit: (x) => w.reduce((acc, wi, i) => acc + wi * x[i], 1),
    gradient: () => Float64Array.from(w),
  };
}

function asClassifier(net: ReluMlp): DifferentiableClassifier {
  return { inputSize: net.nIn, logit: (x, t) => mlpLogits(net, x)[t], gradient: (x, t) => mlpInputGradient(net, x, t) };
}

/** 2 inputs, 2 hidden units, 1 output: f = 2 relu(x0 - x1) - relu(x1). */
const tiny: ReluMlp = {
  nIn: 2,
  nHidden: 2,
  nOut: 1,
  w1: Float64Array.from([1, 0, -1, 1]), // w1[i * nHidden + h]: unit 0 = x0 - x1, unit 1 = x1
  b1: Float64Array.from([0, 0]),
  w2: Float64Array.from([2, -1]),
  b2: Float64Array.from([0.5]),
};

describe('plain ReLU MLP', () => {
  it('computes logits and the exact input gradient by hand', () => {
    expect(mlpLogits(tiny, [3, 1])[0]).toBeCloseTo(2 * 2 - 1 + 0.5);
    expect(Array.from(mlpInputGradient(tiny, [3, 1], 0))).toEqual([2, -3]);
    // x0 < x1: unit 0 is off, only -relu(x1) remains.
    expect(Array.from(mlpInputGradient(tiny, [1, 3], 0))).toEqual([0, -1]);
  });

  it('matches finite differences on a random net', () => {
    const net = createReluMlp(createRng(5), 6, 8, 3);
    const x = [0.3, -0.2, 0.9, 0.1, 0.5, -0.7];
    const g = mlpInputGradient(net, x, 2);
    for (let i = 0; i < 6; i++) {
      const h = 1e-6;
      const up = x.slice();
      up[i] += h;
      const down = x.slice();
      down[i] -= h;
      expect(g[i]).toBeCloseTo((mlpLogits(net, up)[2] - mlpLogits(net, down)[2]) / (2 * h), 5);
    }
  });

  it('learns a separable problem with Adam', () => {
    const rng = createRng(3);
    const n = 200;
    const x = new Float64Array(n * 2);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      x[2 * i] = rng.normal();
      x[2 * i + 1] = rng.normal();
      y[i] = x[2 * i] + x[2 * i + 1] > 0 ? 1 : 0;
    }
    const net = createReluMlp(createRng(4), 2, 8, 2);
    const trainer = new ReluMlpTrainer(net, 0.05);
    const all = Int32Array.from({ length: n }, (_, i) => i);
    const first = trainer.step(x, y, all);
    let last = first;
    for (let s = 0; s < 200; s++) last = trainer.step(x, y, all);
    expect(last).toBeLessThan(first / 3);
    const pred = mlpPredict(net, x, n);
    expect(pred.reduce((acc, p, i) => acc + (p === y[i] ? 1 : 0), 0) / n).toBeGreaterThan(0.95);
  });
});

describe('attribution methods on a linear model (closed forms)', () => {
  const model = linear([2, -1, 0, 3]);
  const x = [1, 2, 5, -1];

  it('gradient is w, gradient x input is w * x', () => {
    expect(Array.from(gradientMap(model, x, 0))).toEqual([2, -1, 0, 3]);
    expect(Array.from(gradientTimesInput(model, x, 0))).toEqual([2, -2, 0, -3]);
  });

  it('integrated gradients from zero equal gradient x input, from a baseline w * (x - baseline)', () => {
    expect(Array.from(integratedGradients(model, x, 0, 4))).toEqual([2, -2, 0, -3]);
    expect(Array.from(integratedGradients(model, x, 0, 4, [1, 1, 1, 1]))).toEqual([0, -1, 0, -6]);
  });

  it('SmoothGrad of a linear model is its gradient, whatever the noise', () => {
    const sg = smoothGrad(model, x, 0, createRng(1), 8, 0.5);
    expect(Array.from(sg).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([2, -1, 0, 3]);
  });

  it('occlusion averages the logit drop over the sliding windows covering each pixel', () => {
    // 2x2 image, 1x1 windows: the drop is w_p x_p.
    expect(Array.from(occlusion(model, x, 0, 2, 1))).toEqual([2, -2, 0, -3]);
    // One 2x2 window covers everything: every pixel gets the whole drop f(x) - f(0) = 2 - 2 + 0 - 3.
    expect(Array.from(occlusion(model, x, 0, 2, 2))).toEqual([-3, -3, -3, -3]);
  });

  it('occlusion with 2x2 windows on a 3x3 image, counted by hand', () => {
    // f = x_4 (the centre pixel): every window covers the centre, so every window drops f by x_4 = 5.
    const centre = linear([0, 0, 0, 0, 1, 0, 0, 0, 0]);
    const img = [1, 1, 1, 1, 5, 1, 1, 1, 1];
    const map = occlusion(centre, img, 0, 3, 2);
    // Each pixel's windows all contain the centre, so every pixel averages drops of 5.
    expect(Array.from(map)).toEqual(new Array(9).fill(5));
    // f = x_0 (top-left): only the top-left window covers it, so only that window's 4 pixels see a drop,
    // and pixel (0,1) is covered by two windows of which one drops 1: mean 0.5.
    const corner = occlusion(linear([1, 0, 0, 0, 0, 0, 0, 0, 0]), img, 0, 3, 2);
    expect(Array.from(corner)).toEqual([1, 0.5, 0, 0.5, 0.25, 0, 0, 0, 0]);
  });
});

describe('integrated gradients: completeness', () => {
  it('sums to f(x) - f(baseline) on the hand-made ReLU net', () => {
    const x = [3, 1];
    const ig = integratedGradients(asClassifier(tiny), x, 0, 1000);
    const diff = mlpLogits(tiny, x)[0] - mlpLogits(tiny, [0, 0])[0];
    expect(ig[0] + ig[1]).toBeCloseTo(diff, 2);
  });

  it('sums to f(x) - f(baseline) on a small random MLP, more closely with more steps', () => {
    const net = createReluMlp(createRng(11), 16, 12, 4);
    const model = asClassifier(net);
    const rng = createRng(12);
    const x = Array.from({ length: 16 }, () => rng.uniform(0, 1));
    const baseline = Array.from({ length: 16 }, () => rng.uniform(0, 0.2));
    const diff = mlpLogits(net, x)[3] - mlpLogits(net, baseline)[3];
    const gap = (steps: number) => Math.abs(integratedGradients(model, x, 3, steps, baseline).reduce((a, v) => a + v, 0) - diff);
    expect(Math.abs(diff)).toBeGreaterThan(0.05);
    expect(gap(2000)).toBeLessThan(0.01 * Math.max(1, Math.abs(diff)));
    expect(gap(2000)).toBeLessThanOrEqual(gap(4) + 1e-12);
  });
});

describe('edge detector', () => {
  it('is zero on a flat interior and outlines a bright square (Sobel, zero padding)', () => {
    const side = 5;
    const img = new Array(side * side).fill(0);
    img[2 * side + 2] = 1; // a single bright pixel in the middle
    const e = edgeMap(img, side);
    expect(e[2 * side + 2]).toBe(0); // symmetric neighbourhood: both Sobel components cancel
    expect(e[2 * side + 3]).toBeCloseTo(2); // right neighbour: gx = -2, gy = 0
    expect(e[1 * side + 1]).toBeCloseTo(Math.SQRT2); // diagonal: gx = gy = -1
    expect(e[0]).toBe(0); // two pixels away
  });

  it('never looks at a model: the same image gives the same map', () => {
    const rng = createRng(2);
    const img = Array.from({ length: 64 }, () => rng.next());
    expect(Array.from(edgeMap(img, 8))).toEqual(Array.from(edgeMap(img.slice(), 8)));
  });
});
