/**
 * The wasm kernels that only move numbers (lib/runtime/wasm-copies.ts): a clone shares its
 * buffer yet outlives the original, buffers are freed when the last holder goes, and a row
 * gather gives exactly the rows asked for, refusing an index out of range as TF.js does.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import { fastWasmKernels } from '@/lib/runtime/wasm-kernels';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf({ preferred: ['wasm'] })).tf;
});

const buffers = () => tf.engine().backend.numDataIds();

describe('wasm copy kernels', () => {
  it('are installed by loadTf', () => {
    expect(fastWasmKernels(tf)).toEqual(expect.arrayContaining(['Identity', 'Cast', 'GatherV2']));
  });

  it('a clone keeps its values after the original is disposed, and the buffer goes with the last holder', () => {
    const before = { tensors: tf.memory().numTensors, buffers: buffers() };
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = tf.clone(x);
    const z = tf.cast(x, 'float32');
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    y.dispose();
    expect(Array.from(z.dataSync())).toEqual([1, 2, 3, 4, 5, 6]);
    z.dispose();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(buffers()).toBe(before.buffers);
  });

  it('a cast to another dtype still converts', () => {
    const x = tf.tensor1d([1.7, -2.2, 3]);
    const y = tf.cast(x, 'int32');
    expect(y.dtype).toBe('int32');
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, y]);
  });

  it('gathers whole rows, repeated or in any order, for float32 and int32', () => {
    for (const dtype of ['float32', 'int32'] as const) {
      const x = tf.tensor2d(Array.from({ length: 12 }, (_, i) => i), [4, 3], dtype);
      const rows = tf.gather(x, tf.tensor1d([3, 0, 3, 1], 'int32'));
      expect(rows.shape).toEqual([4, 3]);
      expect(rows.dtype).toBe(dtype);
      expect(Array.from(rows.dataSync())).toEqual([9, 10, 11, 0, 1, 2, 9, 10, 11, 3, 4, 5]);
      tf.dispose([x, rows]);
    }
  });

  it('refuses a row index out of range, leaving no buffer behind', () => {
    const x = tf.zeros([4, 3]);
    const at = tf.tensor1d([4], 'int32');
    const before = buffers();
    expect(() => tf.gather(x, at)).toThrow(/not in \[0, 3\]/);
    expect(buffers()).toBe(before);
    tf.dispose([x, at]);
  });

  it('leaves other gathers (columns, vectors) to the original kernel', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const columns = tf.gather(x, tf.tensor1d([2, 0], 'int32'), 1);
    expect(Array.from(columns.dataSync())).toEqual([3, 1, 6, 4]);
    const v = tf.gather(tf.tensor1d([5, 6, 7]), tf.tensor1d([2, 2], 'int32'));
    expect(Array.from(v.dataSync())).toEqual([7, 7]);
    tf.dispose([x, columns, v]);
  });
});
