/**
 * Procedural 8x8 seven-segment digits, for the concept-leakage demo (Mahinpei et al. 2021 use
 * MNIST; these keep the same structure at a size that trains in a second).
 *
 * Each digit lights its usual segments of a 4-wide, 6-tall seven-segment figure; the figure is
 * shifted by up to one pixel in x and y, drawn at a random stroke intensity in [0.6, 1], then
 * Gaussian pixel noise (default sd 0.25) is added, 3% of pixels are set to 1 ("salt"), and
 * pixels are clipped to [0, 1]. Pure TypeScript, seeded by the project RNG.
 */
import type { Rng } from '../core/rng';

export const DIGIT_SIDE = 8;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;

/** Segments a..g: top, top-right, bottom-right, bottom, bottom-left, top-left, middle. */
const SEGMENTS_OF: Record<number, string> = {
  0: 'abcdef',
  1: 'bc',
  2: 'abged',
  3: 'abgcd',
  4: 'fgbc',
  5: 'afgcd',
  6: 'afgecd',
  7: 'abc',
  8: 'abcdefg',
  9: 'abcdfg',
};

/** Pixels (x, y) of each segment in the unshifted figure: columns 2..5, rows 1..6, middle row 3. */
function segmentPixels(segment: string): Array<[number, number]> {
  const L = 2;
  const R = 5;
  const T = 1;
  const M = 3;
  const B = 6;
  const line = (x0: number, y0: number, x1: number, y1: number) => {
    const out: Array<[number, number]> = [];
    for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) out.push([x, y]);
    return out;
  };
  switch (segment) {
    case 'a':
      return line(L, T, R, T);
    case 'b':
      return line(R, T, R, M);
    case 'c':
      return line(R, M, R, B);
    case 'd':
      return line(L, B, R, B);
    case 'e':
      return line(L, M, L, B);
    case 'f':
      return line(L, T, L, M);
    case 'g':
      return line(L, M, R, M);
    default:
      return [];
  }
}

export interface DigitOptions {
  n: number;
  /** Which digits to draw from, uniformly (default 0-9). */
  digits?: readonly number[];
  /** Gaussian pixel noise sd (default 0.25). */
  pixelNoise?: number;
  /** Fraction of pixels set to 1 (default 0.03). */
  saltNoise?: number;
}

export interface DigitDataset {
  n: number;
  /** n x 64 pixels, row-major, in [0, 1]. */
  inputs: Float32Array;
  digits: Uint8Array;
}

/** Draw one digit into `out` (length 64). */
export function renderDigit(digit: number, rng: Rng, out: Float32Array, pixelNoise: number, saltNoise: number): void {
  out.fill(0);
  const dx = rng.int(3) - 1;
  const dy = rng.int(3) - 1;
  const ink = rng.uniform(0.6, 1);
  for (const segment of SEGMENTS_OF[digit]) {
    for (const [x, y] of segmentPixels(segment)) {
      const px = x + dx;
      const py = y + dy;
      if (px >= 0 && py >= 0 && px < DIGIT_SIDE && py < DIGIT_SIDE) out[py * DIGIT_SIDE + px] = ink;
    }
  }
  for (let p = 0; p < DIGIT_PIXELS; p++) {
    let v = out[p] + (pixelNoise > 0 ? rng.normal(0, pixelNoise) : 0);
    if (rng.next() < saltNoise) v = 1;
    out[p] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
}

export function makeDigits(rng: Rng, options: DigitOptions): DigitDataset {
  const digits = options.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const pixelNoise = options.pixelNoise ?? 0.25;
  const saltNoise = options.saltNoise ?? 0.03;
  const inputs = new Float32Array(options.n * DIGIT_PIXELS);
  const labels = new Uint8Array(options.n);
  const image = new Float32Array(DIGIT_PIXELS);
  for (let i = 0; i < options.n; i++) {
    const d = digits[rng.int(digits.length)];
    labels[i] = d;
    renderDigit(d, rng, image, pixelNoise, saltNoise);
    inputs.set(image, i * DIGIT_PIXELS);
  }
  return { n: options.n, inputs, digits: labels };
}
