/**
 * Shape images with a planted spurious cue, for the CCE demo: the concept-shapes pictures
 * (lib/data/concept-shapes.ts: same drawing and noise), classified as square or triangle, where
 * the faint background stripes co-occur with squares. A fraction `agreement` of the images have
 * stripes exactly when the shape is a square; in the shifted test set the cue is reversed
 * (agreement 1 - a). Every other concept is an independent fair coin.
 */
import type { Rng } from '../../core/rng';
import { SHAPE_CONCEPTS, SHAPE_CONCEPT_COUNT, SHAPE_PIXELS, renderShape } from '../../data/concept-shapes';

export const SQUARE = SHAPE_CONCEPTS.indexOf('square');
export const STRIPED = SHAPE_CONCEPTS.indexOf('striped');
export const CLASS_NAMES = ['triangle', 'square'] as const;
export const PIXEL_NOISE = 0.3;

export interface SpuriousShapes {
  n: number;
  inputs: Float32Array;
  /** n x 8 concepts, indexed like SHAPE_CONCEPTS. */
  concepts: Uint8Array;
  /** 1 = square, 0 = triangle. */
  labels: Uint8Array;
}

export function makeSpuriousShapes(rng: Rng, n: number, agreement: number): SpuriousShapes {
  const K = SHAPE_CONCEPT_COUNT;
  const conceptRng = rng.fork('concepts');
  const drawRng = rng.fork('drawing');
  const noiseRng = rng.fork('pixel-noise');
  const concepts = new Uint8Array(n * K);
  const inputs = new Float32Array(n * SHAPE_PIXELS);
  const labels = new Uint8Array(n);
  const image = new Float32Array(SHAPE_PIXELS);
  for (let i = 0; i < n; i++) {
    const c = concepts.subarray(i * K, (i + 1) * K);
    for (let j = 0; j < K; j++) c[j] = conceptRng.next() < 0.5 ? 1 : 0;
    c[STRIPED] = conceptRng.next() < agreement ? c[SQUARE] : 1 - c[SQUARE];
    renderShape(c, drawRng, image);
    for (let p = 0; p < SHAPE_PIXELS; p++) {
      const v = image[p] + noiseRng.normal(0, PIXEL_NOISE);
      inputs[i * SHAPE_PIXELS + p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    labels[i] = c[SQUARE];
  }
  return { n, inputs, concepts, labels };
}
