/**
 * Concept whitening's two pieces of maths (Chen, Bei & Rudin 2020), for small latent spaces:
 *
 * 1. IterNorm whitening (Huang et al. 2019): Sigma_N = Sigma / tr(Sigma), P_0 = I,
 *    P_{t+1} = (3 P_t - P_t^3 Sigma_N) / 2, W = P_T / sqrt(tr Sigma). P_T tends to Sigma_N^{-1/2},
 *    so W tends to Sigma^{-1/2} and (x - mu) W has identity covariance. Matrix products only, so it
 *    runs inside a TF.js gradient tape (iterNormTf) as well as in plain TypeScript (iterNormMatrix).
 * 2. The rotation R (rows are the concept axes: axis j reads r_j . psi) kept exactly orthogonal by
 *    Cayley steps along the curve Y(tau) = (I + tau/2 A)^{-1} (I - tau/2 A) R, A = G R^T - R G^T
 *    (Wen & Yin 2013), with tau chosen by the Armijo-Wolfe bisection of the released code
 *    (zhiCHEN96/ConceptWhitening, IterNormRotation.update_rotation_matrix: c1 = 1e-4, c2 = 0.9,
 *    tau starts at 1000, two line-searched steps per update).
 *
 * Plain matrices are row-major Float64Arrays (lib/ml/linalg.ts's SquareMatrix).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';
import { identity, multiply, transpose, type SquareMatrix } from './linalg';

/** The released code runs T = 10 Newton iterations. */
export const ITERNORM_STEPS = 10;
/** Added to the covariance's diagonal, as the released code does, so a dead channel cannot divide by zero. */
export const WHITENING_EPS = 1e-5;

/** Column means and covariance (divided by n) of n rows of width d. */
export function meanAndCovariance(x: ArrayLike<number>, n: number, d: number): { mean: Float64Array; cov: SquareMatrix } {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  for (let i = 0; i < n; i++)
    for (let a = 0; a < d; a++) {
      const xa = x[i * d + a] - mean[a];
      for (let b = 0; b < d; b++) cov[a * d + b] += xa * (x[i * d + b] - mean[b]);
    }
  for (let k = 0; k < d * d; k++) cov[k] /= n;
  return { mean, cov };
}

/** IterNorm's whitening matrix W ~ Sigma^{-1/2} after `steps` Newton iterations (symmetric). */
export function iterNormMatrix(cov: ArrayLike<number>, d: number, steps = ITERNORM_STEPS, eps = WHITENING_EPS): SquareMatrix {
  const sigma = Float64Array.from(cov as ArrayLike<number>);
  for (let i = 0; i < d; i++) sigma[i * d + i] += eps;
  let trace = 0;
  for (let i = 0; i < d; i++) trace += sigma[i * d + i];
  const sigmaN = sigma.map((v) => v / trace);
  let p = identity(d);
  for (let t = 0; t < steps; t++) {
    const p3 = multiply(multiply(p, p, d), p, d);
    const p3s = multiply(p3, sigmaN, d);
    p = p.map((v, k) => 1.5 * v - 0.5 * p3s[k]);
  }
  const scale = 1 / Math.sqrt(trace);
  return p.map((v) => v * scale);
}

/** Rows (x_i - mean) W, then rotated onto the axes of R (rows of R): out_i = R W (x_i - mean). */
export function whitenRows(x: ArrayLike<number>, n: number, d: number, mean: ArrayLike<number>, w: SquareMatrix, rotation?: SquareMatrix): Float64Array {
  // W is symmetric, so the row form of W (x - mu) is (x - mu) W; R psi is psi R^T.
  const m = rotation ? multiply(w, transpose(rotation, d), d) : w;
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      let s = 0;
      for (let k = 0; k < d; k++) s += (x[i * d + k] - mean[k]) * m[k * d + j];
      out[i * d + j] = s;
    }
  return out;
}

/** Inverse of a small matrix by Gauss-Jordan elimination with partial pivoting; null if singular. */
export function inverse(a: ArrayLike<number>, d: number): SquareMatrix | null {
  const m = Float64Array.from(a as ArrayLike<number>);
  const inv = identity(d);
  for (let c = 0; c < d; c++) {
    let p = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(m[r * d + c]) > Math.abs(m[p * d + c])) p = r;
    const pivot = m[p * d + c];
    if (Math.abs(pivot) < 1e-14) return null;
    if (p !== c)
      for (let j = 0; j < d; j++) {
        [m[c * d + j], m[p * d + j]] = [m[p * d + j], m[c * d + j]];
        [inv[c * d + j], inv[p * d + j]] = [inv[p * d + j], inv[c * d + j]];
      }
    for (let j = 0; j < d; j++) {
      m[c * d + j] /= pivot;
      inv[c * d + j] /= pivot;
    }
    for (let r = 0; r < d; r++) {
      if (r === c) continue;
      const f = m[r * d + c];
      if (f === 0) continue;
      for (let j = 0; j < d; j++) {
        m[r * d + j] -= f * m[c * d + j];
        inv[r * d + j] -= f * inv[c * d + j];
      }
    }
  }
  return inv;
}

/** The skew-symmetric A = G R^T - R G^T whose Cayley curve leaves the orthogonal group invariant. */
export function skewDirection(g: SquareMatrix, r: SquareMatrix, d: number): SquareMatrix {
  const grt = multiply(g, transpose(r, d), d);
  const rgt = multiply(r, transpose(g, d), d);
  return grt.map((v, k) => v - rgt[k]);
}

/** One point of the Cayley curve: (I + tau/2 A)^{-1} (I - tau/2 A) R. Orthogonal whenever R is. */
export function cayleyPoint(r: SquareMatrix, a: SquareMatrix, tau: number, d: number): SquareMatrix {
  const id = identity(d);
  // I + tau/2 A is always invertible for skew-symmetric A (its eigenvalues are 1 + i*lambda).
  const plus = inverse(id.map((v, k) => v + 0.5 * tau * a[k]), d)!;
  const minus = id.map((v, k) => v - 0.5 * tau * a[k]);
  return multiply(multiply(plus, minus, d), r, d);
}

/** F(R) = sum_ij G_ij R_ij: the linear objective whose gradient is G (minimised). */
export function linearObjective(g: SquareMatrix, r: SquareMatrix): number {
  let s = 0;
  for (let k = 0; k < g.length; k++) s += g[k] * r[k];
  return s;
}

/** max |R R^T - I|: zero for an exactly orthogonal R. */
export function orthogonalityError(r: SquareMatrix, d: number): number {
  const rrt = multiply(r, transpose(r, d), d);
  let worst = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) worst = Math.max(worst, Math.abs(rrt[i * d + j] - (i === j ? 1 : 0)));
  return worst;
}

export interface CayleyUpdate {
  rotation: SquareMatrix;
  /** The step sizes the line searches settled on. */
  taus: number[];
}

const ARMIJO_C1 = 1e-4;
const WOLFE_C2 = 0.9;
const MAX_BISECTIONS = 500;

/**
 * Minimise F(R) = <G, R> over orthogonal R with `rounds` line-searched Cayley steps (the released
 * code's update_rotation_matrix, G held fixed). tau is bisected until the Armijo (sufficient
 * decrease) and curvature conditions hold.
 */
export function cayleyUpdate(r0: SquareMatrix, g: SquareMatrix, d: number, rounds = 2): CayleyUpdate {
  let r = r0;
  const taus: number[] = [];
  const id = identity(d);
  for (let round = 0; round < rounds; round++) {
    const a = skewDirection(g, r, d);
    let slope0 = 0; // dF/dtau at tau = 0 is -||A||^2 / 2
    for (const v of a) slope0 -= 0.5 * v * v;
    if (slope0 > -1e-18) break; // already stationary
    let tau = 1000;
    let lo = 0;
    let hi = 1e8;
    const f0 = linearObjective(g, r);
    let y = r;
    for (let it = 0; it < MAX_BISECTIONS; it++) {
      const plusInv = inverse(id.map((v, k) => v + 0.5 * tau * a[k]), d)!;
      y = multiply(multiply(plusInv, id.map((v, k) => v - 0.5 * tau * a[k]), d), r, d);
      const fy = linearObjective(g, y);
      // dF(Y(tau))/dtau = -tr(G^T (I + tau/2 A)^{-1} A (R + Y) / 2)
      const mid = r.map((v, k) => 0.5 * (v + y[k]));
      const slope = -linearObjective(g, multiply(plusInv, multiply(a, mid, d), d));
      if (fy > f0 + ARMIJO_C1 * tau * slope0 + 1e-18) {
        hi = tau;
        tau = (lo + hi) / 2;
      } else if (slope + 1e-18 < WOLFE_C2 * slope0) {
        lo = tau;
        tau = (lo + hi) / 2;
      } else break;
    }
    taus.push(tau);
    r = y;
  }
  return { rotation: r, taus };
}

/**
 * The concept-alignment gradient: the objective is to maximise, for each concept j < k, the mean
 * activation of axis j over that concept's examples, sum_j r_j . mean(psi | concept j). As a loss
 * its gradient with respect to R has row j = -mean(psi | concept j) and zero rows for free axes.
 */
export function alignmentGradient(conceptMeans: readonly ArrayLike<number>[], d: number): SquareMatrix {
  const g = new Float64Array(d * d);
  conceptMeans.forEach((m, j) => {
    for (let c = 0; c < d; c++) g[j * d + c] = -m[c];
  });
  return g;
}

/**
 * IterNorm inside a TF.js graph (differentiable): returns the whitened rows (z - mean) W for a
 * batch z (n x d), and the batch mean and W (for running statistics, if wanted). T Newton steps.
 */
export function iterNormTf(tf: Tf, z: TF.Tensor2D, steps = ITERNORM_STEPS, eps = WHITENING_EPS): { whitened: TF.Tensor2D; mean: TF.Tensor2D; w: TF.Tensor2D } {
  const [n, d] = z.shape;
  const eye = tf.eye(d);
  const mean = tf.mean(z, 0, true) as TF.Tensor2D;
  const centred = tf.sub(z, mean) as TF.Tensor2D;
  const cov = tf.add(tf.div(tf.matMul(centred, centred, true, false), n), tf.mul(eye, eps)) as TF.Tensor2D;
  const trace = tf.sum(tf.mul(cov, eye));
  const covN = tf.div(cov, trace) as TF.Tensor2D;
  let p = eye as TF.Tensor2D;
  for (let t = 0; t < steps; t++) {
    const p3 = tf.matMul(tf.matMul(p, p), p);
    p = tf.sub(tf.mul(p, 1.5), tf.mul(tf.matMul(p3, covN), 0.5)) as TF.Tensor2D;
  }
  const w = tf.div(p, tf.sqrt(trace)) as TF.Tensor2D;
  return { whitened: tf.matMul(centred, w), mean, w };
}
