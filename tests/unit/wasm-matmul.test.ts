/**
 * The blocked BatchMatMul (lib/runtime/wasm-matmul.ts) must give the wasm backend's own
 * transposed product bit for bit: every calibration record was made with the original kernel.
 * Both are held to one reference, the float32 arithmetic of tfjs-backend-wasm's
 * slow_batch_matmul written out in JavaScript: products below MIN_BLOCKED_WORK still run the
 * original kernel, so they check the reference; larger ones run the blocked path.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import { createRng } from '@/lib/core/rng';
import { MIN_BLOCKED_WORK, SLOW_MATMUL_BLOCK } from '@/lib/runtime/wasm-matmul';
import { fastWasmKernels } from '@/lib/runtime/wasm-kernels';

let tf: Tf;
let backend: string;
beforeAll(async () => {
  const loaded = await loadTf({ preferred: ['wasm'] });
  tf = loaded.tf;
  backend = loaded.backend;
});

/** op(A) op(B) summed as slow_batch_matmul does: per block of 48 from 0, blocks added in order. */
function slowLoopReference(a: Float32Array, b: Float32Array, m: number, k: number, n: number, transposeA: boolean, transposeB: boolean): Float32Array {
  const f = Math.fround;
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++) {
      let total = 0;
      for (let k0 = 0; k0 < k; k0 += SLOW_MATMUL_BLOCK) {
        let sum = 0;
        for (let kk = k0; kk < Math.min(k0 + SLOW_MATMUL_BLOCK, k); kk++) {
          const av = transposeA ? a[kk * m + i] : a[i * k + kk];
          const bv = transposeB ? b[j * k + kk] : b[kk * n + j];
          sum = f(sum + f(av * bv));
        }
        total = f(total + sum);
      }
      out[i * n + j] = total;
    }
  return out;
}

const bits = (x: Float32Array) => Array.from(new Uint32Array(x.buffer, x.byteOffset, x.length));

describe('blocked wasm BatchMatMul', () => {
  // [m, k, n]: gradient shapes of the demo models, block remainders, and one below the threshold.
  const shapes: Array<[number, number, number]> = [
    [256, 64, 64],
    [64, 256, 64],
    [64, 64, 256],
    [32, 128, 16],
    [64, 100, 17],
    [8, 64, 32],
  ];

  it('is installed by loadTf on the wasm backend, and both paths are covered', () => {
    expect(backend).toBe('wasm');
    expect(fastWasmKernels(tf)).toContain('BatchMatMul');
    expect(shapes.some(([m, k, n]) => m * k * n < MIN_BLOCKED_WORK)).toBe(true);
    expect(shapes.some(([m, k, n]) => m * k * n >= MIN_BLOCKED_WORK && k > SLOW_MATMUL_BLOCK)).toBe(true);
  });

  for (const [m, k, n] of shapes) {
    for (const [transposeA, transposeB] of [
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`${m}x${k}x${n}, transposeA ${transposeA}, transposeB ${transposeB}: the slow loop's bits`, () => {
        const rng = createRng(m * 7 + k * 3 + n);
        const a = new Float32Array(rng.normalArray(m * k));
        const b = new Float32Array(rng.normalArray(k * n));
        const before = tf.memory().numTensors;
        const product = tf.tidy(() =>
          tf.matMul(tf.tensor2d(a, transposeA ? [k, m] : [m, k]), tf.tensor2d(b, transposeB ? [n, k] : [k, n]), transposeA, transposeB),
        );
        expect(product.shape).toEqual([m, n]);
        const got = product.dataSync() as Float32Array;
        product.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(bits(got)).toEqual(bits(slowLoopReference(a, b, m, k, n, transposeA, transposeB)));
      });
    }
  }

  it('leaves rank-3 batches and untransposed products to the original kernel', () => {
    const rng = createRng(5);
    const a = tf.tensor3d(rng.normalArray(2 * 64 * 64), [2, 64, 64]);
    const b = tf.tensor3d(rng.normalArray(2 * 64 * 64), [2, 64, 64]);
    const batched = tf.matMul(a, b, true, false);
    const plain = tf.matMul(a, b);
    expect(batched.shape).toEqual([2, 64, 64]);
    expect(plain.shape).toEqual([2, 64, 64]);
    // First batch entry of the transposed product against the reference.
    const a0 = (a.dataSync() as Float32Array).slice(0, 64 * 64);
    const b0 = (b.dataSync() as Float32Array).slice(0, 64 * 64);
    expect(bits((batched.dataSync() as Float32Array).slice(0, 64 * 64))).toEqual(bits(slowLoopReference(a0, b0, 64, 64, 64, true, false)));
    tf.dispose([a, b, batched, plain]);
  });
});
