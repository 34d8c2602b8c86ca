/**
 * A small MLP variational autoencoder on TF.js, with the loss pieces of Kingma & Welling's ELBO,
 * the beta-VAE and DIP-VAE-I objectives, and a hand-written Adam training step.
 *
 *   encoder  x (256) -> 64 ReLU -> [mu, log sigma^2] (2 x latent)
 *   decoder  z (latent) -> 64 ReLU -> 256 logits of a Bernoulli per pixel
 *
 * TF.js arrives as an argument (`tf`), never as an import, so experiment modules that use this
 * file stay importable without loading TF.js. Weights are initialised from the project's seeded
 * RNG in JavaScript, and the reparameterisation noise is drawn there too, so a run depends only
 * on its seed, whatever the backend.
 *
 * Tensor lifetimes: functions that return tensors leave them to the caller (call them inside
 * tf.tidy); `Vae.dispose` and `VaeTrainer.dispose` free the variables and optimizer state.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';
import type { Rng } from '../core/rng';
import { createAdam } from './adam';
import { customOp, linearDense, reluDense } from './dense-grad';

export interface VaeShape {
  inputDim: number;
  hiddenDim: number;
  latentDim: number;
}

export interface Vae {
  shape: VaeShape;
  encoderW1: TF.Variable;
  encoderB1: TF.Variable;
  /** hidden -> 2 * latent: the first `latent` columns give mu, the rest log sigma^2. */
  encoderW2: TF.Variable;
  encoderB2: TF.Variable;
  decoderW1: TF.Variable;
  decoderB1: TF.Variable;
  decoderW2: TF.Variable;
  decoderB2: TF.Variable;
  variables: TF.Variable[];
  dispose(): void;
}

/** Glorot-uniform weights from the seeded RNG: U(-l, l) with l = sqrt(6 / (fanIn + fanOut)). */
function glorotUniform(rng: Rng, fanIn: number, fanOut: number): Float32Array {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  const w = new Float32Array(fanIn * fanOut);
  for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
  return w;
}

export function createVae(tf: Tf, shape: VaeShape, rng: Rng): Vae {
  const { inputDim, hiddenDim, latentDim } = shape;
  // tf.variable shares the initial tensor's storage but does not own it: dispose that tensor.
  const asVariable = (initial: TF.Tensor): TF.Variable => {
    const v = tf.variable(initial);
    initial.dispose();
    return v;
  };
  const weight = (fanIn: number, fanOut: number) => asVariable(tf.tensor2d(glorotUniform(rng, fanIn, fanOut), [fanIn, fanOut]));
  const bias = (size: number) => asVariable(tf.zeros([size]));
  const vae = {
    shape,
    encoderW1: weight(inputDim, hiddenDim),
    encoderB1: bias(hiddenDim),
    encoderW2: weight(hiddenDim, 2 * latentDim),
    encoderB2: bias(2 * latentDim),
    decoderW1: weight(latentDim, hiddenDim),
    decoderB1: bias(hiddenDim),
    decoderW2: weight(hiddenDim, inputDim),
    decoderB2: bias(inputDim),
  };
  const variables = [
    vae.encoderW1,
    vae.encoderB1,
    vae.encoderW2,
    vae.encoderB2,
    vae.decoderW1,
    vae.decoderB1,
    vae.decoderW2,
    vae.decoderB2,
  ];
  return { ...vae, variables, dispose: () => variables.forEach((v) => v.dispose()) };
}

/**
 * q(z|x) = N(mu, diag(exp(logVar))). The layers carry hand-written gradients (dense-grad.ts):
 * a training step runs far fewer kernels, with the same bits.
 */
export function encode(tf: Tf, vae: Vae, x: TF.Tensor2D): { mu: TF.Tensor2D; logVar: TF.Tensor2D } {
  const hidden = reluDense(tf, x, vae.encoderW1 as TF.Tensor2D, vae.encoderB1 as TF.Tensor1D);
  const out = linearDense(tf, hidden, vae.encoderW2 as TF.Tensor2D, vae.encoderB2 as TF.Tensor1D);
  const [mu, logVar] = tf.split(out, 2, 1) as [TF.Tensor2D, TF.Tensor2D];
  return { mu, logVar };
}

/**
 * Bernoulli logits of p(x|z). `firstLayer` replaces the decoder's first weight matrix: the
 * rotated model of the disentanglement demo feeds R^T z' to the decoder by using R W1 here.
 */
export function decodeLogits(tf: Tf, vae: Vae, z: TF.Tensor2D, firstLayer?: TF.Tensor2D): TF.Tensor2D {
  const w1 = firstLayer ?? (vae.decoderW1 as TF.Tensor2D);
  const hidden = reluDense(tf, z, w1, vae.decoderB1 as TF.Tensor1D);
  return linearDense(tf, hidden, vae.decoderW2 as TF.Tensor2D, vae.decoderB2 as TF.Tensor1D);
}

/** z = mu + sigma * eps with eps ~ N(0, I) supplied by the caller: gradients flow into mu and sigma. */
export function reparameterise(tf: Tf, mu: TF.Tensor2D, logVar: TF.Tensor2D, eps: TF.Tensor2D): TF.Tensor2D {
  return tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
}

/**
 * -log p(x|z) per example, summed over pixels, for Bernoulli pixels with the given logits:
 * softplus(l) - x l, the numerically stable form of the binary cross-entropy.
 */
export function bernoulliNll(tf: Tf, logits: TF.Tensor2D, x: TF.Tensor2D): TF.Tensor1D {
  return tf.sum(tf.sub(tf.softplus(logits), tf.mul(x, logits)), 1);
}

/**
 * Mean over the batch of -log p(x|z) summed over pixels, for Bernoulli pixels with the given
 * logits: mean_i sum_j softplus(l_ij) - x_ij l_ij. `x` is data (no gradient). One op with a
 * hand-written gradient (dense-grad.ts): 13 kernels a training step instead of autodiff's 26,
 * the same bits (tests/unit/dense-grad.test.ts).
 */
export function bernoulliNllMean(tf: Tf, logits: TF.Tensor2D, x: TF.Tensor2D): TF.Scalar {
  return customOp(
    tf,
    { logits },
    (save) => {
      save([logits]);
      return tf.mean(bernoulliNll(tf, logits, x)) as TF.Scalar;
    },
    // As tfjs-core differentiates it: mean and sum spread dy / n over every pixel (g); then
    // softplus' gives g sigmoid(l) and the product's gradient -g x; the two are added.
    (dy, [savedL]) => ({
      logits: () => {
        const g = tf.div(dy, logits.shape[0]);
        return tf.add(tf.mul(g, tf.sigmoid(savedL)), tf.mul(tf.neg(g), x));
      },
    }),
  );
}

/**
 * KL(N(mu, diag sigma^2) || N(0, I)) per example and per latent dimension, in closed form:
 * 1/2 (mu^2 + sigma^2 - 1 - log sigma^2). Sum over the last axis for the total.
 */
export function gaussianKlPerDim(tf: Tf, mu: TF.Tensor2D, logVar: TF.Tensor2D): TF.Tensor2D {
  return tf.mul(tf.sub(tf.add(tf.square(mu), tf.exp(logVar)), tf.add(logVar, 1)), 0.5);
}

/**
 * DIP-VAE-I regulariser (Kumar et al. 2018): push the covariance of the encoder means over the
 * batch towards the identity, lambdaOd * sum_{i != j} C_ij^2 + lambdaD * sum_i (C_ii - 1)^2.
 */
export function dipVaeIPenalty(tf: Tf, mu: TF.Tensor2D, lambdaOd: number, lambdaD: number): TF.Scalar {
  const d = mu.shape[1];
  const centred = tf.sub(mu, tf.mean(mu, 0, true));
  const cov = tf.div(tf.matMul(centred, centred, true, false), mu.shape[0]);
  const eye = tf.eye(d);
  const offDiagonal = tf.sum(tf.square(tf.mul(cov, tf.sub(1, eye))));
  const diagonal = tf.sum(tf.square(tf.sub(tf.sum(tf.mul(cov, eye), 1), 1)));
  return tf.add(tf.mul(offDiagonal, lambdaOd), tf.mul(diagonal, lambdaD));
}

export type VaeObjective =
  | { kind: 'beta-vae'; beta: number }
  /** KL weight 1 plus the DIP-VAE-I covariance penalty. */
  | { kind: 'dip-vae-i'; lambdaOd: number; lambdaD: number };

export function describeObjective(o: VaeObjective): string {
  return o.kind === 'beta-vae' ? `β-VAE, β = ${o.beta}` : `DIP-VAE-I, λod = ${o.lambdaOd}, λd = ${o.lambdaD}`;
}

export interface VaeLossTerms {
  /** What training minimises. */
  loss: TF.Scalar;
  /** Mean over the batch of -log p(x|z), nats per image. */
  reconstruction: TF.Scalar;
  /** Mean over the batch of KL(q(z|x) || p(z)), nats per image. */
  kl: TF.Scalar;
  /** Extra regulariser (DIP-VAE-I), 0 for a beta-VAE. */
  penalty: TF.Scalar;
}

/** Loss for one batch. -ELBO = reconstruction + kl; beta-VAE weighs kl by beta. */
export function vaeLoss(tf: Tf, vae: Vae, x: TF.Tensor2D, eps: TF.Tensor2D, objective: VaeObjective): VaeLossTerms {
  const { mu, logVar } = encode(tf, vae, x);
  const z = reparameterise(tf, mu, logVar, eps);
  const reconstruction = bernoulliNllMean(tf, decodeLogits(tf, vae, z), x);
  const kl = tf.mean(tf.sum(gaussianKlPerDim(tf, mu, logVar), 1)) as TF.Scalar;
  if (objective.kind === 'beta-vae') {
    return { loss: tf.add(reconstruction, tf.mul(kl, objective.beta)), reconstruction, kl, penalty: tf.scalar(0) };
  }
  const penalty = dipVaeIPenalty(tf, mu, objective.lambdaOd, objective.lambdaD);
  return { loss: tf.add(tf.add(reconstruction, kl), penalty), reconstruction, kl, penalty };
}

export interface VaeTrainerOptions {
  vae: Vae;
  objective: VaeObjective;
  learningRate: number;
  batchSize: number;
  /** Training images, n x inputDim row-major; uploaded once and gathered per batch on the device. */
  images: Float32Array;
  n: number;
  /** Draws the minibatch indices and the reparameterisation noise. */
  rng: Rng;
}

export interface VaeTrainer {
  /**
   * One Adam step on a fresh minibatch. With `readTerms`, returns a kept 1-D tensor
   * [loss, reconstruction, kl, penalty] for the caller to read (with `data()`) and dispose;
   * otherwise nothing, so the loop never waits on the device.
   */
  step(readTerms: boolean): TF.Tensor1D | null;
  dispose(): void;
}

export function createVaeTrainer(tf: Tf, options: VaeTrainerOptions): VaeTrainer {
  const { vae, objective, batchSize, rng, n } = options;
  const latentDim = vae.shape.latentDim;
  const data = tf.tensor2d(options.images, [n, vae.shape.inputDim]);
  const optimizer = createAdam(tf, vae.variables, options.learningRate);
  const indices = new Int32Array(batchSize);
  return {
    step(readTerms) {
      for (let i = 0; i < batchSize; i++) indices[i] = rng.int(n);
      const noise = rng.normalArray(batchSize * latentDim);
      let terms: TF.Tensor1D | null = null;
      tf.tidy(() => {
        const x = tf.gather(data, tf.tensor1d(indices, 'int32')) as TF.Tensor2D;
        const eps = tf.tensor2d(noise, [batchSize, latentDim]);
        const cost = optimizer.minimize(
          () => {
            const t = vaeLoss(tf, vae, x, eps, objective);
            // tf.keep lets the terms outlive the tidy scopes; they are not on the gradient path.
            if (readTerms) terms = tf.keep(tf.stack([t.loss, t.reconstruction, t.kl, t.penalty]) as TF.Tensor1D);
            return t.loss;
          },
          false,
        );
        cost?.dispose();
      });
      return terms;
    },
    dispose() {
      data.dispose();
      optimizer.dispose();
    },
  };
}

/** Posterior parameters of n images, read back to JavaScript. */
export async function encodeImages(
  tf: Tf,
  vae: Vae,
  images: Float32Array,
  n: number,
): Promise<{ mu: Float32Array; logVar: Float32Array }> {
  const [muT, logVarT] = tf.tidy(() => {
    const { mu, logVar } = encode(tf, vae, tf.tensor2d(images, [n, vae.shape.inputDim]));
    return [mu, logVar];
  });
  try {
    return { mu: (await muT.data()) as Float32Array, logVar: (await logVarT.data()) as Float32Array };
  } finally {
    muT.dispose();
    logVarT.dispose();
  }
}

/** Pixel probabilities sigmoid(decoder(z)) for n latent codes (n x latent row-major). */
export async function decodeProbabilities(
  tf: Tf,
  vae: Vae,
  z: Float32Array,
  n: number,
  firstLayer?: TF.Tensor2D,
): Promise<Float32Array> {
  const probs = tf.tidy(() => tf.sigmoid(decodeLogits(tf, vae, tf.tensor2d(z, [n, vae.shape.latentDim]), firstLayer)));
  try {
    return (await probs.data()) as Float32Array;
  } finally {
    probs.dispose();
  }
}

/** -log p(x_i | z_i) per image (nats) for given codes, optionally through a replaced first decoder layer. */
export async function reconstructionNll(
  tf: Tf,
  vae: Vae,
  z: Float32Array,
  images: Float32Array,
  n: number,
  firstLayer?: TF.Tensor2D,
): Promise<Float32Array> {
  const nll = tf.tidy(() => {
    const logits = decodeLogits(tf, vae, tf.tensor2d(z, [n, vae.shape.latentDim]), firstLayer);
    return bernoulliNll(tf, logits, tf.tensor2d(images, [n, vae.shape.inputDim]));
  });
  try {
    return (await nll.data()) as Float32Array;
  } finally {
    nll.dispose();
  }
}

/** Closed-form KL per latent dimension, averaged over images (JavaScript, from encodings). */
export function meanKlPerDim(mu: ArrayLike<number>, logVar: ArrayLike<number>, n: number, d: number): number[] {
  const kl = new Array<number>(d).fill(0);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < d; j++) {
      const m = mu[i * d + j];
      const lv = logVar[i * d + j];
      kl[j] += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
    }
  return kl.map((s) => s / n);
}

/** One posterior sample per image, z = mu + sigma * eps, with eps from the seeded RNG. */
export function sampleCodes(mu: ArrayLike<number>, logVar: ArrayLike<number>, n: number, d: number, rng: Rng): Float32Array {
  const z = new Float32Array(n * d);
  for (let i = 0; i < n * d; i++) z[i] = mu[i] + Math.exp(0.5 * logVar[i]) * rng.normal();
  return z;
}

/** Minibatch loss terms read back from the device (nats per image). */
export interface VaeStepTerms {
  loss: number;
  reconstruction: number;
  kl: number;
  penalty: number;
}

export interface TrainingTick {
  /** Steps done so far (1-based after the first step). */
  step: number;
  /** Present on the steps where the loss was read back. */
  terms?: VaeStepTerms;
}

/**
 * Runs `steps` training steps, yielding every `yieldEvery` steps so the caller can report
 * progress (and the consumer can pause or stop). The loss is read back only every `readEvery`
 * steps, and on the last step: reading forces the device to finish, so doing it every step
 * would stall the loop on backends that queue work (webgl).
 */
export async function* trainSteps(
  trainer: VaeTrainer,
  steps: number,
  options: { yieldEvery?: number; readEvery?: number } = {},
): AsyncGenerator<TrainingTick, void, void> {
  const yieldEvery = options.yieldEvery ?? 10;
  const readEvery = options.readEvery ?? 50;
  for (let step = 1; step <= steps; step++) {
    const read = step % readEvery === 0 || step === steps;
    const termsTensor = trainer.step(read);
    let terms: VaeStepTerms | undefined;
    if (termsTensor) {
      try {
        const [loss, reconstruction, kl, penalty] = await termsTensor.data();
        terms = { loss, reconstruction, kl, penalty };
      } finally {
        termsTensor.dispose();
      }
    }
    if (terms || step % yieldEvery === 0) yield { step, terms };
  }
}
