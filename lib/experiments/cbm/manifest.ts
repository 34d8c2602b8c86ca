/**
 * What a page needs to know about the `cbm` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';

export const RELEVANT = ['framed', 'square', 'large', 'filled', 'right', 'bottom'] as const;

export const cbmManifest = defineManifest({
  id: 'cbm',
  title: 'Fix the concepts, fix the answer',
  description:
    'Trains a black box and concept bottleneck models (independent, sequential, joint; fuzzy and binary; hybrid) on small shape images whose label is a rule over 8 visible concepts, then sets more and more predicted concepts to their true values and watches task accuracy.',
  params: {
    unlabelled: {
      kind: 'enum',
      label: 'Concept left unlabelled (part 2)',
      default: 'framed',
      options: RELEVANT,
      help: 'Part 2 withholds this concept’s annotations; it still decides the label. The claims were calibrated with framed.',
    },
    trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
    steps: {
      kind: 'int',
      label: 'Training steps per model',
      default: 400,
      min: 100,
      max: 3000,
      step: 100,
      help: 'Adam steps (batch 64) for each image model; heads on concepts get 150 (batch 128).',
    },
    pixelNoise: {
      kind: 'number',
      label: 'Pixel noise',
      default: 0.3,
      min: 0,
      max: 0.6,
      step: 0.05,
      help: 'More noise makes concepts harder to read, so interventions have more to fix.',
    },
    jointLambda: {
      kind: 'number',
      label: 'Joint concept weight λ',
      default: 1,
      min: 0.01,
      max: 10,
      step: 0.01,
      help: 'Weight of the summed concept loss in the joint and hybrid models.',
    },
    extraUnits: { kind: 'int', label: 'Hybrid free units', default: 4, min: 1, max: 16 },
    control: {
      kind: 'boolean',
      label: 'Train the λ = 0.01 control',
      default: true,
      help: 'A joint model with a tiny concept weight, whose concepts stop meaning what they say.',
    },
    correlation: {
      kind: 'number',
      label: 'Concept correlation',
      default: 0,
      min: 0,
      max: 0.9,
      step: 0.1,
      help: 'Shared-factor correlation between all concepts (0: independent).',
    },
    labelNoise: { kind: 'number', label: 'Label noise', default: 0, min: 0, max: 0.3, step: 0.05, help: 'Fraction of training and test labels replaced by another class.' },
  } as const,
  defaultSeed: 1,
  component: 'CbmDemo',
  version: 1,
  headline: [
    { metric: 'independent.accuracy', label: 'independent CBM: task accuracy', digits: 2 },
    { metric: 'independent.intervened', label: 'independent CBM: all concepts fixed', digits: 2, better: 'higher' },
    { metric: 'missing-hybrid.accuracy', label: 'hybrid, one concept unlabelled', digits: 2, better: 'higher' },
  ],
});
