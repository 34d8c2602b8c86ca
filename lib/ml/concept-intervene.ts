/**
 * Test-time interventions and RandInt masks as plain arrays (no TF.js), so their mechanics are
 * easy to test and the UI can reuse them.
 *
 * An intervention on a concept bottleneck replaces the model's predicted value of chosen
 * concepts by their true 0/1 values (Koh et al. 2020, eq. in papers.md §3d); everything
 * downstream is recomputed. For a CEM the replaced value is the mixing probability p_i (§4d).
 */
import type { Rng } from '../core/rng';

/** Probabilities thresholded at 0.5: the "binary" (hard) bottleneck. */
export function binarize(probs: ArrayLike<number>): Float32Array {
  const out = new Float32Array(probs.length);
  for (let i = 0; i < probs.length; i++) out[i] = probs[i] > 0.5 ? 1 : 0;
  return out;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * One random order of the K concepts per example (n x K, each row a permutation). Intervening
 * on k concepts means replacing the first k of the row's order. Using the same orders for every
 * model makes their curves comparable.
 */
export function randomInterventionOrders(rng: Rng, n: number, K: number): Int32Array {
  const out = new Int32Array(n * K);
  for (let i = 0; i < n; i++) out.set(rng.permutation(K), i * K);
  return out;
}

/**
 * Copy of `values` (n x width) with, in each row, the first k concepts of that row's order set
 * to their true values. Concept j lives in column `columns[j]` of `values` (for a hybrid
 * bottleneck the free units occupy other columns and are left alone).
 */
export function intervene(
  values: ArrayLike<number>,
  width: number,
  truth: ArrayLike<number>,
  K: number,
  order: Int32Array,
  k: number,
  columns: readonly number[] = Array.from({ length: K }, (_, j) => j),
): Float32Array {
  const n = values.length / width;
  const out = Float32Array.from(values);
  for (let i = 0; i < n; i++) {
    for (let r = 0; r < Math.min(k, K); r++) {
      const j = order[i * K + r];
      out[i * width + columns[j]] = truth[i * K + j];
    }
  }
  return out;
}

/** `intervene` for k = 0..K, stacked row-block after row-block ((K+1) n x width). */
export function stackedInterventions(
  values: ArrayLike<number>,
  width: number,
  truth: ArrayLike<number>,
  K: number,
  order: Int32Array,
  columns?: readonly number[],
): Float32Array {
  const out = new Float32Array(values.length * (K + 1));
  for (let k = 0; k <= K; k++) out.set(intervene(values, width, truth, K, order, k, columns), k * values.length);
  return out;
}

/**
 * RandInt (Espinosa Zarlenga et al. 2022): during training each (example, concept) is
 * intervened on independently with probability p. Returns a rows x K 0/1 mask.
 */
export function randIntMask(rng: Rng, rows: number, K: number, p: number): Float32Array {
  const out = new Float32Array(rows * K);
  for (let i = 0; i < out.length; i++) out[i] = rng.next() < p ? 1 : 0;
  return out;
}
