import { describe, expect, it } from 'vitest';
import {
  LinearisedDynamics,
  analyticNtk,
  analyticNtkMatrix,
  empiricalNtk,
  forward,
  gradientStep,
  halfMse,
  initAntisymmetricNet,
  kernelRegression,
  linspace,
  parameterGradient,
  relativeFrobeniusDistance,
  solveLinearSystem,
  type ReluNet,
} from '@/lib/experiments/ntk/ntk-math';
import { createRng } from '@/lib/core/rng';
import { ntk, ntkClaim, ntkWidths, type NtkWidthResult } from '@/lib/experiments/ntk/experiment';
import { defaultParams } from '@/lib/core/params';
import type { Tf } from '@/lib/core/contract';

/** A small net with independent (not paired) random weights, so nothing cancels by construction. */
function randomNet(width: number, seed: number): ReluNet {
  const rng = createRng(seed);
  return {
    width,
    wx: Float64Array.from({ length: width }, () => rng.normal()),
    wb: Float64Array.from({ length: width }, () => rng.normal()),
    a: Float64Array.from({ length: width }, () => rng.normal()),
  };
}

/** Central finite differences of f(x) with respect to every parameter, order [a, wx, wb]. */
function finiteDifferenceGradient(net: ReluNet, x: number, eps = 1e-6): Float64Array {
  const g = new Float64Array(3 * net.width);
  const arrays = [net.a, net.wx, net.wb];
  arrays.forEach((arr, block) => {
    for (let j = 0; j < net.width; j++) {
      const keep = arr[j];
      arr[j] = keep + eps;
      const up = forward(net, [x])[0];
      arr[j] = keep - eps;
      const down = forward(net, [x])[0];
      arr[j] = keep;
      g[block * net.width + j] = (up - down) / (2 * eps);
    }
  });
  return g;
}

const dot = (a: Float64Array, b: Float64Array) => a.reduce((s, v, i) => s + v * b[i], 0);

describe('NTK math', () => {
  const xs = [-0.9, -0.35, 0.2, 0.75];

  it('parameter gradients match finite differences', () => {
    const net = randomNet(7, 3);
    for (const x of xs) {
      const exact = parameterGradient(net, x);
      const numeric = finiteDifferenceGradient(net, x);
      for (let p = 0; p < exact.length; p++) expect(exact[p]).toBeCloseTo(numeric[p], 6);
    }
  });

  it('the closed-form empirical NTK equals the Jacobian product J J^T', () => {
    const net = randomNet(9, 4);
    const K = empiricalNtk(net, xs, xs);
    for (let r = 0; r < xs.length; r++) {
      for (let c = 0; c < xs.length; c++) {
        const viaJacobian = dot(finiteDifferenceGradient(net, xs[r]), finiteDifferenceGradient(net, xs[c]));
        expect(K[r * xs.length + c]).toBeCloseTo(viaJacobian, 6);
      }
    }
    // Rectangular blocks agree with the square one.
    const block = empiricalNtk(net, [xs[1]], xs);
    expect(Array.from(block)).toEqual(Array.from(K.slice(xs.length, 2 * xs.length)));
  });

  it('the antisymmetric init gives f_0 = 0 exactly, with a non-zero kernel', () => {
    const net = initAntisymmetricNet(64, createRng(5));
    const grid = linspace(-1, 1, 41);
    expect(Array.from(forward(net, grid)).every((v) => v === 0)).toBe(true);
    expect(empiricalNtk(net, [0.3], [0.3])[0]).toBeGreaterThan(0.1);
    // Paired units share input weights and have opposite read-outs.
    expect(net.wx[10]).toBe(net.wx[11]);
    expect(net.a[10]).toBe(-net.a[11]);
    expect(() => initAntisymmetricNet(7, createRng(1))).toThrow(/even/);
  });

  it('a gradient step lowers the loss by about lr * |grad|^2', () => {
    const net = randomNet(16, 6);
    const x = Float64Array.from([-0.5, 0, 0.5]);
    const y = Float64Array.from([0.3, -0.2, 0.8]);
    const before = halfMse(forward(net, x), y);
    // |grad L|^2 from explicit gradients: grad L = sum_i (f_i - y_i)/n * grad f_i.
    const f = forward(net, x);
    const grad = new Float64Array(3 * net.width);
    for (let i = 0; i < x.length; i++) {
      const g = parameterGradient(net, x[i]);
      for (let p = 0; p < g.length; p++) grad[p] += ((f[i] - y[i]) / x.length) * g[p];
    }
    const lr = 1e-3;
    const reported = gradientStep(net, x, y, lr, new Float64Array(3));
    expect(reported).toBeCloseTo(before, 12);
    const after = halfMse(forward(net, x), y);
    expect((before - after) / (lr * dot(grad, grad))).toBeCloseTo(1, 2);
  });

  it('the analytic kernel is |x~|^2 on the diagonal and matches a very wide net', () => {
    expect(analyticNtk(0.5, 0.5)).toBeCloseTo(1.25, 12);
    expect(analyticNtk(-1, -1)).toBeCloseTo(2, 12);
    expect(analyticNtk(0.2, -0.7)).toBeCloseTo(analyticNtk(-0.7, 0.2), 12);
    const grid = [-1, -0.4, 0.1, 0.8];
    const wide = empiricalNtk(initAntisymmetricNet(40_000, createRng(8)), grid, grid);
    expect(relativeFrobeniusDistance(wide, analyticNtkMatrix(grid, grid))).toBeLessThan(0.03);
  });

  it('solves linear systems and kernel regression interpolates the training points', () => {
    const x = solveLinearSystem([0, 2, 1, 1], [4, 3]);
    expect(Array.from(x!)).toEqual([1, 2]);
    expect(solveLinearSystem([1, 2, 2, 4], [1, 2])).toBeNull();

    const train = linspace(-1, 1, 5);
    const y = train.map((v) => Math.sin(3 * v));
    const K = analyticNtkMatrix(train, train);
    const fitted = kernelRegression(K, K, y);
    for (let i = 0; i < y.length; i++) expect(fitted[i]).toBeCloseTo(y[i], 8);
  });

  it('linearised dynamics converge to kernel regression, and divergence is flagged, not NaN', () => {
    const train = linspace(-1, 1, 4);
    const y = train.map((v) => Math.sin(3 * v));
    const query = linspace(-1, 1, 9);
    const Ktt = analyticNtkMatrix(train, train);
    const Kqt = analyticNtkMatrix(query, train);
    const lin = new LinearisedDynamics(Ktt, Kqt, y);
    for (let t = 0; t < 200_000 && !lin.diverged; t++) lin.step(1);
    const limit = kernelRegression(Kqt, Ktt, y);
    expect(lin.diverged).toBe(false);
    for (let i = 0; i < query.length; i++) expect(lin.query[i]).toBeCloseTo(limit[i], 3);

    const unstable = new LinearisedDynamics(Ktt, Kqt, y);
    for (let t = 0; t < 2000; t++) unstable.step(50);
    expect(unstable.diverged).toBe(true);
    expect(Array.from(unstable.query).every(Number.isFinite)).toBe(true);
  });
});

describe('ntk experiment', () => {
  const ctx = (seed: number) => ({ tf: null as unknown as Tf, backend: 'none', seed, rng: createRng(seed) });

  it('lists widths 16..max in factors of 4', () => {
    expect(ntkWidths(4096)).toEqual([16, 64, 256, 1024, 4096]);
    expect(ntkWidths(1024)).toEqual([16, 64, 256, 1024]);
  });

  it('streams snapshots with the fit, the series and the kernel-regression curve, all finite', async () => {
    const params = { ...defaultParams(ntk.params), maxWidth: '1024', steps: 400 };
    const gen = ntk.run(params, ctx(11));
    const first = await gen.next();
    expect(first.done).toBe(false);
    const s0 = first.value!.snapshot!;
    expect(s0.step).toBe(0);
    expect(s0.widths.map((w) => w.width)).toEqual([16, 64, 256, 1024]);
    // f_0 = 0: every net starts flat.
    for (const w of s0.widths) expect(w.fit.every((v) => v === 0)).toBe(true);
    let lastStep = 0;
    let events = 1;
    for (let r = await gen.next(); ; r = await gen.next()) {
      if (r.done) {
        const result = r.value;
        expect(result.snapshot.recordSteps[result.snapshot.recordSteps.length - 1]).toBe(400);
        for (const w of result.snapshot.widths) {
          expect(w.kernelChange).toHaveLength(result.snapshot.recordSteps.length);
          expect(w.weightChange).toHaveLength(result.snapshot.recordSteps.length);
          expect(w.fit).toHaveLength(41);
          expect([...w.fit, ...w.kernelChange, ...w.weightChange].every(Number.isFinite)).toBe(true);
        }
        expect(result.snapshot.kernelRegression).toHaveLength(41);
        expect(Object.values(result.metrics).every(Number.isFinite)).toBe(true);
        expect(result.perWidth).toHaveLength(4);
        break;
      }
      events++;
      expect(r.value.step).toBeGreaterThan(lastStep);
      expect(Number.isFinite(r.value.loss)).toBe(true);
      lastStep = r.value.step;
    }
    expect(events).toBeGreaterThan(2);
  });

  it('is deterministic for a seed', async () => {
    const params = { ...defaultParams(ntk.params), maxWidth: '1024', steps: 200 };
    const runOnce = async (seed: number) => {
      const gen = ntk.run(params, ctx(seed));
      let r = await gen.next();
      while (!r.done) r = await gen.next();
      return r.value.metrics;
    };
    expect(await runOnce(21)).toEqual(await runOnce(21));
    expect(await runOnce(22)).not.toEqual(await runOnce(21));
  });

  it('marks a diverged linearisation instead of reporting NaN', async () => {
    // At learning rate 1.5 the fixed-kernel dynamics of width 16 blow up for seed 5 (lr > 2n / lambda_max(K_0)).
    const params = { ...defaultParams(ntk.params), maxWidth: '1024', steps: 2000, learningRate: 1.5 };
    const gen = ntk.run(params, ctx(5));
    let r = await gen.next();
    while (!r.done) {
      expect(Number.isFinite(r.value.loss)).toBe(true);
      expect(Object.values(r.value.metrics ?? {}).every(Number.isFinite)).toBe(true);
      r = await gen.next();
    }
    const result = r.value;
    expect(result.metrics.diverged_linearisations).toBe(1);
    expect(result.snapshot.widths[0].linearDiverged).toBe(true);
    expect(result.snapshot.widths[0].linearFit).toBeNull();
    expect(result.perWidth[0].netVsLinear).toBeNull();
    expect(result.metrics).not.toHaveProperty('net_vs_linear_w16');
    expect(Object.values(result.metrics).every(Number.isFinite)).toBe(true);
  });

  it('a narrow net that diverges is marked, and nothing the charts draw is NaN', async () => {
    // Learning rate 20 is outside the table (run() does not clamp): for seed 2 one narrow net blows
    // up while the others' ReLU units mostly die and their loss stays put.
    const params = { ...defaultParams(ntk.params), maxWidth: '1024', steps: 400, learningRate: 20 };
    const gen = ntk.run(params, ctx(2));
    let r = await gen.next();
    while (!r.done) r = await gen.next();
    const result = r.value;
    expect(result.metrics.diverged_nets).toBe(1);
    const bad = result.snapshot.widths.find((w) => w.netDiverged)!;
    expect(bad.fit).toEqual([]);
    expect(bad.loss).toBeNull();
    expect(bad.kernelChange.length).toBeLessThan(result.snapshot.recordSteps.length);
    const numbers = result.snapshot.widths.flatMap((w) => [...w.fit, ...(w.linearFit ?? []), ...w.kernelChange, ...w.weightChange]);
    expect(numbers.every(Number.isFinite)).toBe(true);
    expect(Object.values(result.metrics).every(Number.isFinite)).toBe(true);
    expect(result.perWidth.find((w) => w.width === bad.width)!.kernelChange).toBeNull();
  });

  it('a widest net that diverges stops the run through the NaN guard, with advice', async () => {
    // Far above the table's range (the run itself does not clamp): every net blows up. (Between
    // about 3 and 20 the ReLU units mostly die instead and the loss stays put.)
    const { runToEnd } = await import('@/lib/runtime/run-to-end');
    const { fakeTf } = await import('./fake-experiments');
    await expect(runToEnd(ntk, { loaded: fakeTf(), seed: 2, params: { maxWidth: '1024', steps: 400, learningRate: 100 } })).rejects.toThrow(
      /^the loss diverged to NaN at step \d+; try a lower learning rate or another seed$/,
    );
  });
});

describe('ntk claim', () => {
  const params = defaultParams(ntk.params);
  const row = (width: number, kernelChange: number | null, netVsLinear: number | null): NtkWidthResult => ({
    width,
    kernelChange,
    weightChange: kernelChange,
    netVsLinear,
    finalLoss: 1e-4,
    initialKernelVsLimit: 0.1,
  });
  const good = [row(16, 0.7, null), row(64, 0.4, 0.5), row(256, 0.18, 0.3), row(1024, 0.05, 0.15), row(4096, 0.02, 0.09)];

  it('holds for a textbook run, with one sentence and the numbers', () => {
    const claim = ntkClaim(good, params);
    expect(claim.holds).toBe(true);
    expect(claim.checks!.every((c) => c.holds)).toBe(true);
    expect(claim.summary).toContain('18%');
    expect(claim.summary).toContain('2.0%');
    expect(claim.summary).toContain('the claim holds');
    expect(claim.numbers.kernel_change_w4096).toBe(0.02);
    expect(claim.numbers.kernel_change_slope).toBeCloseTo(Math.log(0.02 / 0.18) / Math.log(16), 4);
    expect(claim.numbers).not.toHaveProperty('net_vs_linear_w16');
  });

  it('fails when the kernel does not settle with width', () => {
    const flat = [row(16, 0.7, 0.6), row(64, 0.4, 0.5), row(256, 0.1, 0.3), row(1024, 0.12, 0.15), row(4096, 0.09, 0.09)];
    const claim = ntkClaim(flat, params);
    expect(claim.holds).toBe(false);
    const failed = claim.checks!.filter((c) => !c.holds).map((c) => c.name);
    expect(failed).toContain('kernel change falls with width');
    expect(failed).toContain('widest kernel change < 0.05');
    expect(claim.summary).toContain('does not hold');
  });

  it('fails when the widest net strays from its linearisation', () => {
    const far = good.map((r) => (r.width === 4096 ? { ...r, netVsLinear: 0.4 } : r));
    const claim = ntkClaim(far, params);
    expect(claim.holds).toBe(false);
    expect(claim.checks!.filter((c) => !c.holds).map((c) => c.name)).toEqual([
      'widest net within 0.15 of its linearisation',
      'gap to the linearisation shrinks from 256 to 4096',
    ]);
  });

  it('explains a diverged widest net instead of printing NaN', () => {
    const diverged = good.map((r) => (r.width === 4096 ? { ...r, kernelChange: null, netVsLinear: null } : r));
    const claim = ntkClaim(diverged, { ...params, learningRate: 1.5 });
    expect(claim.holds).toBe(false);
    expect(claim.summary).toContain('diverged at learning rate 1.5');
    expect(claim.summary).not.toMatch(/NaN/);
  });
});
