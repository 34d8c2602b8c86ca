/**
 * Global editing of a post-hoc concept bottleneck's head (lib/ml/concept-edit.ts)
 * on a hand-made head and test set, where every prediction can be worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { editedAccuracy, editedPredictions, topWeights, zeroConcept, type ConceptHead, type ConceptTestSet } from '@/lib/ml/concept-edit';
import { ruleSign } from '@/lib/experiments/posthoc-cbm/experiment';

// Two concepts (a, b), two classes. Class 1's logit is 2a - b, class 0's is 0.
const head: ConceptHead = { conceptNames: ['a', 'b'], classNames: ['no', 'yes'], weights: [0, 0, 2, -1], bias: [0, 0] };
// Scores (a, b) and labels:
//   (1, 0) -> logit 2: yes  (label yes)
//   (1, 3) -> logit -1: no  (label yes)  wrong until b is deleted
//   (-1, 0) -> logit -2: no (label no)
//   (0, -1) -> logit 1: yes (label no)   wrong until b is deleted
const test: ConceptTestSet = { scores: [1, 0, 1, 3, -1, 0, 0, -1], labels: [1, 1, 0, 0] };

describe('editedPredictions / editedAccuracy', () => {
  it('without edits, predicts from the head as trained', () => {
    expect(editedPredictions(head, test, [1, 1])).toEqual([1, 0, 0, 1]);
    const acc = editedAccuracy(head, test, [1, 1]);
    expect(acc.overall).toBe(0.5);
    expect(acc.perClass).toEqual([0.5, 0.5]);
  });

  it('zeroing a concept removes it from every class, without retraining', () => {
    // Only 2a is left: (1,0) yes, (1,3) yes, (-1,0) no, (0,-1) tie at 0 -> the first class (no).
    expect(editedPredictions(head, test, zeroConcept(2, 1))).toEqual([1, 1, 0, 0]);
    expect(editedAccuracy(head, test, zeroConcept(2, 1)).overall).toBe(1);
    // Zeroing a instead leaves -b: (1,0) tie -> no, (1,3) no, (-1,0) no, (0,-1) yes.
    expect(editedAccuracy(head, test, zeroConcept(2, 0)).perClass).toEqual([0.5, 0]);
  });

  it('reweighting scales a concept: halving b flips only the example where 2a and b were close', () => {
    // Class 1 logit 2a - 0.5b: (1,3) -> 0.5 yes; (0,-1) -> 0.5 yes.
    expect(editedPredictions(head, test, [1, 0.5])).toEqual([1, 1, 0, 1]);
  });

  it('adds the residual logits when asked (PCBM-h), and not otherwise', () => {
    const withResidual: ConceptTestSet = { ...test, residual: [0, 0, 0, 0, 0, 0, 5, 0] };
    // The residual pushes example 4 towards "no".
    expect(editedPredictions(head, withResidual, [1, 1], true)).toEqual([1, 0, 0, 0]);
    expect(editedPredictions(head, withResidual, [1, 1], false)).toEqual([1, 0, 0, 1]);
  });

  it('gives NaN for a class with no test examples instead of dividing by zero', () => {
    const only = { scores: [1, 0], labels: [1] };
    const acc = editedAccuracy(head, only, [1, 1]);
    expect(Number.isNaN(acc.perClass[0])).toBe(true);
    expect(acc.perClass[1]).toBe(1);
  });
});

describe('topWeights', () => {
  it('lists each class’s largest weights by size, leaving zeros out', () => {
    expect(topWeights(head, 2)).toEqual([[], [{ concept: 'a', weight: 2 }, { concept: 'b', weight: -1 }]]);
  });
});

describe('ruleSign', () => {
  it('follows label = 2 bold + placed', () => {
    expect(ruleSign('square', 3)).toBe(1);
    expect(ruleSign('square', 1)).toBe(-1);
    expect(ruleSign('bottom', 1)).toBe(1);
    expect(ruleSign('bottom', 2)).toBe(-1);
    expect(ruleSign('striped', 3)).toBe(0);
  });
});
