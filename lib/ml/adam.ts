/**
 * Adam over all of a model's variables at once, with the update done outside TF.js.
 *
 * TF.js's own Adam runs 14 kernels per variable (an 8-variable VAE: ~115 kernels a step, more
 * than its forward and backward passes together); at these sizes each kernel costs far more in
 * dispatch than in arithmetic. Here the gradients are read once, the moments stay with the
 * optimizer, and the update is one loop over every weight; the new weights go back as one
 * tensor per variable. The loop runs as a small WebAssembly function with real float32
 * arithmetic (adam-wasm.ts) where the engine has WebAssembly, else in JavaScript below.
 *
 * Same arithmetic, in the same order, element by element, as tf.train.adam (tfjs-core 4.22,
 * adam_optimizer.js): every operation is rounded to float32 (Math.fround) exactly where a
 * float32 kernel would round it. For +, -, *, / and sqrt, a double result rounded to float32 is
 * the correctly rounded float32 result, so a run gives the same bits as TF.js's optimizer on the
 * wasm and cpu backends: the unit test checks that the two agree exactly, and every calibration
 * record was made with TF.js's arithmetic.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';
import { createAdamKernel, type AdamKernel, type AdamKernelConstants } from './adam-wasm';

export interface AdamOptions {
  beta1?: number;
  beta2?: number;
  /** Default: the backend's epsilon, as tf.train.adam uses (1e-7 in float32). */
  epsilon?: number;
}

export interface FlatAdam {
  /** One step: gradients of `loss` with respect to the variables, then the update. Returns the loss if asked (caller disposes). */
  minimize(loss: () => TF.Scalar, returnCost: boolean): TF.Scalar | null;
  dispose(): void;
}

const f = Math.fround;

/** The update's constants, rounded to float32 as TF.js rounds them (the WebAssembly kernel takes the same). */
type AdamConstants = AdamKernelConstants;

/**
 * tf.train.adam's update of one variable, as float32 arithmetic: updates m and v, and turns
 * `weights` (a copy read from the backend) into the new weights in place.
 */
function adamUpdate(g: Float32Array, weights: Float32Array, m: Float32Array, v: Float32Array, c: AdamConstants, oneMinusAccBeta1: number, oneMinusAccBeta2: number): void {
  const { beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon, minusLearningRate } = c;
  for (let i = 0; i < g.length; i++) {
    const gi = g[i];
    const newM = f(f(m[i] * beta1) + f(gi * oneMinusBeta1));
    const newV = f(f(v[i] * beta2) + f(f(gi * gi) * oneMinusBeta2));
    m[i] = newM;
    v[i] = newV;
    const mHat = f(newM / oneMinusAccBeta1);
    const vHat = f(newV / oneMinusAccBeta2);
    const step = f(f(mHat / f(f(Math.sqrt(vHat)) + epsilon)) * minusLearningRate);
    weights[i] = f(step + weights[i]);
  }
}

export interface AdamInternals {
  /** Skip WebAssembly and run the JavaScript loop (tests compare the two). */
  javascriptOnly?: boolean;
}

export function createAdam(tf: Tf, variables: TF.Variable[], learningRate: number, options: AdamOptions & AdamInternals = {}): FlatAdam {
  // The constants as TF.js turns them into float32 scalars.
  const beta1 = f(options.beta1 ?? 0.9);
  const beta2 = f(options.beta2 ?? 0.999);
  const oneMinusBeta1 = f(1 - (options.beta1 ?? 0.9));
  const oneMinusBeta2 = f(1 - (options.beta2 ?? 0.999));
  const epsilon = f(options.epsilon ?? tf.backend().epsilon());
  const constants: AdamConstants = { beta1, beta2, oneMinusBeta1, oneMinusBeta2, epsilon, minusLearningRate: f(-learningRate) };
  const update = (options.javascriptOnly ? null : wasmUpdate(variables)) ?? javascriptUpdate(variables);
  let accBeta1 = beta1;
  let accBeta2 = beta2;

  return {
    minimize(loss, returnCost) {
      const { value, grads } = tf.variableGrads(loss, variables);
      const updated = update(
        variables.map((variable) => grads[variable.name].dataSync() as Float32Array),
        variables.map((variable) => variable.dataSync() as Float32Array),
        constants,
        f(1 - accBeta1),
        f(1 - accBeta2),
      );
      tf.dispose(Object.values(grads));
      variables.forEach((variable, i) => {
        const t = tf.tensor(updated[i], variable.shape, 'float32');
        variable.assign(t);
        t.dispose();
      });
      accBeta1 = f(accBeta1 * beta1);
      accBeta2 = f(accBeta2 * beta2);
      if (returnCost) return value;
      value.dispose();
      return null;
    },
    dispose() {
      // Nothing on the backend: the moments are JavaScript or WebAssembly memory.
    },
  };
}

/** Given each variable's gradient and current weights: the new weights (the moments kept inside). */
type Update = (grads: Float32Array[], weights: Float32Array[], c: AdamConstants, oneMinusAccBeta1: number, oneMinusAccBeta2: number) => Float32Array[];

/** The update in JavaScript: moments in Float32Arrays, the weights updated in the arrays read. */
function javascriptUpdate(variables: TF.Variable[]): Update {
  const m = variables.map((variable) => new Float32Array(variable.size));
  const v = variables.map((variable) => new Float32Array(variable.size));
  return (grads, weights, c, a1, a2) => {
    weights.forEach((w, i) => adamUpdate(grads[i], w, m[i], v[i], c, a1, a2));
    return weights;
  };
}

/**
 * The update in WebAssembly: every variable's gradient and weights are copied into one memory
 * (each padded to a multiple of four values, so SIMD lanes never straddle two variables), one
 * call updates them all, and the new weights are copied out. Padding stays zero: a zero
 * gradient on a zero weight with zero moments updates it to zero.
 */
function wasmUpdate(variables: TF.Variable[]): Update | null {
  const kernel: AdamKernel | null = createAdamKernel();
  if (!kernel) return null;
  const starts: number[] = [];
  let total = 0;
  for (const variable of variables) {
    starts.push(total);
    total += Math.ceil(variable.size / 4) * 4;
  }
  // Regions, in float32 indices: gradients, weights, first moments, second moments.
  const [G, W, M, V] = [0, total, 2 * total, 3 * total];
  kernel.reserve(4 * total * 4);
  return (grads, weights, c, a1, a2) => {
    const heap = kernel.heap();
    variables.forEach((_, i) => {
      heap.set(grads[i], G + starts[i]);
      heap.set(weights[i], W + starts[i]);
    });
    kernel.update(total, G * 4, W * 4, M * 4, V * 4, c, a1, a2);
    return variables.map((variable, i) => heap.slice(W + starts[i], W + starts[i] + variable.size));
  };
}
