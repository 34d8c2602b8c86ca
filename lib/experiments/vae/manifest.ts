/**
 * What a page needs to know about the `vae` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';


export const vaeManifest = defineManifest({
  id: 'vae',
  title: 'A variational autoencoder learns a compressed code',
  description:
    'Trains a small MLP VAE on 16×16 procedurally drawn sprites and shows its ELBO split into reconstruction and KL, reconstructions, and one traversal per latent dimension.',
  params: {
    beta: {
      kind: 'number',
      label: 'β (KL weight)',
      default: 4,
      min: 0.25,
      max: 32,
      step: 0.25,
      help: 'β = 1 is the plain VAE. Larger β charges more for every nat the code carries.',
    },
    latentDim: { kind: 'int', label: 'Latent dimensions', default: 8, min: 2, max: 16, help: 'Size of the code z.' },
    steps: { kind: 'int', label: 'Training steps', default: 600, min: 50, max: 5000, step: 50 },
    learningRate: { kind: 'number', label: 'Learning rate (Adam)', default: 0.005, min: 0.0001, max: 0.02, step: 0.0005 },
  } as const,
  defaultSeed: 1,
  component: 'VaeDemo',
  version: 1,
  headline: [
    { metric: 'reconstruction', label: 'reconstruction error, nats per image', digits: 1, better: 'lower' },
    { metric: 'activeDims', label: 'active latent dimensions (of 8)', digits: 0 },
  ],
});
