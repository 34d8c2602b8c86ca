/**
 * Which seeds calibration uses. They start at 1001: disjoint from the claims tests' seeds (1-3)
 * and from the seeds the claims' thresholds were fitted on (100-229), so a record's claim rate
 * is an out-of-sample estimate.
 */
export const CALIBRATION_SEED_START = 1001;
export const DEFAULT_CALIBRATION_SEEDS = 20;

export function calibrationSeeds(count = DEFAULT_CALIBRATION_SEEDS): number[] {
  return Array.from({ length: count }, (_, i) => CALIBRATION_SEED_START + i);
}

/**
 * Which recorded seed the determinism test re-runs today: a different one each day (so over
 * weeks every seed is re-checked), the same all day (so a failure reproduces). The experiment's
 * id shifts the choice, so experiments do not all check their first seed together.
 */
export function seedIndexForDay(date: Date, id: string, count: number): number {
  const day = Math.floor(date.getTime() / 86_400_000);
  let shift = 0;
  for (const ch of id) shift = (shift * 31 + ch.charCodeAt(0)) % 9973;
  return (day + shift) % count;
}
