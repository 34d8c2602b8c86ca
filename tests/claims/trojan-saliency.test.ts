/**
 * The trojan-saliency claim over seeds 1-3 at the default parameters (thresholds calibrated on seeds
 * 100-109 first; see TROJAN_THRESHOLDS in lib/experiments/trojan-saliency/experiment.ts), and one run
 * with a trigger painted elsewhere, to check that the scores follow the painted trigger.
 */
import { describe, expect, it } from 'vitest';
import { trojanSaliency } from '@/lib/experiments/trojan-saliency/experiment';
import { decodeTrigger } from '@/lib/experiments/trojan-saliency/manifest';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { itMatchesItsRecord } from '../support/record-determinism';

const SEEDS = [trojanSaliency.defaultSeed, 2, 3];

describe('trojan-saliency: plausible is not correct; methods are scored against a baseline on a known answer', () => {
  it.each(SEEDS)('seed %i', async (seed) => {
    const run = await runToEnd(trojanSaliency, { seed });
    const m = run.result.metrics;
    console.log(`trojan-saliency seed ${seed} (${run.seconds.toFixed(2)} s): ${run.claim.summary}`);

    expect(run.claim.checks?.filter((c) => !c.holds)).toEqual([]);
    expect(run.claim.holds).toBe(true);
    // The planted answer is what drives the decision ...
    expect(m.attackSuccess).toBeGreaterThanOrEqual(0.9);
    // ... the edge map is model-free, the gradient is not ...
    expect(m['rankCorrelation.edge']).toBeGreaterThan(0.999);
    expect(m['rankCorrelation.gradient']).toBeLessThan(0.3);
    // ... and methods that use the model through the input beat the baseline.
    expect(m['triggerMass.occlusion']).toBeGreaterThan(m['triggerMass.edge']);
    expect(m['triggerMass.integratedGradients']).toBeGreaterThan(m['triggerMass.edge']);
  });

  it('scores the trigger the reader painted (a 2x2 square in the top-left corner)', async () => {
    const trigger = 'c0c0000000000000';
    const run = await runToEnd(trojanSaliency, { seed: 2, params: { trigger } });
    const s = run.result.snapshot;
    expect(s.trigger).toEqual(decodeTrigger(trigger));
    expect(s.trigger[0] + s.trigger[1] + s.trigger[8] + s.trigger[9]).toBe(4);
    expect(s.attackSuccess).toBeGreaterThanOrEqual(0.9);
    // Methods that see the trigger put several times the area share of their mass on it.
    expect(run.result.metrics['triggerMass.gradientTimesInput']).toBeGreaterThan(3 * s.areaShare);
    // And the claim's text names the numbers it checked.
    expect(run.claim.summary).toMatch(/triggered digits/);
  });

  it('says there is nothing to check when no trigger is painted', async () => {
    const run = await runToEnd(trojanSaliency, { seed: 1, params: { trigger: '0000000000000000', steps: 100 } });
    expect(run.result.snapshot.areaShare).toBe(0);
    expect(run.claim.holds).toBe(false);
    expect(run.claim.summary).toMatch(/No trigger was painted/);
  });
});

describe('trojan-saliency: its calibration record still describes the code', () => {
  itMatchesItsRecord('trojan-saliency');
});
