/** Trigger mass, area share and Spearman rank correlation (lib/metrics/attribution.ts) on hand-made maps. */
import { describe, expect, it } from 'vitest';
import { absolute, areaShare, averageRanks, pearson, rankCorrelation, triggerMass } from '@/lib/metrics/attribution';
import { decodeTrigger, encodeTrigger, DEFAULT_TRIGGER, TRIGGER_SIDE } from '@/lib/experiments/trojan-saliency/manifest';

describe('trigger mass', () => {
  // A 3x3 map with the trigger on the top-right 2 pixels (indices 1 and 2).
  const mask = [0, 1, 1, 0, 0, 0, 0, 0, 0];

  it('is the share of |attribution| on the trigger, signs ignored', () => {
    const map = [1, -3, 2, 0, 0, 4, 0, 0, 0]; // |.| sums to 10; 3 + 2 = 5 on the trigger
    expect(triggerMass(map, mask)).toBeCloseTo(0.5);
  });

  it('is 1 for a map only on the trigger, 0 for one off it, the area share for a uniform map', () => {
    expect(triggerMass([0, 5, 1, 0, 0, 0, 0, 0, 0], mask)).toBe(1);
    expect(triggerMass([7, 0, 0, 1, 1, 1, 1, 1, 1], mask)).toBe(0);
    expect(triggerMass(new Array(9).fill(0.3), mask)).toBeCloseTo(2 / 9);
    expect(areaShare(mask)).toBeCloseTo(2 / 9);
  });

  it('is NaN for an all-zero map and refuses mismatched sizes', () => {
    expect(triggerMass(new Array(9).fill(0), mask)).toBeNaN();
    expect(() => triggerMass([1, 2], mask)).toThrow(/2 values/);
  });
});

describe('rank correlation (Spearman)', () => {
  it('ranks ties by their mean rank', () => {
    expect(Array.from(averageRanks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
  });

  it('is 1 for any increasing transform and -1 for a decreasing one', () => {
    const a = [0.1, 0.5, 0.2, 0.9, 0.3];
    expect(rankCorrelation(a, a.map((v) => Math.exp(5 * v)))).toBeCloseTo(1);
    expect(rankCorrelation(a, a.map((v) => -v * v))).toBeCloseTo(-1);
  });

  it('matches a hand-computed value without ties: 1 - 6 sum d^2 / (n (n^2 - 1))', () => {
    // ranks a: 1 2 3 4 5; ranks b: 2 1 4 3 5 -> d^2 = 1+1+1+1+0 = 4; rho = 1 - 24/120 = 0.8
    expect(rankCorrelation([1, 2, 3, 4, 5], [20, 10, 40, 30, 50])).toBeCloseTo(0.8);
  });

  it('with ties: the Pearson correlation of the mean ranks', () => {
    // ranks a: 1.5 1.5 3 4; ranks b: 1 2 3 4 -> Pearson by hand = 4.5 / sqrt(4.5 * 5) = 0.9487
    expect(rankCorrelation([1, 1, 2, 3], [1, 2, 3, 4])).toBeCloseTo(4.5 / Math.sqrt(4.5 * 5), 6);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('absolute() drops signs, so a map and its negative rank alike', () => {
    const m = [0.5, -2, 1, -0.1];
    expect(rankCorrelation(absolute(m), absolute(m.map((v) => -v)))).toBeCloseTo(1);
  });
});

describe('trigger text form', () => {
  it('encodes the default as a 2x2 square in the bottom-right corner', () => {
    const mask = decodeTrigger(DEFAULT_TRIGGER);
    const on = mask.flatMap((v, i) => (v ? [i] : []));
    expect(on).toEqual([54, 55, 62, 63]);
    expect(encodeTrigger(mask)).toBe(DEFAULT_TRIGGER);
  });

  it('round-trips any mask, leftmost pixel as the high bit', () => {
    const mask = new Array(TRIGGER_SIDE * TRIGGER_SIDE).fill(0);
    mask[0] = 1; // top-left
    mask[TRIGGER_SIDE + 7] = 1; // row 1, right edge
    expect(encodeTrigger(mask)).toBe('8001000000000000');
    expect(decodeTrigger('8001000000000000')).toEqual(mask);
  });

  it('gives an empty mask for malformed text', () => {
    expect(decodeTrigger('zz').every((v) => v === 0)).toBe(true);
  });
});
