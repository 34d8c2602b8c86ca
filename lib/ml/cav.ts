/**
 * Concept activation vectors (Kim et al. 2018, as used by post-hoc concept bottlenecks): for each
 * concept, a linear classifier separating the embeddings of examples that show the concept from
 * those that do not; the classifier's normal vector is the concept's direction. Plain TypeScript.
 *
 * The classifier is the project's logistic probe (lib/ml/probes.ts) where the paper uses a linear
 * SVM; both give a separating hyperplane. It is fitted on standardised embeddings (so one learning
 * rate suits every unit) and mapped back to the raw embedding space, so a CAV applies to raw f(x).
 *
 * The score of an embedding on a CAV is the signed distance to its hyperplane,
 * (w . f(x) + b) / |w|, as in the authors' code (the paper writes the projection <f(x), w> / |w|^2,
 * which differs by the intercept and a per-concept scale; the head standardises scores anyway).
 */
import { trainLogisticProbe } from './probes';

export interface Cav {
  /** Normal of the separating hyperplane, in raw embedding coordinates. */
  direction: Float64Array;
  /** Intercept: the hyperplane is direction . f + bias = 0. */
  bias: number;
}

export interface CavOptions {
  epochs: number;
  learningRate: number;
  weightDecay?: number;
}

/** Per-column mean and standard deviation (std floored at 1e-6, so constant columns stay finite). */
export function columnStats(x: ArrayLike<number>, n: number, d: number): { mean: Float64Array; std: Float64Array } {
  const mean = new Float64Array(d);
  const std = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const c = x[i * d + j] - mean[j];
      std[j] += c * c;
    }
  }
  for (let j = 0; j < d; j++) std[j] = Math.max(1e-6, Math.sqrt(std[j] / n));
  return { mean, std };
}

/** (x - mean) / std, column by column, as a new array. */
export function standardize(x: ArrayLike<number>, n: number, d: number, stats: { mean: ArrayLike<number>; std: ArrayLike<number> }): Float64Array {
  const out = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[i * d + j] = (x[i * d + j] - stats.mean[j]) / stats.std[j];
  return out;
}

/**
 * One CAV: a logistic classifier of `labels` (0/1 per row) from the embeddings (n x d), returned
 * in raw coordinates.
 */
export function learnCav(embeddings: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number, options: CavOptions): Cav {
  const stats = columnStats(embeddings, n, d);
  const z = standardize(embeddings, n, d, stats);
  const probe = trainLogisticProbe(z, labels, n, d, options);
  // w_std . (f - mean) / std + b  =  (w_std / std) . f + (b - sum_j w_std_j mean_j / std_j)
  const direction = new Float64Array(d);
  let bias = probe.bias;
  for (let j = 0; j < d; j++) {
    direction[j] = probe.weights[j] / stats.std[j];
    bias -= direction[j] * stats.mean[j];
  }
  return { direction, bias };
}

/**
 * One CAV per concept. `concepts` is n x K (0/1, row-major); `which` lists the concept columns to
 * learn, in the order of the returned CAVs.
 */
export function learnCavs(
  embeddings: ArrayLike<number>,
  concepts: ArrayLike<number>,
  n: number,
  d: number,
  K: number,
  which: readonly number[],
  options: CavOptions,
): Cav[] {
  return which.map((k) => {
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) labels[i] = concepts[i * K + k];
    return learnCav(embeddings, labels, n, d, options);
  });
}

/** Signed distance of each embedding to each CAV's hyperplane: n x cavs.length, row-major. */
export function cavScores(embeddings: ArrayLike<number>, n: number, d: number, cavs: readonly Cav[]): Float64Array {
  const C = cavs.length;
  const out = new Float64Array(n * C);
  cavs.forEach((cav, c) => {
    let norm = 0;
    for (let j = 0; j < d; j++) norm += cav.direction[j] * cav.direction[j];
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) {
      let s = cav.bias;
      for (let j = 0; j < d; j++) s += cav.direction[j] * embeddings[i * d + j];
      out[i * C + c] = s / norm;
    }
  });
  return out;
}
