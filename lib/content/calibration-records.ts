/**
 * Reads the committed calibration records (content/calibration/<id>.json) for the build, the
 * checker and the tests. The records' meaning lives in lib/calibration; this file only finds,
 * parses and vets them.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../core/contract';
import { calibrateCommand, recordShapeProblems, stalenessProblems, type CalibrationRecord } from '../calibration/record';
import { manifests } from '../experiments/registry';
import { defaultRoot } from './index';

// A literal, not CONTENT_DIR: the note pipeline imports this file and index.ts imports the pipeline.
export const CALIBRATION_DIR = path.join('content', 'calibration');

export function recordFile(id: string, root = defaultRoot()): string {
  return path.join(root, CALIBRATION_DIR, `${id}.json`);
}

export type RecordLookup = { record: CalibrationRecord; problems: string[] } | { record: null; problems: string[] };

const cache = new Map<string, { mtimeMs: number; lookup: RecordLookup }>();

/**
 * The record for one experiment with what is wrong with it ([] when it is fresh). A missing or
 * malformed file gives `record: null`; a stale one is returned with its problems, so callers
 * decide whether stale numbers may be shown (the build refuses them through the checker).
 */
export function readRecord(manifest: Manifest, root = defaultRoot()): RecordLookup {
  const file = recordFile(manifest.id, root);
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(file).mtimeMs;
  } catch {
    return { record: null, problems: [`${manifest.id} has no calibration record (${path.relative(root, file)}); run \`${calibrateCommand(manifest.id)}\` to make it`] };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.lookup;
  let lookup: RecordLookup;
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    const shape = recordShapeProblems(value);
    lookup =
      shape.length > 0
        ? { record: null, problems: shape.map((p) => `${path.relative(root, file)} ${p}; run \`${calibrateCommand(manifest.id)}\` to remake it`) }
        : { record: value as CalibrationRecord, problems: stalenessProblems(value as CalibrationRecord, manifest) };
  } catch (err) {
    lookup = { record: null, problems: [`${path.relative(root, file)} is not valid JSON (${err instanceof Error ? err.message : String(err)}); run \`${calibrateCommand(manifest.id)}\` to remake it`] };
  }
  cache.set(file, { mtimeMs, lookup });
  return lookup;
}

/** Every experiment's record problems, for `npm run check` and the tests. */
export function allRecordProblems(root = defaultRoot()): string[] {
  return manifests.flatMap((m) => readRecord(m, root).problems);
}
