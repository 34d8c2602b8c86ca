/**
 * What a page needs to know about the `concept-whitening` experiment without loading its code:
 * id, title, description, parameter table, default seed and the MDX tag of its demo.
 */
import { defineManifest } from '../../core/contract';

export const conceptWhiteningManifest = defineManifest({
  id: 'concept-whitening',
  title: 'Axes that mean something',
  description:
    'Trains the same small network twice on tabular data with three planted concepts, once with a batch-norm layer and once with a concept-whitening module (IterNorm whitening, then a rotation turned by Cayley steps so that three axes point at the three concepts), and compares accuracy, latent correlations and each concept axis’s AUC. Two of the concepts co-occur, as beds and people do.',
  params: {
    pairCorrelation: {
      kind: 'number',
      label: 'Correlation of bed and person',
      default: 0.6,
      min: 0,
      max: 0.9,
      step: 0.1,
      help: 'How often the two co-occurring concepts agree: person = bed with probability (1 + ρ)/2. The claims were calibrated at 0.6.',
    },
    steps: {
      kind: 'int',
      label: 'Training steps per network',
      default: 400,
      min: 100,
      max: 2000,
      step: 100,
      help: 'Adam steps (batch 128) for each of the two networks, trained side by side from the same start.',
    },
    rotateEvery: {
      kind: 'int',
      label: 'Task steps between rotation updates',
      default: 10,
      min: 5,
      max: 50,
      step: 5,
      help: 'The paper alternates: this many task minibatches, then one concept batch and two Cayley steps of the rotation.',
    },
    trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
  } as const,
  defaultSeed: 1,
  component: 'ConceptWhiteningDemo',
  version: 1,
  headline: [
    { metric: 'cw.meanAbsCorrelation', label: 'CW latent: mean |correlation|', digits: 3, better: 'lower' },
    { metric: 'cw.accuracy', label: 'CW model: accuracy', digits: 3 },
    { metric: 'bn.accuracy', label: 'BN model: accuracy', digits: 3 },
  ],
});
