/**
 * The CCS maths against hand-computed cases: the loss, the per-side normalisation, and what
 * negating the probe does; plus the synthetic hidden states' construction.
 */
import { describe, expect, it } from 'vitest';
import {
  ccsLoss,
  ccsLossAndGradient,
  credence,
  negateProbe,
  normalisePairs,
  normaliseSide,
  orientationFreeAccuracy,
  pairLoss,
  pairProbabilities,
  signedAccuracy,
  type ContrastPairs,
} from '@/lib/experiments/ccs/ccs-math';
import { composeHiddenStates, drawContrastSource } from '@/lib/experiments/ccs/hidden-states';
import { projectOut } from '@/lib/experiments/ccs/level';
import { createRng } from '@/lib/core/rng';
import { dot, type LinearProbe } from '@/lib/ml/probes';

const LN3 = Math.log(3); // sigmoid(ln 3) = 3/4

/** Two pairs in 2 dimensions, chosen so that p(x) = sigmoid(x[0]) takes the values 3/4, 1/4, 1/2, 3/4. */
const twoPairs: ContrastPairs = {
  n: 2,
  d: 2,
  positive: Float64Array.from([LN3, 5, 0, -2]),
  negative: Float64Array.from([-LN3, 1, LN3, 7]),
};
const firstCoordinate: LinearProbe = { weights: Float64Array.from([1, 0]), bias: 0 };

describe('CCS loss', () => {
  it('matches a hand-computed case', () => {
    expect(pairProbabilities(firstCoordinate, twoPairs, 0)).toEqual([0.75, 0.25].map((v) => expect.closeTo(v, 12)));
    // Pair 1: p+ = 3/4, p- = 1/4: consistent (3/4 = 1 - 1/4), confidence min(.75, .25)^2 = 1/16.
    // Pair 2: p+ = 1/2, p- = 3/4: consistency (1/2 - 1/4)^2 = 1/16, confidence (1/2)^2 = 1/4.
    const loss = ccsLoss(firstCoordinate, twoPairs);
    expect(loss.consistency).toBeCloseTo((0 + 1 / 16) / 2, 12);
    expect(loss.confidence).toBeCloseTo((1 / 16 + 1 / 4) / 2, 12);
    expect(loss.total).toBeCloseTo(0.1875, 12);
  });

  it('is zero only at the confident, consistent corners', () => {
    expect(pairLoss(1, 0).total).toBe(0);
    expect(pairLoss(0, 1).total).toBe(0);
    expect(pairLoss(0.5, 0.5).total).toBeCloseTo(0.25, 12); // consistent but undecided
    expect(pairLoss(0, 0).total).toBe(1); // confident but inconsistent
    expect(pairLoss(1, 1).total).toBe(2);
  });

  it('has the gradient that finite differences give', () => {
    const rng = createRng(7);
    const pairs: ContrastPairs = { n: 5, d: 3, positive: Float64Array.from({ length: 15 }, () => rng.normal()), negative: Float64Array.from({ length: 15 }, () => rng.normal()) };
    const params = Float64Array.from([0.4, -0.7, 0.2, 0.1]);
    const grad = new Float64Array(4);
    const loss = ccsLossAndGradient(params, pairs, grad);
    const at = (p: Float64Array) => ccsLoss({ weights: p.slice(0, 3), bias: p[3] }, pairs).total;
    expect(loss).toBeCloseTo(at(params), 12);
    for (let j = 0; j < 4; j++) {
      const up = params.slice();
      const down = params.slice();
      up[j] += 1e-6;
      down[j] -= 1e-6;
      expect(grad[j]).toBeCloseTo((at(up) - at(down)) / 2e-6, 6);
    }
  });
});

describe('per-side normalisation', () => {
  it('centres every coordinate on its own side', () => {
    // 3 statements x 2 coordinates: column means (2, 10).
    const x = Float64Array.from([1, 10, 2, 12, 3, 8]);
    expect(Array.from(normaliseSide(x, 3, 2, { scale: false }))).toEqual([-1, 0, 0, 2, 1, -2]);
  });

  it('optionally divides by each coordinate’s standard deviation, leaving a constant coordinate centred', () => {
    const x = Float64Array.from([1, 5, 2, 5, 3, 5]);
    const out = normaliseSide(x, 3, 2, { scale: true });
    const sd = Math.sqrt(2 / 3); // population std of (1, 2, 3)
    expect(Array.from(out)).toEqual([-1 / sd, 0, 0, 0, 1 / sd, 0].map((v) => expect.closeTo(v, 12)));
  });

  it('removes an offset that marks one side ("ends in Yes"), whatever its size', () => {
    const rng = createRng(3);
    const base = Float64Array.from({ length: 40 }, () => rng.normal());
    const yes = base.map((v, k) => v + (k % 4 === 1 ? 50 : 0)); // +50 on coordinate 1 of every statement
    const pairs = normalisePairs(yes, base, 10, 4, { scale: false });
    for (let k = 0; k < 40; k++) expect(pairs.positive[k]).toBeCloseTo(pairs.negative[k], 10);
  });
});

describe('negating the probe', () => {
  it('turns every probability p into 1 - p, so on a consistent pair the two probabilities swap', () => {
    const flipped = negateProbe(firstCoordinate);
    const [pp, pm] = pairProbabilities(firstCoordinate, twoPairs, 0); // (3/4, 1/4): consistent
    const [fp, fm] = pairProbabilities(flipped, twoPairs, 0);
    expect(fp).toBeCloseTo(pm, 12);
    expect(fm).toBeCloseTo(pp, 12);
    // The inconsistent pair: each probability is mirrored, not swapped.
    const [qp, qm] = pairProbabilities(firstCoordinate, twoPairs, 1);
    const [gp, gm] = pairProbabilities(flipped, twoPairs, 1);
    expect(gp).toBeCloseTo(1 - qp, 12);
    expect(gm).toBeCloseTo(1 - qm, 12);
  });

  it('flips every answer, so only max(acc, 1 - acc) is the same for both orientations', () => {
    const flipped = negateProbe(firstCoordinate);
    for (let i = 0; i < 2; i++) expect(credence(flipped, twoPairs, i)).toBeCloseTo(1 - credence(firstCoordinate, twoPairs, i), 12);
    const labels = Uint8Array.from([1, 1]); // credences 0.75 (Yes) and 0.375 (No): accuracy 1/2
    const rng = createRng(11);
    const many: ContrastPairs = { n: 50, d: 2, positive: Float64Array.from({ length: 100 }, () => rng.normal()), negative: Float64Array.from({ length: 100 }, () => rng.normal()) };
    const manyLabels = Uint8Array.from({ length: 50 }, (_, i) => i % 2);
    const a = signedAccuracy(firstCoordinate, many, manyLabels);
    const b = signedAccuracy(flipped, many, manyLabels);
    expect(a + b).toBeCloseTo(1, 12);
    expect(orientationFreeAccuracy(a)).toBe(orientationFreeAccuracy(b));
    expect(signedAccuracy(firstCoordinate, twoPairs, labels)).toBe(0.5);
  });

  it('keeps the consistency term and changes the confidence term unless the pairs are consistent', () => {
    const flipped = negateProbe(firstCoordinate);
    const before = ccsLoss(firstCoordinate, twoPairs);
    const after = ccsLoss(flipped, twoPairs);
    expect(after.consistency).toBeCloseTo(before.consistency, 12);
    // Pair 2 (1/2, 3/4) becomes (1/2, 1/4): confidence 1/4 -> 1/16. Pair 1 keeps 1/16.
    expect(after.confidence).toBeCloseTo((1 / 16 + 1 / 16) / 2, 12);
  });
});

describe('synthetic contrast pairs', () => {
  const spec = { pairs: 200, dim: 12, misconceptionRate: 0.25, topicRank: 3, topicScale: 3, noise: 0.5 };

  it('places orthonormal feature directions and a "said" bit wrong on about the misconception rate', () => {
    const source = drawContrastSource(spec, createRng(5));
    const dirs = Object.values(source.directions);
    for (const a of dirs) for (const b of dirs) expect(dot(a, b)).toBeCloseTo(a === b ? 1 : 0, 10);
    const wrong = source.said.reduce((s, v, i) => s + (v !== source.truth[i] ? 1 : 0), 0) / spec.pairs;
    expect(wrong).toBeGreaterThan(0.15);
    expect(wrong).toBeLessThan(0.35);
  });

  it('builds phi(x+) - phi(x-) = 2 (b v_ans + h) + noise difference, with the question shared', () => {
    const source = drawContrastSource(spec, createRng(6));
    const s = { truth: 1.5, distractor: 0.5, said: 2, answer: 3 };
    const states = composeHiddenStates(source, s);
    const { truth, distractor, said, answer } = source.directions;
    const d = spec.dim;
    for (const i of [0, 17, 199]) {
      const sign = (bit: number) => 2 * bit - 1;
      for (let j = 0; j < d; j++) {
        const k = i * d + j;
        const h = s.truth * sign(source.truth[i]) * truth[j] + s.distractor * sign(source.distractor[i]) * distractor[j] + s.said * sign(source.said[i]) * said[j];
        const expected = 2 * (s.answer * answer[j] + h) + source.noisePositive[k] - source.noiseNegative[k];
        expect(states.positive[k] - states.negative[k]).toBeCloseTo(expected, 10);
        expect(states.positive[k] + states.negative[k]).toBeCloseTo(2 * source.question[k] + source.noisePositive[k] + source.noiseNegative[k], 10);
      }
    }
  });

  it('changes only the distractor when only its salience changes', () => {
    const source = drawContrastSource(spec, createRng(8));
    const a = composeHiddenStates(source, { truth: 1, distractor: 0, said: 0.5, answer: 2 });
    const b = composeHiddenStates(source, { truth: 1, distractor: 2, said: 0.5, answer: 2 });
    const v = source.directions.distractor;
    const d = spec.dim;
    for (let i = 0; i < 5; i++) {
      const sign = 2 * source.distractor[i] - 1;
      for (let j = 0; j < d; j++) expect(b.positive[i * d + j] - a.positive[i * d + j]).toBeCloseTo(2 * sign * v[j], 10);
    }
  });

  it('projectOut leaves nothing along the removed direction', () => {
    const source = drawContrastSource(spec, createRng(9));
    const states = composeHiddenStates(source, { truth: 1, distractor: 3, said: 0.5, answer: 2 });
    const pairs = normalisePairs(states.positive, states.negative, spec.pairs, spec.dim, { scale: false });
    const stripped = projectOut(pairs, source.directions.distractor);
    for (let i = 0; i < spec.pairs; i += 37) {
      const row = stripped.positive.subarray(i * spec.dim, (i + 1) * spec.dim);
      expect(dot(row, source.directions.distractor)).toBeCloseTo(0, 10);
    }
  });
});
