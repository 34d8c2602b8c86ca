/**
 * MIG for the rotation search, one latent column at a time. A Givens rotation in the plane (i, j)
 * changes only columns i and j of the codes, and the mutual information of a latent with a factor
 * depends only on that latent's column (its own histogram bins): so a candidate needs two columns
 * recomputed, not all d. The arithmetic is mig()'s (lib/metrics/disentanglement.ts), in the same
 * order, so the scores are bit for bit the same; tests/unit/latent-rotation.test.ts holds the two
 * to each other.
 */
import { discretize } from '../../metrics/disentanglement';

export interface ColumnScorer {
  /** Score of `codes` (n x d), which become the current basis. */
  reset(codes: Float32Array): number;
  /** Score of a candidate equal to the current codes except in columns i and j. */
  candidate(codes: Float32Array, i: number, j: number): number;
  /** The last candidate becomes the current basis. */
  accept(): void;
}

export function migByColumn(factors: ArrayLike<number>, factorSizes: readonly number[], n: number, d: number, bins = 20): ColumnScorer {
  const K = factorSizes.length;
  if (d < 2) throw new Error('MIG needs at least two latent dimensions');
  // Per factor: its value counts and entropy, fixed by the data.
  const factorCounts = factorSizes.map((size, k) => {
    const counts = new Float64Array(size);
    for (let r = 0; r < n; r++) counts[factors[r * K + k]]++;
    return counts;
  });
  const entropies = factorCounts.map((counts) => {
    let h = 0;
    for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
    return h;
  });
  const column = new Float32Array(n);

  /** I(z_col; v_k) for every factor k, as mig() computes it. */
  function columnInfo(codes: Float32Array, col: number): Float64Array {
    for (let r = 0; r < n; r++) column[r] = codes[r * d + col];
    const binned = discretize(column, n, 1, bins);
    const latentCounts = new Float64Array(bins);
    for (let r = 0; r < n; r++) latentCounts[binned[r]]++;
    const info = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      const size = factorSizes[k];
      const joint = new Float64Array(bins * size);
      for (let r = 0; r < n; r++) joint[binned[r] * size + factors[r * K + k]]++;
      let mi = 0;
      for (let b = 0; b < bins; b++) {
        const cb = latentCounts[b];
        if (cb === 0) continue;
        for (let v = 0; v < size; v++) {
          const c = joint[b * size + v];
          if (c > 0) mi += (c / n) * Math.log((c * n) / (cb * factorCounts[k][v]));
        }
      }
      info[k] = Math.max(0, mi);
    }
    return info;
  }

  /** mig()'s score from the columns' information, latents in order. */
  function score(infos: Float64Array[]): number {
    const perFactor: number[] = [];
    for (let k = 0; k < K; k++) {
      let top = -1;
      let second = -1;
      for (let j = 0; j < d; j++) {
        const mi = infos[j][k];
        if (mi > top) {
          second = top;
          top = mi;
        } else if (mi > second) second = mi;
      }
      const h = entropies[k];
      perFactor.push(h > 0 ? (top - second) / h : 0);
    }
    return perFactor.reduce((a, b) => a + b, 0) / K;
  }

  let current: Float64Array[] = [];
  let pending: Float64Array[] = [];
  return {
    reset(codes) {
      current = Array.from({ length: d }, (_, j) => columnInfo(codes, j));
      return score(current);
    },
    candidate(codes, i, j) {
      pending = [...current];
      pending[i] = columnInfo(codes, i);
      pending[j] = columnInfo(codes, j);
      return score(pending);
    },
    accept() {
      current = pending;
    },
  };
}
