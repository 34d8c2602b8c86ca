/**
 * The rotation search's cheap plane rotation must give exactly what the general product gave:
 * the disentanglement record was made with multiplyRows.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import { givensRotation, multiplyRows, transpose } from '@/lib/ml/linalg';
import { rotateInPlane } from '@/lib/experiments/disentanglement/latent-rotation';

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
