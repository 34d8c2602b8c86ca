/**
 * Feature-attribution (saliency) methods for any classifier that can give a logit and its input
 * gradient, in plain TypeScript, plus a model-free edge detector to compare them with.
 *
 * Every method returns a SIGNED map, one value per input pixel; scores that care only about
 * where the attribution is (trigger mass, rank correlation of |A|) take absolute values
 * themselves. Equations:
 *   gradient           A = d f_t / d x                                    (Simonyan et al. 2014)
 *   gradient x input   A = x * d f_t / d x
 *   integrated grads   A = (x - x') * (1/m) sum_{k=1..m} d f_t / d x at x' + (k/m)(x - x')
 *                      (right Riemann sum; Sundararajan et al. 2017; sums to f(x) - f(x') as m grows)
 *   occlusion          A_p = mean over the windows W containing p of f_t(x) - f_t(x with W set to `fill`)
 *                      (sliding windows, stride 1; Zeiler & Fergus 2014)
 *   SmoothGrad         A = (1/n) sum_j d f_t / d x at x + N(0, sigma^2)   (Smilkov et al. 2017)
 *   edge detector      |Sobel(x)|: looks at the image only, never at the model
 */
import type { Rng } from '../core/rng';

/** What the methods need from a model: the target logit and its gradient with respect to the input. */
export interface DifferentiableClassifier {
  inputSize: number;
  logit(x: ArrayLike<number>, target: number): number;
  gradient(x: ArrayLike<number>, target: number): Float64Array;
}

export type AttributionMethod = 'gradient' | 'gradientTimesInput' | 'integratedGradients' | 'occlusion' | 'smoothGrad';

export function gradientMap(model: DifferentiableClassifier, x: ArrayLike<number>, target: number): Float64Array {
  return model.gradient(x, target);
}

export function gradientTimesInput(model: DifferentiableClassifier, x: ArrayLike<number>, target: number): Float64Array {
  const g = model.gradient(x, target);
  for (let i = 0; i < g.length; i++) g[i] *= x[i];
  return g;
}

/** Integrated gradients from `baseline` (default all zeros) with `steps` Riemann steps. */
export function integratedGradients(
  model: DifferentiableClassifier,
  x: ArrayLike<number>,
  target: number,
  steps: number,
  baseline?: ArrayLike<number>,
): Float64Array {
  const D = model.inputSize;
  const base = baseline ?? new Float64Array(D);
  const point = new Float64Array(D);
  const sum = new Float64Array(D);
  for (let k = 1; k <= steps; k++) {
    const alpha = k / steps;
    for (let i = 0; i < D; i++) point[i] = base[i] + alpha * (x[i] - base[i]);
    const g = model.gradient(point, target);
    for (let i = 0; i < D; i++) sum[i] += g[i];
  }
  for (let i = 0; i < D; i++) sum[i] = ((x[i] - base[i]) * sum[i]) / steps;
  return sum;
}

/**
 * Occlusion on a side x side image: every window x window square (stride 1) is set to `fill`,
 * and each pixel gets the mean drop of the target logit over the windows that cover it.
 */
export function occlusion(
  model: DifferentiableClassifier,
  x: ArrayLike<number>,
  target: number,
  side: number,
  window: number,
  fill = 0,
): Float64Array {
  const D = side * side;
  const full = model.logit(x, target);
  const total = new Float64Array(D);
  const count = new Float64Array(D);
  const occluded = Float64Array.from({ length: D }, (_, i) => x[i]);
  for (let top = 0; top + window <= side; top++) {
    for (let left = 0; left + window <= side; left++) {
      for (let r = top; r < top + window; r++) for (let c = left; c < left + window; c++) occluded[r * side + c] = fill;
      const drop = full - model.logit(occluded, target);
      for (let r = top; r < top + window; r++)
        for (let c = left; c < left + window; c++) {
          const p = r * side + c;
          total[p] += drop;
          count[p] += 1;
          occluded[p] = x[p];
        }
    }
  }
  for (let p = 0; p < D; p++) total[p] = count[p] > 0 ? total[p] / count[p] : 0;
  return total;
}

/** SmoothGrad: the gradient averaged over `samples` copies of x with Gaussian noise of sd `sigma`. */
export function smoothGrad(
  model: DifferentiableClassifier,
  x: ArrayLike<number>,
  target: number,
  rng: Rng,
  samples: number,
  sigma: number,
): Float64Array {
  const D = model.inputSize;
  const noisy = new Float64Array(D);
  const sum = new Float64Array(D);
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < D; i++) noisy[i] = x[i] + rng.normal(0, sigma);
    const g = model.gradient(noisy, target);
    for (let i = 0; i < D; i++) sum[i] += g[i];
  }
  for (let i = 0; i < D; i++) sum[i] /= samples;
  return sum;
}

/**
 * Sobel gradient magnitude of a side x side image (pixels outside count as 0): the model-free
 * baseline. It outlines strokes and any bright patch, so it "looks like" an explanation.
 */
export function edgeMap(x: ArrayLike<number>, side: number): Float64Array {
  const at = (r: number, c: number) => (r < 0 || c < 0 || r >= side || c >= side ? 0 : x[r * side + c]);
  const out = new Float64Array(side * side);
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      const gx = at(r - 1, c + 1) + 2 * at(r, c + 1) + at(r + 1, c + 1) - at(r - 1, c - 1) - 2 * at(r, c - 1) - at(r + 1, c - 1);
      const gy = at(r + 1, c - 1) + 2 * at(r + 1, c) + at(r + 1, c + 1) - at(r - 1, c - 1) - 2 * at(r - 1, c) - at(r - 1, c + 1);
      out[r * side + c] = Math.hypot(gx, gy);
    }
  return out;
}
