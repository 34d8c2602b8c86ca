/**
 * The `concept-leakage` experiment's claims over the test seeds at the default parameters: parity of
 * digits that are neither 4 nor 5 is predictable from soft is-4 / is-5 probabilities but not from
 * the thresholded concepts, and soft shape-concept probabilities predict other, independent
 * concepts. Thresholds were fixed on seeds 100-104 before these seeds were run (see
 * LEAKAGE_THRESHOLDS in lib/experiments/concept-leakage.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { conceptLeakage } from '@/lib/experiments/concept-leakage/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same backend, the claim asserted to hold), so it is not repeated here; seeds 2 and 3 run in
// Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('concept-leakage: the bottleneck leaks', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(conceptLeakage, { seed });
      const s = run.result.snapshot;
      console.log(`[concept-leakage] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      for (const [r, rep] of s.parity.repeats.entries())
        console.log(`[concept-leakage]   repetition ${r + 1}: soft ${rep.soft.toFixed(3)}, hard ${rep.hard.toFixed(3)}, concept accuracy ${rep.conceptAccuracy.toFixed(3)}`);
      console.log(`[concept-leakage]   impurity: soft ${JSON.stringify(s.impurity.softSummary)}, hard ${JSON.stringify(s.impurity.hardSummary)}`);
      for (const c of run.claim.checks ?? []) console.log(`[concept-leakage]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(s.parity.repeats.length).toBe(3);
      expect(s.impurity.soft?.length).toBe(8);
      expect(run.claim.checks?.length).toBe(3);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('concept-leakage: its calibration record still describes the code', () => {
  itMatchesItsRecord('concept-leakage');
});
