/**
 * The `disentanglement` experiment's claims over the test seeds at the default parameters (no sweep):
 * sampled vs mean correlations for beta = 1, beta = 8 and DIP-VAE-I (Locatello et al. 5.1), and
 * the rotation argument (same ELBO, different MIG). Thresholds were fixed on seeds 100-104 before
 * these seeds were run (see lib/experiments/disentanglement.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { disentanglementExperiment } from '@/lib/experiments/disentanglement/experiment';
import { etaSquared } from '@/lib/metrics/disentanglement';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same wasm backend, the claim asserted to hold), so this slow experiment does not repeat it here;
// seeds 2 and 3 run in Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('disentanglement: uncorrelated samples, correlated means; rotations fool the ELBO', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(disentanglementExperiment, { seed });
      const s = run.result.snapshot;
      console.log(`[disentanglement] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s)`);
      for (const m of s.models) {
        const x = m.measurement!;
        console.log(
          `[disentanglement]   ${m.label}: TC mean ${x.tcMean.toFixed(2)} / sampled ${x.tcSampled.toFixed(2)}, ` +
            `|corr| mean ${x.absCorrMean.toFixed(2)} / sampled ${x.absCorrSampled.toFixed(2)}, ELBO ${x.elbo.toFixed(2)}, ` +
            `KL ${x.kl.toFixed(2)}, MIG ${x.mig.toFixed(3)}, FactorVAE ${x.factorVae.toFixed(2)}`,
        );
      }
      for (const v of s.rotation!.variants)
        console.log(`[disentanglement]   rotation ${v.name}: ELBO ${v.elbo.toFixed(2)} (±${v.elboStdError.toFixed(2)}), KL ${v.kl.toFixed(3)}, MIG ${v.mig.toFixed(3)}`);
      for (const c of run.claim.checks ?? []) console.log(`[disentanglement]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(run.claim.checks?.length).toBe(6);
      expect(run.claim.holds, run.claim.summary).toBe(true);
      for (const m of s.models) expect(m.measurement!.corrMean.length).toBe(s.latentDim * s.latentDim);
    });
  }
});

/**
 * The opt-in seeds-vs-objective sweep, wired end to end at the smallest settings (100 steps, two
 * seeds per objective: six models, a few seconds): every run is reported, eta^2 is the share of
 * MIG's variance the objective explains (recomputed here from the reported runs), and the sweep's
 * check decides the verdict. What the sweep finds at the demo's settings is not asserted: its own
 * check (eta^2 < 0.5, fixed on seeds 100-104) failed on seed 1 (0.52) and the notes discuss why;
 * at full size the sweep trains 12 models (over a minute), too long for every test run.
 */
describe('disentanglement sweep (opt-in in the demo)', () => {
  it('reports every run, eta^2 from those runs, and lets its check decide the verdict', async () => {
    const run = await runToEnd(disentanglementExperiment, { seed: 1, params: { sweep: true, sweepSeeds: 2, steps: 100 } });
    const sweep = run.result.snapshot.sweep!;
    console.log(`[disentanglement sweep] seed 1, 100 steps, 2 seeds per objective (${run.seconds.toFixed(1)} s): η² MIG ${sweep.etaSquaredMig.toFixed(3)}, FactorVAE ${sweep.etaSquaredFactorVae.toFixed(3)}`);
    expect(sweep.totalRuns).toBe(6);
    expect(sweep.runs.length).toBe(6);
    expect(new Set(sweep.runs.map((r) => r.model)).size).toBe(3);
    expect(sweep.etaSquaredMig).toBeCloseTo(etaSquared(sweep.runs.map((r) => r.mig), sweep.runs.map((r) => r.model)), 12);
    expect(sweep.etaSquaredMig).toBeGreaterThanOrEqual(0);
    expect(sweep.etaSquaredMig).toBeLessThanOrEqual(1);
    expect(run.result.metrics['sweep.runs']).toBe(6);
    const checks = run.claim.checks ?? [];
    expect(checks.length).toBe(7);
    const sweepCheck = checks[checks.length - 1];
    expect(sweepCheck.holds).toBe(sweep.etaSquaredMig < 0.5);
    expect(run.claim.holds).toBe(checks.every((c) => c.holds));
  });
});

describe('disentanglement: its calibration record still describes the code', () => {
  itMatchesItsRecord('disentanglement');
});
