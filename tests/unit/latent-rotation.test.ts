/**
 * The rotation search's cheap plane rotation and its column-wise MIG must give exactly what the
 * general product and mig() gave: the disentanglement record was made with those.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import { givensRotation, multiplyRows, transpose } from '@/lib/ml/linalg';
import { rotateInPlane, searchRotation } from '@/lib/experiments/disentanglement/latent-rotation';
import { migByColumn } from '@/lib/experiments/disentanglement/mig-by-column';
import { mig } from '@/lib/metrics/disentanglement';

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('rotateInPlane', () => {
  it('matches multiplyRows by a transposed Givens rotation bit for bit, zeros and signed zeros included', () => {
    const rng = createRng(11);
    for (const d of [2, 5, 10]) {
      const n = 40;
      const x = new Float32Array(rng.normalArray(n * d));
      x[0] = 0;
      x[1] = -0;
      x[d] = -0;
      x[d + 1] = -0;
      for (let i = 0; i < d; i++)
        for (let j = i + 1; j < d; j++)
          for (const angle of [Math.PI / 4, -Math.PI / 8, 0.3]) {
            const g = givensRotation(d, i, j, angle);
            expect(bits(rotateInPlane(x, n, d, g, i, j))).toEqual(bits(multiplyRows(x, n, transpose(g, d), d)));
          }
    }
  });
});

describe('MIG by column (the rotation search scores only the two latents a plane rotation changes)', () => {
  // A small labelled grid: 3 factors, codes that mix them with noise.
  const factorSizes = [3, 4, 5];
  const rng = createRng(23);
  const n = 240;
  const d = 6;
  const factors = new Int32Array(n * 3);
  const codes = new Float32Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < 3; k++) factors[r * 3 + k] = rng.int(factorSizes[k]);
    for (let j = 0; j < d; j++) codes[r * d + j] = factors[r * 3 + (j % 3)] * (j < 3 ? 1 : 0.3) + rng.normal(0, 0.5);
  }
  const full = (c: Float32Array) => mig({ codes: c, d, factors, factorSizes }).score;

  it('gives mig() bit for bit, for the codes and for every candidate of a plane rotation', () => {
    const scorer = migByColumn(factors, factorSizes, n, d);
    expect(Object.is(scorer.reset(codes), full(codes))).toBe(true);
    let current: Float32Array = codes;
    for (let i = 0; i < d; i++)
      for (let j = i + 1; j < d; j++) {
        const candidate = rotateInPlane(current, n, d, givensRotation(d, i, j, 0.4 + i - j), i, j);
        expect(Object.is(scorer.candidate(candidate, i, j), full(candidate))).toBe(true);
        if ((i + j) % 2 === 0) {
          scorer.accept();
          current = candidate;
        }
      }
  });

  it('finds the same rotations as scoring every candidate with mig()', () => {
    for (const direction of ['max', 'min'] as const) {
      const withColumns = searchRotation(codes, n, d, migByColumn(factors, factorSizes, n, d), direction);
      const withMig = searchRotation(codes, n, d, full, direction);
      expect(withColumns).toEqual(withMig);
      expect(withColumns.evaluations).toBeGreaterThan(d * (d - 1));
    }
  });
});
