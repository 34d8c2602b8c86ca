/**
 * A one-hidden-layer ReLU classifier in plain TypeScript (no TF.js): logits = W2 relu(W1 x + b1) + b2,
 * trained with softmax cross-entropy and Adam on minibatches. At 64 -> 64 -> 10 a training step on
 * 64 examples is about 0.3 M multiply-adds, so a few hundred steps take well under a second, and
 * the exact input gradient (what saliency methods need) is a few lines instead of a tape.
 *
 * Layout: w1 is nIn x nHidden and w2 is nHidden x nOut, both row-major (w1[i * nHidden + h]).
 */
import type { Rng } from '../core/rng';

export interface ReluMlp {
  nIn: number;
  nHidden: number;
  nOut: number;
  w1: Float64Array;
  b1: Float64Array;
  w2: Float64Array;
  b2: Float64Array;
}

/** Glorot-uniform weights drawn from `rng`, zero biases. */
export function createReluMlp(rng: Rng, nIn: number, nHidden: number, nOut: number): ReluMlp {
  const glorot = (fanIn: number, fanOut: number) => {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    const w = new Float64Array(fanIn * fanOut);
    for (let i = 0; i < w.length; i++) w[i] = rng.uniform(-limit, limit);
    return w;
  };
  return {
    nIn,
    nHidden,
    nOut,
    w1: glorot(nIn, nHidden),
    b1: new Float64Array(nHidden),
    w2: glorot(nHidden, nOut),
    b2: new Float64Array(nOut),
  };
}

/** Hidden pre-activations W1 x + b1 for the input starting at `offset` in `x`. */
function hiddenPre(net: ReluMlp, x: ArrayLike<number>, offset: number, out: Float64Array): Float64Array {
  const H = net.nHidden;
  out.set(net.b1);
  for (let i = 0; i < net.nIn; i++) {
    const xi = x[offset + i];
    if (xi === 0) continue;
    const row = i * H;
    for (let h = 0; h < H; h++) out[h] += xi * net.w1[row + h];
  }
  return out;
}

/** The logits for one input (x[offset .. offset + nIn)). */
export function mlpLogits(net: ReluMlp, x: ArrayLike<number>, offset = 0): Float64Array {
  const pre = hiddenPre(net, x, offset, new Float64Array(net.nHidden));
  const out = Float64Array.from(net.b2);
  const K = net.nOut;
  for (let h = 0; h < net.nHidden; h++) {
    const a = pre[h];
    if (a <= 0) continue;
    for (let k = 0; k < K; k++) out[k] += a * net.w2[h * K + k];
  }
  return out;
}

/** d logit_target / d x for one input: the network is piecewise linear, so this is exact. */
export function mlpInputGradient(net: ReluMlp, x: ArrayLike<number>, target: number, offset = 0): Float64Array {
  const pre = hiddenPre(net, x, offset, new Float64Array(net.nHidden));
  const H = net.nHidden;
  const grad = new Float64Array(net.nIn);
  for (let h = 0; h < H; h++) {
    if (pre[h] <= 0) continue;
    const back = net.w2[h * net.nOut + target];
    for (let i = 0; i < net.nIn; i++) grad[i] += back * net.w1[i * H + h];
  }
  return grad;
}

/** Index of the largest logit for each of the n inputs in `x` (n x nIn, row-major). */
export function mlpPredict(net: ReluMlp, x: ArrayLike<number>, n: number): Int32Array {
  const out = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const z = mlpLogits(net, x, j * net.nIn);
    let best = 0;
    for (let k = 1; k < z.length; k++) if (z[k] > z[best]) best = k;
    out[j] = best;
  }
  return out;
}

/** A deep copy, e.g. to keep the initial weights. */
export function cloneReluMlp(net: ReluMlp): ReluMlp {
  return { ...net, w1: net.w1.slice(), b1: net.b1.slice(), w2: net.w2.slice(), b2: net.b2.slice() };
}

/** Adam (Kingma & Ba defaults) on softmax cross-entropy, one minibatch per `step`. */
export class ReluMlpTrainer {
  private readonly params: Float64Array[];
  private readonly grads: Float64Array[];
  private readonly m: Float64Array[];
  private readonly v: Float64Array[];
  private t = 0;
  private readonly pre: Float64Array;
  private readonly dHidden: Float64Array;
  private readonly probs: Float64Array;

  constructor(
    private readonly net: ReluMlp,
    private readonly learningRate: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly epsilon = 1e-8,
  ) {
    this.params = [net.w1, net.b1, net.w2, net.b2];
    this.grads = this.params.map((p) => new Float64Array(p.length));
    this.m = this.params.map((p) => new Float64Array(p.length));
    this.v = this.params.map((p) => new Float64Array(p.length));
    this.pre = new Float64Array(net.nHidden);
    this.dHidden = new Float64Array(net.nHidden);
    this.probs = new Float64Array(net.nOut);
  }

  /** One Adam step on the examples `batch` of `x` (rows of nIn) with integer `labels`; returns the mean loss. */
  step(x: ArrayLike<number>, labels: ArrayLike<number>, batch: ArrayLike<number>): number {
    const { net, pre, dHidden, probs } = this;
    const [gw1, gb1, gw2, gb2] = this.grads;
    for (const g of this.grads) g.fill(0);
    const H = net.nHidden;
    const K = net.nOut;
    const D = net.nIn;
    let loss = 0;
    for (let j = 0; j < batch.length; j++) {
      const row = batch[j];
      const offset = row * D;
      hiddenPre(net, x, offset, pre);
      // Logits, then softmax probabilities (shifted by the max for stability).
      probs.set(net.b2);
      for (let h = 0; h < H; h++) {
        const a = pre[h];
        if (a <= 0) continue;
        for (let k = 0; k < K; k++) probs[k] += a * net.w2[h * K + k];
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) max = Math.max(max, probs[k]);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += probs[k] = Math.exp(probs[k] - max);
      for (let k = 0; k < K; k++) probs[k] /= sum;
      const y = labels[row];
      loss -= Math.log(Math.max(probs[y], 1e-12));
      // d loss / d logits = p - onehot(y).
      probs[y] -= 1;
      for (let k = 0; k < K; k++) gb2[k] += probs[k];
      for (let h = 0; h < H; h++) {
        const a = pre[h];
        let back = 0;
        if (a > 0) {
          for (let k = 0; k < K; k++) {
            gw2[h * K + k] += a * probs[k];
            back += net.w2[h * K + k] * probs[k];
          }
        }
        dHidden[h] = back;
        gb1[h] += back;
      }
      for (let i = 0; i < D; i++) {
        const xi = x[offset + i];
        if (xi === 0) continue;
        const r = i * H;
        for (let h = 0; h < H; h++) gw1[r + h] += xi * dHidden[h];
      }
    }
    const scale = 1 / batch.length;
    this.t++;
    const c1 = 1 - Math.pow(this.beta1, this.t);
    const c2 = 1 - Math.pow(this.beta2, this.t);
    for (let p = 0; p < this.params.length; p++) {
      const w = this.params[p];
      const g = this.grads[p];
      const m = this.m[p];
      const v = this.v[p];
      for (let i = 0; i < w.length; i++) {
        const gi = g[i] * scale;
        m[i] = this.beta1 * m[i] + (1 - this.beta1) * gi;
        v[i] = this.beta2 * v[i] + (1 - this.beta2) * gi * gi;
        w[i] -= (this.learningRate * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + this.epsilon);
      }
    }
    return loss * scale;
  }
}
