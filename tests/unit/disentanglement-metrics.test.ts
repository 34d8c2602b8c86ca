import { describe, expect, it } from 'vitest';
import {
  correlationMatrix,
  covarianceMatrix,
  discretize,
  entropy,
  etaSquared,
  factorVaeScore,
  gaussianTotalCorrelation,
  meanAbsOffDiagonal,
  mig,
  mutualInformation,
} from '@/lib/metrics/disentanglement';
import { cholesky, determinant, givensRotation, logDetSpd, multiply, multiplyRows, randomRotation, transpose, identity } from '@/lib/ml/linalg';
import { dspritesGrid } from '@/lib/data/dsprites';
import { createRng } from '@/lib/core/rng';

const grid = dspritesGrid();
const K = grid.factorSizes.length;

/** Codes on the full grid: latent j = factor j (standardised), then `extra` pure-noise latents. */
function perfectCodes(extra = 0, noise = 0, seed = 1): { codes: Float32Array; d: number } {
  const rng = createRng(seed);
  const d = K + extra;
  const codes = new Float32Array(grid.n * d);
  for (let i = 0; i < grid.n; i++) {
    for (let k = 0; k < K; k++) {
      const size = grid.factorSizes[k];
      codes[i * d + k] = (grid.factors[i * K + k] - (size - 1) / 2) / size + noise * rng.normal();
    }
    for (let e = 0; e < extra; e++) codes[i * d + K + e] = rng.normal();
  }
  return { codes, d };
}

const labelled = (codes: Float32Array, d: number) => ({ codes, d, factors: grid.factors, factorSizes: grid.factorSizes });

describe('entropy and mutual information', () => {
  it('match hand-computed values', () => {
    expect(entropy([0, 1, 0, 1], 2)).toBeCloseTo(Math.log(2), 12);
    expect(entropy([2, 2, 2], 3)).toBe(0);
    const a = [0, 1, 2, 3, 0, 1, 2, 3];
    expect(mutualInformation(a, 4, a, 4)).toBeCloseTo(Math.log(4), 12);
    // b is independent of a (every pair appears once).
    expect(mutualInformation([0, 0, 1, 1], 2, [0, 1, 0, 1], 2)).toBeCloseTo(0, 12);
  });

  it('discretises into equal-width bins between min and max', () => {
    const bins = discretize([0, 0.5, 1, 0.26], 4, 1, 4);
    expect(Array.from(bins)).toEqual([0, 2, 3, 1]);
    expect(Array.from(discretize([3, 3, 3], 3, 1, 20))).toEqual([0, 0, 0]);
  });
});

describe('MIG', () => {
  it('is exactly 1 for a code whose latents are the factors', () => {
    const { codes, d } = perfectCodes();
    const result = mig(labelled(codes, d));
    expect(result.score).toBeCloseTo(1, 10);
    expect(result.bestLatent).toEqual([0, 1, 2, 3]);
    expect(result.factorEntropy[2]).toBeCloseTo(Math.log(8), 10);
  });

  it('stays near 1 with noisy extra latents and a little noise on the good ones', () => {
    const { codes, d } = perfectCodes(2, 0.01);
    expect(mig(labelled(codes, d)).score).toBeGreaterThan(0.85);
  });

  it('collapses when pairs of latents are rotated by 45 degrees', () => {
    const { codes, d } = perfectCodes();
    const r = multiply(givensRotation(d, 0, 1, Math.PI / 4), givensRotation(d, 2, 3, Math.PI / 4), d);
    const mixed = multiplyRows(codes, grid.n, transpose(r, d), d);
    const score = mig(labelled(mixed, d)).score;
    expect(score).toBeLessThan(0.1);
  });

  it('refuses a single latent', () => {
    expect(() => mig(labelled(new Float32Array(grid.n), 1))).toThrow(/two latent/);
  });
});

describe('FactorVAE score', () => {
  it('is 1 for a code whose latents are the factors', () => {
    const { codes, d } = perfectCodes(1, 0.01);
    const result = factorVaeScore(labelled(codes, d), createRng(2));
    expect(result.score).toBe(1);
    expect(result.latentToFactor.slice(0, K)).toEqual([0, 1, 2, 3]);
  });

  it('is about 3/4 when one of four factors is not encoded at all', () => {
    // Latents for shape, scale and posX only: votes cast while posY is fixed have nowhere to go.
    const full = perfectCodes();
    const d = 3;
    const codes = new Float32Array(grid.n * d);
    for (let i = 0; i < grid.n; i++) for (let j = 0; j < d; j++) codes[i * d + j] = full.codes[i * K + j];
    const score = factorVaeScore(labelled(codes, d), createRng(3), { trainVotes: 2000, evalVotes: 2000 }).score;
    expect(score).toBeGreaterThan(0.7);
    expect(score).toBeLessThan(0.8);
  });

  it('is low for a code of pure noise', () => {
    const rng = createRng(4);
    const codes = rng.normalArray(grid.n * 4);
    expect(factorVaeScore(labelled(codes, 4), createRng(5)).score).toBeLessThan(0.5);
  });

  it('ignores collapsed latents', () => {
    const { codes, d } = perfectCodes();
    const withDead = new Float32Array(grid.n * (d + 1));
    for (let i = 0; i < grid.n; i++) withDead.set(codes.subarray(i * d, (i + 1) * d), i * (d + 1));
    const result = factorVaeScore(labelled(withDead, d + 1), createRng(6));
    expect(result.activeDims).toBe(d);
    expect(result.score).toBe(1);
  });
});

describe('covariance, correlation and Gaussian total correlation', () => {
  it('computes the sample covariance and correlation of a small data set', () => {
    // Rows (x, y, w) with y = 2x: var(x) = 3.5 (1/(n-1)), cov(x, y) = 7, corr(x, y) = 1.
    const rows = [
      [1, 2, 5],
      [2, 4, 1],
      [3, 6, 4],
      [4, 8, 2],
      [5, 10, 3],
      [6, 12, 6],
    ];
    const x = rows.flat();
    const cov = covarianceMatrix(x, 6, 3);
    expect(cov[0]).toBeCloseTo(3.5, 12);
    expect(cov[1]).toBeCloseTo(7, 12);
    expect(cov[3]).toBeCloseTo(7, 12);
    expect(cov[4]).toBeCloseTo(14, 12);
    const corr = correlationMatrix(x, 6, 3);
    expect(corr[0]).toBe(1);
    expect(corr[1]).toBeCloseTo(1, 12);
    expect(corr[2]).toBeCloseTo(corr[5], 12); // w correlates equally with x and with 2x
  });

  it('TC is 0 for a diagonal covariance, whatever the scales', () => {
    expect(gaussianTotalCorrelation([4, 0, 0, 0, 0.25, 0, 0, 0, 9], 3)).toBeCloseTo(0, 5);
  });

  it('TC matches -1/2 log(1 - rho^2) for a 2 x 2 covariance', () => {
    // var 4 and 1, covariance 1.2: rho = 1.2 / (2 * 1) = 0.6.
    expect(gaussianTotalCorrelation([4, 1.2, 1.2, 1], 2)).toBeCloseTo(-0.5 * Math.log(1 - 0.36), 5);
  });

  it('TC of independent samples is near 0 and of correlated samples clearly above', () => {
    const rng = createRng(9);
    const n = 5000;
    const independent = rng.normalArray(n * 3);
    const correlated = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      const common = rng.normal();
      for (let j = 0; j < 3; j++) correlated[i * 3 + j] = common + 0.5 * rng.normal();
    }
    expect(gaussianTotalCorrelation(covarianceMatrix(independent, n, 3), 3)).toBeLessThan(0.01);
    const tc = gaussianTotalCorrelation(covarianceMatrix(correlated, n, 3), 3);
    // Equicorrelated with rho = 1 / 1.25 = 0.8: det = (1 - rho)^2 (1 + 2 rho) = 0.104.
    expect(tc).toBeCloseTo(-0.5 * Math.log(0.2 * 0.2 * 2.6), 1);
  });

  it('TC stays finite for exactly collinear latents', () => {
    const x = new Float32Array(200);
    for (let i = 0; i < 100; i++) {
      x[2 * i] = i;
      x[2 * i + 1] = 3 * i;
    }
    const tc = gaussianTotalCorrelation(covarianceMatrix(x, 100, 2), 2);
    expect(Number.isFinite(tc)).toBe(true);
    expect(tc).toBeGreaterThan(5);
  });

  it('mean |off-diagonal| ignores the diagonal', () => {
    expect(meanAbsOffDiagonal([1, -0.5, 0.2, -0.5, 1, 0.3, 0.2, 0.3, 1], 3)).toBeCloseTo((0.5 + 0.2 + 0.3) / 3, 12);
  });
});

describe('eta squared', () => {
  it('is 1 when groups explain everything and 0 when group means are equal', () => {
    expect(etaSquared([1, 1, 5, 5], ['a', 'a', 'b', 'b'])).toBeCloseTo(1, 12);
    expect(etaSquared([1, 3, 1, 3], ['a', 'a', 'b', 'b'])).toBeCloseTo(0, 12);
  });

  it('matches a hand computation', () => {
    // Group means 2 and 5, grand mean 3.5: between = 2*1.5^2 + 2*1.5^2 = 9; total = 9 + 2 + 2 = 13.
    expect(etaSquared([1, 3, 4, 6], [0, 0, 1, 1])).toBeCloseTo(9 / 13, 12);
  });
});

describe('linear algebra helpers', () => {
  it('Cholesky factorises and gives the log-determinant', () => {
    const a = [4, 2, 2, 3];
    const l = cholesky(a, 2)!;
    expect(Array.from(l)).toEqual([2, 0, 1, Math.sqrt(2)]);
    expect(logDetSpd(a, 2)).toBeCloseTo(Math.log(8), 12);
    expect(cholesky([1, 2, 2, 1], 2)).toBeNull();
  });

  it('random rotations are orthogonal with determinant +1', () => {
    const d = 6;
    const r = randomRotation(d, createRng(12));
    const rtr = multiply(transpose(r, d), r, d);
    const eye = identity(d);
    rtr.forEach((v, i) => expect(v).toBeCloseTo(eye[i], 10));
    expect(determinant(r, d)).toBeCloseTo(1, 10);
  });
});
