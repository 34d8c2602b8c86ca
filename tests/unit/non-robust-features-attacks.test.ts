/**
 * PGD (lib/ml/attacks.ts): the projections are exact on hand-made cases, and every attack stays
 * within its epsilon ball whatever the gradient does.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import { maxRowNorm, pgd, projectL2, projectLinf } from '@/lib/ml/attacks';

describe('projections onto the epsilon ball', () => {
  it('L2: a row outside is scaled back to the sphere, a row inside is left alone', () => {
    // Row 1: (3, 4) has length 5; onto radius 1 it becomes (0.6, 0.8). Row 2: (0.3, 0.4) has length 0.5.
    const delta = Float64Array.from([3, 4, 0.3, 0.4]);
    projectL2(delta, 2, 1);
    expect(Array.from(delta)).toEqual([expect.closeTo(0.6, 12), expect.closeTo(0.8, 12), 0.3, 0.4]);
  });

  it('L2: the projection is the nearest point of the ball (no other point of the ball is closer)', () => {
    const v = Float64Array.from([2, -1, 2]); // length 3
    const p = projectL2(Float64Array.from(v), 3, 1.5);
    expect(Array.from(p)).toEqual([1, -0.5, 1].map((x) => expect.closeTo(x, 12)));
    const rng = createRng(7);
    const dist = (a: ArrayLike<number>) => Math.hypot(a[0] - v[0], a[1] - v[1], a[2] - v[2]);
    for (let i = 0; i < 200; i++) {
      const q = projectL2(Float64Array.from([rng.normal(), rng.normal(), rng.normal()]), 3, 1.5);
      expect(dist(q)).toBeGreaterThanOrEqual(dist(p) - 1e-12);
    }
  });

  it('L∞: each coordinate is clipped to [-ε, ε]', () => {
    expect(Array.from(projectLinf(Float64Array.from([2, -0.5, -3, 0.25]), 1))).toEqual([1, -0.5, -1, 0.25]);
  });
});

describe('pgd', () => {
  const dim = 5;
  const rows = 40;
  const rng = createRng(3);
  const x0 = Float64Array.from({ length: rows * dim }, () => rng.normal());
  // An adversarial "gradient": large, random, and changing every call, so only the projection keeps the attack in the ball.
  const wildGradient = (seed: number) => {
    const r = createRng(seed);
    const g = new Float64Array(rows * dim);
    return () => g.map(() => r.normal(0, 100));
  };
  const deltaOf = (x: Float64Array) => x.map((v, i) => v - x0[i]);

  for (const norm of ['l2', 'linf'] as const) {
    for (const epsilon of [0.1, 0.8, 2]) {
      it(`${norm}, ε = ${epsilon}: every row stays within its ball`, () => {
        const x = pgd(x0, dim, wildGradient(11), { norm, epsilon, steps: 25, stepSize: epsilon, direction: 'ascend' });
        expect(maxRowNorm(deltaOf(x), dim, norm)).toBeLessThanOrEqual(epsilon * (1 + 1e-12));
        // ... and the attack did move: with steps as long as ε, rows end on the boundary.
        expect(maxRowNorm(deltaOf(x), dim, norm)).toBeGreaterThan(0.99 * epsilon);
      });
    }
  }

  it('climbs a linear loss to the exact maximiser on the L2 ball', () => {
    // L(x) = w . x has constant gradient w; its maximum on the ball around x0 is x0 + ε w/||w||.
    const w = Float64Array.from([1, 2, 2, 0, 0]); // length 3
    const gradient = () => Float64Array.from({ length: rows * dim }, (_, i) => w[i % dim]);
    const x = pgd(x0, dim, gradient, { norm: 'l2', epsilon: 0.6, steps: 4, stepSize: 0.25, direction: 'ascend' });
    for (let i = 0; i < rows * dim; i++) expect(x[i] - x0[i]).toBeCloseTo((0.6 * w[i % dim]) / 3, 12);
    const down = pgd(x0, dim, gradient, { norm: 'l2', epsilon: 0.6, steps: 4, stepSize: 0.25, direction: 'descend' });
    for (let i = 0; i < rows * dim; i++) expect(down[i] - x0[i]).toBeCloseTo((-0.6 * w[i % dim]) / 3, 12);
  });

  it('L∞ steps follow the sign of the gradient; a box clip keeps inputs in range', () => {
    const start = Float64Array.from([0.5, 0.95, 0.05]);
    const gradient = () => Float64Array.from([1, 1, -1]);
    const x = pgd(start, 3, gradient, { norm: 'linf', epsilon: 0.2, steps: 3, stepSize: 0.1, direction: 'ascend', clip: [0, 1] });
    expect(Array.from(x)).toEqual([expect.closeTo(0.7, 12), 1, 0]);
  });

  it('ε = 0 returns the input unchanged', () => {
    const x = pgd(x0, dim, wildGradient(5), { norm: 'l2', epsilon: 0, steps: 5, stepSize: 1, direction: 'ascend' });
    expect(Array.from(x)).toEqual(Array.from(x0));
  });
});
