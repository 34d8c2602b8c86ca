/**
 * The CCS claim and its critique, re-verified over seeds 1-3 with the default parameters (the
 * thresholds were calibrated on seeds 100-139 before these seeds were run; see
 * lib/experiments/ccs/experiment.ts).
 */
import { describe, expect, it } from 'vitest';
import { ccs, STRONG_RATIO, WEAK_RATIO } from '@/lib/experiments/ccs/experiment';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { itMatchesItsRecord } from '../support/record-determinism';

const SEEDS = [ccs.defaultSeed, 2, 3];

describe('ccs: without labels CCS finds the truth, unless a more salient consistent feature is there', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const run = await runToEnd(ccs, { seed });
    const { claim } = run;
    console.log(`ccs seed ${seed} (${run.seconds.toFixed(2)} s): ${claim.summary}`);

    expect(claim.checks?.filter((c) => !c.holds)).toEqual([]);
    expect(claim.holds).toBe(true);

    const levels = run.result.snapshot.levels;
    const weak = levels.find((l) => l.ratio === WEAK_RATIO)!;
    const strong = levels.find((l) => l.ratio === STRONG_RATIO)!;
    // The key numbers, directly.
    expect(weak.ccs.truth).toBeGreaterThanOrEqual(weak.supervised.truth - 0.05);
    expect(weak.ccs.truth).toBeGreaterThan(weak.zeroShot.truth);
    expect(weak.ccs.alignment!.truth).toBeGreaterThan(weak.ccs.alignment!.distractor);
    expect(strong.ccs.distractor).toBeGreaterThanOrEqual(0.9);
    expect(strong.ccs.alignment!.distractor).toBeGreaterThan(strong.ccs.alignment!.truth);
    expect(strong.loss.ccs).toBeLessThanOrEqual(strong.loss.truthOnly);
    // The supervised ceiling does not care about the distractor.
    expect(strong.supervised.truth).toBeGreaterThan(0.85);
    // Every sweep point was scored, and the label-free accuracies are reported up to sign.
    expect(levels.map((l) => l.ratio)).toEqual(run.result.snapshot.ratios);
    for (const l of levels) expect(l.ccs.truth).toBe(Math.max(l.ccs.signedTruth, 1 - l.ccs.signedTruth));
  });

  it('gives the same numbers for the same seed', async () => {
    const a = await runToEnd(ccs, { seed: 2, params: { restarts: 2, epochs: 40 } });
    const b = await runToEnd(ccs, { seed: 2, params: { restarts: 2, epochs: 40 } });
    expect(a.result.metrics).toEqual(b.result.metrics);
  });

  it('reports that CCS follows what the model says when that is more salient than the truth', async () => {
    // The papers.md prototype's setting, scaled: "said" three times the truth's salience.
    const run = await runToEnd(ccs, { seed: 1, params: { said: 3 } });
    const weak = run.result.snapshot.levels.find((l) => l.ratio === WEAK_RATIO)!;
    console.log(`ccs seed 1, said = 3: CCS ${weak.ccs.truth} on truth, ${weak.ccs.said} on what is said; zero-shot ${weak.zeroShot.truth}`);
    // No zero-shot check is made: the claim is about truth more salient than what is said.
    expect(run.claim.checks?.some((c) => c.name.includes('zero-shot'))).toBe(false);
    expect(weak.ccs.said).toBeGreaterThan(weak.ccs.truth);
  });
});

describe('ccs: its calibration record still describes the code', () => {
  itMatchesItsRecord('ccs');
});
