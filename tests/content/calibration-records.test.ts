/**
 * The committed calibration records describe today's code: one per experiment, made at the
 * experiment's current version and default settings, over seeds the claims tests do not use.
 * Each experiment's claims file re-runs one recorded seed to hold its record to the code
 * (tests/support/record-determinism.ts).
 */
import { describe, expect, it } from 'vitest';
import { allRecordProblems, readRecord } from '@/lib/content/calibration-records';
import { manifests } from '@/lib/experiments/registry';
import { claimRate } from '@/lib/calibration/summary';
import fs from 'node:fs';

describe('calibration records', () => {
  it('are fresh for every experiment (else: the message names the command that refreshes one)', () => {
    expect(allRecordProblems()).toEqual([]);
  });

  it.each(manifests.map((m) => [m.id, m] as const))('%s: recorded over 20 seeds from 1001, with every headline metric', (_id, manifest) => {
    const { record } = readRecord(manifest);
    expect(record).not.toBeNull();
    expect(record!.seeds.map((s) => s.seed)).toEqual(Array.from({ length: 20 }, (_, i) => 1001 + i));
    for (const h of manifest.headline) expect(record!.seeds.every((s) => Number.isFinite(s.metrics[h.metric])), h.metric).toBe(true);
    // Printed so the log shows each claim's rate over its records.
    const rate = claimRate(record!);
    console.log(`${manifest.id}: the claim held on ${rate.held} of ${rate.total} recorded seeds`);
  });

  it.each(manifests.map((m) => [m.id] as const))('%s: its claims file re-runs one recorded seed', (id) => {
    expect(fs.readFileSync(`tests/claims/${id}.test.ts`, 'utf8')).toContain(`itMatchesItsRecord('${id}')`);
  });
});
