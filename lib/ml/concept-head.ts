/**
 * A trained concept -> label head as plain arrays, and its forward pass in plain TypeScript, so
 * the demo can recompute the label instantly when a reader flips a concept (no TF.js, no worker).
 */

/** One dense layer: w[in][out], b[out]. */
export interface PlainDense {
  w: number[][];
  b: number[];
}

/** An MLP head: ReLU between layers, linear last layer (logits). */
export interface PlainHead {
  layers: PlainDense[];
}

/** Logits of a plain MLP head for one input vector. */
export function plainHeadLogits(head: PlainHead, input: readonly number[]): number[] {
  let h = input.slice();
  head.layers.forEach((layer, li) => {
    const nOut = layer.b.length;
    const out = layer.b.slice();
    for (let i = 0; i < h.length; i++) {
      const hi = h[i];
      if (hi === 0) continue;
      const row = layer.w[i];
      for (let o = 0; o < nOut; o++) out[o] += hi * row[o];
    }
    h = li === head.layers.length - 1 ? out : out.map((v) => (v > 0 ? v : 0));
  });
  return h;
}

export function softmax(logits: readonly number[]): number[] {
  const m = Math.max(...logits);
  const e = logits.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Class probabilities and the predicted class for a concept vector (probabilities or 0/1). */
export function predictFromConcepts(head: PlainHead, concepts: readonly number[]): { probs: number[]; label: number } {
  const probs = softmax(plainHeadLogits(head, concepts));
  let label = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c] > probs[label]) label = c;
  return { probs, label };
}
