/** lib/ml/probes.ts: the logistic probe, the top principal component and AdamW, on cases with known answers. */
import { describe, expect, it } from 'vitest';
import { AdamW, cosine, logisticLoss, orthonormalDirections, probeAccuracy, sigmoid, topPrincipalComponent, trainLogisticProbe } from '@/lib/ml/probes';
import { createRng } from '@/lib/core/rng';

describe('sigmoid', () => {
  it('is exact at 0 and ln 3 and does not overflow in the tails', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });
});

describe('AdamW', () => {
  it('moves each parameter by the learning rate against the sign of its gradient on the first step', () => {
    const p = Float64Array.from([1, 1, 1]);
    new AdamW(3, { learningRate: 0.1 }).step(p, [2, -0.001, 0]);
    expect(p[0]).toBeCloseTo(0.9, 6);
    expect(p[1]).toBeCloseTo(1.1, 4);
    expect(p[2]).toBe(1);
  });

  it('decays the weights by lr * weightDecay before the update', () => {
    const p = Float64Array.from([2]);
    new AdamW(1, { learningRate: 0.1, weightDecay: 0.5 }).step(p, [0]);
    expect(p[0]).toBeCloseTo(2 * (1 - 0.05), 12);
  });
});

describe('logistic probe', () => {
  it('separates two classes split by the sign of one coordinate and lowers the loss', () => {
    const rng = createRng(2);
    const n = 200;
    const d = 3;
    const x = new Float64Array(n * d);
    const y = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      x[i * d] = (y[i] ? 1 : -1) * (0.5 + rng.next()); // coordinate 0 carries the label
      x[i * d + 1] = rng.normal();
      x[i * d + 2] = rng.normal();
    }
    const untrained = logisticLoss({ weights: new Float64Array(d), bias: 0 }, x, y, n, d);
    expect(untrained).toBeCloseTo(Math.log(2), 12);
    const probe = trainLogisticProbe(x, y, n, d, { epochs: 200, learningRate: 0.05 });
    expect(probeAccuracy(probe, x, y, n, d)).toBe(1);
    expect(logisticLoss(probe, x, y, n, d)).toBeLessThan(0.1);
    expect(Math.abs(cosine(probe.weights, [1, 0, 0]))).toBeGreaterThan(0.95);
  });
});

describe('top principal component', () => {
  it('finds the direction of greatest variance and its share of the variance', () => {
    const rng = createRng(4);
    const d = 5;
    const [u] = orthonormalDirections(1, d, rng);
    const n = 2000;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const z = rng.normal(0, 3); // variance 9 along u
      for (let j = 0; j < d; j++) x[i * d + j] = 7 + z * u[j] + rng.normal(0, 1); // variance 1 in every direction, offset 7
    }
    const pc = topPrincipalComponent(x, n, d, rng);
    expect(Math.abs(cosine(pc.direction, u))).toBeGreaterThan(0.99);
    expect(pc.variance).toBeGreaterThan(9);
    expect(pc.variance).toBeLessThan(11);
    expect(pc.explained).toBeCloseTo(10 / 14, 1); // (9 + 1) / (9 + 5)
  });
});

describe('orthonormalDirections', () => {
  it('gives unit vectors at right angles, and refuses more than the dimension', () => {
    const dirs = orthonormalDirections(4, 4, createRng(1));
    for (const a of dirs) for (const b of dirs) expect(a.reduce((s, v, j) => s + v * b[j], 0)).toBeCloseTo(a === b ? 1 : 0, 12);
    expect(() => orthonormalDirections(5, 4, createRng(1))).toThrow(/cannot place 5/);
  });
});
