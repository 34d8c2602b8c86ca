/**
 * Conceptual counterfactual explanations (Abid, Yuksekgonul & Zou 2022), in plain TypeScript.
 *
 * Concept bank: per concept i, a linear classifier (c_i, b_i) on the model's embedding f(x), its
 * margins m_i(x) = (c_i . f(x) + b_i) / |c_i| and their statistics on the concept examples
 * (max, min, mean of positives, mean of negatives), as in the released ConceptBank.
 *
 * The counterfactual for one mistake (released conceptual_counterfactual, same defaults):
 *   C~_i = m_i^max c_i / |c_i|            (one unit of weight = the largest margin seen)
 *   min_w  CE(h(f(x) + sum_i w_i C~_i), y) + alpha |w|_1 / M + beta |w|_2 / M
 * by SGD with momentum from w = 0, projecting w after every step into the validity box that keeps
 * each concept's edited margin within [m^min, m^max] (and, with kappa = "mean", forbids adding a
 * concept already more present than its positives' mean, or removing one already more absent
 * than its negatives' mean). The explanation is the concepts sorted by w, largest first.
 *
 * Here the head h is linear (embedding -> class logits), as a ResNet's last layer is.
 */

export interface BankConcept {
  name: string;
  vector: Float64Array;
  intercept: number;
  norm: number;
  maxMargin: number;
  minMargin: number;
  posMean: number;
  negMean: number;
}

/** A linear head: logits_c = sum_k e_k weights[k * classes + c] + bias[c]. */
export interface LinearHead {
  weights: Float64Array;
  bias: Float64Array;
  classes: number;
}

export interface CceOptions {
  alpha: number;
  beta: number;
  steps: number;
  stepSize: number;
  momentum: number;
  enforceValidity: boolean;
}

/** The released code's defaults. */
export const CCE_DEFAULTS: CceOptions = { alpha: 0.1, beta: 0.01, steps: 100, stepSize: 0.01, momentum: 0.9, enforceValidity: true };

export function margin(concept: BankConcept, e: ArrayLike<number>): number {
  let s = concept.intercept;
  for (let k = 0; k < e.length; k++) s += concept.vector[k] * e[k];
  return s / concept.norm;
}

/**
 * A bank entry from a linear classifier and the embeddings of the examples it was fitted on. As in
 * the released get_cavs, the "positive" and "negative" means are the means of the margins above
 * and below zero (which side of the boundary an example falls on, not its label).
 */
export function bankConcept(name: string, vector: Float64Array, intercept: number, emb: ArrayLike<number>, n: number, d: number): BankConcept {
  let norm = 0;
  for (const v of vector) norm += v * v;
  const concept: BankConcept = { name, vector, intercept, norm: Math.sqrt(norm), maxMargin: -Infinity, minMargin: Infinity, posMean: 0, negMean: 0 };
  let pos = 0;
  let neg = 0;
  for (let i = 0; i < n; i++) {
    const m = margin(concept, Array.prototype.slice.call(emb, i * d, (i + 1) * d) as number[]);
    concept.maxMargin = Math.max(concept.maxMargin, m);
    concept.minMargin = Math.min(concept.minMargin, m);
    if (m > 0) {
      concept.posMean += m;
      pos++;
    } else if (m < 0) {
      concept.negMean += m;
      neg++;
    }
  }
  // numpy's nanmean of an empty selection is NaN, and a NaN comparison never blocks an edit: 0 here
  // would block it, so an empty side gets +/- infinity, which never blocks either.
  concept.posMean = pos ? concept.posMean / pos : Infinity;
  concept.negMean = neg ? concept.negMean / neg : -Infinity;
  return concept;
}

/**
 * A linear SVM, min_w,b 1/2 |w|^2 + C sum_i hinge(y_i (w . x_i + b)), y in {-1, +1}, by full-batch
 * subgradient descent with the Pegasos step 1 / (lambda t), lambda = 1 / (C n), averaging the
 * second half of the iterates. The released code fits its concept vectors with a linear SVM and a
 * small C (0.001): so strong a penalty keeps most examples inside the margin, which pulls w
 * towards the difference of the two classes' mean embeddings, the direction along which the
 * concept moves the embedding on average.
 */
export function fitLinearSvm(x: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number, C: number, iterations = 400): { weights: Float64Array; bias: number } {
  const lambda = 1 / (C * n);
  const w = new Float64Array(d);
  let b = 0;
  const avgW = new Float64Array(d);
  let avgB = 0;
  let averaged = 0;
  const g = new Float64Array(d);
  for (let t = 1; t <= iterations; t++) {
    g.fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const y = labels[i] ? 1 : -1;
      let z = b;
      for (let k = 0; k < d; k++) z += w[k] * x[i * d + k];
      if (y * z < 1) {
        for (let k = 0; k < d; k++) g[k] -= (y * x[i * d + k]) / n;
        gb -= y / n;
      }
    }
    const eta = 1 / (lambda * t);
    for (let k = 0; k < d; k++) w[k] -= eta * (lambda * w[k] + g[k]);
    b -= eta * gb;
    if (t > iterations / 2) {
      for (let k = 0; k < d; k++) avgW[k] += w[k];
      avgB += b;
      averaged++;
    }
  }
  const weights = avgW.map((v) => v / averaged);
  // Start from the midpoint between the two classes' mean scores: when the hinge loss is flat in b
  // (every example inside the margin, balanced classes) that is where the boundary stays.
  let sumPos = 0;
  let sumNeg = 0;
  let nPos = 0;
  for (let i = 0; i < n; i++) {
    let z = 0;
    for (let k = 0; k < d; k++) z += weights[k] * x[i * d + k];
    if (labels[i]) {
      sumPos += z;
      nPos++;
    } else sumNeg += z;
  }
  const midpoint = nPos > 0 && nPos < n ? -(sumPos / nPos + sumNeg / (n - nPos)) / 2 : avgB / averaged;
  return { weights, bias: bestHingeBias(x, labels, n, d, weights, midpoint) };
}

/**
 * The intercept that minimises the summed hinge loss for fixed weights (the penalty does not
 * involve b). The loss is convex and piecewise linear in b, so its minimum is at a breakpoint
 * b = y_i - w . x_i; the subgradient steps only approximate it.
 */
function bestHingeBias(x: ArrayLike<number>, labels: ArrayLike<number>, n: number, d: number, w: Float64Array, start: number): number {
  const scores = Float64Array.from({ length: n }, (_, i) => {
    let z = 0;
    for (let k = 0; k < d; k++) z += w[k] * x[i * d + k];
    return z;
  });
  const hinge = (b: number) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += Math.max(0, 1 - (labels[i] ? 1 : -1) * (scores[i] + b));
    return s;
  };
  let best = start;
  let bestLoss = hinge(start);
  for (let i = 0; i < n; i++) {
    const b = (labels[i] ? 1 : -1) - scores[i];
    const loss = hinge(b);
    if (loss < bestLoss) {
      best = b;
      bestLoss = loss;
    }
  }
  return best;
}

/** The scaled directions C~_i = m_i^max c_i / |c_i|, each of length d. */
export function scaledDirections(bank: readonly BankConcept[]): Float64Array[] {
  return bank.map((c) => c.vector.map((v) => (c.maxMargin * v) / c.norm));
}

/** The validity box [lo_i, hi_i] on each weight (released code, kappa = "mean"). */
export function validityBox(bank: readonly BankConcept[], e: ArrayLike<number>): { lo: Float64Array; hi: Float64Array } {
  const lo = new Float64Array(bank.length);
  const hi = new Float64Array(bank.length);
  bank.forEach((c, i) => {
    const m = margin(c, e);
    let upper = (c.maxMargin - m) / c.maxMargin;
    let lower = (c.minMargin - m) / c.maxMargin;
    if (m > c.posMean) upper = 0;
    if (m < c.negMean) lower = 0;
    hi[i] = Math.max(0, upper);
    lo[i] = Math.min(0, lower);
  });
  return { lo, hi };
}

export function headLogits(head: LinearHead, e: ArrayLike<number>): Float64Array {
  const z = Float64Array.from(head.bias);
  for (let k = 0; k < e.length; k++) for (let c = 0; c < head.classes; c++) z[c] += e[k] * head.weights[k * head.classes + c];
  return z;
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

function softmax(z: Float64Array): Float64Array {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** e + sum_i w_i C~_i */
export function editedEmbedding(e: ArrayLike<number>, w: ArrayLike<number>, directions: readonly Float64Array[]): Float64Array {
  const out = Float64Array.from(e as ArrayLike<number>);
  directions.forEach((dir, i) => {
    if (w[i] !== 0) for (let k = 0; k < out.length; k++) out[k] += w[i] * dir[k];
  });
  return out;
}

export interface ObjectiveValue {
  loss: number;
  crossEntropy: number;
  l1: number;
  l2: number;
  grad: Float64Array;
}

/**
 * The CCE objective and its gradient in w. The subgradient of |w_i| at 0 is taken as 0, and the
 * gradient of |w|_2 at w = 0 as 0 (the norm's gradient w / |w| is undefined there: computed
 * naively it is NaN and poisons every weight).
 */
export function cceObjective(
  w: ArrayLike<number>,
  e: ArrayLike<number>,
  label: number,
  directions: readonly Float64Array[],
  head: LinearHead,
  alpha: number,
  beta: number,
): ObjectiveValue {
  const M = directions.length;
  const edited = editedEmbedding(e, w, directions);
  const p = softmax(headLogits(head, edited));
  const crossEntropy = -Math.log(Math.max(p[label], 1e-300));
  // dCE/d(edited) = H (p - onehot)
  const dEmb = new Float64Array(edited.length);
  for (let k = 0; k < edited.length; k++)
    for (let c = 0; c < head.classes; c++) dEmb[k] += head.weights[k * head.classes + c] * (p[c] - (c === label ? 1 : 0));
  let l1 = 0;
  let sq = 0;
  for (let i = 0; i < M; i++) {
    l1 += Math.abs(w[i]);
    sq += w[i] * w[i];
  }
  const l2 = Math.sqrt(sq);
  const grad = new Float64Array(M);
  for (let i = 0; i < M; i++) {
    let g = 0;
    for (let k = 0; k < edited.length; k++) g += directions[i][k] * dEmb[k];
    g += (alpha / M) * Math.sign(w[i]);
    if (l2 > 0) g += ((beta / M) * w[i]) / l2;
    grad[i] = g;
  }
  return { loss: crossEntropy + (alpha * l1) / M + (beta * l2) / M, crossEntropy, l1: l1 / M, l2: l2 / M, grad };
}

export interface Counterfactual {
  /** One weight per bank concept. */
  weights: Float64Array;
  /** Concept indices sorted by weight, largest first (the explanation). */
  ranking: number[];
  /** The head's prediction on the original embedding. */
  prediction: number;
  /** The head's prediction on the edited embedding. */
  editedPrediction: number;
  /** Whether the edit makes the model right. */
  flipped: boolean;
  finalLoss: number;
}

export function conceptualCounterfactual(
  e: ArrayLike<number>,
  label: number,
  bank: readonly BankConcept[],
  head: LinearHead,
  options: CceOptions = CCE_DEFAULTS,
): Counterfactual {
  const M = bank.length;
  const directions = scaledDirections(bank);
  const box = validityBox(bank, e);
  const w = new Float64Array(M);
  const velocity = new Float64Array(M);
  for (let t = 0; t < options.steps; t++) {
    const current = cceObjective(w, e, label, directions, head, options.alpha, options.beta);
    // torch.optim.SGD with momentum: v <- mu v + g; w <- w - lr v.
    for (let i = 0; i < M; i++) {
      velocity[i] = options.momentum * velocity[i] + current.grad[i];
      w[i] -= options.stepSize * velocity[i];
      if (options.enforceValidity) w[i] = Math.min(box.hi[i], Math.max(box.lo[i], w[i]));
    }
  }
  const final = cceObjective(w, e, label, directions, head, options.alpha, options.beta);
  const editedPrediction = argmax(headLogits(head, editedEmbedding(e, w, directions)));
  const ranking = Array.from({ length: M }, (_, i) => i).sort((a, b) => w[b] - w[a]);
  return {
    weights: w,
    ranking,
    prediction: argmax(headLogits(head, e)),
    editedPrediction,
    flipped: editedPrediction === label,
    finalLoss: final.loss,
  };
}
