/**
 * Concept whitening's maths (lib/ml/whitening.ts) against hand-computed cases: IterNorm makes a
 * covariance the identity; Cayley steps stay orthogonal and decrease the alignment loss.
 */
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createRng } from '@/lib/core/rng';
import { identity, multiply, randomRotation, transpose } from '@/lib/ml/linalg';
import {
  alignmentGradient,
  cayleyPoint,
  cayleyUpdate,
  inverse,
  iterNormMatrix,
  iterNormTf,
  linearObjective,
  meanAndCovariance,
  orthogonalityError,
  skewDirection,
  whitenRows,
} from '@/lib/ml/whitening';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol: number) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i]), `entry ${i}: ${a[i]} vs ${b[i]}`).toBeLessThan(tol);
};

describe('IterNorm whitening', () => {
  it('mean and covariance of four hand-made rows', () => {
    // Rows (x, y): (1, 0), (-1, 0), (0, 2), (0, -2) + (3, 5): mean (3, 5), cov diag(0.5, 2).
    const x = [4, 5, 2, 5, 3, 7, 3, 3];
    const { mean, cov } = meanAndCovariance(x, 4, 2);
    close(mean, [3, 5], 1e-12);
    close(cov, [0.5, 0, 0, 2], 1e-12);
  });

  it('a diagonal covariance diag(4, 1) gives W = diag(1/2, 1) after 10 Newton steps', () => {
    // tr = 5, Sigma_N = diag(0.8, 0.2); Sigma_N^{-1/2} = diag(1.118, 2.236); W = that / sqrt(5).
    const w = iterNormMatrix([4, 0, 0, 1], 2, 10, 0);
    close(w, [0.5, 0, 0, 1], 1e-6);
  });

  it('turns a correlated covariance into the identity', () => {
    // Sigma = [[2, 1], [1, 2]]: eigenvalues 3 and 1, so Sigma^{-1/2} = [[a, b], [b, a]] with
    // a = (1/sqrt3 + 1)/2, b = (1/sqrt3 - 1)/2, and W Sigma W = I.
    const cov = [2, 1, 1, 2];
    const w = iterNormMatrix(cov, 2, 10, 0);
    const a = (1 / Math.sqrt(3) + 1) / 2;
    const b = (1 / Math.sqrt(3) - 1) / 2;
    close(w, [a, b, b, a], 1e-6);
    close(multiply(multiply(w, Float64Array.from(cov), 2), w, 2), [1, 0, 0, 1], 1e-6);
  });

  it('whitened rows of correlated data have mean 0 and identity covariance', () => {
    const rng = createRng(7);
    const n = 2000;
    const d = 3;
    const x = new Float64Array(n * d);
    for (let i = 0; i < n; i++) {
      const g = rng.normal();
      x[i * d] = 2 * g + rng.normal() + 1;
      x[i * d + 1] = g + 0.5 * rng.normal() - 2;
      x[i * d + 2] = rng.normal() * 3;
    }
    const { mean, cov } = meanAndCovariance(x, n, d);
    const out = whitenRows(x, n, d, mean, iterNormMatrix(cov, d, 10, 0));
    const after = meanAndCovariance(out, n, d);
    close(after.mean, [0, 0, 0], 1e-9);
    close(after.cov, identity(d), 1e-3);
  });

  it('the TF.js version (inside a gradient tape) agrees with the plain one', () => {
    const rng = createRng(3);
    const n = 64;
    const d = 4;
    const x = new Float32Array(n * d);
    for (let i = 0; i < n; i++) {
      const g = rng.normal();
      for (let j = 0; j < d; j++) x[i * d + j] = g * (j + 1) * 0.5 + rng.normal();
    }
    const { mean, cov } = meanAndCovariance(x, n, d);
    const expected = whitenRows(x, n, d, mean, iterNormMatrix(cov, d));
    const got = tf.tidy(() => iterNormTf(tf, tf.tensor2d(x, [n, d])).whitened.dataSync());
    close(got, expected, 5e-3); // float32 against float64
  });
});

describe('Cayley steps on the orthogonal group', () => {
  it('inverse of a 3 x 3 matrix', () => {
    const a = [2, 0, 1, 1, 3, 0, 0, 1, 4];
    close(multiply(Float64Array.from(a), inverse(a, 3)!, 3), identity(3), 1e-12);
    expect(inverse([1, 2, 2, 4], 2)).toBeNull();
  });

  it('A = G R^T - R G^T is skew-symmetric, and every point of the curve is orthogonal', () => {
    const rng = createRng(11);
    const d = 6;
    const r = randomRotation(d, rng);
    const g = Float64Array.from({ length: d * d }, () => rng.normal());
    const a = skewDirection(g, r, d);
    close(a, transpose(a, d).map((v) => -v), 1e-12);
    for (const tau of [0.01, 0.5, 3, 100]) expect(orthogonalityError(cayleyPoint(r, a, tau, d), d)).toBeLessThan(1e-10);
  });

  it('in 2-D the curve is a rotation by 2 atan(tau * s / 2)', () => {
    // With R = I and G = [[0, -s], [s, 0]]/2... take G with A = [[0, s], [-s, 0]]:
    // G = [[0, s/2], [-s/2, 0]] gives G R^T - R G^T = 2G = A.
    const s = 1;
    const g = Float64Array.from([0, s / 2, -s / 2, 0]);
    const a = skewDirection(g, identity(2), 2);
    close(a, [0, s, -s, 0], 1e-12);
    const tau = 1;
    const y = cayleyPoint(identity(2), a, tau, 2);
    const theta = 2 * Math.atan((tau * s) / 2);
    // (I + tau/2 A)^{-1} (I - tau/2 A) for this A is [[cos, -sin], [sin, cos]].
    close(y, [Math.cos(theta), -Math.sin(theta), Math.sin(theta), Math.cos(theta)], 1e-12);
  });

  it('line-searched updates stay orthogonal and align axis j with concept j', () => {
    const rng = createRng(5);
    const d = 5;
    // Two orthogonal unit concept directions in whitened space (the best R puts them on axes 0, 1).
    const m0 = [0, 0, 1, 0, 0];
    const m1 = [0.6, 0, 0, 0.8, 0];
    const g = alignmentGradient([m0, m1], d);
    let r = randomRotation(d, rng);
    let before = linearObjective(g, r);
    for (let u = 0; u < 100; u++) {
      r = cayleyUpdate(r, g, d).rotation;
      expect(orthogonalityError(r, d)).toBeLessThan(1e-9);
      const after = linearObjective(g, r);
      expect(after).toBeLessThanOrEqual(before + 1e-12);
      before = after;
    }
    // Axis 0 = m0 and axis 1 = m1 is the optimum, with loss -2.
    expect(before).toBeCloseTo(-2, 3);
    close(r.subarray(0, d), m0, 0.03);
    close(r.subarray(d, 2 * d), m1, 0.03);
  });

  it('two correlated concept directions cannot both be reached: the optimum splits the difference', () => {
    // Unit means 60 degrees apart. Orthogonal axes r0, r1 maximise r0.m0 + r1.m1 symmetrically,
    // each 15 degrees off its concept: loss -2 cos(15 deg) instead of -2.
    const d = 3;
    const m0 = [1, 0, 0];
    const m1 = [Math.cos(Math.PI / 3), Math.sin(Math.PI / 3), 0];
    const g = alignmentGradient([m0, m1], d);
    let r = identity(d);
    for (let u = 0; u < 100; u++) r = cayleyUpdate(r, g, d).rotation;
    expect(orthogonalityError(r, d)).toBeLessThan(1e-9);
    expect(linearObjective(g, r)).toBeCloseTo(-2 * Math.cos(Math.PI / 12), 3);
  });
});
