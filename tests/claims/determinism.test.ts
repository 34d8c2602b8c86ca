/**
 * Each calibration record still describes its experiment's code: re-run one recorded seed per
 * experiment (a different one each day, the same all day: lib/calibration/seeds.ts) with the
 * recorded settings and require exactly the recorded metrics, verdict and checks. A change that
 * moves an experiment's numbers without bumping its version and re-calibrating fails here.
 */
import { describe, expect, it } from 'vitest';
import { loadExperiment, manifests } from '@/lib/experiments/registry';
import { readRecord } from '@/lib/content/calibration-records';
import { calibrateCommand } from '@/lib/calibration/record';
import { seedIndexForDay } from '@/lib/calibration/seeds';
import { runToEnd } from '@/lib/runtime/run-to-end';
import type { ParamTable, ParamValues } from '@/lib/core/params';

const today = new Date();

describe('calibration records match a fresh run of one of their seeds', () => {
  it.each(manifests.map((m) => [m.id, m] as const))('%s', async (id, manifest) => {
    const { record } = readRecord(manifest);
    expect(record, `no record for ${id}: run ${calibrateCommand(id)}`).not.toBeNull();
    const recorded = record!.seeds[seedIndexForDay(today, id, record!.seeds.length)];
    const experiment = (await loadExperiment(id))!;
    const run = await runToEnd(experiment, { seed: recorded.seed, params: record!.params as Partial<ParamValues<ParamTable>> });
    console.log(`[determinism] ${id} seed ${recorded.seed} (${run.backend}, ${run.seconds.toFixed(1)} s)`);
    const hint = `${id} seed ${recorded.seed} no longer gives its recorded numbers: if the change was meant, bump the version in lib/experiments/${id}/manifest.ts and run ${calibrateCommand(id)}`;
    expect(run.backend, hint).toBe(record!.backend);
    expect(run.result.metrics, hint).toEqual(recorded.metrics);
    expect(run.claim.holds, hint).toBe(recorded.holds);
    expect((run.claim.checks ?? []).map((c) => ({ name: c.name, holds: c.holds })), hint).toEqual(recorded.checks.map((c) => ({ name: c.name, holds: c.holds })));
  });
});
