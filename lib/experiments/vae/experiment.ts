/**
 * Experiment `vae`: a variational autoencoder (Kingma & Welling 2014) trained live on
 * dSprites-lite, with beta (Higgins et al. 2017) and the latent size as parameters.
 *
 * Snapshot (`VaeSnapshot`, sent with progress events and returned at the end):
 * - `curve`: minibatch ELBO terms over training, one point every READ_EVERY steps:
 *   { step, reconstruction, kl, negElbo } in nats per image (-ELBO = reconstruction + KL).
 * - `baselineNll`: nats per image of the trivial model that predicts the mean image (flat line).
 * - `side`: image side (16); every image below is side*side floats in [0, 1], row-major.
 * - `latentDim`, `beta`: the run's parameters, for labels.
 * - `dataset`: { images (count*256), factors (count*4), factorNames, count }: sample data for the reader.
 * - `view` (absent until the first evaluation; recomputed about six times during training and at
 *   the end), a `VaeView`:
 *   - `step`: the training step it was computed at;
 *   - `inputs` / `reconstructions`: `examples` images and their reconstructions from the mean code;
 *   - `traversal`: { values (T numbers from -2.5 to 2.5), images (latentDim * T * 256, row j =
 *     latent j swept with the others held at the mean code of inputs[0]), klPerDim (nats per image,
 *     averaged over the grid), order (dims by KL, largest first), activeDims (KL >= 0.1 nats) };
 *   - `scores`: { mig, factorVae, migPerFactor, factorNames }: disentanglement against the
 *     ground-truth factors, measured on the means of all 768 images.
 *
 * The claim (see `claim`): the reparameterised ELBO trains an encoder and a decoder that
 * reconstruct images from a small code, and, with beta > 1, the KL penalty switches spare latent
 * dimensions off so the code uses only some of them.
 */
import { defineExperiment, type Claim, type RunResult, type Tf } from '../../core/contract';
import { dspritesGrid, meanImage, sampleGridIndices, subset, IMAGE_PIXELS, IMAGE_SIDE } from '../../data/dsprites';
import {
  createVae,
  createVaeTrainer,
  decodeProbabilities,
  encodeImages,
  meanKlPerDim,
  reconstructionNll,
  sampleCodes,
  trainSteps,
  type Vae,
} from '../../ml/vae';
import { factorVaeScore, mig } from '../../metrics/disentanglement';
import type { Rng } from '../../core/rng';
import { vaeManifest } from './manifest';

export interface VaeCurvePoint {
  step: number;
  reconstruction: number;
  kl: number;
  negElbo: number;
}

export interface VaeTraversal {
  values: number[];
  images: Float32Array;
  klPerDim: number[];
  order: number[];
  activeDims: boolean[];
}

export interface VaeScores {
  mig: number;
  factorVae: number;
  migPerFactor: number[];
  factorNames: string[];
}

export interface VaeView {
  step: number;
  examples: number;
  inputs: Float32Array;
  reconstructions: Float32Array;
  traversal: VaeTraversal;
  scores: VaeScores;
}

export interface VaeSnapshot {
  side: number;
  latentDim: number;
  beta: number;
  baselineNll: number;
  curve: VaeCurvePoint[];
  dataset: { images: Float32Array; factors: Int32Array; factorNames: string[]; count: number };
  view?: VaeView;
}

export type VaeResult = RunResult<VaeSnapshot> & { snapshot: VaeSnapshot };

const HIDDEN = 64;
const BATCH = 64;
const YIELD_EVERY = 10;
const READ_EVERY = 20;
const EVALUATIONS = 6;
const EXAMPLES = 8;
const DATASET_SAMPLES = 16;
const TRAVERSAL_VALUES = Array.from({ length: 9 }, (_, i) => -2.5 + (5 * i) / 8);
/**
 * A latent is "active" when it carries at least 0.1 nats of KL per image on average; a passive
 * latent's posterior is (nearly) the prior whatever the image. We tried Burda et al.'s (2016)
 * active-unit rule, Var_x(mu_j) > 0.01, on the calibration seeds: it also counts latents with
 * 0.01-0.02 nats of KL (0.1% of the total), which a traversal shows doing nothing visible.
 */
export const ACTIVE_KL_NATS = 0.1;

const params = vaeManifest.params;

/** Bernoulli NLL (nats per image) of predicting every image by the mean image. */
function meanImageNll(images: Float32Array, n: number, mean: Float32Array): number {
  let total = 0;
  for (let i = 0; i < n; i++)
    for (let p = 0; p < IMAGE_PIXELS; p++) {
      const q = Math.min(1 - 1e-6, Math.max(1e-6, mean[p]));
      total -= images[i * IMAGE_PIXELS + p] > 0.5 ? Math.log(q) : Math.log(1 - q);
    }
  return total / n;
}

async function evaluate(tf: Tf, vae: Vae, step: number, exampleIndices: Int32Array, rng: Rng): Promise<VaeView> {
  const grid = dspritesGrid();
  const d = vae.shape.latentDim;
  const { mu, logVar } = await encodeImages(tf, vae, grid.images, grid.n);
  const klPerDim = meanKlPerDim(mu, logVar, grid.n, d);

  const examples = subset(grid, exampleIndices);
  const exampleMu = new Float32Array(EXAMPLES * d);
  exampleIndices.forEach((g, i) => exampleMu.set(mu.subarray(g * d, (g + 1) * d), i * d));
  const reconstructions = await decodeProbabilities(tf, vae, exampleMu, EXAMPLES);

  // Traversal: latent j takes each value in turn, the others stay at the first example's mean.
  const T = TRAVERSAL_VALUES.length;
  const codes = new Float32Array(d * T * d);
  for (let j = 0; j < d; j++)
    for (let t = 0; t < T; t++) {
      const row = (j * T + t) * d;
      codes.set(exampleMu.subarray(0, d), row);
      codes[row + j] = TRAVERSAL_VALUES[t];
    }
  const traversalImages = await decodeProbabilities(tf, vae, codes, d * T);

  const labelled = { codes: mu, d, factors: grid.factors, factorSizes: grid.factorSizes };
  const migResult = d >= 2 ? mig(labelled) : null;
  const fvae = factorVaeScore(labelled, rng);
  return {
    step,
    examples: EXAMPLES,
    inputs: examples.images,
    reconstructions,
    traversal: {
      values: TRAVERSAL_VALUES,
      images: traversalImages,
      klPerDim,
      order: klPerDim.map((k, j) => [k, j]).sort((a, b) => b[0] - a[0]).map(([, j]) => j),
      activeDims: klPerDim.map((k) => k >= ACTIVE_KL_NATS),
    },
    scores: {
      mig: migResult?.score ?? 0,
      factorVae: fvae.score,
      migPerFactor: migResult?.perFactor ?? [],
      factorNames: [...grid.factorNames],
    },
  };
}

export const vaeExperiment = defineExperiment({
  ...vaeManifest,
  async *run(p, ctx) {
    const { tf, rng } = ctx;
    const grid = dspritesGrid();
    const d = p.latentDim;
    const sampleIndices = sampleGridIndices(DATASET_SAMPLES, rng.fork('dataset-samples'));
    const samples = subset(grid, sampleIndices);
    const exampleIndices = sampleGridIndices(EXAMPLES, rng.fork('examples'));
    const scoreRng = rng.fork('scores');
    const snapshot: VaeSnapshot = {
      side: IMAGE_SIDE,
      latentDim: d,
      beta: p.beta,
      baselineNll: meanImageNll(grid.images, grid.n, meanImage(grid)),
      curve: [],
      dataset: { images: samples.images, factors: samples.factors, factorNames: [...grid.factorNames], count: samples.n },
    };
    const vae = createVae(tf, { inputDim: IMAGE_PIXELS, hiddenDim: HIDDEN, latentDim: d }, rng.fork('init'));
    const trainer = createVaeTrainer(tf, {
      vae,
      objective: { kind: 'beta-vae', beta: p.beta },
      learningRate: p.learningRate,
      batchSize: BATCH,
      images: grid.images,
      n: grid.n,
      rng: rng.fork('train'),
    });
    try {
      const evalEvery = Math.max(READ_EVERY, Math.round(p.steps / EVALUATIONS / READ_EVERY) * READ_EVERY);
      for await (const tick of trainSteps(trainer, p.steps, { yieldEvery: YIELD_EVERY, readEvery: READ_EVERY })) {
        if (tick.terms) {
          const { reconstruction, kl } = tick.terms;
          snapshot.curve.push({ step: tick.step, reconstruction, kl, negElbo: reconstruction + kl });
          if (tick.step % evalEvery === 0 && tick.step < p.steps) snapshot.view = await evaluate(tf, vae, tick.step, exampleIndices, scoreRng);
        }
        yield {
          step: tick.step,
          totalSteps: p.steps,
          phase: `training (β = ${p.beta}, ${d} latents)`,
          loss: tick.terms?.loss,
          metrics: tick.terms ? { reconstruction: tick.terms.reconstruction, kl: tick.terms.kl } : undefined,
          snapshot: tick.terms ? snapshot : undefined,
        };
      }

      // Final numbers on all 768 images: the ELBO with one posterior sample per image.
      const view = await evaluate(tf, vae, p.steps, exampleIndices, scoreRng);
      snapshot.view = view;
      const { mu, logVar } = await encodeImages(tf, vae, grid.images, grid.n);
      const z = sampleCodes(mu, logVar, grid.n, d, rng.fork('final-elbo'));
      const nll = await reconstructionNll(tf, vae, z, grid.images, grid.n);
      const reconstruction = nll.reduce((a, b) => a + b, 0) / grid.n;
      const kl = view.traversal.klPerDim.reduce((a, b) => a + b, 0);
      const activeDims = view.traversal.activeDims.filter(Boolean).length;
      const sortedKl = [...view.traversal.klPerDim].sort((a, b) => b - a);
      const passiveKl = view.traversal.klPerDim.filter((_, j) => !view.traversal.activeDims[j]).reduce((a, b) => a + b, 0);
      const metrics: Record<string, number> = {
        reconstruction,
        kl,
        negElbo: reconstruction + kl,
        baselineNll: snapshot.baselineNll,
        reconstructionVsBaseline: reconstruction / snapshot.baselineNll,
        activeDims,
        latentDim: d,
        passiveKlShare: kl > 0 ? passiveKl / kl : 0,
        mig: view.scores.mig,
        factorVae: view.scores.factorVae,
        maxDimKl: sortedKl[0],
      };
      view.traversal.klPerDim.forEach((k, j) => (metrics[`klDim${j}`] = k));
      return { metrics, snapshot };
    } finally {
      trainer.dispose();
      vae.dispose();
    }
  },
  claim(result, p): Claim {
    const m = result.metrics;
    // Thresholds were fixed on calibration seeds 100-104 at the defaults, before the test seeds
    // (1, 2, 3) were run; see the comments on each check.
    const checks = [
      {
        // Calibration (seeds 100-104, defaults): reconstruction 37-39% of the baseline.
        // Half the baseline leaves a wide margin while still meaning "the code carries the image".
        name: 'reconstructs from the code',
        holds: m.reconstruction < 0.5 * m.baselineNll,
        detail: `reconstruction ${m.reconstruction.toFixed(1)} nats vs ${m.baselineNll.toFixed(1)} for the mean image (${(100 * m.reconstructionVsBaseline).toFixed(0)}%); needs < 50%`,
      },
      {
        // -ELBO bounds -log p(x): below the mean-image model means the code pays for its KL.
        name: 'the code is worth its KL',
        holds: m.negElbo < m.baselineNll,
        detail: `-ELBO ${m.negElbo.toFixed(1)} nats (reconstruction + KL ${m.kl.toFixed(2)}) vs ${m.baselineNll.toFixed(1)} for the mean image`,
      },
      {
        // Compression: some latents stay passive (< 0.1 nats each) and together carry little KL.
        // Calibration (seeds 100-104, defaults): 4-5 of 8 active, passive share 0.5-1.0%.
        name: 'only some latents are used',
        holds: m.activeDims >= 1 && m.activeDims < m.latentDim && m.passiveKlShare < 0.1,
        detail: `${m.activeDims} of ${m.latentDim} latents active; the passive ones carry ${(100 * m.passiveKlShare).toFixed(1)}% of the KL (needs < 10%)`,
      },
    ];
    const holds = checks.every((c) => c.holds);
    const summary = holds
      ? `With β = ${p.beta}, the VAE reconstructs from a ${m.activeDims}-of-${m.latentDim}-dimension code: ` +
        `${m.reconstruction.toFixed(1)} nats per image against ${m.baselineNll.toFixed(1)} for the mean image, for ${m.kl.toFixed(2)} nats of KL.`
      : `Not reproduced on this run: ${checks
          .filter((c) => !c.holds)
          .map((c) => `${c.name} (${c.detail})`)
          .join('; ')}.` + (p.beta <= 1 ? ' At β ≤ 1 nothing pushes spare latents to switch off; try β = 4.' : '');
    return { holds, summary, numbers: m, checks };
  },
});

export default vaeExperiment;
