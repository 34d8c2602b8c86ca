/**
 * The hand-written gradients of lib/ml/dense-grad.ts give autodiff's bits exactly: the demos'
 * recorded numbers were made with TF.js's own gradients.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type * as TF from '@tensorflow/tfjs';
import { loadTf } from '@/lib/runtime/backend';
import type { Tf } from '@/lib/core/contract';
import { createRng } from '@/lib/core/rng';
import { linearDense, reluDense } from '@/lib/ml/dense-grad';
import { bernoulliNllMean } from '@/lib/ml/vae';

let tf: Tf;
beforeAll(async () => {
  tf = (await loadTf({ preferred: ['wasm', 'cpu'] })).tf;
});

const random = (seed: number, shape: [number, number] | [number]) => tf.tensor(createRng(seed).normalArray(shape.reduce((a, b) => a * b, 1)), shape);

/** Gradients of sum(f(...) * r) with respect to the variables, read back, for a fixed random r. */
function gradsOf(f: (x: TF.Tensor2D, w: TF.Tensor2D, b: TF.Tensor1D) => TF.Tensor, x: TF.Tensor2D, vars: { w: TF.Variable; b: TF.Variable; h: TF.Variable }) {
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      // The input passes through a variable too, so the gradient with respect to it is needed.
      const input = tf.mul(x, vars.h) as TF.Tensor2D;
      const out = f(input, vars.w as TF.Tensor2D, vars.b as TF.Tensor1D);
      return tf.sum(tf.mul(out, random(9, out.shape as [number, number]))) as TF.Scalar;
    }, [vars.w, vars.b, vars.h]);
    return { value: Array.from(value.dataSync()), w: Array.from(grads[vars.w.name].dataSync()), b: Array.from(grads[vars.b.name].dataSync()), h: Array.from(grads[vars.h.name].dataSync()) };
  });
}

describe('dense layers with hand-written gradients', () => {
  // Shapes as the demos use them, with a product big enough to take the blocked matMul path.
  const [n, k, m] = [64, 96, 48];
  const setup = () => ({
    x: random(1, [n, k]) as TF.Tensor2D,
    vars: { w: tf.variable(random(2, [k, m])), b: tf.variable(random(3, [m])), h: tf.variable(random(4, [n, k])) },
  });

  it('reluDense: the same value and gradients as relu(x W + b) by autodiff', () => {
    const { x, vars } = setup();
    const mine = gradsOf((i, w, b) => reluDense(tf, i, w, b), x, vars);
    const reference = gradsOf((i, w, b) => tf.relu(tf.add(tf.matMul(i, w), b)), x, vars);
    expect(mine.h.some((g) => g !== 0)).toBe(true);
    expect(mine).toEqual(reference);
  });

  it('a layer fed with data: the same weight gradients, and no gradient product for the data', async () => {
    const { x, vars } = setup();
    const step = (f: (w: TF.Tensor2D, b: TF.Tensor1D) => TF.Tensor) => () =>
      tf.tidy(() => {
        const { grads: g } = tf.variableGrads(() => tf.sum(tf.mul(f(vars.w as TF.Tensor2D, vars.b as TF.Tensor1D), random(9, [n, m]))) as TF.Scalar, [vars.w, vars.b]);
        return [Array.from(g[vars.w.name].dataSync()), Array.from(g[vars.b.name].dataSync())];
      });
    const mine = step((w, b) => reluDense(tf, x, w, b));
    const reference = step((w, b) => tf.relu(tf.add(tf.matMul(x, w), b)));
    expect(mine()).toEqual(reference());
    // Autodiff runs two products here (forward, and the weights' gradient); so must the custom op.
    const products = async (f: () => unknown) => (await tf.profile(() => (f(), []))).kernels.filter((k) => k.name === 'BatchMatMul').length;
    expect(await products(mine)).toBe(await products(reference));
  });

  it('linearDense: the same value and gradients as the fused x W + b by autodiff', () => {
    const { x, vars } = setup();
    const mine = gradsOf((i, w, b) => linearDense(tf, i, w, b), x, vars);
    const reference = gradsOf((i, w, b) => tf.fused.matMul({ a: i, b: w, bias: b }), x, vars);
    expect(mine.w.some((g) => g !== 0)).toBe(true);
    expect(mine).toEqual(reference);
  });

  it('bernoulliNllMean: the same value and gradient as mean(sum(softplus(l) - x l)) by autodiff', () => {
    const pixels = tf.tensor2d(Array.from({ length: n * m }, (_, i) => (i * 7919) % 3 === 0 ? 1 : 0), [n, m]);
    const l = tf.variable(random(5, [n, m]));
    const run = (f: (logits: TF.Tensor2D) => TF.Scalar) =>
      tf.tidy(() => {
        // A non-unit upstream gradient (the loss is weighted), as in a beta-VAE's sum of terms.
        const { value, grads } = tf.variableGrads(() => tf.mul(f(tf.mul(l, 1.5) as TF.Tensor2D), 0.7) as TF.Scalar, [l]);
        return { value: value.dataSync()[0], grad: Array.from(grads[l.name].dataSync()) };
      });
    const mine = run((logits) => bernoulliNllMean(tf, logits, pixels));
    const reference = run((logits) => tf.mean(tf.sum(tf.sub(tf.softplus(logits), tf.mul(pixels, logits)), 1)) as TF.Scalar);
    expect(mine).toEqual(reference);
  });

  it('leaks no tensors', () => {
    const { x, vars } = setup();
    const before = tf.memory().numTensors;
    gradsOf((i, w, b) => linearDense(tf, reluDense(tf, i, w, b), tf.transpose(w) as TF.Tensor2D, tf.zeros([k]) as TF.Tensor1D), x, vars);
    expect(tf.memory().numTensors).toBe(before);
  });
});
