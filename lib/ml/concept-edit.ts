/**
 * Global model editing of a post-hoc concept bottleneck (Yuksekgonul et al. 2023), as a pure
 * function the page calls on every slider move: scale each concept's weights in the sparse head
 * (0 deletes the concept, 2 doubles it) and recompute the test accuracies from the test set's
 * concept scores. No retraining and no TF.js: the head is a K x C matrix, so this is a few
 * thousand multiply-adds.
 *
 * Also here: the head's largest weights per class, named (what the demo lists as "the model's
 * reasons"), and the sign the label rule expects for a concept in a class.
 */

/** The sparse head on standardised concept scores: logits_k = sum_c weights[k C + c] s_c + bias[k]. */
export interface ConceptHead {
  conceptNames: string[];
  classNames: string[];
  /** K x C, class-major. */
  weights: number[];
  bias: number[];
}

/** Test examples as the head sees them. */
export interface ConceptTestSet {
  /** n x C standardised concept scores, row-major. */
  scores: number[];
  labels: number[];
  /** Optional n x K residual logits (PCBM-h), added after the concept head. */
  residual?: number[];
}

export interface EditedAccuracy {
  overall: number;
  /** Accuracy on the test examples of each true class (NaN for a class with no examples). */
  perClass: number[];
}

/** Predicted class per test example after scaling concept c's weights by scale[c] (1 when missing). */
export function editedPredictions(head: ConceptHead, test: ConceptTestSet, scale: readonly number[], useResidual = false): number[] {
  const C = head.conceptNames.length;
  const K = head.classNames.length;
  const n = test.labels.length;
  const w = head.weights.map((v, i) => v * (scale[i % C] ?? 1));
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = -Infinity;
    for (let k = 0; k < K; k++) {
      let s = head.bias[k] + (useResidual && test.residual ? test.residual[i * K + k] : 0);
      for (let c = 0; c < C; c++) s += w[k * C + c] * test.scores[i * C + c];
      if (s > bestScore) {
        bestScore = s;
        best = k;
      }
    }
    out.push(best);
  }
  return out;
}

/** Overall and per-class test accuracy of the edited head. */
export function editedAccuracy(head: ConceptHead, test: ConceptTestSet, scale: readonly number[], useResidual = false): EditedAccuracy {
  const K = head.classNames.length;
  const predictions = editedPredictions(head, test, scale, useResidual);
  const right = new Array<number>(K).fill(0);
  const total = new Array<number>(K).fill(0);
  let correct = 0;
  predictions.forEach((p, i) => {
    const y = test.labels[i];
    total[y]++;
    if (p === y) {
      right[y]++;
      correct++;
    }
  });
  return {
    overall: predictions.length ? correct / predictions.length : NaN,
    perClass: right.map((r, k) => (total[k] ? r / total[k] : NaN)),
  };
}

/** Scale vector that zeroes one concept and keeps the rest. */
export function zeroConcept(C: number, c: number): number[] {
  return Array.from({ length: C }, (_, j) => (j === c ? 0 : 1));
}

export interface NamedWeight {
  concept: string;
  weight: number;
}

/** Each class's `k` largest weights by absolute value (zeros left out), largest first. */
export function topWeights(head: ConceptHead, k: number): NamedWeight[][] {
  const C = head.conceptNames.length;
  return head.classNames.map((_, cls) =>
    head.conceptNames
      .map((concept, c) => ({ concept, weight: head.weights[cls * C + c] }))
      .filter((w) => w.weight !== 0)
      .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
      .slice(0, k),
  );
}
