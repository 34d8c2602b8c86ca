/**
 * Channel-concept alignment measures (lib/metrics/inspectability.ts) on hand-made activations:
 * AUC matrices (with and without sign), the quantile-thresholded IoU, and AUiC's one-to-one
 * matching, whose value is the mean matched IoU.
 */
import { describe, expect, it } from 'vitest';
import { auicScore, channelAucMatrix, quantileIoU } from '@/lib/metrics/inspectability';

// 4 images, 2 concepts: c0 = [1, 1, 0, 0], c1 = [1, 0, 1, 0].
const concepts = [1, 1, 1, 0, 0, 1, 0, 0];
// 3 channels: ch0 tracks c0 exactly, ch1 is c1 upside down, ch2 is half right about c0.
const acts = [
  0.9, 0.1, 0.8,
  0.8, 0.7, 0.2,
  0.2, 0.2, 0.1,
  0.1, 0.9, 0.7,
];

describe('channelAucMatrix', () => {
  it('gives 1 for a perfect channel, 0 for an inverted one unless sign-agnostic', () => {
    const m = channelAucMatrix(acts, 4, 3, concepts, 2);
    expect(m[0][0]).toBe(1);
    expect(m[1][1]).toBe(0);
    // ch2 vs c0: positives {0.8, 0.2}, negatives {0.1, 0.7}: 3 of the 4 pairs ranked right.
    expect(m[0][2]).toBe(0.75);
    expect(channelAucMatrix(acts, 4, 3, concepts, 2, true)[1][1]).toBe(1);
  });
});

describe('quantileIoU', () => {
  it('thresholds the channel to fire as often as the concept holds', () => {
    expect(quantileIoU([0.9, 0.8, 0.2, 0.1], [1, 1, 0, 0])).toBe(1);
    // Top 2 of [0.8, 0.1, 0.7, 0.2] are images 0 and 2; concept holds on 0 and 1: IoU = 1 / 3.
    expect(quantileIoU([0.8, 0.1, 0.7, 0.2], [1, 1, 0, 0])).toBeCloseTo(1 / 3, 12);
  });
});

describe('auicScore', () => {
  it('matches concepts to distinct channels and averages their IoU', () => {
    const { auic, matches } = auicScore(acts, 4, 3, concepts, 2, true);
    expect(matches[0].channel).toBe(0);
    expect(matches[1].channel).toBe(1); // found by sign-agnostic IoU (the channel is inverted)
    expect(auic).toBe(1);
    // Without the sign, c1's best free channel (ch2: top 2 are images 0 and 3) has IoU 1/3.
    expect(auicScore(acts, 4, 3, concepts, 2, false).auic).toBeCloseTo((1 + 1 / 3) / 2, 12);
  });
});
