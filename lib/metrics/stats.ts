/** Small summary statistics shared by the experiments' claims. */

/** The arithmetic mean, summed left to right; NaN for no values (never a made-up 0). */
export function mean(values: readonly number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}
