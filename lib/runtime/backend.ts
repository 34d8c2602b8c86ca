/**
 * Loading TensorFlow.js and choosing its backend. Our models are tiny, so per-op overhead
 * dominates: wasm beats cpu by ~5x and webgl (often software-emulated) is slower still.
 * Order: wasm, then cpu. webgl only when a caller asks for it explicitly.
 *
 * TF.js is imported dynamically so that only the worker / Node runner pays for it.
 */
import type { Tf } from '../core/contract';
import { installFastWasmKernels } from './wasm-kernels';

export type BackendName = 'wasm' | 'webgl' | 'cpu';

export interface LoadTfOptions {
  /** Backends to try, in order. Default: wasm then cpu. */
  preferred?: BackendName[];
  /** Browser only: absolute URL of the folder holding the tfjs-backend-wasm .wasm files. */
  wasmPath?: string;
  /** Give up on a backend whose `tf.ready()` takes longer than this. */
  timeoutMs?: number;
}

export interface LoadedTf {
  tf: Tf;
  /** 'js': no TF.js at all (an experiment in plain TypeScript, see PLAIN_JS). */
  backend: BackendName | 'js';
  /** Why earlier-preferred backends were skipped, in words (shown in the UI / CLI). */
  fallbacks: string[];
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within ${ms} ms`)), ms);
    promise.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

/**
 * What the runners hand to an experiment that declares `usesTf: false`: no TF.js is loaded,
 * and `tf` is never touched (the experiment contract forbids it).
 */
export const PLAIN_JS: LoadedTf = { tf: undefined as unknown as Tf, backend: 'js', fallbacks: [] };

let cached: Promise<LoadedTf> | null = null;

/**
 * Load TF.js once per process / worker and pick the first backend that starts. A failed load
 * (offline: its chunks could not be downloaded) is forgotten, so the next attempt tries again.
 */
export function loadTf(options: LoadTfOptions = {}): Promise<LoadedTf> {
  if (!cached) {
    const attempt = doLoad(options);
    cached = attempt;
    attempt.catch(() => {
      if (cached === attempt) cached = null;
    });
  }
  return cached;
}

async function doLoad(options: LoadTfOptions): Promise<LoadedTf> {
  const preferred = options.preferred ?? ['wasm', 'cpu'];
  const timeoutMs = options.timeoutMs ?? 15_000;
  const tf = (await import('@tensorflow/tfjs')) as unknown as Tf;
  const fallbacks: string[] = [];
  for (const name of preferred) {
    try {
      if (name === 'wasm') {
        const wasm = await import('@tensorflow/tfjs-backend-wasm');
        if (options.wasmPath) wasm.setWasmPaths(options.wasmPath);
        // The threaded build crashes once bundled; the single-thread SIMD build is what we measured.
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      }
      const ok = await withTimeout(Promise.resolve(tf.setBackend(name)), timeoutMs, `The ${name} backend`);
      if (!ok) throw new Error(`tf.setBackend('${name}') returned false`);
      await withTimeout(tf.ready(), timeoutMs, `The ${name} backend`);
      tf.enableProdMode();
      // Same bits, faster: transposed matMuls through XNNPACK, no copies for clones and batches.
      if (name === 'wasm') installFastWasmKernels(tf);
      return { tf, backend: name, fallbacks };
    } catch (err) {
      fallbacks.push(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  throw new Error(`No TensorFlow.js backend could start (${fallbacks.join('; ')}).`);
}
