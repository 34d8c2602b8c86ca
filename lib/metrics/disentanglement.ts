/**
 * Disentanglement and correlation metrics in plain TypeScript (no TF.js), over codes stored as
 * row-major Float32Arrays (n rows of d latents) and integer ground-truth factors (n rows of K).
 *
 * - MIG (Chen et al. 2018): per factor, the gap in mutual information between the two latents
 *   that know most about it, over the factor's entropy; latents discretised into 20 bins.
 * - FactorVAE score (Kim & Mnih 2018): fix one factor, find the latent whose (normalised)
 *   variance drops most; a majority-vote classifier maps latents to factors; score = accuracy.
 *   We picked it over SAP and DCI because it needs no fitted regressors or SVMs, only counting,
 *   and it runs in milliseconds when the data set is a finite grid of factor combinations.
 * - Covariance / correlation matrices, Gaussian total correlation, mean |off-diagonal corr|.
 * - eta squared: the share of a score's variance explained by a grouping (the model choice).
 *
 * Mutual information and entropies are in nats.
 */
import { logDetSpd } from '../ml/linalg';
import type { Rng } from '../core/rng';

/** Codes with their ground-truth factors: the input shared by MIG and the FactorVAE score. */
export interface LabelledCodes {
  /** n x d, row-major. */
  codes: ArrayLike<number>;
  d: number;
  /** n x K factor indices, row-major. */
  factors: ArrayLike<number>;
  factorSizes: readonly number[];
}

function rowCount(c: LabelledCodes): number {
  return Math.floor(c.codes.length / c.d);
}

/**
 * Equal-width histogram bins per latent between its min and max, as disentanglement_lib's
 * `_histogram_discretize` does (np.histogram edges, then np.digitize). A constant latent lands
 * in bin 0 and so carries no information.
 */
export function discretize(codes: ArrayLike<number>, n: number, d: number, bins = 20): Int32Array {
  const out = new Int32Array(n * d);
  for (let j = 0; j < d; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      const v = codes[i * d + j];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const width = hi - lo;
    for (let i = 0; i < n; i++) {
      const b = width > 0 ? Math.floor(((codes[i * d + j] - lo) / width) * bins) : 0;
      out[i * d + j] = Math.min(bins - 1, b);
    }
  }
  return out;
}

/** Entropy (nats) of a discrete variable given as labels in [0, size). */
export function entropy(labels: ArrayLike<number>, size: number): number {
  const counts = new Float64Array(size);
  for (let i = 0; i < labels.length; i++) counts[labels[i]]++;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / labels.length) * Math.log(c / labels.length);
  return h;
}

/** Mutual information (nats) of two discrete variables from their joint counts (plug-in). */
export function mutualInformation(a: ArrayLike<number>, aSize: number, b: ArrayLike<number>, bSize: number): number {
  const n = a.length;
  const joint = new Float64Array(aSize * bSize);
  const pa = new Float64Array(aSize);
  const pb = new Float64Array(bSize);
  for (let i = 0; i < n; i++) {
    joint[a[i] * bSize + b[i]]++;
    pa[a[i]]++;
    pb[b[i]]++;
  }
  let mi = 0;
  for (let x = 0; x < aSize; x++)
    for (let y = 0; y < bSize; y++) {
      const c = joint[x * bSize + y];
      if (c > 0) mi += (c / n) * Math.log((c * n) / (pa[x] * pb[y]));
    }
  return Math.max(0, mi);
}

function column(values: ArrayLike<number>, n: number, stride: number, col: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * stride + col];
  return out;
}

export interface MigResult {
  /** Mean over factors of the normalised gap. */
  score: number;
  /** Normalised gap per factor. */
  perFactor: number[];
  /** Mutual information I(z_j; v_k), d x K row-major, nats. */
  mutualInfo: Float64Array;
  /** For each factor, the latent with the most information about it. */
  bestLatent: number[];
  factorEntropy: number[];
}

/** Mutual Information Gap. Needs at least two latents. */
export function mig(input: LabelledCodes, bins = 20): MigResult {
  const { d, factorSizes, factors } = input;
  const K = factorSizes.length;
  const n = rowCount(input);
  if (d < 2) throw new Error('MIG needs at least two latent dimensions');
  const binned = discretize(input.codes, n, d, bins);
  // Marginal counts of every latent's bins, shared by all factors.
  const latentCounts = new Float64Array(d * bins);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) latentCounts[j * bins + binned[i * d + j]]++;
  const mutualInfo = new Float64Array(d * K);
  const perFactor: number[] = [];
  const bestLatent: number[] = [];
  const factorEntropy: number[] = [];
  for (let k = 0; k < K; k++) {
    const size = factorSizes[k];
    // One pass over the data fills the joint counts (latent bin, factor value) of all latents.
    const joint = new Float64Array(d * bins * size);
    const factorCounts = new Float64Array(size);
    for (let i = 0; i < n; i++) {
      const v = factors[i * K + k];
      factorCounts[v]++;
      for (let j = 0; j < d; j++) joint[(j * bins + binned[i * d + j]) * size + v]++;
    }
    let h = 0;
    for (const c of factorCounts) if (c > 0) h -= (c / n) * Math.log(c / n);
    factorEntropy.push(h);
    let top = -1;
    let second = -1;
    let topLatent = 0;
    for (let j = 0; j < d; j++) {
      let mi = 0;
      for (let b = 0; b < bins; b++) {
        const cb = latentCounts[j * bins + b];
        if (cb === 0) continue;
        for (let v = 0; v < size; v++) {
          const c = joint[(j * bins + b) * size + v];
          if (c > 0) mi += (c / n) * Math.log((c * n) / (cb * factorCounts[v]));
        }
      }
      mi = Math.max(0, mi);
      mutualInfo[j * K + k] = mi;
      if (mi > top) {
        second = top;
        top = mi;
        topLatent = j;
      } else if (mi > second) second = mi;
    }
    bestLatent.push(topLatent);
    perFactor.push(h > 0 ? (top - second) / h : 0);
  }
  const score = perFactor.reduce((a, b) => a + b, 0) / K;
  return { score, perFactor, mutualInfo, bestLatent, factorEntropy };
}

export interface FactorVaeOptions {
  /** Votes used to fit the majority-vote classifier. */
  trainVotes?: number;
  /** Held-out votes the score is measured on. */
  evalVotes?: number;
  /** Images per vote (all sharing the fixed factor's value). */
  batchSize?: number;
  /**
   * Latents whose standard deviation over the data is below this are "collapsed to the
   * prior" and cannot receive votes (Kim & Mnih prune them the same way).
   */
  minStd?: number;
}

export interface FactorVaeResult {
  score: number;
  trainAccuracy: number;
  /** Votes (latent x factor, row-major) from the evaluation set. */
  votes: Int32Array;
  /** For each latent, the factor the majority-vote classifier assigns it (-1: no votes). */
  latentToFactor: number[];
  activeDims: number;
}

/**
 * FactorVAE score over a finite table of codes: batches "with factor k fixed at value v" are
 * drawn from the rows whose factor k equals v. On a full grid of combinations this is exactly
 * the paper's procedure (the other factors are then uniform and independent).
 */
export function factorVaeScore(input: LabelledCodes, rng: Rng, options: FactorVaeOptions = {}): FactorVaeResult {
  const { d, factorSizes } = input;
  const trainVotes = options.trainVotes ?? 800;
  const evalVotes = options.evalVotes ?? 800;
  const batchSize = options.batchSize ?? 64;
  const minStd = options.minStd ?? 0.05;
  const K = factorSizes.length;
  const n = rowCount(input);
  const { codes, factors } = input;

  // Global scale of each latent, to make the within-batch variances comparable.
  const variance = columnVariances(codes, n, d);
  const std = variance.map(Math.sqrt);
  const active = std.map((s) => s >= minStd && s > 0);
  const activeDims = active.filter(Boolean).length;
  const emptyVotes = new Int32Array(d * K);
  if (activeDims === 0)
    return { score: 0, trainAccuracy: 0, votes: emptyVotes, latentToFactor: Array(d).fill(-1), activeDims };

  // Rows grouped by (factor, value), to draw batches with one factor held fixed.
  const rowsWith: number[][][] = factorSizes.map((size) => Array.from({ length: size }, () => [] as number[]));
  for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) rowsWith[k][factors[i * K + k]].push(i);

  const castVotes = (count: number): Int32Array => {
    const votes = new Int32Array(d * K);
    const sum = new Float64Array(d);
    const sumSq = new Float64Array(d);
    for (let v = 0; v < count; v++) {
      const k = rng.int(K);
      const candidates = rowsWith[k][rng.int(factorSizes[k])];
      if (candidates.length === 0) continue;
      sum.fill(0);
      sumSq.fill(0);
      for (let b = 0; b < batchSize; b++) {
        const row = candidates[rng.int(candidates.length)];
        for (let j = 0; j < d; j++) {
          const x = codes[row * d + j] / std[j];
          sum[j] += x;
          sumSq[j] += x * x;
        }
      }
      let best = -1;
      let bestVar = Infinity;
      for (let j = 0; j < d; j++) {
        if (!active[j]) continue;
        const mean = sum[j] / batchSize;
        const localVar = sumSq[j] / batchSize - mean * mean;
        if (localVar < bestVar) {
          bestVar = localVar;
          best = j;
        }
      }
      if (best >= 0) votes[best * K + k]++;
    }
    return votes;
  };

  const train = castVotes(trainVotes);
  const evalSet = castVotes(evalVotes);
  const latentToFactor: number[] = [];
  let trainCorrect = 0;
  let evalCorrect = 0;
  for (let j = 0; j < d; j++) {
    let bestK = -1;
    let bestCount = 0;
    for (let k = 0; k < K; k++)
      if (train[j * K + k] > bestCount) {
        bestCount = train[j * K + k];
        bestK = k;
      }
    latentToFactor.push(bestK);
    trainCorrect += bestCount;
    if (bestK >= 0) evalCorrect += evalSet[j * K + bestK];
  }
  const total = (votes: Int32Array) => votes.reduce((a, b) => a + b, 0);
  return {
    score: evalCorrect / Math.max(1, total(evalSet)),
    trainAccuracy: trainCorrect / Math.max(1, total(train)),
    votes: evalSet,
    latentToFactor,
    activeDims,
  };
}

/** Per-column variance (population, 1/n). */
export function columnVariances(x: ArrayLike<number>, n: number, d: number): number[] {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const v = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const c = x[i * d + j] - mean[j];
      v[j] += c * c;
    }
  return v.map((s) => s / n);
}

/** Sample covariance matrix (1/(n-1)), d x d row-major, of n rows of d values. */
export function covarianceMatrix(x: ArrayLike<number>, n: number, d: number): Float64Array {
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  const cov = new Float64Array(d * d);
  const centred = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) centred[j] = x[i * d + j] - mean[j];
    for (let a = 0; a < d; a++) for (let b = a; b < d; b++) cov[a * d + b] += centred[a] * centred[b];
  }
  for (let a = 0; a < d; a++)
    for (let b = a; b < d; b++) {
      cov[a * d + b] /= Math.max(1, n - 1);
      cov[b * d + a] = cov[a * d + b];
    }
  return cov;
}

/** Correlation matrix from a covariance matrix; a zero-variance latent gets correlation 0 (1 on the diagonal). */
export function correlationFromCovariance(cov: ArrayLike<number>, d: number): Float64Array {
  const corr = new Float64Array(d * d);
  for (let a = 0; a < d; a++)
    for (let b = 0; b < d; b++) {
      const denom = Math.sqrt(cov[a * d + a] * cov[b * d + b]);
      corr[a * d + b] = a === b ? 1 : denom > 0 ? cov[a * d + b] / denom : 0;
    }
  return corr;
}

export function correlationMatrix(x: ArrayLike<number>, n: number, d: number): Float64Array {
  return correlationFromCovariance(covarianceMatrix(x, n, d), d);
}

/** Mean absolute off-diagonal entry of a d x d matrix (0 when d < 2). */
export function meanAbsOffDiagonal(m: ArrayLike<number>, d: number): number {
  if (d < 2) return 0;
  let s = 0;
  for (let a = 0; a < d; a++) for (let b = 0; b < d; b++) if (a !== b) s += Math.abs(m[a * d + b]);
  return s / (d * (d - 1));
}

/**
 * Ridge added to the correlation matrix's diagonal before its log-determinant. Passive latents of
 * a strong beta-VAE can be almost exactly collinear in the mean representation; without it such
 * a pair makes the matrix numerically singular and TC infinite. With it, a perfectly collinear
 * pair contributes about 0.5 log(1/(2 * 1e-6)), roughly 6.6 nats, instead of Infinity.
 */
const TC_RIDGE = 1e-6;

/**
 * Total correlation of a Gaussian with covariance `cov`: KL(N(0, S) || prod_j N(0, S_jj)) =
 * 1/2 (sum_j log S_jj - log det S), computed as -1/2 log det of the correlation matrix (the same
 * quantity, better conditioned). 0 for independent dimensions, > 0 otherwise. Latents with zero
 * variance carry no correlation and are left out.
 */
export function gaussianTotalCorrelation(cov: ArrayLike<number>, d: number): number {
  const keep: number[] = [];
  for (let j = 0; j < d; j++) if (cov[j * d + j] > 0) keep.push(j);
  const m = keep.length;
  if (m < 2) return 0;
  const corrAll = correlationFromCovariance(cov, d);
  const corr = new Float64Array(m * m);
  for (let a = 0; a < m; a++)
    for (let b = 0; b < m; b++) corr[a * m + b] = corrAll[keep[a] * d + keep[b]] + (a === b ? TC_RIDGE : 0);
  const logDet = logDetSpd(corr, m);
  if (logDet === null) return 0.5 * m * Math.log(1 / TC_RIDGE); // not PD even with the ridge: report the cap
  // log det of the ridged correlation matrix, relative to its own diagonal (1 + ridge).
  return Math.max(0, 0.5 * (m * Math.log(1 + TC_RIDGE) - logDet));
}

/**
 * eta squared: between-group sum of squares over total sum of squares, the share of the
 * variance of `values` explained by which group each value belongs to (0..1).
 */
export function etaSquared(values: readonly number[], groups: readonly (string | number)[]): number {
  const n = values.length;
  if (n === 0) return 0;
  const grand = values.reduce((a, b) => a + b, 0) / n;
  const sums = new Map<string | number, { sum: number; count: number }>();
  values.forEach((v, i) => {
    const g = sums.get(groups[i]) ?? { sum: 0, count: 0 };
    g.sum += v;
    g.count++;
    sums.set(groups[i], g);
  });
  let total = 0;
  for (const v of values) total += (v - grand) ** 2;
  if (total === 0) return 0;
  let between = 0;
  for (const { sum, count } of sums.values()) between += count * (sum / count - grand) ** 2;
  return between / total;
}
