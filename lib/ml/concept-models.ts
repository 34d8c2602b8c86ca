/**
 * Concept-bottleneck model family on `ctx.tf` (type-only TF.js import):
 *
 *   black box      x -> MLP -> y
 *   concept g      x -> MLP -> concept logits l (probabilities sigmoid(l))
 *   head f         bottleneck -> MLP -> y
 *   independent    g on true concepts; f trained on TRUE concepts, fed g's output at test time
 *   sequential     g first; f trained on g's (fixed) outputs
 *   joint          g and f together: CE(y) + lambda * sum_j BCE(c_j)   (Koh et al. 2020)
 *   hybrid         joint, with `extraUnits` unsupervised LeakyReLU units beside the concepts
 *   CEM            per concept two embeddings mixed by the predicted probability, a scorer
 *                  shared by all concepts, RandInt during training (Espinosa Zarlenga et al. 2022)
 *
 * Bottlenecks are "fuzzy" (sigmoid probabilities) or "binary" (probabilities thresholded at 0.5;
 * no gradient flows through a threshold, so binary heads are trained sequentially on fixed inputs).
 *
 * Every function that returns tensors leaves their disposal to the caller; wrap calls in
 * tf.tidy or dispose the results. Model objects own variables: call their dispose helpers.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';
import type { Rng } from '../core/rng';
import {
  argmaxAccuracy,
  binaryCrossEntropy,
  createDense,
  createMlp,
  denseForward,
  disposeMlp,
  mlpForward,
  mlpVariables,
  softmaxCrossEntropy,
  type Dense,
  type Mlp,
} from './concept-mlp';
import { stackedInterventions } from './concept-intervene';

export type BottleneckKind = 'fuzzy' | 'binary';

/** Slope of the LeakyReLU on hybrid free units and CEM embeddings (PyTorch's default). */
export const LEAKY_SLOPE = 0.01;

// ---------------------------------------------------------------------------------------------
// Plain classifiers: black box, concept predictor g, head f.

/** Mean softmax cross-entropy of an MLP classifier on a batch {x, y} (y one-hot). */
export function classifierLoss(tf: Tf, mlp: Mlp, x: TF.Tensor2D, yOneHot: TF.Tensor2D): TF.Scalar {
  return softmaxCrossEntropy(tf, yOneHot, mlpForward(tf, mlp, x));
}

/** Mean BCE of a concept predictor g on a batch {x, c}. */
export function conceptLoss(tf: Tf, g: Mlp, x: TF.Tensor2D, c: TF.Tensor2D): TF.Scalar {
  return binaryCrossEntropy(tf, c, mlpForward(tf, g, x));
}

/** g's concept probabilities for every row of x, as a plain array (n x K). */
export async function predictConceptProbs(tf: Tf, g: Mlp, x: TF.Tensor2D): Promise<Float32Array> {
  const probs = tf.tidy(() => tf.sigmoid(mlpForward(tf, g, x)));
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}

/** An MLP's outputs (logits) for plain-array inputs, as a plain array. */
export async function predictLogits(tf: Tf, mlp: Mlp, inputs: Float32Array, width: number): Promise<Float32Array> {
  const out = tf.tidy(() => mlpForward(tf, mlp, tf.tensor2d(inputs, [inputs.length / width, width])));
  try {
    return (await out.data()) as Float32Array;
  } finally {
    out.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Joint and hybrid CBMs.

export interface JointCbm {
  /** x -> [concept logits (K), free-unit pre-activations (U)]. */
  encoder: Mlp;
  /** [sigmoid(concept logits), LeakyReLU(free units)] -> y logits. */
  head: Mlp;
  nConcepts: number;
  extraUnits: number;
}

export interface JointCbmSpec {
  inputSize: number;
  hidden: readonly number[];
  nConcepts: number;
  /** Unsupervised bottleneck units beside the concepts: 0 for a plain CBM, > 0 for a hybrid. */
  extraUnits?: number;
  headHidden: number;
  nClasses: number;
}

export function createJointCbm(tf: Tf, rng: Rng, spec: JointCbmSpec): JointCbm {
  const U = spec.extraUnits ?? 0;
  const width = spec.nConcepts + U;
  return {
    encoder: createMlp(tf, rng, [spec.inputSize, ...spec.hidden, width]),
    head: createMlp(tf, rng, [width, spec.headHidden, spec.nClasses]),
    nConcepts: spec.nConcepts,
    extraUnits: U,
  };
}

export interface JointOutputs {
  conceptLogits: TF.Tensor2D;
  /** What the head reads: [probabilities, free units]. */
  bottleneck: TF.Tensor2D;
  taskLogits: TF.Tensor2D;
}

export function jointEncode(tf: Tf, m: JointCbm, x: TF.Tensor2D): { conceptLogits: TF.Tensor2D; bottleneck: TF.Tensor2D } {
  const raw = mlpForward(tf, m.encoder, x);
  if (m.extraUnits === 0) return { conceptLogits: raw, bottleneck: tf.sigmoid(raw) };
  const B = raw.shape[0];
  const conceptLogits = tf.slice(raw, [0, 0], [B, m.nConcepts]);
  const free = tf.leakyRelu(tf.slice(raw, [0, m.nConcepts], [B, m.extraUnits]), LEAKY_SLOPE);
  return { conceptLogits, bottleneck: tf.concat([tf.sigmoid(conceptLogits), free], 1) };
}

export function jointForward(tf: Tf, m: JointCbm, x: TF.Tensor2D): JointOutputs {
  const { conceptLogits, bottleneck } = jointEncode(tf, m, x);
  return { conceptLogits, bottleneck, taskLogits: mlpForward(tf, m.head, bottleneck) };
}

/**
 * Concept loss as in Koh et al.'s joint objective: the SUM over concepts of each concept's mean
 * BCE (= K * the mean over all entries), so lambda = 1 weighs every concept like the task.
 */
export function summedConceptLoss(tf: Tf, targets: TF.Tensor2D, logits: TF.Tensor2D): TF.Scalar {
  return tf.mul(binaryCrossEntropy(tf, targets, logits), targets.shape[1]) as TF.Scalar;
}

/** CE(y) + lambda * sum_j BCE(c_j): the joint objective. */
export function jointLoss(tf: Tf, m: JointCbm, x: TF.Tensor2D, c: TF.Tensor2D, yOneHot: TF.Tensor2D, lambda: number): TF.Scalar {
  const out = jointForward(tf, m, x);
  const task = softmaxCrossEntropy(tf, yOneHot, out.taskLogits);
  if (lambda === 0) return task;
  return tf.add(task, tf.mul(lambda, summedConceptLoss(tf, c, out.conceptLogits))) as TF.Scalar;
}

export function jointVariables(m: JointCbm): TF.Variable[] {
  return [...mlpVariables(m.encoder), ...mlpVariables(m.head)];
}

export function disposeJointCbm(m: JointCbm): void {
  disposeMlp(m.encoder);
  disposeMlp(m.head);
}

// ---------------------------------------------------------------------------------------------
// Concept embedding model.

export interface Cem {
  /** x -> h (ReLU). */
  encoder: Mlp;
  /** h -> K * 2m (LeakyReLU): for concept i, [c_i^+ (m), c_i^- (m)]. One matmul for all concepts. */
  embed: Dense;
  /** [c_i^+; c_i^-] (2m) -> concept logit, the same scorer for every concept. */
  scorer: Dense;
  /** [c_1, ..., c_K] (K m) -> y logits. */
  head: Mlp;
  nConcepts: number;
  embedSize: number;
}

export interface CemSpec {
  inputSize: number;
  hidden: readonly number[];
  nConcepts: number;
  /** m: the size of each concept's two embeddings. */
  embedSize: number;
  headHidden: number;
  nClasses: number;
}

export function createCem(tf: Tf, rng: Rng, spec: CemSpec): Cem {
  const { nConcepts: K, embedSize: m } = spec;
  const encoder = createMlp(tf, rng, [spec.inputSize, ...spec.hidden]);
  const h = spec.hidden[spec.hidden.length - 1];
  return {
    encoder,
    embed: createDense(tf, rng, h, K * 2 * m),
    scorer: createDense(tf, rng, 2 * m, 1),
    head: createMlp(tf, rng, [K * m, spec.headHidden, spec.nClasses]),
    nConcepts: K,
    embedSize: m,
  };
}

export interface CemEmbeddings {
  /** [B, K, m] */
  pos: TF.Tensor3D;
  /** [B, K, m] */
  neg: TF.Tensor3D;
  /** [B, K] */
  conceptLogits: TF.Tensor2D;
}

export function cemEmbed(tf: Tf, cem: Cem, x: TF.Tensor2D): CemEmbeddings {
  const { nConcepts: K, embedSize: m } = cem;
  const B = x.shape[0];
  const h = mlpForward(tf, cem.encoder, x, true);
  const e = tf.leakyRelu(denseForward(tf, cem.embed, h), LEAKY_SLOPE);
  const pairs = tf.reshape(e, [B * K, 2 * m]) as TF.Tensor2D;
  const conceptLogits = tf.reshape(denseForward(tf, cem.scorer, pairs), [B, K]) as TF.Tensor2D;
  const e3 = tf.reshape(e, [B, K, 2 * m]) as TF.Tensor3D;
  return {
    pos: tf.slice(e3, [0, 0, 0], [B, K, m]),
    neg: tf.slice(e3, [0, 0, m], [B, K, m]),
    conceptLogits,
  };
}

/** c_i = p_i c_i^+ + (1 - p_i) c_i^-, flattened to [B, K m]. */
export function cemMix(tf: Tf, pos: TF.Tensor3D, neg: TF.Tensor3D, probs: TF.Tensor2D): TF.Tensor2D {
  const [B, K, m] = pos.shape;
  const p = tf.reshape(probs, [B, K, 1]);
  const mixed = tf.add(neg, tf.mul(p, tf.sub(pos, neg)));
  return tf.reshape(mixed, [B, K * m]) as TF.Tensor2D;
}

/** Replace probabilities by true concepts where mask = 1: p + mask (c - p). */
export function overrideProbs(tf: Tf, probs: TF.Tensor2D, truth: TF.Tensor2D, mask: TF.Tensor2D): TF.Tensor2D {
  return tf.add(probs, tf.mul(mask, tf.sub(truth, probs)));
}

export interface CemOutputs {
  conceptLogits: TF.Tensor2D;
  /** The probabilities actually used for mixing (after any intervention). */
  probs: TF.Tensor2D;
  taskLogits: TF.Tensor2D;
}

/** Forward pass; with `intervention`, p_i := c_i wherever its mask is 1 (RandInt or test time). */
export function cemForward(
  tf: Tf,
  cem: Cem,
  x: TF.Tensor2D,
  intervention?: { truth: TF.Tensor2D; mask: TF.Tensor2D },
): CemOutputs {
  const { pos, neg, conceptLogits } = cemEmbed(tf, cem, x);
  let probs = tf.sigmoid(conceptLogits);
  if (intervention) probs = overrideProbs(tf, probs, intervention.truth, intervention.mask);
  return { conceptLogits, probs, taskLogits: mlpForward(tf, cem.head, cemMix(tf, pos, neg, probs)) };
}

/**
 * CE(y) + alpha * sum_j BCE(c_j). The concept loss reads the model's own predictions; the task loss
 * reads the mixture after RandInt's interventions (`randIntMask`, 0/1, B x K), as in the paper.
 */
export function cemLoss(
  tf: Tf,
  cem: Cem,
  x: TF.Tensor2D,
  c: TF.Tensor2D,
  yOneHot: TF.Tensor2D,
  alpha: number,
  randIntMask?: TF.Tensor2D,
): TF.Scalar {
  const out = cemForward(tf, cem, x, randIntMask ? { truth: c, mask: randIntMask } : undefined);
  const task = softmaxCrossEntropy(tf, yOneHot, out.taskLogits);
  return tf.add(task, tf.mul(alpha, summedConceptLoss(tf, c, out.conceptLogits))) as TF.Scalar;
}

export function cemVariables(cem: Cem): TF.Variable[] {
  return [...mlpVariables(cem.encoder), cem.embed.w, cem.embed.b, cem.scorer.w, cem.scorer.b, ...mlpVariables(cem.head)];
}

export function disposeCem(cem: Cem): void {
  disposeMlp(cem.encoder);
  disposeMlp(cem.head);
  for (const v of [cem.embed.w, cem.embed.b, cem.scorer.w, cem.scorer.b]) v.dispose();
}

// ---------------------------------------------------------------------------------------------
// Evaluation with test-time interventions.

export interface InterventionCurve {
  /** accuracy[k]: task accuracy with k concepts per example set to their true values, k = 0..K. */
  accuracy: number[];
}

/**
 * Task accuracy of `head` on a bottleneck (n x width plain array) after intervening on
 * k = 0..K concepts in the per-example `order`. All K+1 levels go through the head in one call.
 */
export async function headInterventionCurve(
  tf: Tf,
  head: Mlp,
  bottleneck: Float32Array,
  width: number,
  truth: ArrayLike<number>,
  K: number,
  order: Int32Array,
  labels: ArrayLike<number>,
  nClasses: number,
  columns?: readonly number[],
): Promise<number[]> {
  const stacked = stackedInterventions(bottleneck, width, truth, K, order, columns);
  const logits = tf.tidy(() => mlpForward(tf, head, tf.tensor2d(stacked, [stacked.length / width, width])));
  const scores = (await logits.data()) as Float32Array;
  logits.dispose();
  const n = labels.length;
  const accuracy: number[] = [];
  for (let k = 0; k <= K; k++) accuracy.push(argmaxAccuracy(scores.subarray(k * n * nClasses, (k + 1) * n * nClasses), labels, nClasses));
  return accuracy;
}

export interface CemEvaluation {
  /** The CEM's own concept probabilities on x (n x K). */
  probs: Float32Array;
  /** Task accuracy with k = 0..K concepts intervened on. */
  accuracy: number[];
}

/** CEM test-time interventions: p_i := c_i for the first k concepts of each row's order. */
export async function cemInterventionCurve(
  tf: Tf,
  cem: Cem,
  x: TF.Tensor2D,
  truth: ArrayLike<number>,
  order: Int32Array,
  labels: ArrayLike<number>,
  nClasses: number,
): Promise<CemEvaluation> {
  const K = cem.nConcepts;
  const n = x.shape[0];
  const { pos, neg, probsT } = tf.tidy(() => {
    const emb = cemEmbed(tf, cem, x);
    return { pos: emb.pos, neg: emb.neg, probsT: tf.sigmoid(emb.conceptLogits) };
  });
  const probs = (await probsT.data()) as Float32Array;
  const stacked = stackedInterventions(probs, K, truth, K, order);
  const logits = tf.tidy(() => {
    const reps = K + 1;
    const p = tf.tensor2d(stacked, [reps * n, K]);
    return mlpForward(tf, cem.head, cemMix(tf, tf.tile(pos, [reps, 1, 1]), tf.tile(neg, [reps, 1, 1]), p));
  });
  const scores = (await logits.data()) as Float32Array;
  for (const t of [pos, neg, probsT, logits]) t.dispose();
  const accuracy: number[] = [];
  for (let k = 0; k <= K; k++) accuracy.push(argmaxAccuracy(scores.subarray(k * n * nClasses, (k + 1) * n * nClasses), labels, nClasses));
  return { probs: Float32Array.from(probs), accuracy };
}

/** Mean accuracy of thresholded probabilities against 0/1 truth (both n x K). */
export function conceptAccuracy(probs: ArrayLike<number>, truth: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < probs.length; i++) if ((probs[i] > 0.5 ? 1 : 0) === truth[i]) correct++;
  return probs.length ? correct / probs.length : NaN;
}

/** Per-concept accuracy of thresholded probabilities (n x K) against truth. */
export function perConceptAccuracy(probs: ArrayLike<number>, truth: ArrayLike<number>, K: number): number[] {
  const n = probs.length / K;
  const out = new Array<number>(K).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < K; j++) if ((probs[i * K + j] > 0.5 ? 1 : 0) === truth[i * K + j]) out[j]++;
  return out.map((c) => c / n);
}

/** A joint / hybrid model's bottleneck ([probabilities, free units]) on x, as a plain array. */
export async function predictJointBottleneck(tf: Tf, m: JointCbm, x: TF.Tensor2D): Promise<Float32Array> {
  const bn = tf.tidy(() => jointEncode(tf, m, x).bottleneck);
  try {
    return Float32Array.from((await bn.data()) as Float32Array);
  } finally {
    bn.dispose();
  }
}

/** The first `count` columns of an n x width array. */
export function firstColumns(values: ArrayLike<number>, width: number, count: number): Float32Array {
  const n = values.length / width;
  const out = new Float32Array(n * count);
  for (let i = 0; i < n; i++) for (let j = 0; j < count; j++) out[i * count + j] = values[i * width + j];
  return out;
}
