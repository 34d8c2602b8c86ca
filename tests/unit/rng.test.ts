import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';

const draws = (seed: number, n: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

const mean = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, v) => s + v, 0) / xs.length;
const variance = (xs: ArrayLike<number>) => {
  const m = mean(xs);
  return Array.from(xs).reduce((s, v) => s + (v - m) ** 2, 0) / xs.length;
};
const correlation = (a: number[], b: number[]) => {
  const ma = mean(a);
  const mb = mean(b);
  let num = 0;
  for (let i = 0; i < a.length; i++) num += (a[i] - ma) * (b[i] - mb);
  return num / a.length / Math.sqrt(variance(a) * variance(b));
};

describe('createRng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    expect(draws(42, 50)).toEqual(draws(42, 50));
    const other = draws(43, 50);
    expect(other).not.toEqual(draws(42, 50));
    // Not just shifted by one either.
    expect(other.slice(1)).not.toEqual(draws(42, 50).slice(0, 49));
  });

  it('keeps normals, shuffles and seed32 deterministic too', () => {
    const a = createRng(7);
    const b = createRng(7);
    expect(Array.from(a.normalArray(20))).toEqual(Array.from(b.normalArray(20)));
    expect(a.permutation(30)).toEqual(b.permutation(30));
    expect(a.seed32()).toBe(b.seed32());
  });

  it('draws uniforms in [0, 1) with the right mean and variance', () => {
    const xs = draws(1, 20_000);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(mean(xs)).toBeCloseTo(0.5, 1);
    expect(Math.abs(variance(xs) - 1 / 12)).toBeLessThan(0.003);
    // Neighbouring draws are uncorrelated.
    expect(Math.abs(correlation(xs.slice(0, -1), xs.slice(1)))).toBeLessThan(0.03);
  });

  it('draws normals with mean, std and tails of N(mean, std^2)', () => {
    const rng = createRng(2);
    const zs = rng.normalArray(20_000, 3, 2);
    expect(mean(zs)).toBeCloseTo(3, 1);
    expect(Math.sqrt(variance(zs))).toBeCloseTo(2, 1);
    const beyondTwoSigma = Array.from(zs).filter((z) => Math.abs(z - 3) > 4).length / zs.length;
    expect(beyondTwoSigma).toBeGreaterThan(0.035);
    expect(beyondTwoSigma).toBeLessThan(0.057);
  });

  it('draws integers, Bernoullis and permutations correctly', () => {
    const rng = createRng(3);
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 10_000; i++) counts[rng.int(5)]++;
    for (const c of counts) expect(c).toBeGreaterThan(1800);
    const heads = Array.from({ length: 10_000 }, () => rng.bernoulli(0.3)).filter(Boolean).length;
    expect(heads / 10_000).toBeCloseTo(0.3, 1);
    const perm = rng.permutation(100);
    expect([...perm].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(perm).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('forks streams that are deterministic, label-dependent and independent of each other', () => {
    const parent1 = createRng(9);
    const parent2 = createRng(9);
    const a = parent1.fork('a');
    const a2 = parent2.fork('a');
    expect(Array.from({ length: 10 }, () => a.next())).toEqual(Array.from({ length: 10 }, () => a2.next()));

    const p = createRng(9);
    const x = p.fork('x');
    const q = createRng(9);
    const y = q.fork('y');
    const xs = Array.from({ length: 5000 }, () => x.next());
    const ys = Array.from({ length: 5000 }, () => y.next());
    expect(xs).not.toEqual(ys);
    expect(Math.abs(correlation(xs, ys))).toBeLessThan(0.05);

    // Drawing from a child does not move the parent: the parent's next draws are the same
    // whether or not the child was used.
    const used = createRng(11);
    const child = used.fork('child');
    for (let i = 0; i < 100; i++) child.next();
    const unused = createRng(11);
    unused.fork('child');
    expect(Array.from({ length: 10 }, () => used.next())).toEqual(Array.from({ length: 10 }, () => unused.next()));
  });

  it('forkSeed gives the seed fork starts from, drawing the same one number from the parent', () => {
    const viaFork = createRng(21);
    const viaSeed = createRng(21);
    const child = viaFork.fork('model-a');
    const rebuilt = createRng(viaSeed.forkSeed('model-a'));
    expect(Array.from({ length: 20 }, () => rebuilt.normal())).toEqual(Array.from({ length: 20 }, () => child.normal()));
    // Both moved their parent by the same draw.
    expect(viaSeed.next()).toBe(viaFork.next());
    expect(createRng(21).forkSeed('model-b')).not.toBe(createRng(21).forkSeed('model-a'));
  });
});
