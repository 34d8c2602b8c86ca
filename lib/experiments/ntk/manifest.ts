/**
 * What a page needs to know about the `ntk` experiment without loading its code: id, title,
 * description, parameter table, default seed and the MDX tag of its demo. The run and the claim
 * live in ./experiment.ts, loaded on demand by the worker, the CLI, the bench and the tests.
 */
import { defineManifest } from '../../core/contract';


export const ntkManifest = defineManifest({
  id: 'ntk',
  title: 'Wider nets move their kernel less',
  description:
    'Trains one-hidden-layer ReLU nets of widths 16 to 4096 on 8 points of sin(3x) and tracks how much each one’s neural tangent kernel changes, and how close each trained net is to kernel regression with its initial kernel.',
  params: {
    maxWidth: {
      kind: 'enum',
      label: 'Widest net',
      default: '4096',
      options: ['1024', '4096', '16384'],
      help: 'Widths go 16, 64, 256, ... up to this one (hidden units). The claim thresholds were calibrated at 4096.',
    },
    steps: {
      kind: 'int',
      label: 'Gradient steps',
      default: 2000,
      min: 200,
      max: 10000,
      step: 100,
      help: 'Full-batch gradient-descent steps for every width.',
    },
    learningRate: {
      kind: 'number',
      label: 'Learning rate',
      default: 1,
      min: 0.05,
      max: 1.5,
      step: 0.05,
      help: 'Above about 1.6 even the widest nets diverge on this data (2n / largest kernel eigenvalue).',
    },
  } as const,
  defaultSeed: 1,
  usesTf: false,
  component: 'NtkDemo',
  version: 1,
  headline: [
    { metric: 'kernel_change_w4096', label: 'kernel change, width 4096', digits: 3, better: 'lower' },
    { metric: 'net_vs_linear_w4096', label: 'net vs. its linearisation, width 4096', digits: 3, better: 'lower' },
  ],
});
