/**
 * What a page needs to know about the `non-robust-features` experiment without loading its code:
 * id, title, description, parameter table, default seed and the MDX tag of its demo. The run and
 * the claim live in ./experiment.ts and ./claim.ts, loaded on demand.
 */
import { defineManifest } from '../../core/contract';

export const nonRobustFeaturesManifest = defineManifest({
  id: 'non-robust-features',
  title: 'Trained on images that look mislabelled, right on real ones',
  description:
    'Four-class images with a visible "shape" and a faint "texture" that both predict the label. A standard and an adversarially trained model, targeted attacks that relabel every training image as another class (D_rand, D_det), and fresh models trained on those relabelled sets, tested on clean images.',
  params: {
    epsilon: {
      kind: 'number',
      label: 'Attack budget ε (L2)',
      default: 0.8,
      min: 0.2,
      max: 2,
      step: 0.1,
      help: 'Radius of every attack: the relabelling attacks, adversarial training and the robustness test. The texture of two classes is about 0.8 apart; the shape about 3. Thresholds were calibrated at 0.8.',
    },
    trainSteps: {
      kind: 'int',
      label: 'Training steps per model',
      default: 150,
      min: 50,
      max: 600,
      step: 10,
      help: 'Full-batch Adam steps for each of the four models.',
    },
  } as const,
  defaultSeed: 1,
  usesTf: false,
  component: 'NonRobustFeaturesDemo',
  version: 1,
  headline: [
    { metric: 'd_det_clean_acc', label: 'trained on D_det: clean accuracy', digits: 2, better: 'higher' },
    { metric: 'standard_attacked_acc', label: 'standard model under attack', digits: 2 },
    { metric: 'robust_attacked_acc', label: 'robust model under attack', digits: 2 },
  ],
});
