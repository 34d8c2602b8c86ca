/**
 * Ops with hand-written gradients (`customOp`), and the dense layers built on it, for the small
 * models the demos train (the VAE's Bernoulli reconstruction loss is one too: lib/ml/vae.ts).
 *
 * Why: at these sizes a training step costs more in TF.js's per-kernel bookkeeping than in
 * arithmetic. Autodiff records every kernel of a layer on the tape, clones the tensors each
 * gradient needs (an Identity kernel apiece), and its gradients reshape and cast along the way:
 * a ReLU layer costs 17 kernels a step, a linear one 17, the reconstruction loss 26. As one
 * custom op each (see customOp below), the forward kernels run off the tape and the backward pass is only the
 * products it needs: 11, 9 and 13. (The VAE step: 163 kernels before, see `npm run bench`.)
 *
 * Same bits as autodiff: the forward pass runs the very kernels the plain formula runs (in
 * particular a ReLU layer stays matMul + add + relu: TF.js does not fuse an activation while
 * recording gradients, and a fused bias add rounds differently), and each gradient is the one
 * tfjs-core's own gradient functions compute, operation for operation
 * (tests/unit/dense-grad.test.ts compares them exactly, and every experiment's claims test re-runs
 * a recorded seed).
 *
 * Outside gradient recording (evaluation, sampling) a layer is the one fused kernel TF.js runs
 * for it there, activation included, exactly as `tf.fused.matMul` decides (tfjs-core's
 * shouldFuse: fuse unless gradients are being recorded).
 *
 * As with autodiff, a gradient is computed only for inputs that need one (a first layer's data
 * input gets none).
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';

/** Whether TF.js is recording gradients now (what tfjs-core's fused ops check before fusing an activation). */
const recordingGradients = (tf: Tf) => tf.engine().state.gradientDepth > 0;

/** What a custom op's gradient gives back: one function per input, called only for inputs that need it. */
type LazyGradients = Record<string, () => TF.Tensor>;

/**
 * One op with a hand-written gradient. Like tf.customGrad, except that each input's gradient is
 * computed only if the input needs one (tf.customGrad computes them all): tfjs-core's tape asks
 * only for the inputs that lead back to the variables, so a layer fed with data skips the
 * product x's gradient would cost (for a 256-input first layer, as much as the forward pass).
 * This goes through the engine's `runKernelFunc`, the entry point tf.customGrad itself uses
 * (private in tfjs-core's typings; the version is pinned and the unit tests hold it to autodiff).
 */
export function customOp<T extends TF.Tensor>(tf: Tf, inputs: Record<string, TF.Tensor>, forward: (save: (tensors: TF.Tensor[]) => void) => T, gradients: (dy: TF.Tensor, saved: TF.Tensor[]) => LazyGradients): T {
  const engine = tf.engine() as unknown as {
    runKernelFunc(params: { forwardFunc: (backend: unknown, save: (tensors: TF.Tensor[]) => void) => TF.Tensor; backwardsFunc: (dy: TF.Tensor, saved: TF.Tensor[]) => LazyGradients; inputs: Record<string, TF.Tensor> }): TF.Tensor;
  };
  return engine.runKernelFunc({ forwardFunc: (_backend, save) => forward(save), backwardsFunc: gradients, inputs }) as T;
}

/** relu(x W + b) for a 2-D x. */
export function reluDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D): TF.Tensor2D {
  if (!recordingGradients(tf)) return tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' }) as TF.Tensor2D;
  return customOp(
    tf,
    { x, w, b },
    (save) => {
      const out = tf.relu(tf.add(tf.matMul(x, w), b)) as TF.Tensor2D;
      save([x, w, out]);
      return out;
    },
    (dy, [savedX, savedW, out]) => {
      // relu's gradient: dy * step(pre-activation); step(out) is the same 0/1 mask (out > 0 exactly where pre > 0).
      const g = tf.mul(dy, tf.step(out)) as TF.Tensor2D;
      return { x: () => tf.matMul(g, savedW as TF.Tensor2D, false, true), w: () => tf.matMul(savedX as TF.Tensor2D, g, true, false), b: () => tf.sum(g, 0) };
    },
  );
}

/** x W + b for a 2-D x, as one fused kernel (the same kernel autodiff runs for a linear layer). */
export function linearDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D): TF.Tensor2D {
  if (!recordingGradients(tf)) return tf.fused.matMul({ a: x, b: w, bias: b }) as TF.Tensor2D;
  return customOp(
    tf,
    { x, w, b },
    (save) => {
      save([x, w]);
      return tf.fused.matMul({ a: x, b: w, bias: b }) as TF.Tensor2D;
    },
    (dy, [savedX, savedW]) => ({
      x: () => tf.matMul(dy as TF.Tensor2D, savedW as TF.Tensor2D, false, true),
      w: () => tf.matMul(savedX as TF.Tensor2D, dy as TF.Tensor2D, true, false),
      b: () => tf.sum(dy, 0),
    }),
  );
}
