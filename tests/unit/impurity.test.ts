import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import { auc, histogramProbe, impuritySummary, purityMatrix } from '@/lib/metrics/impurity';

describe('AUC', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one, 0.5 for ties', () => {
    expect(auc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
    expect(auc([0.5, 0.5, 0.5, 0.5], [0, 1, 0, 1])).toBe(0.5);
    expect(Number.isNaN(auc([0.1, 0.2], [1, 1]))).toBe(true);
  });

  it('matches the pair-counting definition (ties count half)', () => {
    const scores = [0.3, 0.7, 0.3, 0.9, 0.1, 0.7];
    const labels = [0, 1, 1, 0, 0, 1];
    let wins = 0;
    let pairs = 0;
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 6; j++) {
        if (labels[i] === 1 && labels[j] === 0) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] === scores[j] ? 0.5 : 0;
        }
      }
    }
    expect(auc(scores, labels)).toBeCloseTo(wins / pairs, 12);
  });
});

describe('histogram probe', () => {
  it('learns a non-monotone relation that a raw-score AUC misses', () => {
    const rng = createRng(1);
    const n = 4000;
    const score = Array.from({ length: n }, () => rng.next());
    // Positive exactly in the middle third: the raw score's AUC is ~0.5, the probe's ~1.
    const label = score.map((s) => (s > 1 / 3 && s < 2 / 3 ? 1 : 0));
    const fit = { s: score.slice(0, n / 2), y: label.slice(0, n / 2) };
    const test = { s: score.slice(n / 2), y: label.slice(n / 2) };
    expect(Math.abs(auc(test.s, test.y) - 0.5)).toBeLessThan(0.05);
    expect(auc(histogramProbe(fit.s, fit.y, test.s, 12), test.y)).toBeGreaterThan(0.95);
  });
});

describe('purity matrix', () => {
  const draw = (seed: number, n: number, K: number) => {
    const rng = createRng(seed);
    return Float32Array.from({ length: n * K }, () => (rng.next() < 0.5 ? 1 : 0));
  };

  it('independent concepts give chance (0.5) off the diagonal and 1 on it', () => {
    const K = 4;
    const truth = draw(2, 4000, K);
    const m = purityMatrix(truth, truth, K);
    for (let i = 0; i < K; i++) {
      expect(m[i][i]).toBe(1);
      for (let j = 0; j < K; j++) if (i !== j) expect(Math.abs(m[i][j] - 0.5)).toBeLessThan(0.05);
    }
  });

  it('a representation that copies another concept scores 1 for that concept', () => {
    const K = 3;
    const n = 2000;
    const truth = draw(3, n, K);
    // Column 0 of the representation is a noisy score that secretly encodes concept 2.
    const rng = createRng(4);
    const rep = Float32Array.from(truth);
    for (let i = 0; i < n; i++) rep[i * K] = truth[i * K + 2] + 0.01 * rng.normal();
    const m = purityMatrix(rep, truth, K);
    expect(m[0][2]).toBeGreaterThan(0.99);
    expect(Math.abs(m[0][0] - 0.5)).toBeLessThan(0.06);
    const oracle = purityMatrix(truth, truth, K);
    const summary = impuritySummary(m, oracle);
    expect(summary.argmax).toEqual([0, 2]);
    expect(summary.maxExcess).toBeGreaterThan(0.45);
    expect(summary.score).toBeGreaterThan(0.2);
    expect(impuritySummary(oracle, oracle).maxExcess).toBe(0);
    expect(impuritySummary(oracle, oracle).score).toBe(0);
  });
});
