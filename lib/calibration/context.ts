/**
 * The part of a record a demo needs in the browser to place a reader's run among the recorded
 * seeds: small (a few numbers per seed), made at build time, passed to the page as a prop.
 */
import type { HeadlineMetric, Manifest } from '../core/contract';
import type { CalibrationRecord } from './record';
import { claimRate, checkRates, type ClaimRate } from './summary';

export interface RecordedHeadline extends HeadlineMetric {
  /** Per recorded seed, in `seeds` order. */
  values: number[];
}

export interface SeedContext {
  id: string;
  params: CalibrationRecord['params'];
  backend: string;
  seeds: number[];
  rate: ClaimRate;
  checks: { name: string; held: number; total: number }[];
  headline: RecordedHeadline[];
}

export function toSeedContext(record: CalibrationRecord, manifest: Manifest): SeedContext {
  return {
    id: record.id,
    params: record.params,
    backend: record.backend,
    seeds: record.seeds.map((s) => s.seed),
    rate: claimRate(record),
    checks: checkRates(record),
    headline: manifest.headline
      .filter((h) => record.seeds.every((s) => Number.isFinite(s.metrics[h.metric])))
      .map((h) => ({ ...h, values: record.seeds.map((s) => s.metrics[h.metric]) })),
  };
}
