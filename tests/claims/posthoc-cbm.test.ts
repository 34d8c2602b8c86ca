/**
 * The `posthoc-cbm` experiment's claims over the test seeds at the default parameters: PCBM-h keeps
 * the original model's accuracy; without "framed" in the concept bank the PCBM alone loses
 * accuracy; the sparse head's largest weights follow the label rule; deleting half of the rule
 * from the head costs accuracy while deleting the distractors does not. Thresholds were fixed on
 * seeds 100-104 before these seeds were run (POSTHOC_CBM_THRESHOLDS in the experiment).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { posthocCbm } from '@/lib/experiments/posthoc-cbm/experiment';
import { editedAccuracy } from '@/lib/ml/concept-edit';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same backend, the claim asserted to hold), so it is not repeated here; seeds 2 and 3 run in
// Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('posthoc-cbm: explain a frozen model with concepts, then patch the gap', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(posthocCbm, { seed });
      const s = run.result.snapshot;
      console.log(`[posthoc-cbm] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      console.log(`[posthoc-cbm]   CAV AUC on task images: ${s.conceptNames.map((n, c) => `${n} ${s.cavAuc?.[c]?.toFixed(3)}`).join(', ')}`);
      for (const c of run.claim.checks ?? []) console.log(`[posthoc-cbm]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      // The final snapshot carries what the page's editor needs, and it reproduces the PCBM's accuracy.
      expect(s.head && s.test).toBeTruthy();
      expect(s.test!.labels.length * s.conceptNames.length).toBe(s.test!.scores.length);
      expect(editedAccuracy(s.head!, s.test!, s.conceptNames.map(() => 1)).overall).toBeCloseTo(s.accuracy.pcbm!, 2);
      expect(editedAccuracy(s.head!, s.test!, s.conceptNames.map(() => 1), true).overall).toBeCloseTo(s.accuracy.pcbmH!, 2);
      expect(run.claim.checks?.length).toBe(4);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('posthoc-cbm: its calibration record still describes the code', () => {
  itMatchesItsRecord('posthoc-cbm');
});
