/**
 * A calibration record: one experiment run over many seeds in Node at its default settings,
 * committed at content/calibration/<id>.json. Demos place a reader's run among these seeds and
 * notes quote their numbers, so a number on the site is always one the code produced.
 *
 * Pure TypeScript: the page, the checker, the tests and the CLI all read records through here.
 */
import type { Manifest, Metrics } from '../core/contract';
import { defaultParams } from '../core/params';

export interface RecordedCheck {
  name: string;
  holds: boolean;
  kind?: 'test' | 'illustration';
}

export interface RecordedSeed {
  seed: number;
  /** Exactly what `npm run experiment -- <id> --seed <seed> --json` prints as metrics. */
  metrics: Metrics;
  holds: boolean;
  checks: RecordedCheck[];
}

export interface CalibrationRecord {
  id: string;
  /** The manifest's `version` when the record was made: a different one makes the record stale. */
  version: number;
  /** The settings every seed ran with: the experiment's defaults when recorded. */
  params: Record<string, string | number | boolean>;
  /** The TF.js backend the seeds ran on ('js' for plain-TypeScript experiments). */
  backend: string;
  seeds: RecordedSeed[];
}

/** The command that (re)makes a record, for error messages. */
export function calibrateCommand(id: string): string {
  return `npm run calibrate -- ${id}`;
}

/** Parameter values compared as the URL and the CLI spell them, so 1 and "1" agree. */
export function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) if (String(a[key]) !== String(b[key])) return false;
  return true;
}

/** The settings (names) where `values` differ from the recorded ones. */
export function changedParams(recorded: Record<string, unknown>, values: Record<string, unknown>): string[] {
  return Object.keys(recorded).filter((key) => key in values && String(recorded[key]) !== String(values[key]));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks a parsed JSON value is a well-formed record; returns what is wrong, in words. */
export function recordShapeProblems(value: unknown): string[] {
  if (!isObject(value)) return ['is not a JSON object'];
  const problems: string[] = [];
  if (typeof value.id !== 'string') problems.push('has no string "id"');
  if (!Number.isInteger(value.version)) problems.push('has no integer "version"');
  if (!isObject(value.params)) problems.push('has no "params" object');
  if (typeof value.backend !== 'string') problems.push('has no string "backend"');
  if (!Array.isArray(value.seeds) || value.seeds.length === 0) return [...problems, 'has no "seeds"'];
  value.seeds.forEach((s, i) => {
    if (!isObject(s) || !Number.isInteger(s.seed) || !isObject(s.metrics) || typeof s.holds !== 'boolean' || !Array.isArray(s.checks)) {
      problems.push(`seeds[${i}] needs seed, metrics, holds and checks`);
      return;
    }
    for (const [k, v] of Object.entries(s.metrics)) if (typeof v !== 'number') problems.push(`seeds[${i}].metrics.${k} is not a number`);
  });
  return problems;
}

/**
 * Why a record no longer describes its experiment's code, or [] when it does: another
 * version, other default settings, another id. Each message names the command that refreshes it.
 */
export function stalenessProblems(record: CalibrationRecord, manifest: Manifest): string[] {
  const fix = `run \`${calibrateCommand(manifest.id)}\` to refresh it`;
  const problems: string[] = [];
  if (record.id !== manifest.id) problems.push(`the record at content/calibration/${manifest.id}.json is for "${record.id}"; ${fix}`);
  if (record.version !== manifest.version) {
    problems.push(`the ${manifest.id} record is stale: it was made at version ${record.version}, the experiment is at version ${manifest.version}; ${fix}`);
  }
  const defaults = defaultParams(manifest.params) as Record<string, unknown>;
  if (!sameParams(record.params, defaults)) {
    const changed = [...new Set([...changedParams(record.params, defaults), ...Object.keys(defaults).filter((k) => !(k in record.params)), ...Object.keys(record.params).filter((k) => !(k in defaults))])];
    problems.push(`the ${manifest.id} record ran with other settings than today's defaults (${changed.join(', ')}); ${fix}`);
  }
  for (const h of manifest.headline) {
    if (!record.seeds.every((s) => typeof s.metrics[h.metric] === 'number')) problems.push(`the ${manifest.id} record lacks the headline metric "${h.metric}"; ${fix}`);
  }
  return problems;
}
