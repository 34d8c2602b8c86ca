/**
 * The elastic-net softmax head (lib/ml/elastic-net.ts) against cases worked out by hand:
 * soft-thresholding, a one-feature problem whose lasso solution has a closed form (including the
 * penalty at which the weight becomes exactly zero), a feature that carries no information and
 * must come out exactly zero, and the optimality (KKT) conditions on a random problem.
 */
import { describe, expect, it } from 'vitest';
import {
  ElasticNetSolver,
  elasticNetObjective,
  fitElasticNetSoftmax,
  linearLogits,
  meanCrossEntropy,
  penaltyCoefficients,
  softThreshold,
} from '@/lib/ml/elastic-net';
import { createRng } from '@/lib/core/rng';

describe('softThreshold', () => {
  it('shrinks towards zero by t and clips to zero inside [-t, t]', () => {
    expect(softThreshold(3, 1)).toBe(2);
    expect(softThreshold(-3, 1)).toBe(-2);
    expect(softThreshold(0.5, 1)).toBe(0);
    expect(softThreshold(-1, 1)).toBe(0);
    expect(softThreshold(1.25, 0)).toBe(1.25);
  });
});

/**
 * Ten examples, one feature x = +1 or -1. For x = +1, 4 of 5 labels are class 1; for x = -1, 4 of
 * 5 are class 0 (q = 0.8). By symmetry both biases are equal, and the logit gap is delta = w1 - w0.
 * With alpha = 1 the penalty is l1 (|w0| + |w1|) >= l1 |delta|, so the objective in delta is
 *   -[q log s(delta) + (1 - q) log s(-delta)] + l1 |delta|
 * whose minimiser solves s(delta) = q - l1, i.e. delta = log((q - l1) / (1 - q + l1)),
 * and is exactly 0 when q - l1 <= 1/2.
 */
function symmetricProblem() {
  const x = [1, 1, 1, 1, 1, -1, -1, -1, -1, -1];
  const labels = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
  return { x, labels };
}

describe('fitElasticNetSoftmax', () => {
  it('matches the closed-form lasso solution of a one-feature problem', () => {
    const { x, labels } = symmetricProblem();
    // l1 = lambda * alpha / (d K) = lambda / 2 here; choose lambda = 0.2 so l1 = 0.1.
    expect(penaltyCoefficients(0.2, 1, 1, 2).l1).toBeCloseTo(0.1, 12);
    const layer = fitElasticNetSoftmax(x, labels, 10, 1, 2, { lambda: 0.2, alpha: 1, iterations: 5000, tolerance: 1e-12 });
    const delta = layer.weights[1] - layer.weights[0];
    expect(delta).toBeCloseTo(Math.log(0.7 / 0.3), 3); // 0.8473
    expect(layer.bias[1] - layer.bias[0]).toBeCloseTo(0, 4);
  });

  it('sets the weight exactly to zero once the penalty outweighs the evidence', () => {
    const { x, labels } = symmetricProblem();
    // l1 = 0.35: q - l1 = 0.45 < 1/2, so delta = 0 exactly (not just small).
    const layer = fitElasticNetSoftmax(x, labels, 10, 1, 2, { lambda: 0.7, alpha: 1, iterations: 2000 });
    expect(layer.weights[0]).toBe(0);
    expect(layer.weights[1]).toBe(0);
  });

  it('gives an uninformative feature exactly zero weight and keeps the informative one', () => {
    // Feature 0 is the symmetric signal above; feature 1 is +1/-1 balanced within every
    // (feature 0, label) cell, so its gradient at any solution with w1 = 0 is exactly zero.
    const { x: signal, labels: base } = symmetricProblem();
    const x: number[] = [];
    const labels: number[] = [];
    for (let i = 0; i < signal.length; i++) {
      for (const noise of [1, -1]) {
        x.push(signal[i], noise);
        labels.push(base[i]);
      }
    }
    const layer = fitElasticNetSoftmax(x, labels, 20, 2, 2, { lambda: 0.2, alpha: 0.99, iterations: 3000 });
    expect(layer.weights[1]).toBe(0); // class 0, noise feature
    expect(layer.weights[3]).toBe(0); // class 1, noise feature
    expect(layer.weights[2] - layer.weights[0]).toBeGreaterThan(0.5);
  });

  it('meets the optimality conditions on a random 3-class problem', () => {
    const rng = createRng(7);
    const n = 300;
    const d = 5;
    const K = 3;
    const x = new Float64Array(n * d);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x[i * d + j] = rng.normal();
      // Only features 0 and 1 matter.
      const z = [x[i * d] * 2, x[i * d + 1] * 2, 0];
      labels[i] = z.indexOf(Math.max(...z));
    }
    const options = { lambda: 0.3, alpha: 0.9, iterations: 20000, tolerance: 1e-13 };
    const layer = fitElasticNetSoftmax(x, labels, n, d, K, options);
    const { l1, l2 } = penaltyCoefficients(options.lambda, options.alpha, d, K);
    // Gradient of the smooth part at the solution.
    const logits = linearLogits(layer, x, n);
    const grad = new Float64Array(K * d);
    for (let i = 0; i < n; i++) {
      const row = Array.from(logits.subarray(i * K, i * K + K));
      const m = Math.max(...row);
      const e = row.map((v) => Math.exp(v - m));
      const s = e.reduce((a, b) => a + b, 0);
      for (let k = 0; k < K; k++) {
        const r = (e[k] / s - (labels[i] === k ? 1 : 0)) / n;
        for (let j = 0; j < d; j++) grad[k * d + j] += r * x[i * d + j];
      }
    }
    let zeros = 0;
    for (let p = 0; p < K * d; p++) {
      const w = layer.weights[p];
      const g = grad[p] + 2 * l2 * w;
      if (w === 0) {
        zeros++;
        expect(Math.abs(g)).toBeLessThanOrEqual(l1 + 1e-6);
      } else {
        expect(g + l1 * Math.sign(w)).toBeCloseTo(0, 5);
      }
    }
    expect(zeros).toBeGreaterThan(0);
    // The objective went down from the all-zero start.
    const start = meanCrossEntropy(new Float64Array(n * K), labels, n, K);
    expect(elasticNetObjective(layer, x, labels, n, options)).toBeLessThan(start);
  });

  it('fits on top of a fixed offset (the PCBM-h residual) and chunked iterations equal one long run', () => {
    const { x, labels } = symmetricProblem();
    const offset = new Float64Array(20);
    for (let i = 0; i < 10; i++) offset[i * 2 + 1] = 0.3; // a frozen head that favours class 1
    const options = { lambda: 0.01, alpha: 0.5, iterations: 400, tolerance: 0, offset };
    const whole = fitElasticNetSoftmax(x, labels, 10, 1, 2, options);
    const solver = new ElasticNetSolver(x, labels, 10, 1, 2, options);
    while (!solver.iterate(7));
    const chunked = solver.layer();
    expect(Array.from(chunked.weights)).toEqual(Array.from(whole.weights));
    // The residual's bias undoes the offset's preference for class 1 (the data are balanced).
    expect(whole.bias[1] - whole.bias[0]).toBeCloseTo(-0.3, 2);
  });
});
