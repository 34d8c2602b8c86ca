/**
 * The `cce` experiment's claim over three seeds at the default parameters: the classifier learns
 * the stripes shortcut, and for the mistakes the shortcut causes, CCE ranks the true class's
 * training background first far more often than chance, with edits that fix the prediction.
 * Thresholds were fixed on seeds 100-105 before these seeds were run (CCE_THRESHOLDS in
 * lib/experiments/cce/experiment.ts).
 */
import { describe, expect, it } from 'vitest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { cce } from '@/lib/experiments/cce/experiment';
import { itMatchesItsRecord } from '../support/record-determinism';

const SEEDS = [1, 2, 3];

describe('cce: why did it call this square a triangle?', () => {
  for (const seed of SEEDS) {
    it(`holds for seed ${seed}`, async () => {
      const run = await runToEnd(cce, { seed });
      const f = run.result.snapshot.final!;
      console.log(`[cce] seed ${seed} (${run.backend}, ${run.seconds.toFixed(1)} s): ${run.claim.summary}`);
      console.log(`[cce]   bank AUC ${f.bank.map((b, i) => `${b} ${f.bankAuc[i]}`).join(', ')}; top-1 counts ${f.topCounts.join(' ')}`);
      for (const c of run.claim.checks ?? []) console.log(`[cce]   ${c.holds ? 'ok  ' : 'FAIL'} ${c.name}: ${c.detail}`);
      expect(f.mistakes.length).toBeGreaterThan(0);
      expect(f.mistakes.every((m) => m.weights.length === f.bank.length && m.weights.every(Number.isFinite))).toBe(true);
      expect(run.claim.checks?.length).toBe(3);
      expect(run.claim.holds, run.claim.summary).toBe(true);
    });
  }
});

describe('cce: its calibration record still describes the code', () => {
  itMatchesItsRecord('cce');
});
