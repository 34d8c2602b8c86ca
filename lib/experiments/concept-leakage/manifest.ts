/**
 * What a page needs to know about the `concept-leakage` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';


export const conceptLeakageManifest = defineManifest({
  id: 'concept-leakage',
  title: 'The bottleneck leaks',
  description:
    'Trains an is-4 / is-5 concept model on 8x8 digits, then predicts the parity of digits that are neither 4 nor 5 from its soft and from its hard concept outputs; and measures how much each shape concept’s predicted probability tells about the other concepts.',
  params: {
    repeats: {
      kind: 'int',
      label: 'Repetitions of the parity test',
      default: 3,
      min: 1,
      max: 10,
      help: 'Each repetition draws fresh digits and trains fresh models; the verdict uses the mean. The claims were calibrated with 3.',
    },
    conceptSteps: { kind: 'int', label: 'Concept-model steps', default: 200, min: 50, max: 2000, step: 50, help: 'Adam steps (batch 64) of the is-4 / is-5 model.' },
    digitNoise: { kind: 'number', label: 'Digit pixel noise', default: 0.25, min: 0, max: 0.6, step: 0.05 },
    purity: { kind: 'boolean', label: 'Compute the purity matrices (part 2)', default: true },
    shapeSteps: { kind: 'int', label: 'Shape concept-predictor steps', default: 400, min: 100, max: 3000, step: 100 },
  } as const,
  defaultSeed: 1,
  component: 'ConceptLeakageDemo',
  version: 1,
  headline: [
    { metric: 'softParity', label: 'parity read from soft concepts', digits: 2, better: 'higher' },
    { metric: 'hardParity', label: 'parity read from hard concepts', digits: 2 },
  ],
});
