/**
 * The `vae` experiment's claim over the test seeds at the default parameters: the VAE reconstructs
 * far better than the mean image from a code that uses only some of its latents. Thresholds were
 * fixed on seeds 100-104 before these seeds were run (see lib/experiments/vae.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { vaeExperiment } from '@/lib/experiments/vae/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same backend, the claim asserted to hold), so it is not repeated here; seeds 2 and 3 run in
// Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('vae: a VAE learns a compressed code', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(vaeExperiment, { seed });
      const m = run.result.metrics;
      const kl = Object.keys(m)
        .filter((k) => k.startsWith('klDim'))
        .map((k) => m[k].toFixed(2))
        .join(' ');
      console.log(
        `[vae] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): reconstruction ${m.reconstruction.toFixed(2)} nats ` +
          `(${(100 * m.reconstructionVsBaseline).toFixed(1)}% of the mean-image ${m.baselineNll.toFixed(2)}), KL ${m.kl.toFixed(2)}, ` +
          `-ELBO ${m.negElbo.toFixed(2)}, active ${m.activeDims}/${m.latentDim}, passive KL share ${(100 * m.passiveKlShare).toFixed(2)}%, ` +
          `KL per dim [${kl}], MIG ${m.mig.toFixed(3)}, FactorVAE ${m.factorVae.toFixed(3)}`,
      );
      for (const c of run.claim.checks ?? []) console.log(`[vae]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(run.claim.holds, run.claim.summary).toBe(true);
      // The snapshot the demo draws is complete.
      const view = run.result.snapshot.view!;
      expect(view.traversal.images.length).toBe(m.latentDim * view.traversal.values.length * 256);
      expect(view.reconstructions.length).toBe(view.examples * 256);
      expect(run.result.snapshot.curve.length).toBeGreaterThan(10);
    });
  }
});

describe('vae: its calibration record still describes the code', () => {
  itMatchesItsRecord('vae');
});
