/**
 * Projected gradient descent (PGD) attacks (Madry et al. 2018), model-agnostic: the caller hands
 * in a function from inputs to the gradient of the attack's loss, so the same code attacks a
 * plain-TypeScript MLP (lib/ml/plain-mlp.ts), a TF.js model (wrap its gradient) or anything else.
 *
 * Inputs are n rows of `dim` numbers, flattened row-major. Every norm and every projection is per
 * row, so each example gets its own ball around its own starting point:
 *
 *   x_{k+1} = x_0 + Π_ε( x_k ± α · s(∇_x L(x_k)) − x_0 ),
 *   s(g) = g / ||g||_2 for the L2 ball, sign(g) for the L∞ ball,
 *
 * with + to raise the loss (untargeted: the loss of the true label) and − to lower it (targeted:
 * the loss of the class the attacker wants). Plain TypeScript, no TF.js.
 */

export type AttackNorm = 'l2' | 'linf';

/**
 * Exact Euclidean projection of each row of `delta` onto the L2 ball of radius `epsilon`, in
 * place: rows inside are unchanged, rows outside are scaled back to length epsilon.
 */
export function projectL2(delta: Float64Array, dim: number, epsilon: number): Float64Array {
  for (let row = 0; row < delta.length; row += dim) {
    let sq = 0;
    for (let k = 0; k < dim; k++) sq += delta[row + k] * delta[row + k];
    const norm = Math.sqrt(sq);
    if (norm > epsilon) {
      const scale = epsilon / norm;
      for (let k = 0; k < dim; k++) delta[row + k] *= scale;
    }
  }
  return delta;
}

/** Exact projection onto the L∞ ball of radius `epsilon`, in place: each coordinate clipped to [-ε, ε]. */
export function projectLinf(delta: Float64Array, epsilon: number): Float64Array {
  for (let i = 0; i < delta.length; i++) delta[i] = Math.max(-epsilon, Math.min(epsilon, delta[i]));
  return delta;
}

export function projectToBall(delta: Float64Array, dim: number, epsilon: number, norm: AttackNorm): Float64Array {
  return norm === 'l2' ? projectL2(delta, dim, epsilon) : projectLinf(delta, epsilon);
}

/** Largest per-row norm of `delta` (L2 or L∞): what "stays within the ball" is checked against. */
export function maxRowNorm(delta: ArrayLike<number>, dim: number, norm: AttackNorm): number {
  let worst = 0;
  for (let row = 0; row < delta.length; row += dim) {
    let v = 0;
    for (let k = 0; k < dim; k++) v = norm === 'l2' ? v + delta[row + k] * delta[row + k] : Math.max(v, Math.abs(delta[row + k]));
    worst = Math.max(worst, norm === 'l2' ? Math.sqrt(v) : v);
  }
  return worst;
}

export interface PgdOptions {
  norm: AttackNorm;
  /** Radius of the ball around each starting row. 0 returns a copy of the input. */
  epsilon: number;
  steps: number;
  /** Step length α in the attack's norm (a common choice: 2.5 ε / steps). */
  stepSize: number;
  /** 'ascend' raises the loss (untargeted); 'descend' lowers it (targeted). */
  direction: 'ascend' | 'descend';
  /**
   * Optional box the inputs must stay in (e.g. pixel range [0, 1]), applied after each projection.
   * x0 must lie in it: clipping then only moves a coordinate back towards x0, so the ball still holds.
   */
  clip?: [number, number];
  /** Optional starting offset (e.g. random noise for a random start); projected onto the ball first. */
  start?: Float64Array;
}

/**
 * Runs PGD from `x0` (n rows of `dim`) and returns the perturbed inputs as a new array.
 * `lossGradient(x)` must return ∂L/∂x for every row of x (same layout); it may reuse its output
 * buffer between calls. Every iterate, and so the result, lies in each row's ball around x0.
 */
export function pgd(x0: Float64Array, dim: number, lossGradient: (x: Float64Array) => Float64Array, options: PgdOptions): Float64Array {
  const { norm, epsilon, steps, stepSize, direction, clip } = options;
  const size = x0.length;
  const sign = direction === 'ascend' ? 1 : -1;
  const delta = new Float64Array(size);
  if (options.start) for (let i = 0; i < size; i++) delta[i] = options.start[i];
  const x = new Float64Array(size);
  const place = () => {
    projectToBall(delta, dim, epsilon, norm);
    for (let i = 0; i < size; i++) {
      let v = x0[i] + delta[i];
      if (clip) {
        v = Math.max(clip[0], Math.min(clip[1], v));
        // Keep delta equal to what was actually applied (clipping only shrinks it).
        delta[i] = v - x0[i];
      }
      x[i] = v;
    }
  };
  place();
  if (epsilon <= 0) return x;
  for (let step = 0; step < steps; step++) {
    const g = lossGradient(x);
    for (let row = 0; row < size; row += dim) {
      let scale: number;
      if (norm === 'l2') {
        let sq = 0;
        for (let k = 0; k < dim; k++) sq += g[row + k] * g[row + k];
        // A zero gradient gives no direction: that row stays where it is.
        scale = sq > 0 ? (sign * stepSize) / Math.sqrt(sq) : 0;
        for (let k = 0; k < dim; k++) delta[row + k] += scale * g[row + k];
      } else {
        for (let k = 0; k < dim; k++) delta[row + k] += sign * stepSize * Math.sign(g[row + k]);
      }
    }
    place();
  }
  return x;
}
