/**
 * The `sbn` experiment's claims over the test seeds at the default parameters: 8 named channels keep
 * most of the original network's accuracy; they line up with their concepts far better than the
 * best of the original's 64 channels (AUC and AUiC); and they pass an intervention test (the head
 * treats each channel as its concept). The purity numbers are reported, not claimed. Thresholds
 * were fixed on seeds 100-104 before these seeds were run (SBN_THRESHOLDS in the experiment).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { sbn } from '@/lib/experiments/sbn/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same backend, the claim asserted to hold), so it is not repeated here; seeds 2 and 3 run in
// Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('sbn: squeeze 64 channels into 8 named ones', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(sbn, { seed });
      const s = run.result.snapshot;
      console.log(`[sbn] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      console.log(`[sbn]   0/1-rounded channels: ${s.accuracy.sbnBinary}; typical original channel AUC: ${s.channels?.map((c) => `${c.concept} ${c.meanOriginalAuc.toFixed(3)}`).join(', ')}`);
      for (const c of run.claim.checks ?? []) console.log(`[sbn]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(s.channels?.length).toBe(8);
      expect(s.examples?.length).toBe(6);
      // The caveat is measured and reported whatever it shows.
      expect(Number.isFinite(run.claim.numbers.purityMaxExcess)).toBe(true);
      expect(run.claim.checks?.length).toBe(3);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('sbn: its calibration record still describes the code', () => {
  itMatchesItsRecord('sbn');
});
