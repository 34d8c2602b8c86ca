/**
 * How well the channels of a layer line up with named concepts, for any model: the measures of
 * semantic bottleneck networks (Losch, Fritz, Schiele) reduced to one value per image.
 *
 * - AUC of a channel for a concept: how well the channel's activation ranks images with the
 *   concept above those without (0.5 = no relation). `signAgnostic` takes max(AUC, 1 - AUC), so
 *   a channel that fires for the concept's ABSENCE counts too (generous to unnamed channels).
 * - IoU of a channel for a concept, Network-Dissection style: the channel is thresholded at the
 *   quantile that makes it active on as many images as have the concept, and the active set is
 *   compared with the concept's set by intersection over union.
 * - AUiC (area under the inspectability curve): concepts are matched one-to-one to channels
 *   (greedily, highest IoU first); the curve is the fraction of concepts whose matched IoU is at
 *   least xi, for xi from 0 to 1. Its area is exactly the mean matched IoU, which is what we
 *   compute. This is our reading of the GCPR 2020 metric, at image level instead of pixel level.
 *
 * Layout: activations n x U and concepts n x K, row-major. Pure TypeScript.
 */
import { auc } from './impurity';

/** Column `j` of an n x width row-major array. */
export function column(values: ArrayLike<number>, n: number, width: number, j: number): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = values[i * width + j];
  return out;
}

/** K x U matrix of channel AUCs for each concept (NaN where a concept has only one class). */
export function channelAucMatrix(activations: ArrayLike<number>, n: number, U: number, concepts: ArrayLike<number>, K: number, signAgnostic = false): number[][] {
  const channels = Array.from({ length: U }, (_, u) => column(activations, n, U, u));
  return Array.from({ length: K }, (_, k) => {
    const truth = column(concepts, n, K, k);
    return channels.map((ch) => {
      const a = auc(ch, truth);
      return signAgnostic ? Math.max(a, 1 - a) : a;
    });
  });
}

/** IoU of a channel with a concept, the channel thresholded to fire on as many images as have the concept. */
export function quantileIoU(channel: ArrayLike<number>, concept: ArrayLike<number>): number {
  const n = concept.length;
  let positives = 0;
  for (let i = 0; i < n; i++) if (concept[i] > 0.5) positives++;
  if (positives === 0) return NaN;
  // The `positives` highest activations are "active" (ties broken by index, so the count is exact).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => channel[b] - channel[a] || a - b);
  let intersection = 0;
  for (let r = 0; r < positives; r++) if (concept[order[r]] > 0.5) intersection++;
  return intersection / (2 * positives - intersection);
}

export interface Auic {
  /** Mean matched IoU = area under the inspectability curve. */
  auic: number;
  /** For each concept, the channel it was matched to and that channel's IoU. */
  matches: Array<{ channel: number; iou: number }>;
}

/**
 * AUiC with a one-to-one greedy matching of concepts to channels by IoU (requires U >= K).
 * Each channel's IoU is computed both ways up (the channel and its negation), the better kept,
 * so unnamed channels are not penalised for an arbitrary sign.
 */
export function auicScore(activations: ArrayLike<number>, n: number, U: number, concepts: ArrayLike<number>, K: number, signAgnostic = false): Auic {
  const iou: number[][] = [];
  for (let k = 0; k < K; k++) {
    const truth = column(concepts, n, K, k);
    const row: number[] = [];
    for (let u = 0; u < U; u++) {
      const ch = column(activations, n, U, u);
      let v = quantileIoU(ch, truth);
      if (signAgnostic) v = Math.max(v, quantileIoU(ch.map((x) => -x), truth));
      row.push(v);
    }
    iou.push(row);
  }
  const pairs: Array<[number, number, number]> = [];
  for (let k = 0; k < K; k++) for (let u = 0; u < U; u++) pairs.push([iou[k][u], k, u]);
  pairs.sort((a, b) => b[0] - a[0]);
  const matches: Array<{ channel: number; iou: number }> = new Array(K);
  const usedConcept = new Set<number>();
  const usedChannel = new Set<number>();
  for (const [v, k, u] of pairs) {
    if (usedConcept.has(k) || usedChannel.has(u)) continue;
    matches[k] = { channel: u, iou: v };
    usedConcept.add(k);
    usedChannel.add(u);
    if (usedConcept.size === K) break;
  }
  const auic = matches.reduce((s, m) => s + m.iou, 0) / K;
  return { auic, matches };
}
