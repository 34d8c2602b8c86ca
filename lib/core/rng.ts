/**
 * The one seeded random number generator of the project. Data generation, shuffling and
 * weight initialisation all draw from it, so the same seed (and backend) gives the same run.
 *
 * mulberry32: tiny, fast, 32-bit state, good enough statistical quality for toy experiments.
 */
export interface Rng {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform float in [lo, hi). */
  uniform(lo?: number, hi?: number): number;
  /** Standard normal (Box-Muller). */
  normal(mean?: number, std?: number): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Bernoulli(p). */
  bernoulli(p: number): boolean;
  /** In-place Fisher-Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** A permutation of 0..n-1. */
  permutation(n: number): number[];
  /** Float32Array of n draws from N(mean, std^2). */
  normalArray(n: number, mean?: number, std?: number): Float32Array;
  /** A 32-bit integer seed for libraries that take their own seed (e.g. tf initialisers). */
  seed32(): number;
  /** An independent child stream, so adding draws in one place does not shift another. */
  fork(label: string): Rng;
  /**
   * The seed `fork(label)` would start from (it draws the same one number from this stream):
   * `createRng(rng.forkSeed(label))` is that child. For a part of a run that goes to another
   * worker, which can carry a number but not a closure.
   */
  forkSeed(label: string): number;
}

function hashString(s: string): number {
  let h = 2166136261 >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

export function createRng(seed: number): Rng {
  let state = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  let spareNormal: number | null = null;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (mean = 0, std = 1): number => {
    if (spareNormal !== null) {
      const z = spareNormal;
      spareNormal = null;
      return mean + std * z;
    }
    let u = 0;
    while (u <= Number.EPSILON) u = next();
    const v = next();
    const r = Math.sqrt(-2 * Math.log(u));
    spareNormal = r * Math.sin(2 * Math.PI * v);
    return mean + std * r * Math.cos(2 * Math.PI * v);
  };

  const rng: Rng = {
    next,
    uniform: (lo = 0, hi = 1) => lo + (hi - lo) * next(),
    normal,
    int: (n) => Math.floor(next() * n),
    bernoulli: (p) => next() < p,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const tmp = items[i];
        items[i] = items[j];
        items[j] = tmp;
      }
      return items;
    },
    permutation: (n) => rng.shuffle(Array.from({ length: n }, (_, i) => i)),
    normalArray(n, mean = 0, std = 1) {
      const out = new Float32Array(n);
      for (let i = 0; i < n; i++) out[i] = normal(mean, std);
      return out;
    },
    seed32: () => Math.floor(next() * 2147483647),
    forkSeed: (label) => (hashString(label) ^ Math.floor(next() * 4294967296)) >>> 0,
    fork: (label) => createRng(rng.forkSeed(label)),
  };
  return rng;
}
