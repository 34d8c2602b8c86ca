/**
 * What a page needs to know about the `disentanglement` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';


export const disentanglementManifest = defineManifest({
  id: 'disentanglement',
  title: 'Uncorrelated samples, correlated means: disentanglement at toy scale',
  description:
    'Trains a β = 1 VAE, a strong-β VAE and DIP-VAE-I on 16×16 sprites, compares the correlations of their sampled and mean codes, and rotates a latent space to show that the ELBO cannot tell a disentangled code from an entangled one.',
  params: {
    steps: { kind: 'int', label: 'Training steps per model', default: 400, min: 100, max: 3000, step: 50 },
    strongBeta: {
      kind: 'number',
      label: 'Strong β',
      default: 8,
      min: 2,
      max: 32,
      step: 1,
      help: 'The β of the strongly regularised β-VAE (the contrast model has β = 1).',
    },
    dipLambda: {
      kind: 'number',
      label: 'DIP-VAE-I λod',
      default: 10,
      min: 0.5,
      max: 100,
      step: 0.5,
      help: 'Weight of the off-diagonal covariance penalty; the diagonal weight is 10 λod, as in Locatello et al.',
    },
    latentDim: { kind: 'int', label: 'Latent dimensions', default: 8, min: 2, max: 12 },
    learningRate: { kind: 'number', label: 'Learning rate (Adam)', default: 0.002, min: 0.0001, max: 0.02, step: 0.0005 },
    sweep: {
      kind: 'boolean',
      label: 'Run the seeds-vs-model sweep',
      default: false,
      help: 'Trains each objective again with more seeds (about 3 s per model) and compares MIG across seeds and objectives.',
    },
    sweepSeeds: { kind: 'int', label: 'Seeds per objective in the sweep', default: 4, min: 2, max: 8 },
  } as const,
  defaultSeed: 1,
  component: 'DisentanglementDemo',
  version: 1,
  headline: [
    { metric: 'betaStrong.tcSampled', label: 'β = 8: total correlation, sampled codes', digits: 2, better: 'lower' },
    { metric: 'betaStrong.tcMean', label: 'β = 8: total correlation, mean codes', digits: 2 },
    { metric: 'rotation.disentangled.mig', label: 'MIG of the rotated, disentangled code', digits: 2, better: 'higher' },
  ],
});
