/**
 * Adam over all of a model's variables at once. TF.js's own Adam runs 14 kernels per variable
 * (an 8-variable VAE: ~115 kernels a step, more than its forward and backward passes together);
 * at these sizes each kernel costs far more in overhead than in arithmetic. Here the gradients
 * are concatenated into one vector, the moments live in two flat variables, and the update is
 * split back: 13 + 2 x variables kernels.
 *
 * Same arithmetic, in the same order, element by element, as tf.train.adam (tfjs-core 4.22,
 * adam_optimizer.js), so a run gives the same numbers as before: the unit test checks that
 * the two agree exactly.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../core/contract';

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

export function createAdam(tf: Tf, variables: TF.Variable[], learningRate: number, options: AdamOptions = {}): FlatAdam {
  const beta1 = options.beta1 ?? 0.9;
  const beta2 = options.beta2 ?? 0.999;
  const epsilon = options.epsilon ?? tf.backend().epsilon();
  const sizes = variables.map((v) => v.size);
  const total = sizes.reduce((a, b) => a + b, 0);
  // tidy frees the initial values; the variables survive it (a variable keeps its own reference).
  const [m, v, accBeta1, accBeta2] = tf.tidy(() => [
    tf.variable(tf.zeros([total]), false),
    tf.variable(tf.zeros([total]), false),
    tf.variable(tf.scalar(beta1), false),
    tf.variable(tf.scalar(beta2), false),
  ]);

  return {
    minimize(loss, returnCost) {
      const { value, grads } = tf.variableGrads(loss, variables);
      tf.tidy(() => {
        const g = tf.concat(variables.map((variable) => tf.reshape(grads[variable.name], [-1])));
        const oneMinusAccBeta1 = tf.sub(1, accBeta1);
        const oneMinusAccBeta2 = tf.sub(1, accBeta2);
        const newM = tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1));
        const newV = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
        const mHat = tf.div(newM, oneMinusAccBeta1);
        const vHat = tf.div(newV, oneMinusAccBeta2);
        m.assign(newM);
        v.assign(newV);
        const step = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), epsilon)), -learningRate);
        const parts = variables.length === 1 ? [step] : tf.split(step, sizes);
        variables.forEach((variable, i) => variable.assign(tf.add(tf.reshape(parts[i], variable.shape), variable)));
        accBeta1.assign(tf.mul(accBeta1, beta1));
        accBeta2.assign(tf.mul(accBeta2, beta2));
      });
      tf.dispose(Object.values(grads));
      if (returnCost) return value;
      value.dispose();
      return null;
    },
    dispose() {
      tf.dispose([m, v, accBeta1, accBeta2]);
    },
  };
}
