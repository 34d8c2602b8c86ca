/**
 * dSprites-lite: a procedurally drawn, 16x16 binary version of the dSprites data set
 * (Matthey et al. 2017), small enough to train a VAE on in the browser in seconds.
 *
 * Every image is one white shape on black, fully described by four ground-truth factors:
 *   shape (square, ellipse, triangle) x scale (4) x posX (8) x posY (8) = 768 combinations.
 * There is no rotation factor: at 16x16 a rotated small square is barely distinguishable from
 * its neighbours, and the 768-image grid already takes a 400-step VAE to its limits.
 *
 * Because the factor grid is small, the full data set is just the 768 combinations: training
 * draws minibatches from it, and metrics can run on the whole grid, where each factor is
 * exactly uniform and independent of the others (the assumption MIG and friends make).
 * Drawing involves no randomness at all; `sampleDsprites` draws a seeded sample of the grid.
 */
import type { Rng } from '../core/rng';

export const IMAGE_SIDE = 16;
export const IMAGE_PIXELS = IMAGE_SIDE * IMAGE_SIDE;

export const SHAPES = ['square', 'ellipse', 'triangle'] as const;
export type ShapeName = (typeof SHAPES)[number];

export const FACTOR_NAMES = ['shape', 'scale', 'posX', 'posY'] as const;
export const FACTOR_SIZES = [SHAPES.length, 4, 8, 8] as const;

/** Half-extent of the shape (pixels) for each scale index. */
const SCALE_RADII = [1.5, 2.5, 3.5, 4.5];
/**
 * Shape centres: 8 positions one pixel apart, so moving a shape is an exact pixel shift of
 * its image, and the largest shape (radius 4.5) still fits inside the frame.
 */
const FIRST_CENTRE = 4.5;
const CENTRE_STEP = 1;
/** Each pixel is sampled on a SUPERSAMPLE x SUPERSAMPLE grid; it is on when at least half is covered. */
const SUPERSAMPLE = 4;

/** A set of images with the ground-truth factors that generated them. */
export interface FactorDataset {
  /** n images of IMAGE_PIXELS each, row-major, values 0 or 1. */
  images: Float32Array;
  /** n rows of K factor indices (factor k of image i at i*K + k). */
  factors: Int32Array;
  n: number;
  factorNames: readonly string[];
  factorSizes: readonly number[];
  side: number;
}

export function centreFor(index: number): number {
  return FIRST_CENTRE + index * CENTRE_STEP;
}

/** Is the point (px, py), in pixel units with y pointing down, inside the shape? */
function inside(shape: ShapeName, r: number, cx: number, cy: number, px: number, py: number): boolean {
  const dx = px - cx;
  const dy = py - cy;
  switch (shape) {
    case 'square':
      // Radii are whole numbers plus a half, so with centres on pixel centres the edges fall
      // on pixel boundaries and every scale gives a crisp, distinct square (3, 5, 7, 9 px).
      return Math.abs(dx) <= r && Math.abs(dy) <= r;
    case 'ellipse': {
      // Wide, flat ellipse: its aspect ratio tells it apart from a square of the same scale.
      const a = r;
      const b = 0.65 * r;
      return (dx * dx) / (a * a) + (dy * dy) / (b * b) <= 1;
    }
    case 'triangle': {
      // Upright isosceles triangle, apex at the top, base at the bottom of the bounding box.
      const t = (dy + r) / (2 * r); // 0 at the apex, 1 at the base
      return t >= 0 && t <= 1 && Math.abs(dx) <= t * r;
    }
  }
}

/** Draw one image into `out` at `offset` (IMAGE_PIXELS values, 0 or 1). */
export function drawSprite(
  shapeIndex: number,
  scaleIndex: number,
  xIndex: number,
  yIndex: number,
  out: Float32Array = new Float32Array(IMAGE_PIXELS),
  offset = 0,
): Float32Array {
  const shape = SHAPES[shapeIndex];
  const r = SCALE_RADII[scaleIndex];
  const cx = centreFor(xIndex);
  const cy = centreFor(yIndex);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let row = 0; row < IMAGE_SIDE; row++) {
    for (let col = 0; col < IMAGE_SIDE; col++) {
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const px = col + (sx + 0.5) / SUPERSAMPLE;
          const py = row + (sy + 0.5) / SUPERSAMPLE;
          if (inside(shape, r, cx, cy, px, py)) covered++;
        }
      }
      out[offset + row * IMAGE_SIDE + col] = covered * 2 >= samples ? 1 : 0;
    }
  }
  return out;
}

/** Index of a factor combination in the full grid (shape slowest, posY fastest). */
export function gridIndex(factors: ArrayLike<number>): number {
  let index = 0;
  for (let k = 0; k < FACTOR_SIZES.length; k++) index = index * FACTOR_SIZES[k] + factors[k];
  return index;
}

export const GRID_SIZE = FACTOR_SIZES.reduce((a, b) => a * b, 1);

let cachedGrid: FactorDataset | null = null;

/**
 * All 768 factor combinations, in gridIndex order. Deterministic (no randomness involved),
 * so it is built once per process / worker and shared: treat it as read-only.
 */
export function dspritesGrid(): FactorDataset {
  if (cachedGrid) return cachedGrid;
  const K = FACTOR_SIZES.length;
  const images = new Float32Array(GRID_SIZE * IMAGE_PIXELS);
  const factors = new Int32Array(GRID_SIZE * K);
  let i = 0;
  for (let s = 0; s < FACTOR_SIZES[0]; s++)
    for (let c = 0; c < FACTOR_SIZES[1]; c++)
      for (let x = 0; x < FACTOR_SIZES[2]; x++)
        for (let y = 0; y < FACTOR_SIZES[3]; y++) {
          drawSprite(s, c, x, y, images, i * IMAGE_PIXELS);
          factors.set([s, c, x, y], i * K);
          i++;
        }
  cachedGrid = { images, factors, n: GRID_SIZE, factorNames: FACTOR_NAMES, factorSizes: FACTOR_SIZES, side: IMAGE_SIDE };
  return cachedGrid;
}

/** Grid indices of n images whose factors are drawn independently and uniformly (with repetition). */
export function sampleGridIndices(n: number, rng: Rng): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(GRID_SIZE);
  return out;
}

/** The rows `indices` of a data set, as a new data set (images and factors copied). */
export function subset(data: FactorDataset, indices: ArrayLike<number>): FactorDataset {
  const K = data.factorSizes.length;
  const n = indices.length;
  const images = new Float32Array(n * IMAGE_PIXELS);
  const factors = new Int32Array(n * K);
  for (let i = 0; i < n; i++) {
    const j = indices[i];
    images.set(data.images.subarray(j * IMAGE_PIXELS, (j + 1) * IMAGE_PIXELS), i * IMAGE_PIXELS);
    factors.set(data.factors.subarray(j * K, (j + 1) * K), i * K);
  }
  return { images, factors, n, factorNames: data.factorNames, factorSizes: data.factorSizes, side: data.side };
}

/** A seeded sample of n images with independent, uniform factors. */
export function sampleDsprites(n: number, rng: Rng): FactorDataset {
  return subset(dspritesGrid(), sampleGridIndices(n, rng));
}

/** Per-pixel mean of a set of images (the "predict the average image" baseline). */
export function meanImage(data: FactorDataset): Float32Array {
  const mean = new Float32Array(IMAGE_PIXELS);
  for (let i = 0; i < data.n; i++)
    for (let p = 0; p < IMAGE_PIXELS; p++) mean[p] += data.images[i * IMAGE_PIXELS + p];
  for (let p = 0; p < IMAGE_PIXELS; p++) mean[p] /= data.n;
  return mean;
}
