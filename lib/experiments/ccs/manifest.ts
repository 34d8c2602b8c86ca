/**
 * What a page needs to know about the `ccs` experiment without loading its code. The run and
 * the claim live in ./experiment.ts.
 */
import { defineManifest } from '../../core/contract';

export const ccsManifest = defineManifest({
  id: 'ccs',
  title: 'Contrast-consistent search finds the most salient consistent feature',
  description:
    'Synthetic hidden states of yes/no contrast pairs carry a truth feature, a feature for what the model would say, and a distractor, all flipping with the answer. CCS, trained without labels, is compared with a supervised probe, the model’s own answers, the top principal component and random directions, while the distractor grows from absent to three times as salient as the truth.',
  params: {
    truth: {
      kind: 'number',
      label: 'Truth salience (a)',
      default: 1,
      min: 0.25,
      max: 3,
      step: 0.25,
      help: 'How strongly each statement’s truth is written into its hidden state. The distractor’s salience is swept as a multiple of this.',
    },
    said: {
      kind: 'number',
      label: 'Salience of what the model says (g)',
      default: 0.5,
      min: 0,
      max: 3,
      step: 0.25,
      help: 'The feature behind the model’s own answer, which is wrong on the misconception items. Set it above the truth salience to see CCS follow the model’s answers instead.',
    },
    misconceptions: {
      kind: 'number',
      label: 'Misconception rate',
      default: 0.2,
      min: 0,
      max: 0.45,
      step: 0.05,
      help: 'Fraction of questions the model answers wrongly: its zero-shot accuracy is about 1 minus this.',
    },
    noise: {
      kind: 'number',
      label: 'Noise per statement',
      default: 0.8,
      min: 0.1,
      max: 2,
      step: 0.1,
      help: 'Standard deviation of independent noise in every coordinate of every hidden state. At 0.8 the supervised probe reaches about 95%.',
    },
    restarts: {
      kind: 'int',
      label: 'CCS random restarts',
      default: 6,
      min: 1,
      max: 10,
      help: 'CCS is trained from this many random starts and the one with the lowest unsupervised loss is kept (the paper uses 10).',
    },
    epochs: {
      kind: 'int',
      label: 'Training epochs',
      default: 150,
      min: 20,
      max: 1000,
      step: 10,
      help: 'Full-batch AdamW steps for every probe (learning rate 0.05).',
    },
  } as const,
  defaultSeed: 1,
  usesTf: false,
  component: 'CcsDemo',
  version: 1,
  headline: [
    { metric: 'ccs_truth_acc_x0', label: 'CCS accuracy, weak distractor', digits: 3, better: 'higher' },
    { metric: 'ccs_truth_acc_x2', label: 'CCS accuracy on truth, distractor ×2', digits: 3 },
  ],
});
