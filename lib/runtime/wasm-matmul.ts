/**
 * A faster BatchMatMul for the wasm backend, with the same bits.
 *
 * tfjs-backend-wasm 4.22 sends a matMul through XNNPACK only when neither operand is transposed;
 * a transposed one (every gradient of a dense layer: dW = x^T dy, dx = dy W^T) falls back to
 * plain nested loops (`slow_batch_matmul` in batch_mat_mul_impl.cc) that read one operand
 * with a stride and never vectorise: in a VAE training step those three gradient products took
 * about half of the step.
 *
 * That loop sums the shared dimension in blocks of 48, starting each output from 0 and adding
 * each block's partial sum in order. XNNPACK sums a block in the same order, from the same 0, so
 * computing each block with the untransposed (XNNPACK) kernel on copied, untransposed operands
 * and adding the partial sums block by block reproduces the loop's result bit for bit (checked
 * against the original kernel in tests/unit/wasm-matmul.test.ts, and by every experiment's
 * calibration record). Only where the product is large enough to pay for the copies.
 *
 * This works on the backend's own tensor storage (the way the wasm kernels compose each other),
 * so it leans on tfjs-backend-wasm internals: `makeOutput`, `typedArrayFromHeap`, `disposeData`.
 */
import type { TensorInfo, WasmBackend } from './wasm-internals';

/** The shared-dimension block of tfjs-backend-wasm's slow_batch_matmul (kBlockSize). */
export const SLOW_MATMUL_BLOCK = 48;

/** Below this many multiply-adds the copies and extra kernel calls cost more than they save. */
export const MIN_BLOCKED_WORK = 1 << 16;

interface MatMulArgs {
  inputs: { a: TensorInfo; b: TensorInfo };
  backend: WasmBackend;
  attrs: { transposeA: boolean; transposeB: boolean };
}

type KernelFunc = (args: MatMulArgs) => TensorInfo;

/** The backend's Transpose kernel (a C loop), used to lay operands out row-major. */
export type TransposeFunc = (args: { inputs: { x: TensorInfo }; backend: WasmBackend; attrs: { perm: number[] } }) => TensorInfo;

const size = (shape: readonly number[]) => shape.reduce((p, d) => p * d, 1);

/**
 * Wrap `original` (the backend's BatchMatMul): transposed products of one matrix pair go
 * through untransposed XNNPACK calls, one per block of the shared dimension.
 */
export function blockedBatchMatMul(original: KernelFunc, transpose: TransposeFunc): KernelFunc {
  return (args) => {
    const { a, b } = args.inputs;
    const { transposeA, transposeB } = args.attrs;
    const outerA = a.shape.slice(0, -2);
    const outerB = b.shape.slice(0, -2);
    if ((!transposeA && !transposeB) || a.dtype !== 'float32' || b.dtype !== 'float32' || size(outerA) !== 1 || size(outerB) !== 1) {
      return original(args);
    }
    const [aRows, aCols] = a.shape.slice(-2);
    const [bRows, bCols] = b.shape.slice(-2);
    const m = transposeA ? aCols : aRows;
    const k = transposeA ? aRows : aCols;
    const n = transposeB ? bRows : bCols;
    if ((transposeB ? bCols : bRows) !== k || m * n * k < MIN_BLOCKED_WORK) return original(args);

    const backend = args.backend;
    const temporaries: TensorInfo[] = [];
    const temporary = (info: TensorInfo) => (temporaries.push(info), info);
    /** op(X) as a rows x cols row-major matrix: X itself, or its transpose from the C kernel. */
    const rowMajor = (x: TensorInfo, transposed: boolean, rows: number, cols: number): TensorInfo =>
      transposed
        ? temporary(transpose({ inputs: { x: { ...x, shape: [cols, rows] } }, backend, attrs: { perm: [1, 0] } }))
        : { ...x, shape: [rows, cols] };
    const matMul = (left: TensorInfo, right: TensorInfo, kb: number) =>
      original({ inputs: { a: { ...left, shape: [1, m, kb] }, b: { ...right, shape: [1, kb, n] } }, backend, attrs: { transposeA: false, transposeB: false } });
    try {
      const opA = rowMajor(a, transposeA, m, k);
      const opB = rowMajor(b, transposeB, k, n);
      let out: TensorInfo | null = null;
      for (let k0 = 0; k0 < k; k0 += SLOW_MATMUL_BLOCK) {
        const kb = Math.min(SLOW_MATMUL_BLOCK, k - k0);
        let part: TensorInfo;
        if (kb === k) part = matMul(opA, opB, k);
        else {
          const aBlock = temporary(backend.makeOutput([m, kb], 'float32'));
          const bBlock = temporary(backend.makeOutput([kb, n], 'float32'));
          // Offsets after the allocations, which may grow the wasm memory (and detach older views).
          const heap = new Float32Array(backend.typedArrayFromHeap(aBlock).buffer);
          const at = (info: TensorInfo) => backend.typedArrayFromHeap(info).byteOffset >> 2;
          const [aFrom, aTo, bFrom, bTo] = [at(opA), at(aBlock), at(opB), at(bBlock)];
          // Columns k0..k0+kb of op(A), one row at a time; rows k0..k0+kb of op(B) are one run.
          for (let i = 0; i < m; i++) heap.copyWithin(aTo + i * kb, aFrom + i * k + k0, aFrom + i * k + k0 + kb);
          heap.copyWithin(bTo, bFrom + k0 * n, bFrom + (k0 + kb) * n);
          part = matMul(aBlock, bBlock, kb);
        }
        if (out === null) {
          out = part;
          continue;
        }
        // A float32 sum computed in double and stored to float32 is the float32 sum, as the C loop's.
        const total = backend.typedArrayFromHeap(out);
        const add = backend.typedArrayFromHeap(part);
        for (let i = 0; i < total.length; i++) total[i] += add[i];
        backend.disposeData(part.dataId);
      }
      return { ...out!, shape: [...(outerA.length >= outerB.length ? outerA : outerB), m, n] };
    } finally {
      for (const info of temporaries) backend.disposeData(info.dataId);
    }
  };
}
