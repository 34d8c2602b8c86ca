/**
 * The `cem` experiment's claims over the test seeds at the default parameters: with two concepts
 * unannotated, CEM + RandInt keeps task accuracy close to the black box and responds to
 * interventions, while the hybrid CBM barely does. Thresholds were fixed on seeds 100-104 before
 * these seeds were run (see CEM_THRESHOLDS in lib/experiments/cem.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { cem } from '@/lib/experiments/cem/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

// Seed 1, the default, runs to its verdict in Chromium in tests/e2e/demos.test.ts (same code,
// same wasm backend, the claim asserted to hold), so this slow experiment does not repeat it here;
// seeds 2 and 3 run in Node, and one recorded seed of its 20 is reproduced exactly below.
const SEEDS = [2, 3];

describe('cem: embeddings keep the accuracy, RandInt keeps the intervenability', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(cem, { seed });
      const s = run.result.snapshot;
      console.log(`[cem] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      for (const r of s.rows) {
        const curve = r.interventionCurve ? ` curve ${r.interventionCurve.map((v) => v.toFixed(2)).join(' ')}` : '';
        console.log(`[cem]   ${r.label}: task ${r.taskAccuracy?.toFixed(3)}, concepts ${r.conceptAccuracy?.toFixed(3) ?? '-'}${curve}`);
      }
      for (const c of run.claim.checks ?? []) console.log(`[cem]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(s.rows.every((r) => r.status === 'done')).toBe(true);
      expect(s.unlabelledConcepts).toEqual(['framed', 'filled']);
      expect(run.claim.checks?.length).toBe(3);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('cem: its calibration record still describes the code', () => {
  itMatchesItsRecord('cem');
});
