/**
 * The wasm backend's kernels that we replace with faster ones giving the same bits (see
 * wasm-matmul.ts and wasm-copies.ts). loadTf installs them once the wasm backend is ready, so
 * the browser worker, the CLI, calibration, the bench and the tests all train with them.
 */
import type { Tf } from '../core/contract';
import { blockedBatchMatMul } from './wasm-matmul';
import { rowGather, sharedIdentity, sharedSameDtypeCast } from './wasm-copies';

type Wrap = (original: never) => unknown;

const REPLACEMENTS: Record<string, Wrap> = {
  BatchMatMul: blockedBatchMatMul as Wrap,
  Identity: sharedIdentity as Wrap,
  Cast: sharedSameDtypeCast as Wrap,
  GatherV2: rowGather as Wrap,
};

const REPLACED = Symbol.for('interp-notes.fastWasmKernel');

type Config = NonNullable<ReturnType<Tf['getKernel']>> & { [REPLACED]?: true };

/** Replace each kernel once per TF.js instance (the kernel registry is global to it). */
export function installFastWasmKernels(tf: Tf): void {
  for (const [name, wrap] of Object.entries(REPLACEMENTS)) {
    const config = tf.getKernel(name, 'wasm') as Config | undefined;
    if (!config || config[REPLACED]) continue;
    tf.unregisterKernel(name, 'wasm');
    const kernelFunc = (wrap as (original: Config['kernelFunc']) => Config['kernelFunc'])(config.kernelFunc);
    tf.registerKernel({ ...config, kernelFunc, [REPLACED]: true } as Config);
  }
}

/** Names of the wasm kernels currently replaced. */
export function fastWasmKernels(tf: Tf): string[] {
  return Object.keys(REPLACEMENTS).filter((name) => (tf.getKernel(name, 'wasm') as Config | undefined)?.[REPLACED] === true);
}
