/**
 * Holds an experiment's calibration record to its code: re-runs one recorded seed (a different one
 * each day, the same all day: lib/calibration/seeds.ts) with the recorded settings and requires
 * exactly the recorded metrics, verdict and checks. A change that moves an experiment's numbers
 * without bumping its version and re-calibrating fails here. Each experiment's claims file calls
 * this, so the check runs beside that experiment's other long runs (the claims files share two workers).
 */
import { expect, it } from 'vitest';
import { getManifest, loadExperiment } from '@/lib/experiments/registry';
import { readRecord } from '@/lib/content/calibration-records';
import { calibrateCommand } from '@/lib/calibration/record';
import { seedIndexForDay } from '@/lib/calibration/seeds';
import type { ParamTable, ParamValues } from '@/lib/core/params';
import { runToEnd } from '@/lib/runtime/run-to-end';

export function itMatchesItsRecord(id: string, today = new Date()): void {
  it(`reproduces one of its recorded seeds exactly (content/calibration/${id}.json)`, async () => {
    const { record } = readRecord(getManifest(id)!);
    expect(record, `no record for ${id}: run ${calibrateCommand(id)}`).not.toBeNull();
    const recorded = record!.seeds[seedIndexForDay(today, id, record!.seeds.length)];
    const experiment = (await loadExperiment(id))!;
    const run = await runToEnd(experiment, { seed: recorded.seed, params: record!.params as Partial<ParamValues<ParamTable>> });
    console.log(`[record] ${id} seed ${recorded.seed} (${run.backend}, ${run.seconds.toFixed(1)} s)`);
    const hint = `${id} seed ${recorded.seed} no longer gives its recorded numbers: if the change was meant, bump the version in lib/experiments/${id}/manifest.ts and run ${calibrateCommand(id)}`;
    expect(run.backend, hint).toBe(record!.backend);
    expect(run.result.metrics, hint).toEqual(recorded.metrics);
    expect(run.claim.holds, hint).toBe(recorded.holds);
    expect((run.claim.checks ?? []).map((c) => ({ name: c.name, holds: c.holds })), hint).toEqual(recorded.checks.map((c) => ({ name: c.name, holds: c.holds })));
  });
}
