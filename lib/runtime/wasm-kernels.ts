/**
 * The wasm backend's kernels that we replace with faster ones giving the same bits (see
 * wasm-matmul.ts and wasm-copies.ts). loadTf installs them once the wasm backend is ready, so
 * the browser worker, the CLI, calibration, the bench and the tests all train with them.
 */
import type { Tf } from '../core/contract';
import { blockedBatchMatMul, type TransposeFunc } from './wasm-matmul';
import { rowGather, sharedIdentity, sharedSameDtypeCast } from './wasm-copies';

type KernelConfig = NonNullable<ReturnType<Tf['getKernel']>>;
type KernelFunc = KernelConfig['kernelFunc'];

/** Per kernel name: given the original kernel function (and TF.js), the replacement. */
const REPLACEMENTS: Record<string, (original: KernelFunc, tf: Tf) => KernelFunc> = {
  BatchMatMul: (original, tf) => blockedBatchMatMul(original as never, tf.getKernel('Transpose', 'wasm')!.kernelFunc as unknown as TransposeFunc) as never,
  Identity: (original) => sharedIdentity(original as never) as never,
  Cast: (original) => sharedSameDtypeCast(original as never) as never,
  GatherV2: (original) => rowGather(original as never) as never,
};

const REPLACED = Symbol.for('interp-notes.fastWasmKernel');

type Config = KernelConfig & { [REPLACED]?: true };

/** Replace each kernel once per TF.js instance (the kernel registry is global to it). */
export function installFastWasmKernels(tf: Tf): void {
  for (const [name, replace] of Object.entries(REPLACEMENTS)) {
    const config = tf.getKernel(name, 'wasm') as Config | undefined;
    if (!config || config[REPLACED]) continue;
    tf.unregisterKernel(name, 'wasm');
    tf.registerKernel({ ...config, kernelFunc: replace(config.kernelFunc, tf), [REPLACED]: true } as Config);
  }
}

/** Names of the wasm kernels currently replaced. */
export function fastWasmKernels(tf: Tf): string[] {
  return Object.keys(REPLACEMENTS).filter((name) => (tf.getKernel(name, 'wasm') as Config | undefined)?.[REPLACED] === true);
}
