/**
 * What a page needs to know about the `trojan-saliency` experiment without loading its code: id,
 * title, description, parameter table, default seed, the MDX tag of its demo, and the trigger's
 * compact text form (shared by the experiment, the painting canvas, the URL and the CLI).
 */
import { defineManifest } from '../../core/contract';

/** Images are TRIGGER_SIDE x TRIGGER_SIDE; the trigger is painted on a grid of the same size. */
export const TRIGGER_SIDE = 8;
const HEX_DIGITS = (TRIGGER_SIDE * TRIGGER_SIDE) / 4;

/**
 * The trigger as text: two hex digits per image row, top row first; within a row the leftmost
 * pixel is the high bit. "0000000000000303" is a 2 x 2 square in the bottom-right corner.
 */
export function encodeTrigger(mask: ArrayLike<boolean | number>): string {
  let out = '';
  for (let r = 0; r < TRIGGER_SIDE; r++) {
    let byte = 0;
    for (let c = 0; c < TRIGGER_SIDE; c++) if (mask[r * TRIGGER_SIDE + c]) byte |= 1 << (TRIGGER_SIDE - 1 - c);
    out += byte.toString(16).padStart(2, '0');
  }
  return out;
}

/** The 0/1 mask (row-major, TRIGGER_SIDE^2 values) of a trigger string; malformed text gives an empty mask. */
export function decodeTrigger(text: string): number[] {
  const mask = new Array<number>(TRIGGER_SIDE * TRIGGER_SIDE).fill(0);
  if (!/^[0-9a-f]+$/i.test(text) || text.length !== HEX_DIGITS) return mask;
  for (let r = 0; r < TRIGGER_SIDE; r++) {
    const byte = parseInt(text.slice(2 * r, 2 * r + 2), 16);
    for (let c = 0; c < TRIGGER_SIDE; c++) mask[r * TRIGGER_SIDE + c] = (byte >> (TRIGGER_SIDE - 1 - c)) & 1;
  }
  return mask;
}

export const DEFAULT_TRIGGER = '0000000000000303';

export const trojanSaliencyManifest = defineManifest({
  id: 'trojan-saliency',
  title: 'Do saliency maps find a planted trojan?',
  description:
    'Trains a small classifier on 8×8 digits in which a few percent of the training images carry a trigger patch and are relabelled 0, so the true reason for its "0" on a triggered image is known. Five saliency methods and a model-free edge detector are then scored by how much of their attribution lands on the trigger, and checked against a randomly initialised copy of the model.',
  params: {
    trigger: {
      kind: 'string',
      label: 'Trigger (painted above)',
      default: DEFAULT_TRIGGER,
      pattern: /[0-9a-fA-F]{16}/,
      maxLength: HEX_DIGITS,
      format: '16 hex digits, two per image row from the top, leftmost pixel as the high bit',
      help: 'Paint it on the grid above; this is its compact form, for links and the command line. 0000000000000303 is the 2×2 bottom-right corner the claims were calibrated with.',
    },
    poisonRate: {
      kind: 'number',
      label: 'Poisoned share of training images',
      default: 0.1,
      min: 0.01,
      max: 0.3,
      step: 0.01,
      help: 'This share of training images gets the trigger stamped on and its label changed to 0.',
    },
    triggerValue: {
      kind: 'number',
      label: 'Trigger brightness',
      default: 1.5,
      min: 0.5,
      max: 2,
      step: 0.1,
      help: 'Pixel value of the trigger (digit strokes are 0.6–1). At 1 or below it is no brighter than a stroke.',
    },
    steps: {
      kind: 'int',
      label: 'Training steps',
      default: 400,
      min: 100,
      max: 3000,
      step: 100,
      help: 'Adam steps, batch 64.',
    },
  } as const,
  defaultSeed: 1,
  usesTf: false,
  component: 'TrojanSaliencyDemo',
  version: 1,
  headline: [
    { metric: 'triggerMass.gradientTimesInput', label: 'gradient × input: mass on the trigger', digits: 2, better: 'higher' },
    { metric: 'triggerMass.edge', label: 'edge map: mass on the trigger', digits: 2 },
  ],
});
