/**
 * The `cbm` experiment's claims over the test seeds at the default parameters: interventions raise
 * a CBM's accuracy towards its ceiling; fuzzy beats binary (with a concept unlabelled); the hybrid
 * recovers what a missing concept costs a plain CBM; the lambda = 0.01 control gets worse when
 * intervened on. Thresholds were fixed on seeds 100-104 before these seeds were run (see
 * CBM_THRESHOLDS in lib/experiments/cbm.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { cbm } from '@/lib/experiments/cbm/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same wasm backend, the claim asserted to hold), so this slow experiment does not repeat it here;
// seeds 2 and 3 run in Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('cbm: fix the concepts, fix the answer', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(cbm, { seed });
      const s = run.result.snapshot;
      console.log(`[cbm] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      for (const r of s.rows) {
        const curve = r.interventionCurve ? ` curve ${r.interventionCurve.map((v) => v.toFixed(2)).join(' ')}` : '';
        console.log(`[cbm]   ${r.part} / ${r.label}: task ${r.taskAccuracy?.toFixed(3)}, concepts ${r.conceptAccuracy?.toFixed(3) ?? '-'}${curve}`);
      }
      for (const c of run.claim.checks ?? []) console.log(`[cbm]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(s.rows.every((r) => r.status === 'done')).toBe(true);
      expect(s.examples?.length).toBe(6);
      expect(s.heads?.independent.layers.length).toBe(2);
      expect(run.claim.checks?.length).toBe(4);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('cbm: its calibration record still describes the code', () => {
  itMatchesItsRecord('cbm');
});
