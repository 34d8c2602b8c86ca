/**
 * The conceptual-counterfactual maths (lib/experiments/cce/cce-math.ts) against hand-computed
 * cases: margins and the validity box, the objective and its gradient, and a search whose answer
 * is known.
 */
import { describe, expect, it } from 'vitest';
import {
  bankConcept,
  cceObjective,
  conceptualCounterfactual,
  fitLinearSvm,
  margin,
  scaledDirections,
  validityBox,
  type BankConcept,
  type LinearHead,
} from '@/lib/experiments/cce/cce-math';

/** A bank entry with explicit statistics. */
function concept(name: string, vector: number[], intercept: number, stats: Partial<BankConcept> = {}): BankConcept {
  const norm = Math.hypot(...vector);
  return { name, vector: Float64Array.from(vector), intercept, norm, maxMargin: 2, minMargin: -2, posMean: 1, negMean: -1, ...stats };
}

// Head on a 2-d embedding: logit_0 = e_0, logit_1 = e_1 (weights[k * 2 + c]).
const head: LinearHead = { weights: Float64Array.from([1, 0, 0, 1]), bias: Float64Array.from([0, 0]), classes: 2 };

describe('concept bank', () => {
  it('margin is the signed distance to the concept boundary', () => {
    // c = (3, 4), b = -5: |c| = 5; e = (2, 1): (6 + 4 - 5) / 5 = 1.
    expect(margin(concept('a', [3, 4], -5), [2, 1])).toBeCloseTo(1, 12);
  });

  it('margin statistics of the concept examples: means of the margins above and below zero', () => {
    // c = (1, 0), b = 0: margins are the first coordinates 3, 1, -2, -4.
    const c = bankConcept('a', Float64Array.from([1, 0]), 0, [3, 0, 1, 5, -2, 1, -4, 0], 4, 2);
    expect([c.maxMargin, c.minMargin, c.posMean, c.negMean]).toEqual([3, -4, 2, -3]);
    // All on one side: the empty side never blocks an edit.
    const one = bankConcept('b', Float64Array.from([1, 0]), 0, [3, 0, 1, 5], 2, 2);
    expect([one.posMean, one.negMean]).toEqual([2, -Infinity]);
  });

  it('the scaled direction moves its own margin by m_max per unit of weight', () => {
    const c = concept('a', [3, 4], -5, { maxMargin: 2 });
    const [dir] = scaledDirections([c]);
    // dir = 2 * (3, 4) / 5 = (1.2, 1.6); e = (2, 1) has margin 1; e + 0.5 dir has margin 1 + 0.5 * 2 = 2.
    expect(dir[0]).toBeCloseTo(1.2, 12);
    expect(dir[1]).toBeCloseTo(1.6, 12);
    expect(margin(c, [2 + 0.6, 1 + 0.8])).toBeCloseTo(2, 12);
  });

  it('validity box: edited margin within [m_min, m_max], no adding what is already there', () => {
    const c = concept('a', [1, 0], 0, { maxMargin: 2, minMargin: -2, posMean: 1, negMean: -1 });
    // margin 0: w in [(-2 - 0) / 2, (2 - 0) / 2] = [-1, 1].
    let box = validityBox([c], [0, 0]);
    expect([box.lo[0], box.hi[0]]).toEqual([-1, 1]);
    // margin 1.5 > posMean: may not add more (hi = 0); lo = (-2 - 1.5) / 2 = -1.75.
    box = validityBox([c], [1.5, 0]);
    expect([box.lo[0], box.hi[0]]).toEqual([-1.75, 0]);
    // margin -1.5 < negMean: may not remove more (lo = 0); hi = (2 + 1.5) / 2 = 1.75.
    box = validityBox([c], [-1.5, 0]);
    expect([box.lo[0], box.hi[0]]).toEqual([0, 1.75]);
  });

  it('a linear SVM with a small C points along the difference of the class means', () => {
    // Positives around (2, 1), negatives around (0, 1): the mean difference is (2, 0).
    const x = [2.5, 1.2, 1.5, 0.8, 2.2, 1.0, 0.3, 1.1, -0.3, 0.9, 0.1, 1.0];
    const labels = [1, 1, 1, 0, 0, 0];
    const svm = fitLinearSvm(x, labels, 6, 2, 0.001);
    expect(svm.weights[0]).toBeGreaterThan(0);
    expect(Math.abs(svm.weights[1] / svm.weights[0])).toBeLessThan(0.1);
    // The boundary sits between the two groups (first coordinates -0.3..0.3 and 1.5..2.5).
    const boundary = -svm.bias / svm.weights[0];
    expect(boundary).toBeGreaterThan(0.3);
    expect(boundary).toBeLessThan(1.5);
  });
});

describe('the counterfactual objective', () => {
  it('value and gradient on a hand-computed case', () => {
    // One concept with scaled direction (0, 1) (vector (0, 1), m_max = 1); e = (1, 0), label 1;
    // w = 0.5: edited e = (1, 0.5); logits (1, 0.5); p = softmax = (s, 1 - s), s = 1 / (1 + e^-0.5).
    const bank = [concept('up', [0, 1], 0, { maxMargin: 1 })];
    const dirs = scaledDirections(bank);
    const alpha = 0.1;
    const beta = 0.01;
    const v = cceObjective([0.5], [1, 0], 1, dirs, head, alpha, beta);
    const s = 1 / (1 + Math.exp(-0.5));
    const ce = -Math.log(1 - s);
    // M = 1: alpha |w|_1 / M + beta |w|_2 / M = 0.05 + 0.005.
    expect(v.crossEntropy).toBeCloseTo(ce, 12);
    expect(v.loss).toBeCloseTo(ce + 0.05 + 0.005, 12);
    // dCE/dw = dir . H (p - y) = (0, 1) . (s, (1 - s) - 1) = -s; plus alpha sign(w) + beta w/|w|.
    expect(v.grad[0]).toBeCloseTo(-s + 0.1 + 0.01, 12);
  });

  it('at w = 0 the norms add nothing to the gradient, and nothing is NaN', () => {
    const bank = [concept('up', [0, 1], 0, { maxMargin: 1 }), concept('right', [1, 0], 0, { maxMargin: 1 })];
    const v = cceObjective([0, 0], [1, 0], 1, scaledDirections(bank), head, 0.1, 0.01);
    // p = softmax(1, 0) = (t, 1 - t); dCE/d(edited) = (t, -t); up: -t, right: t.
    const t = 1 / (1 + Math.exp(-1));
    expect(v.grad[0]).toBeCloseTo(-t, 12);
    expect(v.grad[1]).toBeCloseTo(t, 12);
    expect(v.l1).toBe(0);
    expect(v.l2).toBe(0);
  });

  it('the search ranks first the concept that moves the head most per unit, and flips the prediction', () => {
    // The head predicts class 1 from e_1 only; "up" moves e_1, "sideways" moves e_0 towards class 0.
    const bank = [
      concept('sideways', [1, 0], 0, { maxMargin: 1, minMargin: -3, posMean: 5, negMean: -5 }),
      concept('up', [0, 1], 0, { maxMargin: 3, minMargin: -3, posMean: 5, negMean: -5 }),
    ];
    const cf = conceptualCounterfactual([1, 0], 1, bank, head, { alpha: 0.1, beta: 0.01, steps: 100, stepSize: 0.1, momentum: 0.9, enforceValidity: true });
    expect(cf.prediction).toBe(0);
    expect(cf.flipped).toBe(true);
    expect(cf.ranking[0]).toBe(1);
    expect(cf.weights[1]).toBeGreaterThan(0.3);
    // Moving e_0 down (negative "sideways") also helps the label-1 logit difference.
    expect(cf.weights[0]).toBeLessThan(0);
  });

  it('validity clamps the weights into the box', () => {
    // "up" may add at most (m_max - m) / m_max = (3 - 0) / 3 = 1 unit.
    const bank = [concept('up', [0, 1], 0, { maxMargin: 3, minMargin: -3, posMean: 5, negMean: -5 })];
    const cf = conceptualCounterfactual([10, 0], 1, bank, head, { alpha: 0, beta: 0, steps: 200, stepSize: 0.1, momentum: 0.9, enforceValidity: true });
    expect(cf.weights[0]).toBeCloseTo(1, 12);
    // 10 > 0 + 3: one unit of "up" (3 along e_1) is not enough, and CCE says so.
    expect(cf.flipped).toBe(false);
  });
});
