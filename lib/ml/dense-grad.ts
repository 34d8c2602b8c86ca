/**
 * Dense layers and the Bernoulli reconstruction loss with hand-written gradients
 * (tf.customGrad), for the small models the demos train.
 *
 * Why: at these sizes a training step costs more in TF.js's per-kernel bookkeeping than in
 * arithmetic. Autodiff records every kernel of a layer on the tape, clones the tensors each
 * gradient needs (an Identity kernel apiece), and its gradients reshape and cast along the way:
 * a ReLU layer costs 17 kernels a step, a linear one 17, the reconstruction loss 26. As one
 * custom op each, the forward kernels run off the tape and the backward pass is only the
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
 * `xIsData`: the input needs no gradient (the first layer, fed with data). Autodiff would not
 * compute one; a custom op must return a gradient for each of its inputs, so the input is left
 * out of them instead of paying for a product nobody reads.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';

/** Whether TF.js is recording gradients now (what tfjs-core's fused ops check before fusing an activation). */
const recordingGradients = (tf: Tf) => tf.engine().state.gradientDepth > 0;

/** relu(x W + b). */
export function reluDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D, xIsData = false): TF.Tensor2D {
  if (!recordingGradients(tf)) return tf.fused.matMul({ a: x, b: w, bias: b, activation: 'relu' }) as TF.Tensor2D;
  const forward = (input: TF.Tensor2D, weights: TF.Tensor2D, bias: TF.Tensor1D) => tf.relu(tf.add(tf.matMul(input, weights), bias)) as TF.Tensor2D;
  // relu's gradient: dy * step(pre-activation); step(out) is the same 0/1 mask (out > 0 exactly where pre > 0).
  const grads = (dy: TF.Tensor, input: TF.Tensor2D, weights: TF.Tensor2D, out: TF.Tensor) => {
    const g = tf.mul(dy, tf.step(out)) as TF.Tensor2D;
    return { dx: () => tf.matMul(g, weights, false, true), dw: tf.matMul(input, g, true, false), db: tf.sum(g, 0) };
  };
  if (xIsData) {
    const op = tf.customGrad(((weights: TF.Tensor2D, bias: TF.Tensor1D, save: TF.GradSaveFunc) => {
      const out = forward(x, weights, bias);
      save([weights, out]);
      return {
        value: out,
        gradFunc: (dy: TF.Tensor, [savedW, savedOut]: TF.Tensor[]) => {
          const { dw, db } = grads(dy, x, savedW as TF.Tensor2D, savedOut);
          return [dw, db];
        },
      };
    }) as never) as unknown as (w: TF.Tensor2D, b: TF.Tensor1D) => TF.Tensor2D;
    return op(w, b);
  }
  const op = tf.customGrad(((input: TF.Tensor2D, weights: TF.Tensor2D, bias: TF.Tensor1D, save: TF.GradSaveFunc) => {
    const out = forward(input, weights, bias);
    save([input, weights, out]);
    return {
      value: out,
      gradFunc: (dy: TF.Tensor, [savedX, savedW, savedOut]: TF.Tensor[]) => {
        const { dx, dw, db } = grads(dy, savedX as TF.Tensor2D, savedW as TF.Tensor2D, savedOut);
        return [dx(), dw, db];
      },
    };
  }) as never) as unknown as (x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D) => TF.Tensor2D;
  return op(x, w, b);
}

/** x W + b, as one fused kernel (the same kernel autodiff runs for a linear layer). */
export function linearDense(tf: Tf, x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D): TF.Tensor2D {
  if (!recordingGradients(tf)) return tf.fused.matMul({ a: x, b: w, bias: b }) as TF.Tensor2D;
  const op = tf.customGrad(((input: TF.Tensor2D, weights: TF.Tensor2D, bias: TF.Tensor1D, save: TF.GradSaveFunc) => {
    save([input, weights]);
    return {
      value: tf.fused.matMul({ a: input, b: weights, bias }) as TF.Tensor2D,
      gradFunc: (dy: TF.Tensor, [savedX, savedW]: TF.Tensor[]) => [tf.matMul(dy as TF.Tensor2D, savedW as TF.Tensor2D, false, true), tf.matMul(savedX as TF.Tensor2D, dy as TF.Tensor2D, true, false), tf.sum(dy, 0)],
    };
  }) as never) as unknown as (x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D) => TF.Tensor2D;
  return op(x, w, b);
}

/**
 * Mean over the batch of -log p(x|z) summed over pixels, for Bernoulli pixels with the given
 * logits: mean_i sum_j softplus(l_ij) - x_ij l_ij. `x` is data (no gradient).
 */
export function bernoulliNllMean(tf: Tf, logits: TF.Tensor2D, x: TF.Tensor2D): TF.Scalar {
  const op = tf.customGrad(((l: TF.Tensor2D, save: TF.GradSaveFunc) => {
    save([l]);
    return {
      value: tf.mean(tf.sum(tf.sub(tf.softplus(l), tf.mul(x, l)), 1)) as TF.Scalar,
      // As tfjs-core differentiates it: mean and sum spread dy / n over every pixel (g); then
      // softplus' gives g sigmoid(l) and the product's gradient -g x; the two are added.
      gradFunc: (dy: TF.Tensor, [savedL]: TF.Tensor[]) => {
        const g = tf.div(dy, l.shape[0]);
        return [tf.add(tf.mul(g, tf.sigmoid(savedL)), tf.mul(tf.neg(g), x))];
      },
    };
  }) as never) as unknown as (l: TF.Tensor2D) => TF.Scalar;
  return op(logits);
}
