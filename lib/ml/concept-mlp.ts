/**
 * Small MLP building blocks and a hand-written Adam training loop on `ctx.tf`, shared by the
 * concept-bottleneck family of experiments (cbm, cem, concept-leakage).
 *
 * Speed at this scale comes from few, big ops: fused matMul + bias + ReLU, minibatches gathered
 * from tensors that stay on the backend, and no data()/dataSync() inside the step (the caller
 * reads the loss every N steps). Weights are initialised from the project RNG so runs repeat.
 *
 * Only `import type` from TF.js: experiments hand in the loaded module.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';
import type { Rng } from '../core/rng';
import type { PlainDense } from './concept-head';
import { createAdam } from './adam';
import { linearDense, reluDense } from './dense-grad';

export interface Dense {
  w: TF.Variable;
  b: TF.Variable;
  nIn: number;
  nOut: number;
}

/** Glorot-uniform weights drawn from `rng`, zero bias. */
export function createDense(tf: Tf, rng: Rng, nIn: number, nOut: number): Dense {
  const limit = Math.sqrt(6 / (nIn + nOut));
  const values = new Float32Array(nIn * nOut);
  for (let i = 0; i < values.length; i++) values[i] = rng.uniform(-limit, limit);
  // tidy frees the initial tensors; variables survive it.
  return tf.tidy(() => ({
    w: tf.variable(tf.tensor2d(values, [nIn, nOut])),
    b: tf.variable(tf.zeros([nOut])),
    nIn,
    nOut,
  }));
}

/** x W + b with an optional ReLU, as one fused kernel (its gradient supports linear and relu only). */
export function denseForward(tf: Tf, layer: Dense, x: TF.Tensor2D, activation: 'linear' | 'relu' = 'linear'): TF.Tensor2D {
  // A 2-D batch goes through the layers with hand-written gradients (fewer kernels a training
  // step, the same bits); a batch with more axes (the CEM's intervention sweeps) through the fused op.
  if (x.rank === 2) return activation === 'relu' ? reluDense(tf, x, layer.w as TF.Tensor2D, layer.b as TF.Tensor1D) : linearDense(tf, x, layer.w as TF.Tensor2D, layer.b as TF.Tensor1D);
  return tf.fused.matMul({ a: x, b: layer.w as TF.Tensor2D, bias: layer.b, activation }) as TF.Tensor2D;
}

export interface Mlp {
  layers: Dense[];
}

/** An MLP with the given layer sizes, e.g. [256, 64, 8]: ReLU between layers. */
export function createMlp(tf: Tf, rng: Rng, sizes: readonly number[]): Mlp {
  const layers: Dense[] = [];
  for (let i = 0; i + 1 < sizes.length; i++) layers.push(createDense(tf, rng, sizes[i], sizes[i + 1]));
  return { layers };
}

/** Forward pass: ReLU on hidden layers; the last layer is linear unless `lastRelu`. */
export function mlpForward(tf: Tf, mlp: Mlp, x: TF.Tensor2D, lastRelu = false): TF.Tensor2D {
  let h = x;
  mlp.layers.forEach((layer, i) => {
    const last = i === mlp.layers.length - 1;
    h = denseForward(tf, layer, h, last && !lastRelu ? 'linear' : 'relu');
  });
  return h;
}

export function mlpVariables(mlp: Mlp): TF.Variable[] {
  return mlp.layers.flatMap((l) => [l.w, l.b]);
}

export function disposeMlp(mlp: Mlp): void {
  for (const l of mlp.layers) {
    l.w.dispose();
    l.b.dispose();
  }
}

/** Plain-array copy of an MLP's weights (w[in][out]), for pure-TS prediction in the UI. */
export async function mlpToPlain(mlp: Mlp): Promise<PlainDense[]> {
  const out: PlainDense[] = [];
  for (const layer of mlp.layers) {
    const w = (await layer.w.array()) as number[][];
    const b = (await layer.b.array()) as number[];
    out.push({ w, b });
  }
  return out;
}

/** Shuffled epochs of minibatch indices, drawn from the project RNG. */
export class Minibatcher {
  private order: number[] = [];
  private pos = 0;
  constructor(
    private readonly rng: Rng,
    private readonly n: number,
    readonly batchSize: number,
  ) {}

  next(): Int32Array {
    const size = Math.min(this.batchSize, this.n);
    const out = new Int32Array(size);
    for (let i = 0; i < size; i++) {
      if (this.pos >= this.order.length) {
        this.order = this.rng.permutation(this.n);
        this.pos = 0;
      }
      out[i] = this.order[this.pos++];
    }
    return out;
  }
}

/** A batch: the named training tensors gathered at the batch indices, plus the indices. */
export type Batch<K extends string> = Record<K, TF.Tensor2D> & { indices: Int32Array };

export interface TrainerOptions<K extends string> {
  /** Full training tensors, one row per example; all with the same number of rows. */
  data: Record<K, TF.Tensor2D>;
  variables: TF.Variable[];
  /** The minibatch loss. Called inside the optimizer's tape: build, do not dispose. */
  loss: (batch: Batch<K>) => TF.Scalar;
  learningRate: number;
  batchSize: number;
  rng: Rng;
}

/**
 * A hand-written Adam loop. `step(true)` returns the batch loss as a scalar tensor the caller
 * must read (asynchronously) and dispose; `step(false)` returns null and reads nothing.
 */
export interface Trainer {
  step(returnLoss: boolean): TF.Scalar | null;
  readonly steps: number;
  dispose(): void;
}

export function createTrainer<K extends string>(tf: Tf, options: TrainerOptions<K>): Trainer {
  const keys = Object.keys(options.data) as K[];
  const n = options.data[keys[0]].shape[0];
  const batcher = new Minibatcher(options.rng, n, options.batchSize);
  const optimizer = createAdam(tf, options.variables, options.learningRate);
  let steps = 0;
  return {
    get steps() {
      return steps;
    },
    step(returnLoss: boolean) {
      const indices = batcher.next();
      const idx = tf.tensor1d(indices, 'int32');
      const batch = { indices } as Batch<K>;
      for (const key of keys) (batch as Record<string, unknown>)[key] = tf.gather(options.data[key], idx);
      try {
        const cost = optimizer.minimize(() => options.loss(batch), returnLoss);
        steps++;
        return returnLoss ? (cost as TF.Scalar) : null;
      } finally {
        idx.dispose();
        for (const key of keys) batch[key].dispose();
      }
    },
    dispose() {
      optimizer.dispose();
    },
  };
}

/** Mean softmax cross-entropy of integer labels given as one-hot rows. */
export function softmaxCrossEntropy(tf: Tf, oneHot: TF.Tensor2D, logits: TF.Tensor2D): TF.Scalar {
  return tf.losses.softmaxCrossEntropy(oneHot, logits) as TF.Scalar;
}

/** Mean binary cross-entropy over all examples and concepts, from logits. */
export function binaryCrossEntropy(tf: Tf, targets: TF.Tensor2D, logits: TF.Tensor2D): TF.Scalar {
  return tf.losses.sigmoidCrossEntropy(targets, logits) as TF.Scalar;
}

/** One-hot rows for integer labels, as a Float32Array (n x nClasses). */
export function oneHotArray(labels: ArrayLike<number>, nClasses: number): Float32Array {
  const out = new Float32Array(labels.length * nClasses);
  for (let i = 0; i < labels.length; i++) out[i * nClasses + labels[i]] = 1;
  return out;
}

/** Fraction of rows of `scores` (n x nClasses) whose argmax equals the label. */
export function argmaxAccuracy(scores: ArrayLike<number>, labels: ArrayLike<number>, nClasses: number): number {
  const n = labels.length;
  if (n === 0) return NaN;
  let correct = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (scores[i * nClasses + c] > scores[i * nClasses + best]) best = c;
    if (best === labels[i]) correct++;
  }
  return correct / n;
}
