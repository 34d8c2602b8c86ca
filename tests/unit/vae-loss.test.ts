import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import {
  bernoulliNll,
  createVae,
  createVaeTrainer,
  decodeLogits,
  dipVaeIPenalty,
  encode,
  gaussianKlPerDim,
  reparameterise,
  vaeLoss,
} from '@/lib/ml/vae';
import { elboDifferenceStdError, rotatedElbo } from '@/lib/experiments/disentanglement/latent-rotation';
import { givensRotation, identity, multiply } from '@/lib/ml/linalg';
import { dspritesGrid, sampleDsprites, IMAGE_PIXELS } from '@/lib/data/dsprites';
import { createRng } from '@/lib/core/rng';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf()).tf;
});

const shape = { inputDim: IMAGE_PIXELS, hiddenDim: 64, latentDim: 4 };

function batch(n: number, seed: number) {
  const data = sampleDsprites(n, createRng(seed));
  return tf.tensor2d(data.images, [n, IMAGE_PIXELS]);
}

describe('closed-form Gaussian KL', () => {
  it('matches a Monte Carlo estimate of E_q[log q(z) - log p(z)]', () => {
    const mu = [0.5, -1.2, 0.0];
    const logVar = [-1.0, 0.3, -2.5];
    const closed = tf.tidy(() => gaussianKlPerDim(tf, tf.tensor2d([mu]), tf.tensor2d([logVar])).dataSync());
    const rng = createRng(5);
    const samples = 200_000;
    mu.forEach((m, j) => {
      const s = Math.exp(0.5 * logVar[j]);
      let sum = 0;
      for (let i = 0; i < samples; i++) {
        const eps = rng.normal();
        const z = m + s * eps;
        // log q(z) - log p(z); the 1/2 log(2 pi) terms cancel.
        sum += -0.5 * eps * eps - Math.log(s) + 0.5 * z * z;
      }
      const monteCarlo = sum / samples;
      expect(Math.abs(monteCarlo - closed[j])).toBeLessThan(0.02 + 0.02 * closed[j]);
    });
  });

  it('is 0 exactly when q equals the prior', () => {
    const kl = tf.tidy(() => gaussianKlPerDim(tf, tf.zeros([2, 3]), tf.zeros([2, 3])).dataSync());
    for (const v of kl) expect(v).toBeCloseTo(0, 7);
  });
});

describe('Bernoulli reconstruction term', () => {
  it('equals the hand-computed binary cross-entropy', () => {
    const logits = [2, -1, 0];
    const x = [1, 0, 1];
    const expected = logits.reduce((acc, l, i) => {
      const p = 1 / (1 + Math.exp(-l));
      return acc - (x[i] * Math.log(p) + (1 - x[i]) * Math.log(1 - p));
    }, 0);
    const nll = tf.tidy(() => bernoulliNll(tf, tf.tensor2d([logits]), tf.tensor2d([x])).dataSync());
    expect(nll[0]).toBeCloseTo(expected, 5);
  });
});

describe('VAE losses', () => {
  it('has every loss term non-zero, and beta weighs the KL', () => {
    const vae = createVae(tf, shape, createRng(1));
    const x = batch(32, 2);
    const eps = tf.tensor2d(createRng(3).normalArray(32 * shape.latentDim), [32, shape.latentDim]);
    try {
      const [beta1, beta4, dip] = tf.tidy(() =>
        [
          vaeLoss(tf, vae, x, eps, { kind: 'beta-vae', beta: 1 }),
          vaeLoss(tf, vae, x, eps, { kind: 'beta-vae', beta: 4 }),
          vaeLoss(tf, vae, x, eps, { kind: 'dip-vae-i', lambdaOd: 10, lambdaD: 100 }),
        ].map((t) => [t.loss, t.reconstruction, t.kl, t.penalty].map((s) => s.dataSync()[0])),
      );
      const [loss1, rec1, kl1] = beta1;
      expect(rec1).toBeGreaterThan(1);
      expect(kl1).toBeGreaterThan(1e-4);
      expect(loss1).toBeCloseTo(rec1 + kl1, 3);
      expect(beta4[0]).toBeCloseTo(rec1 + 4 * kl1, 3);
      expect(dip[3]).toBeGreaterThan(0);
      expect(dip[0]).toBeCloseTo(rec1 + kl1 + dip[3], 2);
    } finally {
      vae.dispose();
      x.dispose();
      eps.dispose();
    }
  });

  it('DIP-VAE-I penalty is 0 for means with identity covariance and matches the formula otherwise', () => {
    // Four points with mean 0 and covariance I (1/n normalisation).
    const s = Math.SQRT2;
    const white = [
      [s, 0],
      [-s, 0],
      [0, s],
      [0, -s],
    ];
    const zero = tf.tidy(() => dipVaeIPenalty(tf, tf.tensor2d(white), 10, 100).dataSync()[0]);
    expect(zero).toBeCloseTo(0, 5);
    // Covariance [[2, 1], [1, 1]] from these points; penalty = 10 * 2 * 1^2 + 100 * ((2-1)^2 + 0).
    const pts = [
      [2, 1],
      [0, 1],
      [-2, -1],
      [0, -1],
    ];
    const value = tf.tidy(() => dipVaeIPenalty(tf, tf.tensor2d(pts), 10, 100).dataSync()[0]);
    expect(value).toBeCloseTo(10 * 2 + 100 * 1, 3);
  });

  it('sends reconstruction gradients through the reparameterised sample into mu and log sigma^2', () => {
    const vae = createVae(tf, shape, createRng(4));
    const x = batch(16, 5);
    const eps = tf.tensor2d(createRng(6).normalArray(16 * shape.latentDim), [16, shape.latentDim]);
    try {
      const norms = tf.tidy(() => {
        // Only the reconstruction term: the encoder gets gradient solely through z = mu + sigma * eps.
        const { grads } = tf.variableGrads(() => {
          const { mu, logVar } = encode(tf, vae, x);
          const z = reparameterise(tf, mu, logVar, eps);
          return tf.mean(bernoulliNll(tf, decodeLogits(tf, vae, z), x)) as ReturnType<typeof tf.scalar>;
        }, [vae.encoderW2, vae.encoderW1]);
        const w2 = grads[vae.encoderW2.name];
        const d = shape.latentDim;
        const muPart = tf.slice(w2, [0, 0], [-1, d]);
        const logVarPart = tf.slice(w2, [0, d], [-1, d]);
        return [muPart, logVarPart, grads[vae.encoderW1.name]].map((g) => tf.sqrt(tf.sum(tf.square(g))).dataSync()[0]);
      });
      for (const n of norms) expect(n).toBeGreaterThan(1e-6);
    } finally {
      vae.dispose();
      x.dispose();
      eps.dispose();
    }
  });

  it('trains: the loss falls, and no tensor outlives the model and trainer', async () => {
    const before = tf.memory().numTensors;
    const grid = dspritesGrid();
    const vae = createVae(tf, shape, createRng(7));
    const trainer = createVaeTrainer(tf, {
      vae,
      objective: { kind: 'beta-vae', beta: 1 },
      learningRate: 0.005,
      batchSize: 64,
      images: grid.images,
      n: grid.n,
      rng: createRng(8),
    });
    const losses: number[] = [];
    for (let step = 0; step < 60; step++) {
      const terms = trainer.step(step === 0 || step === 59);
      if (terms) {
        losses.push((await terms.data())[0]);
        terms.dispose();
      }
    }
    trainer.dispose();
    vae.dispose();
    expect(losses[1]).toBeLessThan(0.8 * losses[0]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('rotating the latent space', () => {
  it('leaves KL and ELBO unchanged up to Monte Carlo noise', async () => {
    const vae = createVae(tf, shape, createRng(9));
    const data = sampleDsprites(300, createRng(10));
    const d = shape.latentDim;
    const rotation = multiply(givensRotation(d, 0, 2, 0.7), givensRotation(d, 1, 3, -1.1), d);
    try {
      const original = await rotatedElbo(tf, vae, data.images, data.n, identity(d), 4, createRng(11));
      const rotated = await rotatedElbo(tf, vae, data.images, data.n, rotation, 4, createRng(12));
      expect(rotated.kl).toBeCloseTo(original.kl, 4);
      const se = elboDifferenceStdError(original, rotated);
      expect(Math.abs(rotated.elbo - original.elbo)).toBeLessThan(5 * se + 1e-3);
    } finally {
      vae.dispose();
    }
  });
});
