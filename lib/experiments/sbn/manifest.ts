/**
 * What a page needs to know about the `sbn` experiment without loading its code. The run and the
 * claim live in ./experiment.ts.
 */
import { defineManifest } from '../../core/contract';

export const sbnManifest = defineManifest({
  id: 'sbn',
  title: 'Squeeze 64 channels into 8 named ones',
  description:
    'Trains an ordinary network on shape images, then replaces its 64-channel second layer with a semantic bottleneck of 8 channels, each supervised to be one named concept, and a head that reads only those. Compares accuracy, how well channels line up with concepts, and whether the channels behave like their concepts when intervened on.',
  params: {
    steps: {
      kind: 'int',
      label: 'Training steps (original network)',
      default: 400,
      min: 100,
      max: 3000,
      step: 100,
      help: 'Adam steps (batch 64) for the unconstrained network; the bottleneck and its head get their own (fewer) steps on the frozen first layer.',
    },
    trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
    pixelNoise: { kind: 'number', label: 'Pixel noise', default: 0.2, min: 0, max: 0.6, step: 0.05, help: 'Standard deviation of the Gaussian noise on every pixel. The claims were calibrated at 0.2.' },
  } as const,
  defaultSeed: 1,
  component: 'SbnDemo',
  version: 1,
  headline: [
    { metric: 'sbn.accuracy', label: 'SBN accuracy', digits: 3 },
    { metric: 'auicSbn', label: 'AUiC, SBN', digits: 2, better: 'higher' },
    { metric: 'auicOriginal', label: 'AUiC, original', digits: 2 },
  ],
});
