/**
 * What a page needs to know about the `cem` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';

export const MISSING_OPTIONS = ['framed', 'framed,filled', 'framed,filled,large'] as const;

export const cemManifest = defineManifest({
  id: 'cem',
  title: 'Embeddings keep the accuracy, RandInt keeps the intervenability',
  description:
    'With some concepts unannotated, trains a black box, Bool, Fuzzy and Hybrid concept bottleneck models and a concept embedding model (with RandInt), then corrects more and more concepts and compares task accuracy.',
  params: {
    missing: {
      kind: 'enum',
      label: 'Concepts without annotations',
      default: 'framed,filled',
      options: MISSING_OPTIONS,
      help: 'These concepts still decide the label, but no model is told about them. The claims were calibrated with framed,filled.',
    },
    trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
    steps: { kind: 'int', label: 'Training steps per model', default: 400, min: 100, max: 3000, step: 100, help: 'Adam steps (batch 64) for each image model.' },
    pixelNoise: { kind: 'number', label: 'Pixel noise', default: 0.3, min: 0, max: 0.6, step: 0.05 },
    embedSize: { kind: 'int', label: 'CEM embedding size m', default: 8, min: 2, max: 16, help: 'Each concept gets two embeddings of this size.' },
    randIntProb: {
      kind: 'number',
      label: 'RandInt probability',
      default: 0.25,
      min: 0,
      max: 0.75,
      step: 0.05,
      help: 'During training each concept is replaced by its true value with this probability (the paper’s default is 0.25).',
    },
    conceptWeight: { kind: 'number', label: 'Concept loss weight α', default: 1, min: 0.1, max: 10, step: 0.1 },
    withoutRandInt: { kind: 'boolean', label: 'Also train a CEM without RandInt', default: true },
  } as const,
  defaultSeed: 1,
  component: 'CemDemo',
  version: 1,
  headline: [
    { metric: 'cem-randint.accuracy', label: 'CEM + RandInt: task accuracy', digits: 2, better: 'higher' },
    { metric: 'cem-randint.intervened', label: 'CEM + RandInt: concepts fixed', digits: 2, better: 'higher' },
    { metric: 'bool.accuracy', label: 'Bool CBM: task accuracy', digits: 2 },
  ],
});
