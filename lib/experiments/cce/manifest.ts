/**
 * What a page needs to know about the `cce` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo.
 */
import { defineManifest } from '../../core/contract';

export const cceManifest = defineManifest({
  id: 'cce',
  title: 'Why did it call this square a triangle?',
  description:
    'Trains a square-or-triangle classifier on images where background stripes come with squares, tests it where they come with triangles, learns a bank of concept vectors on its embedding, and explains each mistake with a conceptual counterfactual: the sparse concept edit that would have made it right.',
  params: {
    agreement: {
      kind: 'number',
      label: 'Training images whose stripes match their shape',
      default: 0.95,
      min: 0.7,
      max: 0.99,
      step: 0.01,
      help: 'Stripes come with squares (and plain backgrounds with triangles) in this fraction of the training images; the test images reverse it. Lower values make the model lean more on the shape. Claims calibrated at 0.95.',
    },
    steps: { kind: 'int', label: 'Training steps', default: 300, min: 100, max: 2000, step: 100, help: 'Adam steps (batch 64) of the classifier.' },
    alpha: { kind: 'number', label: 'Sparsity weight α (L1)', default: 0.1, min: 0, max: 2, step: 0.05, help: 'The released code’s default is 0.1.' },
    trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
  } as const,
  defaultSeed: 1,
  component: 'CceDemo',
  version: 1,
  headline: [
    { metric: 'shiftedAccuracy', label: 'accuracy under the shift', digits: 2 },
    { metric: 'spuriousTop1', label: 'mistakes where CCE names the background first', digits: 2, better: 'higher' },
  ],
});
