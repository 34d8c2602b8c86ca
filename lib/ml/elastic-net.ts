/**
 * A multinomial logistic (softmax) linear layer fitted with an elastic-net penalty, in plain
 * TypeScript: the sparse head of a post-hoc concept bottleneck model (Yuksekgonul et al. 2023),
 * and, with the penalty near zero, an ordinary linear probe or residual.
 *
 *   minimise  mean_i CE(softmax(W x_i + b + offset_i), y_i)  +  (lambda / (d K)) * Omega(W)
 *   Omega(W) = alpha * |W|_1 + (1 - alpha) * |W|_2^2
 *
 * as the paper writes it (d features, K classes; the bias is not penalised). `offset` is a fixed
 * n x K block of logits added before the softmax: PCBM-h fits its residual on top of the frozen
 * concept head's logits this way.
 *
 * Solver: FISTA (accelerated proximal gradient). The smooth part is the cross-entropy plus the
 * L2 term; the L1 term is handled exactly by soft-thresholding, which is what makes weights
 * exactly zero rather than merely small. The step is 1 / L with L an upper bound on the smooth
 * part's curvature: the softmax cross-entropy's Hessian in the logits is at most 1/2, so
 * L = 0.5 * lambda_max([X 1]^T [X 1] / n) + 2 * l2, with lambda_max from power iteration.
 *
 * Data layout: row-major; x is n x d, weights are K x d (weights[k * d + j] is class k, feature j).
 */

/** A linear softmax layer: logits_k(x) = sum_j weights[k d + j] x_j + bias[k]. */
export interface SoftmaxLinear {
  weights: Float64Array;
  bias: Float64Array;
  nFeatures: number;
  nClasses: number;
}

export interface ElasticNetOptions {
  /** Overall penalty strength (the paper's lambda, before its 1 / (d K) scaling). */
  lambda: number;
  /** Share of the L1 term, in [0, 1] (the paper uses 0.99). */
  alpha: number;
  /** FISTA iterations (full-batch gradient evaluations). */
  iterations: number;
  /** Optional fixed logits (n x K) added to the layer's output, e.g. a frozen head's. */
  offset?: ArrayLike<number>;
  /** Stop early when no parameter moves by more than this in one iteration (default 1e-7). */
  tolerance?: number;
}

/** sign(v) * max(|v| - t, 0): the proximal map of t * |v|. */
export function softThreshold(v: number, t: number): number {
  if (v > t) return v - t;
  if (v < -t) return v + t;
  return 0;
}

/** Logits (n x K) of a softmax layer on x (n x d), plus an optional offset. */
export function linearLogits(layer: SoftmaxLinear, x: ArrayLike<number>, n: number, offset?: ArrayLike<number>): Float64Array {
  const { nFeatures: d, nClasses: K, weights, bias } = layer;
  const out = new Float64Array(n * K);
  for (let i = 0; i < n; i++) {
    const o = i * d;
    for (let k = 0; k < K; k++) {
      let s = bias[k] + (offset ? offset[i * K + k] : 0);
      const w = k * d;
      for (let j = 0; j < d; j++) s += weights[w + j] * x[o + j];
      out[i * K + k] = s;
    }
  }
  return out;
}

/** In place: each row of logits (n x K) becomes its softmax. */
function softmaxRows(z: Float64Array, n: number, K: number): void {
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, z[i * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) {
      const e = Math.exp(z[i * K + k] - m);
      z[i * K + k] = e;
      s += e;
    }
    for (let k = 0; k < K; k++) z[i * K + k] /= s;
  }
}

/** Mean softmax cross-entropy of integer labels given logits (n x K). */
export function meanCrossEntropy(logits: ArrayLike<number>, labels: ArrayLike<number>, n: number, K: number): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let k = 0; k < K; k++) m = Math.max(m, logits[i * K + k]);
    let s = 0;
    for (let k = 0; k < K; k++) s += Math.exp(logits[i * K + k] - m);
    total += m + Math.log(s) - logits[i * K + labels[i]];
  }
  return total / n;
}

/** The penalty's L1 and L2 coefficients after the paper's 1 / (d K) scaling. */
export function penaltyCoefficients(lambda: number, alpha: number, d: number, K: number): { l1: number; l2: number } {
  const scale = lambda / (d * K);
  return { l1: scale * alpha, l2: scale * (1 - alpha) };
}

/** The full objective (cross-entropy + elastic net) of a layer, for tests and diagnostics. */
export function elasticNetObjective(
  layer: SoftmaxLinear,
  x: ArrayLike<number>,
  labels: ArrayLike<number>,
  n: number,
  options: Pick<ElasticNetOptions, 'lambda' | 'alpha' | 'offset'>,
): number {
  const { l1, l2 } = penaltyCoefficients(options.lambda, options.alpha, layer.nFeatures, layer.nClasses);
  let a = 0;
  let b = 0;
  for (const w of layer.weights) {
    a += Math.abs(w);
    b += w * w;
  }
  return meanCrossEntropy(linearLogits(layer, x, n, options.offset), labels, n, layer.nClasses) + l1 * a + l2 * b;
}

/** Largest eigenvalue of [X 1]^T [X 1] / n by power iteration (an upper bound after a 5% margin). */
function gramTopEigenvalue(x: ArrayLike<number>, n: number, d: number): number {
  const m = d + 1;
  const gram = new Float64Array(m * m);
  const row = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) row[j] = x[i * d + j];
    row[d] = 1;
    for (let a = 0; a < m; a++) {
      const ra = row[a];
      if (ra === 0) continue;
      for (let c = 0; c < m; c++) gram[a * m + c] += ra * row[c];
    }
  }
  for (let a = 0; a < m * m; a++) gram[a] /= n;
  let v = new Float64Array(m).fill(1 / Math.sqrt(m));
  let lambda = 0;
  for (let it = 0; it < 100; it++) {
    const next = new Float64Array(m);
    for (let a = 0; a < m; a++) {
      let s = 0;
      for (let c = 0; c < m; c++) s += gram[a * m + c] * v[c];
      next[a] = s;
    }
    let norm = 0;
    for (const value of next) norm += value * value;
    norm = Math.sqrt(norm);
    if (norm === 0) break;
    lambda = norm;
    v = next.map((value) => value / norm);
  }
  return lambda * 1.05 + 1e-12;
}

/**
 * FISTA on the elastic-net softmax objective, advanced a few iterations at a time so an
 * experiment can yield between chunks (each `iterate(count)` does `count` full-batch gradient
 * evaluations). Starts from all-zero weights; deterministic (the problem is convex).
 */
export class ElasticNetSolver {
  private readonly params: Float64Array;
  private readonly lookahead: Float64Array;
  private readonly grad: Float64Array;
  private readonly probs: Float64Array;
  private readonly step: number;
  private readonly l1: number;
  private readonly l2: number;
  private readonly tolerance: number;
  private t = 1;
  private done = 0;
  /** True once an iteration moved no parameter by more than the tolerance. */
  converged = false;

  constructor(
    private readonly x: ArrayLike<number>,
    private readonly labels: ArrayLike<number>,
    private readonly n: number,
    private readonly d: number,
    private readonly K: number,
    private readonly options: ElasticNetOptions,
  ) {
    const { l1, l2 } = penaltyCoefficients(options.lambda, options.alpha, d, K);
    this.l1 = l1;
    this.l2 = l2;
    this.tolerance = options.tolerance ?? 1e-7;
    const P = K * d + K; // weights, then biases
    this.params = new Float64Array(P);
    this.lookahead = new Float64Array(P);
    this.grad = new Float64Array(P);
    this.probs = new Float64Array(n * K);
    this.step = 1 / (0.5 * gramTopEigenvalue(x, n, d) + 2 * l2);
  }

  /** Iterations run so far. */
  get iterations(): number {
    return this.done;
  }

  /** Run up to `count` more iterations (fewer if converged or the budget is spent); true when finished. */
  iterate(count: number): boolean {
    const { x, labels, n, d, K, options, probs, grad, lookahead, params } = this;
    const P = params.length;
    for (let c = 0; c < count && !this.finished; c++) {
      // Gradient of the smooth part (cross-entropy + L2) at the lookahead point.
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < K; k++) {
          let s = lookahead[K * d + k] + (options.offset ? options.offset[i * K + k] : 0);
          for (let j = 0; j < d; j++) s += lookahead[k * d + j] * x[o + j];
          probs[i * K + k] = s;
        }
      }
      softmaxRows(probs, n, K);
      grad.fill(0);
      for (let i = 0; i < n; i++) {
        const o = i * d;
        for (let k = 0; k < K; k++) {
          const r = (probs[i * K + k] - (labels[i] === k ? 1 : 0)) / n;
          if (r === 0) continue;
          for (let j = 0; j < d; j++) grad[k * d + j] += r * x[o + j];
          grad[K * d + k] += r;
        }
      }
      for (let p = 0; p < K * d; p++) grad[p] += 2 * this.l2 * lookahead[p];

      // Proximal step: a gradient step, then soft-thresholding of the weights (never the biases),
      // followed by FISTA's momentum.
      const tNext = (1 + Math.sqrt(1 + 4 * this.t * this.t)) / 2;
      const beta = (this.t - 1) / tNext;
      let moved = 0;
      for (let p = 0; p < P; p++) {
        const v = lookahead[p] - this.step * grad[p];
        const next = p < K * d ? softThreshold(v, this.step * this.l1) : v;
        moved = Math.max(moved, Math.abs(next - params[p]));
        lookahead[p] = next + beta * (next - params[p]);
        params[p] = next;
      }
      this.t = tNext;
      this.done++;
      if (this.done > 10 && moved < this.tolerance) this.converged = true;
    }
    return this.finished;
  }

  get finished(): boolean {
    return this.converged || this.done >= this.options.iterations;
  }

  /** The current iterate as a layer (a copy). */
  layer(): SoftmaxLinear {
    const split = this.K * this.d;
    return { weights: this.params.slice(0, split), bias: this.params.slice(split), nFeatures: this.d, nClasses: this.K };
  }
}

/** Fit a softmax layer on (x, labels) with an elastic-net penalty, all iterations at once. */
export function fitElasticNetSoftmax(
  x: ArrayLike<number>,
  labels: ArrayLike<number>,
  n: number,
  d: number,
  K: number,
  options: ElasticNetOptions,
): SoftmaxLinear {
  const solver = new ElasticNetSolver(x, labels, n, d, K, options);
  solver.iterate(options.iterations);
  return solver.layer();
}
