/**
 * The maths of contrast-consistent search (Burns, Ye, Klein & Steinhardt, ICLR 2023, §2):
 * per-side normalisation, the probe's two probabilities, the CCS loss and its gradient, the
 * averaged credence, accuracy up to the unidentified sign, and training from random starts.
 *
 * A pair is (x^+, x^-): the question answered "Yes" and answered "No". Matrices are n x d
 * row-major Float64Arrays, one row per pair (see lib/ml/probes.ts).
 */
import type { Rng } from '../../core/rng';
import { AdamW, rowDot, sigmoid, type LinearProbe } from '../../ml/probes';

export interface NormaliseOptions {
  /** Also divide every coordinate by its standard deviation on this side (the paper does; its code makes it optional). */
  scale: boolean;
}

/**
 * phi~(x) = (phi(x) - mu) / sigma, with mu and sigma the per-coordinate mean and standard
 * deviation over this side's n statements only. Done separately for the "Yes" side and the
 * "No" side, it removes everything that is constant within a side, above all "this statement
 * ends in Yes": otherwise the easiest consistent direction would simply separate the sides.
 * A coordinate with zero spread is only centred.
 */
export function normaliseSide(x: ArrayLike<number>, n: number, d: number, options: NormaliseOptions): Float64Array {
  const out = new Float64Array(n * d);
  for (let j = 0; j < d; j++) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += x[i * d + j];
    mean /= n;
    let variance = 0;
    for (let i = 0; i < n; i++) variance += (x[i * d + j] - mean) ** 2;
    const std = Math.sqrt(variance / n);
    const divide = options.scale && std > 0 ? std : 1;
    for (let i = 0; i < n; i++) out[i * d + j] = (x[i * d + j] - mean) / divide;
  }
  return out;
}

/** Normalised pairs: both sides, each normalised on its own. */
export interface ContrastPairs {
  n: number;
  d: number;
  positive: Float64Array;
  negative: Float64Array;
}

export function normalisePairs(positive: ArrayLike<number>, negative: ArrayLike<number>, n: number, d: number, options: NormaliseOptions): ContrastPairs {
  return { n, d, positive: normaliseSide(positive, n, d, options), negative: normaliseSide(negative, n, d, options) };
}

/** p(x_i^+) and p(x_i^-) for pair i: the same probe applied to both statements. */
export function pairProbabilities(probe: LinearProbe, pairs: ContrastPairs, i: number): [number, number] {
  return [
    sigmoid(rowDot(probe.weights, pairs.positive, i, pairs.d) + probe.bias),
    sigmoid(rowDot(probe.weights, pairs.negative, i, pairs.d) + probe.bias),
  ];
}

export interface CcsLoss {
  /** Mean of (p+ - (1 - p-))^2: the two answers' probabilities should add up to 1. */
  consistency: number;
  /** Mean of min(p+, p-)^2: one of the two should be confidently false. */
  confidence: number;
  /** consistency + confidence. */
  total: number;
}

/** The loss for one pair from its two probabilities. */
export function pairLoss(pPlus: number, pMinus: number): CcsLoss {
  const consistency = (pPlus - (1 - pMinus)) ** 2;
  const confidence = Math.min(pPlus, pMinus) ** 2;
  return { consistency, confidence, total: consistency + confidence };
}

/** L_CCS averaged over the n pairs. */
export function ccsLoss(probe: LinearProbe, pairs: ContrastPairs): CcsLoss {
  let consistency = 0;
  let confidence = 0;
  for (let i = 0; i < pairs.n; i++) {
    const [pp, pm] = pairProbabilities(probe, pairs, i);
    const l = pairLoss(pp, pm);
    consistency += l.consistency;
    confidence += l.confidence;
  }
  consistency /= pairs.n;
  confidence /= pairs.n;
  return { consistency, confidence, total: consistency + confidence };
}

/**
 * L_CCS and its gradient with respect to (weights, bias), written into `grad` (length d + 1,
 * bias last). Returns the loss. With u = p+ + p- - 1 and m = min(p+, p-):
 *   dL/dp+ = 2u + 2m [p+ < p-],  dL/dp- = 2u + 2m [p- <= p+],  dp/dz = p (1 - p).
 */
export function ccsLossAndGradient(params: Float64Array, pairs: ContrastPairs, grad: Float64Array): number {
  const { n, d, positive, negative } = pairs;
  grad.fill(0);
  let loss = 0;
  const bias = params[d];
  for (let i = 0; i < n; i++) {
    const o = i * d;
    let zp = bias;
    let zm = bias;
    for (let j = 0; j < d; j++) {
      zp += params[j] * positive[o + j];
      zm += params[j] * negative[o + j];
    }
    const pp = sigmoid(zp);
    const pm = sigmoid(zm);
    const u = pp + pm - 1;
    const plusIsMin = pp < pm;
    const m = plusIsMin ? pp : pm;
    loss += u * u + m * m;
    const gp = ((2 * u + (plusIsMin ? 2 * m : 0)) * pp * (1 - pp)) / n;
    const gm = ((2 * u + (plusIsMin ? 0 : 2 * m)) * pm * (1 - pm)) / n;
    for (let j = 0; j < d; j++) grad[j] += gp * positive[o + j] + gm * negative[o + j];
    grad[d] += gp + gm;
  }
  return loss / n;
}

/** p~(q_i) = (p(x_i^+) + 1 - p(x_i^-)) / 2: the probe's credence that the answer is "Yes". */
export function credence(probe: LinearProbe, pairs: ContrastPairs, i: number): number {
  const [pp, pm] = pairProbabilities(probe, pairs, i);
  return 0.5 * (pp + 1 - pm);
}

/** Fraction of pairs where (credence > 0.5) equals the 0/1 label: the raw, signed accuracy. */
export function signedAccuracy(probe: LinearProbe, pairs: ContrastPairs, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < pairs.n; i++) if (credence(probe, pairs, i) > 0.5 === Boolean(labels[i])) correct++;
  return correct / pairs.n;
}

/**
 * max(acc, 1 - acc): the paper's accuracy (§2.2). The loss cannot tell the probe from its
 * negation (see `negateProbe`), so nothing without labels says which end means "true"; this
 * spends one bit of label information per test set to pick the better orientation.
 */
export function orientationFreeAccuracy(signed: number): number {
  return Math.max(signed, 1 - signed);
}

/** (-w, -b): every probability p becomes 1 - p, so p+ and 1 - p- swap roles. */
export function negateProbe(probe: LinearProbe): LinearProbe {
  return { weights: probe.weights.map((w) => -w), bias: -probe.bias };
}

export interface CcsTrainOptions {
  epochs: number;
  learningRate: number;
  weightDecay: number;
}

export interface CcsFit {
  probe: LinearProbe;
  /** The unsupervised training loss at the end. */
  loss: number;
}

/**
 * CCS from one starting point: full-batch AdamW on L_CCS, as in the paper's code (the paper:
 * AdamW, learning rate 0.01, full batch). Returns the final probe and loss.
 */
export function trainCcs(pairs: ContrastPairs, start: LinearProbe, options: CcsTrainOptions): CcsFit {
  const d = pairs.d;
  const params = new Float64Array(d + 1);
  params.set(start.weights);
  params[d] = start.bias;
  const grad = new Float64Array(d + 1);
  const opt = new AdamW(d + 1, { learningRate: options.learningRate, weightDecay: options.weightDecay });
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    ccsLossAndGradient(params, pairs, grad);
    opt.step(params, grad);
  }
  const probe = { weights: params.slice(0, d), bias: params[d] };
  return { probe, loss: ccsLoss(probe, pairs).total };
}

/**
 * A random start like PyTorch's default for nn.Linear(d, 1), which the paper's probe is:
 * weights and bias uniform in [-1/sqrt(d), 1/sqrt(d)].
 */
export function randomProbe(d: number, rng: Rng): LinearProbe {
  const k = 1 / Math.sqrt(d);
  return { weights: Float64Array.from({ length: d }, () => rng.uniform(-k, k)), bias: rng.uniform(-k, k) };
}
