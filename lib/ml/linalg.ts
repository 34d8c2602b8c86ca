/**
 * Small dense linear algebra in plain TypeScript, for the d x d matrices (d <= ~16) that the
 * metrics and the latent-rotation demo need. Matrices are row-major Float64Arrays; all sums are
 * done in float64 so nearly singular covariance matrices still factorise.
 */
import type { Rng } from '../core/rng';

/** Row-major d x d matrix. */
export type SquareMatrix = Float64Array;

export function identity(d: number): SquareMatrix {
  const m = new Float64Array(d * d);
  for (let i = 0; i < d; i++) m[i * d + i] = 1;
  return m;
}

export function transpose(a: SquareMatrix, d: number): SquareMatrix {
  const t = new Float64Array(d * d);
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) t[j * d + i] = a[i * d + j];
  return t;
}

export function multiply(a: SquareMatrix, b: SquareMatrix, d: number): SquareMatrix {
  const c = new Float64Array(d * d);
  for (let i = 0; i < d; i++)
    for (let k = 0; k < d; k++) {
      const aik = a[i * d + k];
      if (aik === 0) continue;
      for (let j = 0; j < d; j++) c[i * d + j] += aik * b[k * d + j];
    }
  return c;
}

/**
 * Rows of `x` (n x d, row-major) multiplied on the right by `m` (d x d): row_i <- row_i m.
 * Applying a rotation R to column vectors v (v' = R v) is, for rows, row' = row R^T.
 */
export function multiplyRows(x: ArrayLike<number>, n: number, m: SquareMatrix, d: number): Float32Array {
  const out = new Float32Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += x[i * d + k] * m[k * d + j];
      out[i * d + j] = s;
    }
  return out;
}

/**
 * Cholesky factor L (lower triangular, A = L L^T) of a symmetric positive-definite matrix,
 * or null when A is not numerically positive definite.
 */
export function cholesky(a: ArrayLike<number>, d: number): SquareMatrix | null {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * d + j];
      for (let k = 0; k < j; k++) s -= l[i * d + k] * l[j * d + k];
      if (i === j) {
        if (!(s > 0)) return null;
        l[i * d + i] = Math.sqrt(s);
      } else {
        l[i * d + j] = s / l[j * d + j];
      }
    }
  }
  return l;
}

/** log det A = 2 sum log L_ii for SPD A; null when A is not positive definite. */
export function logDetSpd(a: ArrayLike<number>, d: number): number | null {
  const l = cholesky(a, d);
  if (!l) return null;
  let s = 0;
  for (let i = 0; i < d; i++) s += Math.log(l[i * d + i]);
  return 2 * s;
}

/** Rotation by `angle` in the (i, j) coordinate plane of R^d (a Givens rotation). */
export function givensRotation(d: number, i: number, j: number, angle: number): SquareMatrix {
  const r = identity(d);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  r[i * d + i] = c;
  r[j * d + j] = c;
  r[i * d + j] = -s;
  r[j * d + i] = s;
  return r;
}

/**
 * A uniformly random rotation (Haar measure on SO(d)): Gram-Schmidt on a Gaussian matrix,
 * which gives a Haar-distributed orthogonal matrix, then a sign flip of one row if needed so
 * the determinant is +1.
 */
export function randomRotation(d: number, rng: Rng): SquareMatrix {
  const q = new Float64Array(d * d);
  for (let i = 0; i < d * d; i++) q[i] = rng.normal();
  for (let i = 0; i < d; i++) {
    for (let k = 0; k < i; k++) {
      let dot = 0;
      for (let j = 0; j < d; j++) dot += q[i * d + j] * q[k * d + j];
      for (let j = 0; j < d; j++) q[i * d + j] -= dot * q[k * d + j];
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += q[i * d + j] ** 2;
    norm = Math.sqrt(norm);
    for (let j = 0; j < d; j++) q[i * d + j] /= norm;
  }
  if (determinant(q, d) < 0) for (let j = 0; j < d; j++) q[j] = -q[j];
  return q;
}

/** Determinant by Gaussian elimination with partial pivoting (small d only). */
export function determinant(a: ArrayLike<number>, d: number): number {
  const m = Float64Array.from(a as ArrayLike<number>);
  let det = 1;
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) p = r;
    if (m[p * d + c] === 0) return 0;
    if (p !== c) {
      for (let j = 0; j < d; j++) [m[c * d + j], m[p * d + j]] = [m[p * d + j], m[c * d + j]];
      det = -det;
    }
    det *= m[c * d + c];
    for (let r = c + 1; r < d; r++) {
      const f = m[r * d + c] / m[c * d + c];
      for (let j = c; j < d; j++) m[r * d + j] -= f * m[c * d + j];
    }
  }
  return det;
}
