/**
 * "Shape and texture" images: a toy dataset with one robust and one non-robust feature, both
 * predictive of the label, in the sense of Ilyas et al. (2019).
 *
 * Each example is a small image, `TEXTURE_ROWS + 1` rows of `WIDTH` pixels, flattened row-major:
 * - the top row is the ROBUST block (the "shape"): class c lights up pixels 2c and 2c+1 at
 *   amplitude `shapeAmplitude`, and every pixel of the row carries N(0, shapeNoise²) noise. The
 *   class means are 2·shapeAmplitude apart in L2 but noisy, so the shape is only moderately
 *   predictive, and moving an image to another class's shape takes a large perturbation;
 * - the other rows are the NON-ROBUST block (the "texture"): a fixed random ±textureAmplitude
 *   pattern per class, plus N(0, textureNoise²) noise. The noise is far smaller than the gap
 *   between two classes' patterns, so the texture predicts the label almost perfectly, yet that
 *   gap (about 0.8 in L2 at the defaults) is small: an ε = 0.8 perturbation can swap it.
 *
 * This is the paper's Gaussian picture made concrete: a non-robust feature is a predictive
 * direction along which the data hardly vary, so it is short in L2. A person looking at the
 * image sees the bright pair in the top row and a faint grey texture.
 *
 * Pure TypeScript, seeded by the project RNG: the same seed gives the same data.
 */
import type { Rng } from '../core/rng';

export const CLASSES = 4;
export const WIDTH = 2 * CLASSES;
export const TEXTURE_ROWS = 4;
export const HEIGHT = 1 + TEXTURE_ROWS;
export const FEATURES = WIDTH * HEIGHT;
/** Pixels 0..SHAPE_PIXELS-1 are the robust block, the rest the non-robust one. */
export const SHAPE_PIXELS = WIDTH;
export const TEXTURE_PIXELS = FEATURES - SHAPE_PIXELS;

export interface ShapeTextureOptions {
  shapeAmplitude: number;
  shapeNoise: number;
  textureAmplitude: number;
  textureNoise: number;
}

export const DEFAULT_SHAPE_TEXTURE: ShapeTextureOptions = {
  shapeAmplitude: 1.5,
  shapeNoise: 1,
  textureAmplitude: 0.1,
  textureNoise: 0.07,
};

export interface ShapeTextureData {
  /** n x FEATURES, row-major (Float64, like every array the plain-TypeScript models read). */
  x: Float64Array;
  labels: Int32Array;
  n: number;
}

/** Each class's texture: CLASSES x TEXTURE_PIXELS signs times the amplitude. */
export function texturePatterns(rng: Rng, amplitude: number): Float32Array {
  const patterns = new Float32Array(CLASSES * TEXTURE_PIXELS);
  for (let i = 0; i < patterns.length; i++) patterns[i] = rng.bernoulli(0.5) ? amplitude : -amplitude;
  return patterns;
}

/** The noise-free shape row of class c. */
export function shapeMean(c: number, amplitude: number): Float32Array {
  const row = new Float32Array(SHAPE_PIXELS);
  row[2 * c] = amplitude;
  row[2 * c + 1] = amplitude;
  return row;
}

/**
 * n examples with balanced labels in random order. `patterns` is shared by the train and test
 * sets (it is the class's texture, a property of the world, not of one sample).
 */
export function sampleShapeTexture(rng: Rng, n: number, patterns: Float32Array, options: ShapeTextureOptions = DEFAULT_SHAPE_TEXTURE): ShapeTextureData {
  const labels = Int32Array.from(rng.shuffle(Array.from({ length: n }, (_, i) => i % CLASSES)));
  const x = new Float64Array(n * FEATURES);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    const row = i * FEATURES;
    for (let j = 0; j < SHAPE_PIXELS; j++) {
      const mean = j === 2 * c || j === 2 * c + 1 ? options.shapeAmplitude : 0;
      x[row + j] = mean + rng.normal(0, options.shapeNoise);
    }
    for (let j = 0; j < TEXTURE_PIXELS; j++) {
      x[row + SHAPE_PIXELS + j] = patterns[c * TEXTURE_PIXELS + j] + rng.normal(0, options.textureNoise);
    }
  }
  return { x, labels, n };
}

/**
 * What a person sees: the class whose bright pair in the shape row is brightest (the Bayes rule
 * on the shape row alone, since the classes share the noise). Ignores the texture entirely.
 */
export function shapeClass(x: ArrayLike<number>, offset = 0): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < CLASSES; c++) {
    const score = x[offset + 2 * c] + x[offset + 2 * c + 1];
    if (score > bestScore) {
      bestScore = score;
      best = c;
    }
  }
  return best;
}

/** The class whose texture pattern is nearest (L2) to the example's texture block. */
export function textureClass(x: ArrayLike<number>, patterns: Float32Array, offset = 0): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let c = 0; c < CLASSES; c++) {
    let d = 0;
    for (let j = 0; j < TEXTURE_PIXELS; j++) {
      const diff = x[offset + SHAPE_PIXELS + j] - patterns[c * TEXTURE_PIXELS + j];
      d += diff * diff;
    }
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

/** Share of a perturbation's squared L2 norm that lies in the texture block (0 for a zero perturbation). */
export function textureShare(delta: ArrayLike<number>): number {
  let shape = 0;
  let total = 0;
  for (let j = 0; j < delta.length; j++) {
    const v = delta[j] * delta[j];
    total += v;
    if (j < SHAPE_PIXELS) shape += v;
  }
  return total > 0 ? 1 - shape / total : 0;
}
