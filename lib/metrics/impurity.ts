/**
 * Concept purity (Mahinpei et al. 2021; formalised as the oracle impurity score by Espinosa
 * Zarlenga et al. 2023), in plain TypeScript.
 *
 * Entry (i, j) of a purity matrix is the test AUC of a small 1-D classifier that sees ONLY
 * concept i's representation and predicts the TRUE concept j. On the diagonal that is concept
 * accuracy; off the diagonal it measures how much concept i's representation tells about
 * concept j. The same matrix computed from the true concepts themselves (the oracle) says how
 * much concept j is predictable from concept i in the data; entries of the learned matrix above
 * the oracle's are impurity: information the representation carries beyond its own concept.
 *
 * The 1-D classifier is a histogram: the fitting half of the examples is cut into quantile bins
 * of the score, each bin predicts its (smoothed) rate of c_j = 1, and the AUC of those
 * predictions is measured on the other half. Unlike the raw score's AUC it also catches
 * non-monotone relations (e.g. "mid-range probabilities mean the shape is an outline").
 */

/** Area under the ROC curve of `scores` for binary `labels` (ties count half). NaN if a class is empty. */
export function auc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  for (let i = 0; i < n; i++) if (labels[i] > 0.5) positives++;
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  // Mann-Whitney U with average ranks for ties.
  let rankSumPositives = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]] > 0.5) rankSumPositives += averageRank;
    i = j + 1;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * Fit a histogram classifier on (fitScores, fitLabels) with up to `bins` quantile bins and
 * return its predicted P(label = 1) for `scores`. Bins are smoothed towards the overall rate
 * (one pseudo-example), so tiny bins do not produce extreme predictions.
 */
export function histogramProbe(
  fitScores: ArrayLike<number>,
  fitLabels: ArrayLike<number>,
  scores: ArrayLike<number>,
  bins = 10,
): Float64Array {
  const n = fitScores.length;
  const sorted = Float64Array.from(fitScores).sort();
  // Distinct upper edges at the quantiles (ties collapse bins: a binary score gets 2 bins).
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const q = sorted[Math.min(n - 1, Math.floor((b * n) / bins))];
    if (edges.length === 0 || q > edges[edges.length - 1]) edges.push(q);
  }
  const binOf = (v: number) => {
    let lo = 0;
    let hi = edges.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (v < edges[mid]) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  const count = new Float64Array(edges.length + 1);
  const pos = new Float64Array(edges.length + 1);
  let overall = 0;
  for (let i = 0; i < n; i++) {
    const b = binOf(fitScores[i]);
    count[b]++;
    if (fitLabels[i] > 0.5) {
      pos[b]++;
      overall++;
    }
  }
  const prior = n > 0 ? overall / n : 0.5;
  const rate = Array.from(count, (c, b) => (pos[b] + prior) / (c + 1));
  return Float64Array.from({ length: scores.length }, (_, i) => rate[binOf(scores[i])]);
}

export interface PurityOptions {
  /** Histogram bins of the 1-D probe (default 10). */
  bins?: number;
}

/**
 * K x K purity matrix: entry [i][j] = held-out AUC of a histogram probe from column i of
 * `representation` (n x K) to column j of `truth` (n x K, 0/1). Even rows fit the probe, odd
 * rows score it. NaN where a concept is constant in the scoring half.
 */
export function purityMatrix(representation: ArrayLike<number>, truth: ArrayLike<number>, K: number, options: PurityOptions = {}): number[][] {
  const n = truth.length / K;
  const column = (a: ArrayLike<number>, j: number, parity: number) => {
    const out: number[] = [];
    for (let i = parity; i < n; i += 2) out.push(a[i * K + j]);
    return out;
  };
  const matrix: number[][] = [];
  for (let i = 0; i < K; i++) {
    const fitScores = column(representation, i, 0);
    const testScores = column(representation, i, 1);
    const rowOut: number[] = [];
    for (let j = 0; j < K; j++) {
      const predicted = histogramProbe(fitScores, column(truth, j, 0), testScores, options.bins);
      rowOut.push(auc(predicted, column(truth, j, 1)));
    }
    matrix.push(rowOut);
  }
  return matrix;
}

export interface ImpuritySummary {
  /** Largest off-diagonal excess of the learned matrix over the oracle's. */
  maxExcess: number;
  /** Mean off-diagonal excess (negative excesses count as 0). */
  meanExcess: number;
  /** The (i, j) where the largest excess sits. */
  argmax: [number, number];
  /**
   * Oracle-impurity-style score: root-mean-square off-diagonal difference between the two
   * matrices, divided by 0.5 (the largest possible AUC difference), so it lies in [0, 1].
   */
  score: number;
}

export function impuritySummary(learned: number[][], oracle: number[][]): ImpuritySummary {
  const K = learned.length;
  let maxExcess = -Infinity;
  let argmax: [number, number] = [0, 0];
  let sumExcess = 0;
  let sumSq = 0;
  let count = 0;
  for (let i = 0; i < K; i++) {
    for (let j = 0; j < K; j++) {
      if (i === j) continue;
      const a = learned[i][j];
      const b = oracle[i][j];
      if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
      const excess = a - b;
      if (excess > maxExcess) {
        maxExcess = excess;
        argmax = [i, j];
      }
      sumExcess += Math.max(0, excess);
      sumSq += excess * excess;
      count++;
    }
  }
  return {
    maxExcess: count ? maxExcess : NaN,
    meanExcess: count ? sumExcess / count : NaN,
    argmax,
    score: count ? Math.min(1, Math.sqrt(sumSq / count) / 0.5) : NaN,
  };
}
