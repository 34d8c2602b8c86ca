/**
 * Neural tangent kernel (Jacot, Gabriel & Hongler 2018): the wider the net, the less its
 * kernel moves during training, and the closer the trained net is to kernel gradient descent
 * with the kernel it started with.
 *
 * Nets: f(x) = (1/sqrt(m)) sum_j a_j ReLU(w_j . [x, 1]), widths 16, 64, ..., maxWidth, each
 * initialised with the antisymmetric trick (f_0 = 0) from its own fork of the seed's RNG.
 * Data: 8 evenly spaced points of sin(3x) on [-1, 1]. Training: full-batch GD on 1/2 MSE.
 * All widths advance together, chunk by chunk, so the charts grow side by side.
 *
 * The math is plain Float64Array code (lib/ml/ntk-math.ts); ctx.tf is not used.
 */
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import {
  LinearisedDynamics,
  analyticNtkMatrix,
  cloneNet,
  empiricalNtk,
  forward,
  gradientStep,
  halfMse,
  initAntisymmetricNet,
  kernelRegression,
  linspace,
  logLogSlope,
  maxAbsDifference,
  relativeFrobeniusDistance,
  relativeWeightChange,
  type ReluNet,
} from './ntk-math';
import { createSnapshotClock } from '../../core/snapshot-clock';
import { ntkManifest } from './manifest';

const TRAIN_POINTS = 8;
const GRID_POINTS = 41;
const SMALLEST_WIDTH = 16;
/** Width x steps per generator `next()`: about 15 ms in Node on a busy 2-core machine. */
const WORK_PER_CHUNK = 500_000;
/** How many points the kernel-change and weight-change series hold (plus step 0). */
const SERIES_POINTS = 100;
/** A net whose training loss leaves this range has diverged (targets are in [-1, 1]). */
const DIVERGED_LOSS = 1e6;

const params = ntkManifest.params;

export type NtkParams = ParamValues<typeof params>;

/** One width's curves, as the demo draws them. Plain arrays only: snapshots cross the worker boundary. */
export interface NtkWidthTrace {
  width: number;
  /** The net's output on `NtkSnapshot.grid`; empty if the net diverged. */
  fit: number[];
  /** The linearised (fixed-K_0) dynamics on the grid after the same steps; null if they diverged. */
  linearFit: number[] | null;
  /** ||K_t - K_0||_F / ||K_0||_F on the training points, one value per `recordSteps` entry (fewer if the net diverged). */
  kernelChange: number[];
  /** ||theta_t - theta_0|| / ||theta_0||, one value per `recordSteps` entry (fewer if the net diverged). */
  weightChange: number[];
  /** Current training loss (1/2 MSE); null if the net diverged. */
  loss: number | null;
  netDiverged: boolean;
  linearDiverged: boolean;
}

/**
 * The drawing data of the NTK demo (every progress event and the final result carry one):
 * - `data`: the 8 training points; `grid` and `target` (sin 3x) for the fit panel;
 * - `widths`: per width, the fit curve, the linearised-dynamics curve, and the kernel-change and
 *   weight-change series sampled at `recordSteps` (series panels, log-scale y works: all > 0 after step 0);
 * - `kernelRegression`: the closed-form t -> infinity limit with the widest net's K_0, to draw
 *   against the widest trained net (`widths[widths.length - 1].fit`).
 */
export interface NtkSnapshot {
  step: number;
  totalSteps: number;
  data: { x: number[]; y: number[] };
  grid: number[];
  target: number[];
  recordSteps: number[];
  widths: NtkWidthTrace[];
  widestWidth: number;
  kernelRegression: number[];
}

/** The final numbers of one width, used by `claim`. Null where a net or its linearisation diverged. */
export interface NtkWidthResult {
  width: number;
  kernelChange: number | null;
  weightChange: number | null;
  /** max over the grid of |f_net - f_lin|. */
  netVsLinear: number | null;
  finalLoss: number | null;
  /** ||K_0 - Theta_inf||_F / ||Theta_inf||_F: how far this width's initial kernel is from the infinite-width one. */
  initialKernelVsLimit: number;
}

export interface NtkResult extends RunResult<NtkSnapshot> {
  snapshot: NtkSnapshot;
  perWidth: NtkWidthResult[];
}

export function ntkWidths(maxWidth: number): number[] {
  const widths: number[] = [];
  for (let m = SMALLEST_WIDTH; m <= maxWidth; m *= 4) widths.push(m);
  return widths;
}

interface WidthState {
  width: number;
  net: ReluNet;
  initial: ReluNet;
  k0: Float64Array;
  linear: LinearisedDynamics;
  scratch: Float64Array;
  kernelChange: number[];
  weightChange: number[];
  loss: number;
  diverged: boolean;
}

const round = (v: number, digits = 6) => Number(v.toFixed(digits));
const finiteOrNull = (v: number) => (Number.isFinite(v) ? v : null);

export const ntk = defineExperiment<typeof params, NtkSnapshot, NtkResult>({
  ...ntkManifest,

  async *run(p, ctx) {
    const widths = ntkWidths(Number(p.maxWidth));
    const totalSteps = p.steps;
    const lr = p.learningRate;
    const xs = linspace(-1, 1, TRAIN_POINTS);
    const ys = xs.map((x) => Math.sin(3 * x));
    const grid = linspace(-1, 1, GRID_POINTS);
    const recordEvery = Math.max(1, Math.round(totalSteps / SERIES_POINTS));
    const recordSteps = [0];

    const states: WidthState[] = widths.map((width) => {
      // A fork per width: adding or removing a width never changes another width's draws.
      const net = initAntisymmetricNet(width, ctx.rng.fork(`width-${width}`));
      const k0 = empiricalNtk(net, xs, xs);
      return {
        width,
        net,
        initial: cloneNet(net),
        k0,
        linear: new LinearisedDynamics(k0, empiricalNtk(net, grid, xs), ys),
        scratch: new Float64Array(TRAIN_POINTS),
        kernelChange: [0],
        weightChange: [0],
        loss: halfMse(forward(net, xs), ys),
        diverged: false,
      };
    });
    const widest = states[states.length - 1];
    const widestKernelRegression = Array.from(kernelRegression(empiricalNtk(widest.net, grid, xs), widest.k0, ys));

    const snapshot = (step: number): NtkSnapshot => ({
      step,
      totalSteps,
      data: { x: Array.from(xs), y: Array.from(ys) },
      grid: Array.from(grid),
      target: Array.from(grid, (x) => Math.sin(3 * x)),
      recordSteps: [...recordSteps],
      widths: states.map((s) => ({
        width: s.width,
        fit: s.diverged ? [] : Array.from(forward(s.net, grid)),
        linearFit: s.linear.diverged ? null : Array.from(s.linear.query),
        kernelChange: [...s.kernelChange],
        weightChange: [...s.weightChange],
        loss: s.diverged ? null : s.loss,
        netDiverged: s.diverged,
        linearDiverged: s.linear.diverged,
      })),
      widestWidth: widest.width,
      kernelRegression: widestKernelRegression,
    });

    const snapshotClock = createSnapshotClock();
    const progress = (step: number): Progress<NtkSnapshot> => {
      // Only finite numbers go into metrics: a narrow net that diverges is part of the story
      // (marked in the snapshot), not a reason for the NaN guard to stop the run. The widest
      // net's loss is the one the guard watches.
      const metrics: Record<string, number> = {};
      for (const s of states) if (!s.diverged) metrics[`loss_w${s.width}`] = s.loss;
      const kc = widest.kernelChange[widest.kernelChange.length - 1];
      if (Number.isFinite(kc)) metrics[`kernel_change_w${widest.width}`] = kc;
      return {
        step,
        totalSteps,
        phase: `gradient step ${step} of ${totalSteps}, widths ${widths[0]}–${widest.width}`,
        loss: widest.loss,
        metrics,
        // Evaluating every width on the grid costs more than a chunk of training: only when the page can use it.
        snapshot: step === 0 || snapshotClock.due() ? snapshot(step) : undefined,
      };
    };

    yield progress(0);

    const sumOfWidths = widths.reduce((a, b) => a + b, 0);
    const chunk = Math.max(1, Math.round(WORK_PER_CHUNK / sumOfWidths));
    let step = 0;
    while (step < totalSteps) {
      const end = Math.min(totalSteps, step + chunk);
      for (; step < end; ) {
        for (const s of states) {
          s.linear.step(lr);
          if (s.diverged) continue;
          s.loss = gradientStep(s.net, xs, ys, lr, s.scratch);
          if (!(Math.abs(s.loss) < DIVERGED_LOSS)) {
            s.diverged = true;
            s.loss = NaN;
          }
        }
        step++;
        if (step % recordEvery === 0 || step === totalSteps) {
          recordSteps.push(step);
          for (const s of states) {
            // The loss after the latest update, so the last recorded loss is the final one.
            s.loss = s.diverged ? NaN : halfMse(forward(s.net, xs, s.scratch), ys);
            if (!(Math.abs(s.loss) < DIVERGED_LOSS)) {
              s.diverged = true;
              s.loss = NaN;
            }
            // A diverged net's series just stops (no NaN in anything the charts draw).
            if (s.diverged) continue;
            s.kernelChange.push(relativeFrobeniusDistance(empiricalNtk(s.net, xs, xs), s.k0));
            s.weightChange.push(relativeWeightChange(s.net, s.initial));
          }
        }
      }
      yield progress(step);
    }

    const finalSnapshot = snapshot(totalSteps);
    const limit = analyticNtkMatrix(xs, xs);
    const perWidth: NtkWidthResult[] = states.map((s, i) => {
      const trace = finalSnapshot.widths[i];
      return {
        width: s.width,
        kernelChange: s.diverged ? null : finiteOrNull(s.kernelChange[s.kernelChange.length - 1]),
        weightChange: s.diverged ? null : finiteOrNull(s.weightChange[s.weightChange.length - 1]),
        netVsLinear: s.diverged || trace.linearFit === null ? null : maxAbsDifference(trace.fit, trace.linearFit),
        finalLoss: s.diverged ? null : finiteOrNull(s.loss),
        initialKernelVsLimit: relativeFrobeniusDistance(s.k0, limit),
      };
    });

    const metrics: Record<string, number> = {};
    for (const r of perWidth) {
      if (r.kernelChange !== null) metrics[`kernel_change_w${r.width}`] = round(r.kernelChange);
      if (r.weightChange !== null) metrics[`weight_change_w${r.width}`] = round(r.weightChange);
      if (r.netVsLinear !== null) metrics[`net_vs_linear_w${r.width}`] = round(r.netVsLinear);
      if (r.finalLoss !== null) metrics[`loss_w${r.width}`] = Number(r.finalLoss.toPrecision(6));
      metrics[`k0_vs_limit_w${r.width}`] = round(r.initialKernelVsLimit);
    }
    const widestFit = finalSnapshot.widths[finalSnapshot.widths.length - 1].fit;
    if (widestFit.length > 0) metrics.net_vs_kernel_regression_widest = round(maxAbsDifference(widestFit, widestKernelRegression));
    metrics.diverged_nets = perWidth.filter((r) => r.kernelChange === null).length;
    metrics.diverged_linearisations = finalSnapshot.widths.filter((w) => w.linearDiverged).length;

    return { metrics, snapshot: finalSnapshot, perWidth };
  },

  claim(result, p) {
    return ntkClaim(result.perWidth, p);
  },
});

/*
 * Pass criteria, re-calibrated with this implementation on seeds 100-229 (130 runs, default
 * parameters) before the test seeds (1, 2, 3) were ever run:
 *
 * 1. Kernel change decreases monotonically over the widest three widths (256, 1024, 4096):
 *    held in 130/130 runs.
 * 2. Kernel change at the widest < 0.05: observed 0.014-0.023, median 0.019. The limit means
 *    "the kernel of the widest net moved by only a few percent".
 * 3. ... and < 1/4 of the value at widest/16 (256): observed ratio 0.064-0.178, median 0.105.
 *    Theory (change ~ m^-1/2) predicts 1/4 for a 16x wider net; we see more, because width 256
 *    is not yet lazy.
 * 4. Log-log slope of kernel change between widest/16 and widest in [-1, -0.3]: observed
 *    -0.99 to -0.62, median -0.81 (5 of 130 below -0.95). The asymptotic slope is -1/2.
 * 5. max |f_net - f_lin| on the 41-point grid at the widest < 0.15: observed 0.057-0.173,
 *    median 0.083; 1 of 130 at or above 0.15. (Targets span [-1, 1].)
 * 6. max |f_net - f_lin| shrinks from widest/16 to widest: observed ratio 0.15-0.65, median 0.28,
 *    close to the 1/4 of an m^-1/2 law. The stricter reading, "decreasing at every step from
 *    256 up", failed in 15% of the calibration runs: the gap is the maximum over the grid of the
 *    difference of two curves, noisy enough that neighbouring widths (4x apart, expected ratio
 *    1/2) swap places now and then. We check the 16x range and report the strict order in the
 *    detail line.
 * Width 16 is left out of the linear comparison when its linearised dynamics diverge (lr 1
 * is above 2n / lambda_max(K_0) for 3% of the seeds).
 */
const KERNEL_CHANGE_MAX = 0.05;
const KERNEL_RATIO_MAX = 0.25;
const SLOPE_RANGE: [number, number] = [-1, -0.3];
const NET_VS_LINEAR_MAX = 0.15;

const pct = (v: number) => `${(100 * v).toFixed(v < 0.1 ? 1 : 0)}%`;
const fmt = (v: number | null) => (v === null ? 'diverged' : v.toFixed(3));

export function ntkClaim(perWidth: NtkWidthResult[], p: NtkParams): Claim {
  const n = perWidth.length;
  const widest = perWidth[n - 1];
  const middle = perWidth[n - 2];
  const third = perWidth[n - 3];
  const checks: ClaimCheck[] = [];
  const numbers: Record<string, number> = {};

  const k = [third.kernelChange, middle.kernelChange, widest.kernelChange];
  const kOk = k.every((v): v is number => v !== null);
  const widths = `${third.width}/${middle.width}/${widest.width}`;
  checks.push({
    name: 'kernel change falls with width',
    holds: kOk && k[0]! > k[1]! && k[1]! > k[2]!,
    detail: `relative kernel change at widths ${widths}: ${k.map(fmt).join(', ')}`,
  });
  checks.push({
    name: `widest kernel change < ${KERNEL_CHANGE_MAX}`,
    holds: widest.kernelChange !== null && widest.kernelChange < KERNEL_CHANGE_MAX,
    detail: `width ${widest.width}: ${fmt(widest.kernelChange)}`,
  });
  const ratio = kOk ? k[2]! / k[0]! : NaN;
  checks.push({
    name: `kernel change at ${widest.width} < 1/4 of ${third.width}`,
    holds: ratio < KERNEL_RATIO_MAX,
    detail: kOk ? `ratio ${ratio.toFixed(3)}` : 'a net diverged',
  });
  const slope = kOk ? logLogSlope([third.width, widest.width], [k[0]!, k[2]!]) : NaN;
  checks.push({
    name: `log-log slope in [${SLOPE_RANGE[0]}, ${SLOPE_RANGE[1]}]`,
    holds: slope >= SLOPE_RANGE[0] && slope <= SLOPE_RANGE[1],
    detail: kOk ? `slope ${slope.toFixed(2)} between widths ${third.width} and ${widest.width} (m^-1/2 would be -0.5)` : 'a net diverged',
  });
  checks.push({
    name: `widest net within ${NET_VS_LINEAR_MAX} of its linearisation`,
    holds: widest.netVsLinear !== null && widest.netVsLinear < NET_VS_LINEAR_MAX,
    detail: `max |net - linearised| on the grid at width ${widest.width}: ${fmt(widest.netVsLinear)}`,
  });
  const g = [third.netVsLinear, middle.netVsLinear, widest.netVsLinear];
  const gOk = g.every((v): v is number => v !== null);
  const strict = gOk && g[0]! > g[1]! && g[1]! > g[2]!;
  checks.push({
    name: `gap to the linearisation shrinks from ${third.width} to ${widest.width}`,
    holds: gOk && g[2]! < g[0]!,
    detail: gOk
      ? `max |net - linearised| at widths ${widths}: ${g.map(fmt).join(', ')} (${strict ? 'falling at every step' : 'not falling at every step'})`
      : `max |net - linearised| at widths ${widths}: ${g.map(fmt).join(', ')}`,
  });

  for (const r of perWidth) {
    if (r.kernelChange !== null) numbers[`kernel_change_w${r.width}`] = round(r.kernelChange);
    if (r.netVsLinear !== null) numbers[`net_vs_linear_w${r.width}`] = round(r.netVsLinear);
  }
  if (Number.isFinite(slope)) numbers.kernel_change_slope = round(slope, 4);
  if (Number.isFinite(ratio)) numbers.kernel_change_ratio = round(ratio, 4);

  const holds = checks.every((c) => c.holds);
  const failed = checks.filter((c) => !c.holds).map((c) => c.name);
  const summary =
    kOk && widest.netVsLinear !== null
      ? `After ${p.steps} steps the kernel of the width-${third.width} net moved ${pct(k[0]!)} but that of the width-${widest.width} net only ${pct(k[2]!)} (log-log slope ${slope.toFixed(2)}), and the widest net ends within ${widest.netVsLinear.toFixed(3)} of its fixed-kernel linearisation, so ${holds ? 'the claim holds on this run' : `the claim does not hold on this run (failed: ${failed.join('; ')})`}.`
      : `A net or its linearisation diverged at learning rate ${p.learningRate} (${failed.join('; ')}), so the claim cannot be checked on this run; try a lower learning rate.`;
  return { holds, summary, numbers, checks };
}

export default ntk;
