import { describe, expect, it } from 'vitest';
import {
  dspritesGrid,
  drawSprite,
  gridIndex,
  sampleDsprites,
  FACTOR_NAMES,
  FACTOR_SIZES,
  GRID_SIZE,
  IMAGE_PIXELS,
  IMAGE_SIDE,
} from '@/lib/data/dsprites';
import { createRng } from '@/lib/core/rng';

const K = FACTOR_SIZES.length;

function imageAt(factors: number[]): Float32Array {
  const grid = dspritesGrid();
  const i = gridIndex(factors);
  return grid.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS);
}

function onPixels(image: Float32Array): number {
  return image.reduce((a, b) => a + b, 0);
}

describe('dSprites-lite grid', () => {
  it('holds every factor combination exactly once, in gridIndex order', () => {
    const grid = dspritesGrid();
    expect(grid.n).toBe(3 * 4 * 8 * 8);
    expect(GRID_SIZE).toBe(grid.n);
    expect(grid.factorNames).toEqual(['shape', 'scale', 'posX', 'posY']);
    expect(grid.factorNames).toEqual(FACTOR_NAMES);
    const seen = new Set<string>();
    for (let i = 0; i < grid.n; i++) {
      const f = Array.from(grid.factors.subarray(i * K, (i + 1) * K));
      f.forEach((v, k) => {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThan(FACTOR_SIZES[k]);
      });
      expect(gridIndex(f)).toBe(i);
      seen.add(f.join(','));
    }
    expect(seen.size).toBe(grid.n);
  });

  it('draws binary images with the shape inside the frame', () => {
    const grid = dspritesGrid();
    expect(grid.images.length).toBe(grid.n * IMAGE_SIDE * IMAGE_SIDE);
    expect(grid.images.every((v) => v === 0 || v === 1)).toBe(true);
    for (let i = 0; i < grid.n; i++) expect(onPixels(grid.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS))).toBeGreaterThan(0);
  });

  it('gives every combination its own image, so changing any one factor changes the image', () => {
    const grid = dspritesGrid();
    const distinct = new Set<string>();
    for (let i = 0; i < grid.n; i++) distinct.add(grid.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS).join(''));
    expect(distinct.size).toBe(grid.n);
  });

  it('moves the shape by exactly one pixel per position step', () => {
    const a = imageAt([2, 1, 3, 4]);
    const right = imageAt([2, 1, 4, 4]);
    const down = imageAt([2, 1, 3, 5]);
    for (let r = 0; r < IMAGE_SIDE; r++)
      for (let c = 1; c < IMAGE_SIDE; c++) expect(right[r * IMAGE_SIDE + c]).toBe(a[r * IMAGE_SIDE + c - 1]);
    for (let r = 1; r < IMAGE_SIDE; r++)
      for (let c = 0; c < IMAGE_SIDE; c++) expect(down[r * IMAGE_SIDE + c]).toBe(a[(r - 1) * IMAGE_SIDE + c]);
  });

  it('grows each shape with scale', () => {
    for (let shape = 0; shape < 3; shape++) {
      const sizes = [0, 1, 2, 3].map((scale) => onPixels(imageAt([shape, scale, 3, 3])));
      for (let s = 1; s < 4; s++) expect(sizes[s]).toBeGreaterThan(sizes[s - 1]);
    }
  });

  it('draws the same sprite whether alone or in the grid', () => {
    expect(Array.from(drawSprite(1, 2, 5, 0))).toEqual(Array.from(imageAt([1, 2, 5, 0])));
  });
});

describe('sampleDsprites', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = sampleDsprites(50, createRng(7));
    const b = sampleDsprites(50, createRng(7));
    const c = sampleDsprites(50, createRng(8));
    expect(Array.from(a.factors)).toEqual(Array.from(b.factors));
    expect(Array.from(a.images)).toEqual(Array.from(b.images));
    expect(Array.from(a.factors)).not.toEqual(Array.from(c.factors));
  });

  it('carries each image with the factors that drew it', () => {
    const s = sampleDsprites(30, createRng(3));
    for (let i = 0; i < s.n; i++) {
      const f = Array.from(s.factors.subarray(i * K, (i + 1) * K));
      expect(Array.from(s.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS))).toEqual(Array.from(imageAt(f)));
    }
  });

  it('covers every value of every factor in a large sample', () => {
    const s = sampleDsprites(2000, createRng(11));
    for (let k = 0; k < K; k++) {
      const values = new Set<number>();
      for (let i = 0; i < s.n; i++) values.add(s.factors[i * K + k]);
      expect(values.size).toBe(FACTOR_SIZES[k]);
    }
  });
});
