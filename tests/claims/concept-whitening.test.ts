/**
 * The `concept-whitening` experiment's claims over three seeds at the default parameters: CW costs
 * little accuracy against BN, decorrelates the latent, and each concept axis reads its concept.
 * Thresholds were fixed on seeds 100-105 before these seeds were run (CW_THRESHOLDS in
 * lib/experiments/concept-whitening/experiment.ts).
 *
 * At this scale the claim does not hold on every seed, and the note says so: the test pins what
 * the verdict reports for each seed. Seed 2 pays 9 points of accuracy (the calibration seeds paid
 * at most 4); on seed 3 the network keeps bed and person nearly collinear in its latent (10 degrees
 * apart), so no orthogonal pair of axes can separate them and the person axis falls below the AUC
 * threshold, which is the paper's own caveat about co-occurring concepts at its most severe.
 * Decorrelation holds on every seed.
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { conceptWhitening } from '@/lib/experiments/concept-whitening/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

/** What the verdict must report for each seed: the checks that fail (none: the claim holds). */
const EXPECTED_FAILURES: Record<number, string[]> = {
  1: [],
  2: ['CW costs little accuracy'],
  3: ['each concept axis reads its concept'],
};

describe('concept-whitening: axes that mean something', () => {
  for (const [seedText, failures] of Object.entries(EXPECTED_FAILURES)) {
    const seed = Number(seedText);
    it(`seed ${seed}: ${failures.length ? `reports ${failures.join(', ')} as not reproduced` : 'holds'}`, async () => {
      const run = await runToEnd(conceptWhitening, { seed });
      const f = run.result.snapshot.final!;
      console.log(`[concept-whitening] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      console.log(`[concept-whitening]   BN best-unit AUC ${f.bnBestAuc.join(' ')}; CW axis AUC ${f.cwAuc.join(' ')}; alignment ${f.alignment.join(' ')} (pair bound ${f.pairAlignmentBound})`);
      for (const c of run.claim.checks ?? []) console.log(`[concept-whitening]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(f.cwCorrelation.length).toBe(8);
      expect(f.crossAuc.length).toBe(3);
      expect(f.orthogonalityError).toBeLessThan(1e-6);
      // The mean cosine of the pair's axes can never beat the orthogonality bound.
      expect((f.alignment[0] + f.alignment[1]) / 2).toBeLessThanOrEqual(f.pairAlignmentBound + 1e-3);
      const checks = run.claim.checks ?? [];
      expect(checks.length).toBe(3);
      expect(checks.find((c) => c.name === 'the CW latent is decorrelated')?.holds).toBe(true);
      expect(checks.filter((c) => !c.holds).map((c) => c.name)).toEqual(failures);
      expect(run.claim.holds, run.claim.summary).toBe(failures.length === 0);
      if (failures.length) expect(run.claim.summary).toMatch(/^Not reproduced on this run/);
    });
  }
});

describe('concept-whitening: its calibration record still describes the code', () => {
  itMatchesItsRecord('concept-whitening');
});
