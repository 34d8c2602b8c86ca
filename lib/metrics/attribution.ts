/**
 * Scores for attribution maps when the right answer is known (a planted trigger), and the
 * similarity measure of the model-randomisation sanity check (Adebayo et al. 2018).
 *
 *   trigger mass   TM(A) = sum_{p in T} |A_p| / sum_p |A_p|, to compare with the area share |T| / |P|
 *                  (a map that ignores the trigger entirely scores 0; a uniform map scores the area share)
 *   rank correlation: Spearman's rho, the Pearson correlation of the ranks (ties get their mean rank)
 */

/** Share of the map's absolute mass that lies on the pixels where `mask` is true; NaN for an all-zero map. */
export function triggerMass(map: ArrayLike<number>, mask: ArrayLike<boolean | number>): number {
  if (map.length !== mask.length) throw new Error(`triggerMass: map has ${map.length} values, mask ${mask.length}`);
  let inside = 0;
  let total = 0;
  for (let p = 0; p < map.length; p++) {
    const a = Math.abs(map[p]);
    total += a;
    if (mask[p]) inside += a;
  }
  return total > 0 ? inside / total : NaN;
}

/** Fraction of pixels in the mask: what a map spread evenly over the image would score. */
export function areaShare(mask: ArrayLike<boolean | number>): number {
  let count = 0;
  for (let p = 0; p < mask.length; p++) if (mask[p]) count++;
  return mask.length ? count / mask.length : NaN;
}

/** Ranks 1..n, ties sharing the mean of the ranks they span. */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const mean = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = mean;
    i = j + 1;
  }
  return ranks;
}

/** Pearson correlation; NaN when either input is constant. */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n !== b.length) throw new Error(`pearson: ${n} vs ${b.length} values`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i] - ma;
    const db = b[i] - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : NaN;
}

/** Spearman's rank correlation of two maps (pass absolute values for Adebayo's "with absolute value" variant). */
export function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return pearson(averageRanks(a), averageRanks(b));
}

/** Element-wise absolute values, as a new array. */
export function absolute(map: ArrayLike<number>): Float64Array {
  return Float64Array.from({ length: map.length }, (_, i) => Math.abs(map[i]));
}
