/**
 * Build-time access to the calibration records for the note components (server only: reads
 * files). A stale or missing record never reaches a page: `npm run check` and the build refuse it.
 */
import { toSeedContext, type SeedContext } from '@/lib/calibration/context';
import type { CalibrationRecord } from '@/lib/calibration/record';
import { readRecord } from '@/lib/content/calibration-records';
import { getManifest } from '@/lib/experiments/registry';

export function recordFor(id: string): CalibrationRecord | null {
  const manifest = getManifest(id);
  return manifest ? readRecord(manifest).record : null;
}

/** What a demo needs to place a run among the recorded seeds; null without a fresh record. */
export function seedContextFor(id: string): SeedContext | null {
  const manifest = getManifest(id);
  if (!manifest) return null;
  const { record, problems } = readRecord(manifest);
  return record && problems.length === 0 ? toSeedContext(record, manifest) : null;
}
