/**
 * Plain typed-array math for the neural tangent kernel demo: a one-hidden-layer ReLU net on
 * scalar inputs in NTK parametrisation,
 *
 *   f(x) = (1/sqrt(m)) * sum_j a_j * ReLU(w_j . [x, 1]),   w_j ~ N(0, I_2), a_j ~ N(0, 1),
 *
 * its empirical NTK, full-batch gradient descent on 1/2 MSE, the linearised (fixed-kernel)
 * dynamics, kernel regression and the analytic infinite-width kernel.
 *
 * Why no TF.js: the nets have one input and at most a few thousand units, so one training
 * step is a few hundred thousand multiply-adds. A loop over Float64Arrays does that with no
 * per-op overhead, and float64 keeps the tiny kernel changes of wide nets above rounding noise.
 */
import type { Rng } from '../../core/rng';

/** Parameters of the net: unit j computes ReLU(wx[j] * x + wb[j]) and is read out by a[j]. */
export interface ReluNet {
  width: number;
  wx: Float64Array;
  wb: Float64Array;
  a: Float64Array;
}

/**
 * Initialise with the antisymmetric trick: units come in pairs (2k, 2k+1) with the same input
 * weights and opposite read-out weights, so f_0 is exactly 0 everywhere. (Summing a pair from
 * 0 gives a*h - a*h = 0 exactly, so the forward pass returns exact zeros.) The kernel keeps
 * the same expectation, because it depends on a_j only through a_j^2.
 */
export function initAntisymmetricNet(width: number, rng: Rng): ReluNet {
  if (width < 2 || width % 2 !== 0) throw new Error(`width must be an even number >= 2, got ${width}`);
  const wx = new Float64Array(width);
  const wb = new Float64Array(width);
  const a = new Float64Array(width);
  for (let j = 0; j < width; j += 2) {
    const u = rng.normal();
    const v = rng.normal();
    const r = rng.normal();
    wx[j] = wx[j + 1] = u;
    wb[j] = wb[j + 1] = v;
    a[j] = r;
    a[j + 1] = -r;
  }
  return { width, wx, wb, a };
}

export function cloneNet(net: ReluNet): ReluNet {
  return { width: net.width, wx: net.wx.slice(), wb: net.wb.slice(), a: net.a.slice() };
}

/** f(x) at each of `xs`, written into `out`. */
export function forward(net: ReluNet, xs: ArrayLike<number>, out: Float64Array = new Float64Array(xs.length)): Float64Array {
  const { width, wx, wb, a } = net;
  const scale = 1 / Math.sqrt(width);
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    let sum = 0;
    for (let j = 0; j < width; j++) {
      const h = wx[j] * x + wb[j];
      if (h > 0) sum += a[j] * h;
    }
    out[i] = sum * scale;
  }
  return out;
}

/**
 * One full-batch gradient-descent step on L = 1/(2n) * sum_i (f(x_i) - y_i)^2, in place.
 * Returns the loss before the step. All gradients use the pre-step parameters.
 */
export function gradientStep(net: ReluNet, xs: Float64Array, ys: Float64Array, lr: number, scratch: Float64Array): number {
  const n = xs.length;
  const { width, wx, wb, a } = net;
  const scale = 1 / Math.sqrt(width);
  forward(net, xs, scratch);
  let loss = 0;
  // scratch becomes dL/df_i = (f_i - y_i) / n.
  for (let i = 0; i < n; i++) {
    const err = scratch[i] - ys[i];
    loss += err * err;
    scratch[i] = err / n;
  }
  loss /= 2 * n;
  for (let j = 0; j < width; j++) {
    const u = wx[j];
    const v = wb[j];
    let gA = 0;
    let gU = 0;
    let gV = 0;
    for (let i = 0; i < n; i++) {
      const x = xs[i];
      const h = u * x + v;
      if (h > 0) {
        const r = scratch[i];
        gA += r * h;
        gU += r * x;
        gV += r;
      }
    }
    const aj = a[j];
    a[j] = aj - lr * scale * gA;
    wx[j] = u - lr * scale * aj * gU;
    wb[j] = v - lr * scale * aj * gV;
  }
  return loss;
}

/** Mean squared error halved, 1/(2n) sum (f - y)^2, for outputs already computed. */
export function halfMse(predictions: ArrayLike<number>, targets: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < targets.length; i++) {
    const e = predictions[i] - targets[i];
    sum += e * e;
  }
  return sum / (2 * targets.length);
}

/**
 * The empirical NTK K(x, x') = sum_p df(x)/dtheta_p * df(x')/dtheta_p, in closed form:
 *   K(x, x') = (1/m) sum_j [ ReLU(h_j) ReLU(h'_j) + a_j^2 1[h_j > 0] 1[h'_j > 0] (x x' + 1) ].
 * Returns a row-major |rows| x |cols| matrix.
 */
export function empiricalNtk(net: ReluNet, rows: ArrayLike<number>, cols: ArrayLike<number>): Float64Array {
  const { width, wx, wb, a } = net;
  const R = rows.length;
  const C = cols.length;
  const K = new Float64Array(R * C);
  const hRow = new Float64Array(R);
  const hCol = new Float64Array(C);
  for (let j = 0; j < width; j++) {
    const u = wx[j];
    const v = wb[j];
    const a2 = a[j] * a[j];
    for (let r = 0; r < R; r++) hRow[r] = u * rows[r] + v;
    for (let c = 0; c < C; c++) hCol[c] = u * cols[c] + v;
    for (let r = 0; r < R; r++) {
      const hr = hRow[r];
      if (hr <= 0) continue;
      const xr = rows[r];
      const base = r * C;
      for (let c = 0; c < C; c++) {
        const hc = hCol[c];
        if (hc > 0) K[base + c] += hr * hc + a2 * (xr * cols[c] + 1);
      }
    }
  }
  for (let k = 0; k < K.length; k++) K[k] /= width;
  return K;
}

/**
 * The gradient of f(x) with respect to every parameter, in the order [a, wx, wb]. The tests
 * use it to check `empiricalNtk` against an explicit Jacobian product.
 */
export function parameterGradient(net: ReluNet, x: number): Float64Array {
  const { width, wx, wb, a } = net;
  const scale = 1 / Math.sqrt(width);
  const g = new Float64Array(3 * width);
  for (let j = 0; j < width; j++) {
    const h = wx[j] * x + wb[j];
    if (h > 0) {
      g[j] = scale * h;
      g[width + j] = scale * a[j] * x;
      g[2 * width + j] = scale * a[j];
    }
  }
  return g;
}

/**
 * The infinite-width NTK of this net (arc-cosine formulas), for x~ = [x, 1] and w ~ N(0, I_2):
 *   Theta(x, x') = |x~||x~'|/(2 pi) (sin t + (pi - t) cos t) + (pi - t)/(2 pi) x~.x~',
 * with t the angle between x~ and x~'. On the diagonal it is |x~|^2.
 */
export function analyticNtk(x: number, y: number): number {
  const dot = x * y + 1;
  const norms = Math.sqrt((x * x + 1) * (y * y + 1));
  const cos = Math.max(-1, Math.min(1, dot / norms));
  const t = Math.acos(cos);
  return (norms / (2 * Math.PI)) * (Math.sin(t) + (Math.PI - t) * cos) + ((Math.PI - t) / (2 * Math.PI)) * dot;
}

export function analyticNtkMatrix(rows: ArrayLike<number>, cols: ArrayLike<number>): Float64Array {
  const K = new Float64Array(rows.length * cols.length);
  for (let r = 0; r < rows.length; r++) for (let c = 0; c < cols.length; c++) K[r * cols.length + c] = analyticNtk(rows[r], cols[c]);
  return K;
}

export function frobeniusNorm(M: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < M.length; i++) s += M[i] * M[i];
  return Math.sqrt(s);
}

/** ||A - B||_F / ||B||_F. */
export function relativeFrobeniusDistance(A: ArrayLike<number>, B: ArrayLike<number>): number {
  let diff = 0;
  let base = 0;
  for (let i = 0; i < B.length; i++) {
    const d = A[i] - B[i];
    diff += d * d;
    base += B[i] * B[i];
  }
  return Math.sqrt(diff / base);
}

/** ||theta - theta_0|| / ||theta_0|| over all parameters. */
export function relativeWeightChange(net: ReluNet, initial: ReluNet): number {
  let diff = 0;
  let base = 0;
  for (const key of ['wx', 'wb', 'a'] as const) {
    const now = net[key];
    const then = initial[key];
    for (let j = 0; j < now.length; j++) {
      const d = now[j] - then[j];
      diff += d * d;
      base += then[j] * then[j];
    }
  }
  return Math.sqrt(diff / base);
}

/**
 * Solve A x = b for a small dense n x n system (row-major A) by Gaussian elimination with
 * partial pivoting. Returns null when A is numerically singular.
 */
export function solveLinearSystem(A: ArrayLike<number>, b: ArrayLike<number>): Float64Array | null {
  const n = b.length;
  const M = Float64Array.from(A);
  const x = Float64Array.from(b);
  let scale = 0;
  for (let i = 0; i < M.length; i++) scale = Math.max(scale, Math.abs(M[i]));
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r * n + col]) > Math.abs(M[pivot * n + col])) pivot = r;
    if (Math.abs(M[pivot * n + col]) <= 1e-13 * scale) return null;
    if (pivot !== col) {
      for (let c = 0; c < n; c++) {
        const t = M[col * n + c];
        M[col * n + c] = M[pivot * n + c];
        M[pivot * n + c] = t;
      }
      const t = x[col];
      x[col] = x[pivot];
      x[pivot] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = M[r * n + col] / M[col * n + col];
      if (f === 0) continue;
      for (let c = col; c < n; c++) M[r * n + c] -= f * M[col * n + c];
      x[r] -= f * x[col];
    }
  }
  for (let r = n - 1; r >= 0; r--) {
    let s = x[r];
    for (let c = r + 1; c < n; c++) s -= M[r * n + c] * x[c];
    x[r] = s / M[r * n + r];
  }
  return x;
}

/**
 * Kernel regression, the t -> infinity limit of the linearised dynamics from f_0 = 0:
 * f(x) = K(x, X) K(X, X)^{-1} Y. If K(X, X) is singular a tiny ridge (1e-10 * trace / n) is added.
 */
export function kernelRegression(kQueryTrain: Float64Array, kTrainTrain: Float64Array, ys: Float64Array): Float64Array {
  const n = ys.length;
  let alpha = solveLinearSystem(kTrainTrain, ys);
  if (!alpha) {
    let trace = 0;
    for (let i = 0; i < n; i++) trace += kTrainTrain[i * n + i];
    const ridged = Float64Array.from(kTrainTrain);
    for (let i = 0; i < n; i++) ridged[i * n + i] += (1e-10 * trace) / n;
    alpha = solveLinearSystem(ridged, ys) ?? new Float64Array(n);
  }
  const q = kQueryTrain.length / n;
  const out = new Float64Array(q);
  for (let r = 0; r < q; r++) {
    let s = 0;
    for (let c = 0; c < n; c++) s += kQueryTrain[r * n + c] * alpha[c];
    out[r] = s;
  }
  return out;
}

/**
 * Gradient descent on the linearised model f_lin = f_0 + J_0 (theta - theta_0), which is GD in
 * function space with the fixed kernel K_0: f <- f - (lr/n) K_0(., X) (f(X) - Y). Started from
 * f_0 = 0 (the antisymmetric init). If lr exceeds 2n / lambda_max(K_0) it blows up; we mark it
 * diverged instead of carrying Infinity or NaN around.
 */
export class LinearisedDynamics {
  readonly train: Float64Array;
  readonly query: Float64Array;
  diverged = false;
  private readonly residual: Float64Array;

  constructor(
    private readonly kTrainTrain: Float64Array,
    private readonly kQueryTrain: Float64Array,
    private readonly ys: Float64Array,
  ) {
    this.train = new Float64Array(ys.length);
    this.query = new Float64Array(kQueryTrain.length / ys.length);
    this.residual = new Float64Array(ys.length);
  }

  step(lr: number): void {
    if (this.diverged) return;
    const n = this.ys.length;
    const { train, query, residual, kTrainTrain, kQueryTrain, ys } = this;
    for (let i = 0; i < n; i++) residual[i] = ((train[i] - ys[i]) * lr) / n;
    let largest = 0;
    for (let r = 0; r < n; r++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += kTrainTrain[r * n + c] * residual[c];
      train[r] -= s;
      largest = Math.max(largest, Math.abs(train[r]));
    }
    for (let r = 0; r < query.length; r++) {
      let s = 0;
      for (let c = 0; c < n; c++) s += kQueryTrain[r * n + c] * residual[c];
      query[r] -= s;
    }
    // The targets are in [-1, 1]; a fixed-kernel fit that leaves [-1e6, 1e6] has diverged.
    if (!(largest < 1e6)) this.diverged = true;
  }
}

export function linspace(lo: number, hi: number, count: number): Float64Array {
  const out = new Float64Array(count);
  for (let i = 0; i < count; i++) out[i] = count === 1 ? lo : lo + ((hi - lo) * i) / (count - 1);
  return out;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Least-squares slope of log(y) against log(x). */
export function logLogSlope(xs: readonly number[], ys: readonly number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((s, v) => s + v, 0) / lx.length;
  const my = ly.reduce((s, v) => s + v, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) {
    num += (lx[i] - mx) * (ly[i] - my);
    den += (lx[i] - mx) ** 2;
  }
  return num / den;
}
