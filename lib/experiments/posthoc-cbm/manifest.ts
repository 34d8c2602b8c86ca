/**
 * What a page needs to know about the `posthoc-cbm` experiment without loading its code. The run
 * and the claim live in ./experiment.ts; the pure editing function the page uses is lib/ml/concept-edit.ts (components may import lib/ml, never an experiment's code).
 */
import { defineManifest } from '../../core/contract';

/** Concepts that may be left out of the concept bank (those the label rule uses), or none. */
export const BANK_OMISSIONS = ['framed', 'square', 'large', 'filled', 'right', 'bottom', 'none'] as const;

export const posthocCbmManifest = defineManifest({
  id: 'posthoc-cbm',
  title: 'Explain a frozen model with concepts, then patch the gap',
  description:
    'Freezes a network trained to answer other questions about shape images, learns concept vectors from a separate concept-labelled set, fits a sparse elastic-net head on the concept scores (PCBM) and a residual on the embedding (PCBM-h), and lets the reader edit the head’s concepts.',
  params: {
    missing: {
      kind: 'enum',
      label: 'Concept missing from the bank',
      default: 'framed',
      options: BANK_OMISSIONS,
      help: 'The label depends on this concept but the bank has no vector for it, so the PCBM cannot use it; the residual can. The claims were calibrated with framed.',
    },
    lambda: {
      kind: 'number',
      label: 'Sparsity λ',
      default: 0.5,
      min: 0,
      max: 5,
      step: 0.05,
      help: 'Strength of the elastic-net penalty on the concept head (α = 0.99, as in the paper). Larger: fewer concepts per class.',
    },
    pretrainSteps: {
      kind: 'int',
      label: 'Backbone training steps',
      default: 300,
      min: 100,
      max: 2000,
      step: 100,
      help: 'Adam steps (batch 64) of the backbone, trained on 8 yes/no questions that are not the task; its 32-unit last hidden layer is the frozen embedding.',
    },
    trainSize: { kind: 'int', label: 'Task training images', default: 2000, min: 500, max: 5000, step: 500 },
    bankSize: {
      kind: 'int',
      label: 'Concept-bank images',
      default: 1000,
      min: 200,
      max: 4000,
      step: 200,
      help: 'Concept-labelled images, separate from the task data, from which the concept vectors are learned.',
    },
    pixelNoise: { kind: 'number', label: 'Pixel noise', default: 0.2, min: 0, max: 0.6, step: 0.05, help: 'Standard deviation of the Gaussian noise on every pixel. The claims were calibrated at 0.2.' },
  } as const,
  defaultSeed: 1,
  component: 'PosthocCbmDemo',
  version: 1,
  headline: [
    { metric: 'original.accuracy', label: 'original model', digits: 3 },
    { metric: 'pcbm.accuracy', label: 'PCBM', digits: 3 },
    { metric: 'pcbmH.accuracy', label: 'PCBM-h', digits: 3, better: 'higher' },
  ],
});
