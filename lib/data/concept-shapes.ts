/**
 * Concept shapes: small grayscale images built from binary concepts a reader can check by eye.
 *
 * Each 16x16 image holds one shape on a dark background. Eight binary concepts decide how it is
 * drawn:
 *   square   a square (otherwise a triangle pointing up)
 *   large    7 px across (otherwise 5 px)
 *   right    the shape sits in the right half (otherwise the left)
 *   bottom   the shape sits in the bottom half (otherwise the top)
 *   filled   solid (otherwise only its 1-px outline)
 *   bright   drawn at intensity 1.0 (otherwise 0.5)
 *   framed   a 1-px frame runs round the image border
 *   striped  faint horizontal stripes on the background
 * then Gaussian pixel noise is added and pixels are clipped to [0, 1]. The noise is what makes
 * the concepts hard to read for a model (small dim outlines are the hardest).
 *
 * The task label (4 classes) is a rule over the concepts, stated in LABEL_RULE_TEXT:
 *   bold   = at least two of {square, large, filled}
 *   placed = at least two of {right, bottom, framed}
 *   label  = 2 * bold + placed
 * `bright` and `striped` do not enter the rule: they are distractors, as many annotated concepts
 * are in practice, and they make "does concept i tell you about concept j" questions interesting.
 *
 * Knobs:
 *   unlabelled        concepts that matter for the label but whose annotations are withheld
 *                     (incomplete concepts). Their ground truth is still generated and kept in
 *                     `concepts`, so experiments can measure what a model lost; only
 *                     `labelledConcepts` lists what a concept model may be trained on.
 *   labelNoise        probability that an example's label is replaced by a different class,
 *                     drawn uniformly (so it is exactly the flip rate).
 *   correlation       rho in [0, 1): every concept is 1[sqrt(rho) g + sqrt(1 - rho) e_j > 0] with
 *                     one shared g ~ N(0,1) per example and independent e_j ~ N(0,1). rho = 0 gives
 *                     independent fair coins; larger rho makes all concepts co-occur.
 *   pixelNoise        standard deviation of the Gaussian pixel noise.
 *
 * Pure TypeScript, seeded by the project RNG: the same seed gives the same images.
 */
import type { Rng } from '../core/rng';
import type { ConceptDataset } from './concept-dataset';

export type { ConceptDataset } from './concept-dataset';

export const SHAPE_SIZE = 16;
export const SHAPE_PIXELS = SHAPE_SIZE * SHAPE_SIZE;

export const SHAPE_CONCEPTS = ['square', 'large', 'right', 'bottom', 'filled', 'bright', 'framed', 'striped'] as const;
export type ShapeConcept = (typeof SHAPE_CONCEPTS)[number];
export const SHAPE_CONCEPT_COUNT = SHAPE_CONCEPTS.length;

/** Plain-words description of each concept, for tables and tooltips. */
export const SHAPE_CONCEPT_TEXT: Record<ShapeConcept, string> = {
  square: 'the shape is a square (not a triangle)',
  large: 'the shape is large (7 px, not 5 px)',
  right: 'the shape is in the right half',
  bottom: 'the shape is in the bottom half',
  filled: 'the shape is filled (not just an outline)',
  bright: 'the shape is bright (not dim)',
  framed: 'a frame runs round the image',
  striped: 'the background is striped',
};

export const SHAPE_CLASS_COUNT = 4;
export const SHAPE_CLASS_NAMES = ['plain', 'placed', 'bold', 'bold + placed'] as const;

/** The label rule in words, for the note and the demo. */
export const LABEL_RULE_TEXT =
  'bold = at least two of {square, large, filled}; placed = at least two of {right, bottom, framed}; ' +
  'label = 2 × bold + placed, i.e. plain (0), placed (1), bold (2), bold + placed (3). ' +
  'bright and striped do not affect the label.';

const IDX = Object.fromEntries(SHAPE_CONCEPTS.map((name, i) => [name, i])) as Record<ShapeConcept, number>;

/** The label rule as code: concepts are 0/1 values indexed like SHAPE_CONCEPTS. */
export function shapeLabelFromConcepts(c: ArrayLike<number>): number {
  const bold = c[IDX.square] + c[IDX.large] + c[IDX.filled] >= 2 ? 1 : 0;
  const placed = c[IDX.right] + c[IDX.bottom] + c[IDX.framed] >= 2 ? 1 : 0;
  return 2 * bold + placed;
}

export interface ConceptShapesOptions {
  n: number;
  /** Concepts whose annotations are withheld (still generated; default none). */
  unlabelled?: readonly ShapeConcept[];
  /** Probability that a label is replaced by another class (default 0). */
  labelNoise?: number;
  /** Shared-factor correlation between concepts, in [0, 0.95] (default 0). */
  correlation?: number;
  /** Gaussian pixel noise standard deviation (default 0.35). */
  pixelNoise?: number;
}

/** Draw n correlated fair binary concepts per example (see `correlation` in the header). */
export function drawCorrelatedConcepts(rng: Rng, n: number, k: number, correlation: number): Uint8Array {
  const rho = Math.min(0.95, Math.max(0, correlation));
  const shared = Math.sqrt(rho);
  const own = Math.sqrt(1 - rho);
  const out = new Uint8Array(n * k);
  for (let i = 0; i < n; i++) {
    const g = rng.normal();
    for (let j = 0; j < k; j++) out[i * k + j] = shared * g + own * rng.normal() > 0 ? 1 : 0;
  }
  return out;
}

/** Which pixels of a size x size box belong to the shape (before outlining). */
function shapeMask(size: number, square: boolean): boolean[] {
  const mask: boolean[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      // The triangle points up: row y spans (y + 1) / 2 pixels either side of the centre line.
      mask.push(square || Math.abs(x + 0.5 - size / 2) <= (y + 1) / 2);
    }
  }
  return mask;
}

/** Keep only the pixels with a 4-neighbour outside the shape. */
function outline(mask: boolean[], size: number): boolean[] {
  const at = (x: number, y: number) => x >= 0 && y >= 0 && x < size && y < size && mask[y * size + x];
  return mask.map((on, i) => {
    if (!on) return false;
    const x = i % size;
    const y = Math.floor(i / size);
    return !(at(x - 1, y) && at(x + 1, y) && at(x, y - 1) && at(x, y + 1));
  });
}

/**
 * Draw one noise-free image from its concepts into `out` (length SHAPE_PIXELS). `rng` picks the
 * position inside the half the concepts name.
 */
export function renderShape(c: ArrayLike<number>, rng: Rng, out: Float32Array): void {
  const S = SHAPE_SIZE;
  out.fill(0);
  if (c[IDX.striped]) {
    for (let y = 1; y < S - 1; y += 2) for (let x = 1; x < S - 1; x++) out[y * S + x] = 0.3;
  }
  if (c[IDX.framed]) {
    for (let i = 0; i < S; i++) {
      out[i] = 0.7;
      out[(S - 1) * S + i] = 0.7;
      out[i * S] = 0.7;
      out[i * S + S - 1] = 0.7;
    }
  }
  const size = c[IDX.large] ? 7 : 5;
  // Each half of the inner 14 px (rows/cols 1..14) is 7 px wide; the shape lies wholly inside it,
  // jittered by at most one pixel (more jitter makes the concepts hard for an MLP, which has no
  // translation invariance, without making the demo more instructive).
  const half = 7;
  const room = half - size;
  const base = Math.floor(room / 2);
  const x0 = 1 + (c[IDX.right] ? half : 0) + base + (room > 0 ? rng.int(2) : 0);
  const y0 = 1 + (c[IDX.bottom] ? half : 0) + base + (room > 0 ? rng.int(2) : 0);
  let mask = shapeMask(size, c[IDX.square] === 1);
  if (!c[IDX.filled]) mask = outline(mask, size);
  const ink = c[IDX.bright] ? 1 : 0.5;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (mask[y * size + x]) out[(y0 + y) * S + x0 + x] = ink;
  }
}

export function makeConceptShapes(rng: Rng, options: ConceptShapesOptions): ConceptDataset {
  const { n } = options;
  const K = SHAPE_CONCEPT_COUNT;
  const unlabelled = new Set(options.unlabelled ?? []);
  const labelNoise = options.labelNoise ?? 0;
  const pixelNoise = options.pixelNoise ?? 0.35;
  // Separate streams, so changing one knob does not reshuffle the others' draws.
  const conceptRng = rng.fork('concepts');
  const drawRng = rng.fork('drawing');
  const noiseRng = rng.fork('pixel-noise');
  const labelRng = rng.fork('label-noise');

  const concepts = drawCorrelatedConcepts(conceptRng, n, K, options.correlation ?? 0);
  const inputs = new Float32Array(n * SHAPE_PIXELS);
  const labels = new Uint8Array(n);
  const cleanLabels = new Uint8Array(n);
  const image = new Float32Array(SHAPE_PIXELS);
  for (let i = 0; i < n; i++) {
    const c = concepts.subarray(i * K, (i + 1) * K);
    renderShape(c, drawRng, image);
    for (let p = 0; p < SHAPE_PIXELS; p++) {
      const v = image[p] + (pixelNoise > 0 ? noiseRng.normal(0, pixelNoise) : 0);
      inputs[i * SHAPE_PIXELS + p] = v < 0 ? 0 : v > 1 ? 1 : v;
    }
    const clean = shapeLabelFromConcepts(c);
    cleanLabels[i] = clean;
    // Always draw, so label noise does not shift later examples' streams.
    const flip = labelRng.next() < labelNoise;
    const other = (clean + 1 + labelRng.int(SHAPE_CLASS_COUNT - 1)) % SHAPE_CLASS_COUNT;
    labels[i] = flip ? other : clean;
  }
  return {
    n,
    inputSize: SHAPE_PIXELS,
    imageSide: SHAPE_SIZE,
    inputs,
    conceptNames: SHAPE_CONCEPTS,
    concepts,
    labelledConcepts: SHAPE_CONCEPTS.map((_, i) => i).filter((i) => !unlabelled.has(SHAPE_CONCEPTS[i])),
    nClasses: SHAPE_CLASS_COUNT,
    classNames: SHAPE_CLASS_NAMES,
    labels,
    cleanLabels,
  };
}
