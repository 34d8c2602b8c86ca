/**
 * What a record says in numbers: how often the claim held, and how a metric spreads over the
 * recorded seeds. The page's "held on k of N" and every number a note quotes come from here.
 */
import type { CalibrationRecord } from './record';

export interface ClaimRate {
  held: number;
  total: number;
}

export function claimRate(record: Pick<CalibrationRecord, 'seeds'>): ClaimRate {
  return { held: record.seeds.filter((s) => s.holds).length, total: record.seeds.length };
}

/** How often each sub-check held, in the record's order. */
export function checkRates(record: Pick<CalibrationRecord, 'seeds'>): { name: string; held: number; total: number }[] {
  const names: string[] = [];
  for (const s of record.seeds) for (const c of s.checks) if (!names.includes(c.name)) names.push(c.name);
  return names.map((name) => {
    const seen = record.seeds.flatMap((s) => s.checks.filter((c) => c.name === name));
    return { name, held: seen.filter((c) => c.holds).length, total: seen.length };
  });
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  /** Per seed, in the record's seed order. */
  values: number[];
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A metric over the recorded seeds; undefined when some seed lacks it. */
export function spreadOf(record: Pick<CalibrationRecord, 'seeds'>, metric: string): Spread | undefined {
  const values = record.seeds.map((s) => s.metrics[metric]);
  if (values.length === 0 || values.some((v) => typeof v !== 'number' || !Number.isFinite(v))) return undefined;
  return { median: median(values), min: Math.min(...values), max: Math.max(...values), values };
}

/** How many recorded values lie below and above `value`, for "lower than 17 of 20 seeds". */
export function placeAmong(value: number, values: readonly number[]): { below: number; above: number; total: number } {
  return { below: values.filter((v) => v < value).length, above: values.filter((v) => v > value).length, total: values.length };
}
