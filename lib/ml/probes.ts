/**
 * Linear probes on hidden-state vectors, in plain TypeScript (no TF.js): a logistic probe
 * trained by full-batch AdamW, the top principal component of a set of vectors, random unit
 * directions, and the small vector helpers they share.
 *
 * Data layout: n vectors of dimension d stored row-major in one Float64Array (row i is
 * x[i*d .. i*d+d-1]). Everything is float64 so that small differences between losses (the
 * CCS demo compares them) are not rounding noise.
 */
import type { Rng } from '../core/rng';

/** A linear read-out: score(x) = weights . x + bias. */
export interface LinearProbe {
  weights: Float64Array;
  bias: number;
}

/** The logistic sigmoid, written so that neither tail overflows. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** weights . (row `row` of x). */
export function rowDot(weights: ArrayLike<number>, x: ArrayLike<number>, row: number, d: number): number {
  let s = 0;
  const o = row * d;
  for (let j = 0; j < d; j++) s += weights[j] * x[o + j];
  return s;
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j] * b[j];
  return s;
}

export function norm(a: ArrayLike<number>): number {
  return Math.sqrt(dot(a, a));
}

/** Cosine similarity; 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const na = norm(a);
  const nb = norm(b);
  return na === 0 || nb === 0 ? 0 : dot(a, b) / (na * nb);
}

/** A direction drawn uniformly from the unit sphere in d dimensions. */
export function randomUnitVector(d: number, rng: Rng): Float64Array {
  const v = new Float64Array(d);
  for (let j = 0; j < d; j++) v[j] = rng.normal();
  const n = norm(v) || 1;
  for (let j = 0; j < d; j++) v[j] /= n;
  return v;
}

/**
 * Gram-Schmidt on `count` random Gaussian vectors: `count` orthonormal directions in d
 * dimensions (count <= d), so hand-placed features never leak into each other.
 */
export function orthonormalDirections(count: number, d: number, rng: Rng): Float64Array[] {
  if (count > d) throw new Error(`cannot place ${count} orthonormal directions in ${d} dimensions`);
  const out: Float64Array[] = [];
  while (out.length < count) {
    const v = randomUnitVector(d, rng);
    for (const u of out) {
      const p = dot(v, u);
      for (let j = 0; j < d; j++) v[j] -= p * u[j];
    }
    const n = norm(v);
    if (n < 1e-6) continue; // numerically inside the span already: draw again
    for (let j = 0; j < d; j++) v[j] /= n;
    out.push(v);
  }
  return out;
}

export interface AdamWOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay (AdamW): params shrink by learningRate * weightDecay each step. */
  weightDecay?: number;
}

/** AdamW over one flat parameter vector (the PyTorch update rule, bias-corrected). */
export class AdamW {
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;
  private readonly lr: number;
  private readonly b1: number;
  private readonly b2: number;
  private readonly eps: number;
  private readonly wd: number;

  constructor(size: number, options: AdamWOptions) {
    this.m = new Float64Array(size);
    this.v = new Float64Array(size);
    this.lr = options.learningRate;
    this.b1 = options.beta1 ?? 0.9;
    this.b2 = options.beta2 ?? 0.999;
    this.eps = options.epsilon ?? 1e-8;
    this.wd = options.weightDecay ?? 0;
  }

  /** Updates `params` in place from `grads`. */
  step(params: Float64Array, grads: ArrayLike<number>): void {
    this.t++;
    const c1 = 1 - this.b1 ** this.t;
    const c2 = 1 - this.b2 ** this.t;
    for (let j = 0; j < params.length; j++) {
      const g = grads[j];
      this.m[j] = this.b1 * this.m[j] + (1 - this.b1) * g;
      this.v[j] = this.b2 * this.v[j] + (1 - this.b2) * g * g;
      params[j] -= this.lr * this.wd * params[j];
      params[j] -= (this.lr * (this.m[j] / c1)) / (Math.sqrt(this.v[j] / c2) + this.eps);
    }
  }
}

export interface LogisticProbeOptions {
  epochs: number;
  learningRate: number;
  weightDecay?: number;
}

/** Mean binary cross-entropy of a probe on (x, labels). */
export function logisticLoss(probe: LinearProbe, x: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    const z = rowDot(probe.weights, x, i, d) + probe.bias;
    // log(1 + e^{-z}) for label 1, log(1 + e^{z}) for label 0, computed stably.
    const signed = labels[i] ? -z : z;
    s += signed > 0 ? signed + Math.log1p(Math.exp(-signed)) : Math.log1p(Math.exp(signed));
  }
  return s / n;
}

/**
 * A supervised logistic probe: minimises mean binary cross-entropy of sigmoid(w . x + b)
 * against 0/1 labels by full-batch AdamW from w = 0 (the loss is convex, so the start does
 * not matter).
 */
export function trainLogisticProbe(x: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number, options: LogisticProbeOptions): LinearProbe {
  const params = new Float64Array(d + 1); // weights, then bias
  const grads = new Float64Array(d + 1);
  const opt = new AdamW(d + 1, { learningRate: options.learningRate, weightDecay: options.weightDecay ?? 0 });
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    grads.fill(0);
    for (let i = 0; i < n; i++) {
      const o = i * d;
      let z = params[d];
      for (let j = 0; j < d; j++) z += params[j] * x[o + j];
      const r = (sigmoid(z) - labels[i]) / n; // d(BCE)/dz, averaged
      for (let j = 0; j < d; j++) grads[j] += r * x[o + j];
      grads[d] += r;
    }
    opt.step(params, grads);
  }
  return { weights: params.slice(0, d), bias: params[d] };
}

/** Fraction of rows where (score > 0) matches the 0/1 label. */
export function probeAccuracy(probe: LinearProbe, x: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number): number {
  let correct = 0;
  for (let i = 0; i < n; i++) if (rowDot(probe.weights, x, i, d) + probe.bias > 0 === Boolean(labels[i])) correct++;
  return correct / n;
}

/** Column means of an n x d row-major matrix. */
export function columnMeans(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  return mean;
}

export interface PrincipalComponent {
  /** Unit vector; its sign is arbitrary. */
  direction: Float64Array;
  /** Variance of the centred data along `direction`. */
  variance: number;
  /** That variance as a fraction of the total variance. */
  explained: number;
}

/**
 * The top principal component of the rows of x (centred first), by power iteration on the
 * d x d covariance matrix. Power iteration converges at the rate lambda2/lambda1 per step;
 * `iterations` = 200 is plenty unless the top two eigenvalues nearly tie, and then either
 * direction is an equally good answer to "the direction of greatest variance".
 */
export function topPrincipalComponent(x: ArrayLike<number>, n: number, d: number, rng: Rng, iterations = 200): PrincipalComponent {
  const mean = columnMeans(x, n, d);
  const cov = new Float64Array(d * d);
  const row = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
    }
  }
  let total = 0;
  for (let a = 0; a < d; a++) {
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= n;
      cov[b * d + a] = cov[a * d + b];
    }
    total += cov[a * d + a];
  }
  let v = randomUnitVector(d, rng);
  const next = new Float64Array(d);
  let lambda = 0;
  for (let it = 0; it < iterations; it++) {
    for (let a = 0; a < d; a++) {
      let s = 0;
      for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
      next[a] = s;
    }
    lambda = norm(next);
    if (lambda === 0) break;
    v = next.map((value) => value / lambda);
  }
  return { direction: v, variance: lambda, explained: total > 0 ? lambda / total : 0 };
}
