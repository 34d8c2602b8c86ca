/**
 * Kernels of the wasm backend that only move numbers, made cheaper; every value is copied
 * unchanged, so results are the same bits.
 *
 * - Identity (and Cast to the same dtype) copies its input into a new buffer. TF.js runs one
 *   for every tensor a gradient needs later (Engine.saveTensorsForBackwardMode clones it), about
 *   50 per VAE training step. Here it shares the input's buffer, as the backend's own Reshape
 *   does: no wasm kernel writes into an input, so a shared buffer is never changed under anyone.
 * - GatherV2 of whole rows (the minibatch of every training step) runs a per-element index loop
 *   in wasm; here each row is one typed-array copy.
 *
 * Like wasm-matmul.ts, this works on the backend's own tensor storage (tfjs-backend-wasm
 * internals: makeOutput, typedArrayFromHeap, incRef).
 */
import type { TensorInfo, WasmBackend } from './wasm-internals';

interface KernelArgs {
  inputs: Record<string, TensorInfo>;
  backend: WasmBackend;
  attrs?: Record<string, unknown>;
}

export type KernelFunc = (args: KernelArgs) => TensorInfo;

/** Identity that shares its input's buffer (the backend counts references per buffer). */
export function sharedIdentity(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (x.dtype === 'string') return original(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/** Cast that shares the buffer when the dtype does not change. */
export function sharedSameDtypeCast(original: KernelFunc): KernelFunc {
  return (args) => {
    const x = args.inputs.x;
    if (args.attrs?.dtype !== x.dtype || x.dtype === 'string') return original(args);
    args.backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/** GatherV2 of rows of a matrix (axis 0, 1-D indices) as one copy per row. */
export function rowGather(original: KernelFunc): KernelFunc {
  return (args) => {
    const { x, indices } = args.inputs;
    const axis = Number(args.attrs?.axis ?? 0);
    const batchDims = Number(args.attrs?.batchDims ?? 0);
    if (x.shape.length !== 2 || axis !== 0 || batchDims !== 0 || indices.shape.length !== 1 || indices.dtype !== 'int32' || (x.dtype !== 'float32' && x.dtype !== 'int32')) {
      return original(args);
    }
    const [rows, cols] = x.shape;
    const count = indices.shape[0];
    const backend = args.backend;
    const out = backend.makeOutput([count, cols], x.dtype);
    // Views after the allocation, which may have grown (and detached) the wasm memory. Both
    // dtypes are 4 bytes wide; copyWithin moves bytes, so one Int32 view of the heap serves.
    const at = backend.typedArrayFromHeap(indices);
    const from = backend.typedArrayFromHeap(x).byteOffset >> 2;
    const to = backend.typedArrayFromHeap(out).byteOffset >> 2;
    const heap = new Int32Array(at.buffer);
    for (let i = 0; i < count; i++) {
      const row = at[i];
      if (!(row >= 0 && row < rows)) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: the index value ${row} is not in [0, ${rows - 1}]`);
      }
      heap.copyWithin(to + i * cols, from + row * cols, from + row * cols + cols);
    }
    return out;
  };
}
