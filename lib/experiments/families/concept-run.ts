/**
 * Scaffolding shared by the concept experiments (cbm, cem, concept-leakage): results-table rows,
 * a registry of live models (disposed as soon as they are evaluated, or in `finally` when a run
 * stops early), and a generator that trains one model in chunks and reports progress.
 */
import type * as TF from '@tensorflow/tfjs';
import type { Tf } from '../../core/contract';
import type { Rng } from '../../core/rng';
import { createTrainer } from '../../ml/concept-mlp';
import { trainInChunks } from '../../ml/concept-train';

export type RowStatus = 'waiting' | 'training' | 'done';

/** One model's line in a results table; experiments extend it with their own columns. */
export interface ConceptModelRow {
  id: string;
  label: string;
  status: RowStatus;
  /** Test task accuracy without intervention. */
  taskAccuracy: number | null;
  /** Mean test accuracy of its labelled concepts (null when it has none). */
  conceptAccuracy: number | null;
  /** Test task accuracy with every labelled concept set to its true value. */
  intervenedAccuracy: number | null;
  /** Test task accuracy with k = 0..K concepts intervened on (null when not intervenable). */
  interventionCurve: number[] | null;
}

export const round4 = (v: number): number => Math.round(v * 1e4) / 1e4;

export function emptyRow<R extends ConceptModelRow>(fields: Omit<R, keyof ConceptModelRow> & { id: string; label: string }): R {
  return {
    status: 'waiting',
    taskAccuracy: null,
    conceptAccuracy: null,
    intervenedAccuracy: null,
    interventionCurve: null,
    ...fields,
  } as R;
}

export function finishRow(row: ConceptModelRow, taskAccuracy: number, conceptAccuracy: number | null, curve: number[] | null): void {
  row.status = 'done';
  row.taskAccuracy = round4(taskAccuracy);
  row.conceptAccuracy = conceptAccuracy === null ? null : round4(conceptAccuracy);
  row.interventionCurve = curve ? curve.map(round4) : null;
  row.intervenedAccuracy = curve ? round4(curve[curve.length - 1]) : null;
}

/**
 * One training run's loss as it trains (read every 50 steps, when the trainer reads it anyway:
 * recording it changes no numbers). The demos draw these from the first second of a run.
 */
export interface LossCurve {
  name: string;
  /** Steps between two recorded values. */
  every: number;
  values: number[];
}

/** Copies of the curves for a snapshot. */
export function copyCurves(curves: readonly LossCurve[]): LossCurve[] {
  return curves.map((c) => ({ ...c, values: [...c.values] }));
}

/** Deep-enough copy of rows for a snapshot (snapshots must not alias live state). */
export function copyRows<R extends ConceptModelRow>(rows: R[]): R[] {
  return rows.map((r) => ({ ...r, interventionCurve: r.interventionCurve ? [...r.interventionCurve] : null }));
}

/** Models alive right now; `track` returns a release function that disposes once. */
export class LiveModels {
  private readonly live = new Set<() => void>();

  track(dispose: () => void): () => void {
    this.live.add(dispose);
    return () => {
      if (this.live.delete(dispose)) dispose();
    };
  }

  /** Track something disposable for the whole run (input tensors): freed by disposeAll. */
  keep<T extends { dispose(): void }>(item: T): T {
    this.track(() => item.dispose());
    return item;
  }

  disposeAll(): void {
    for (const dispose of [...this.live]) {
      this.live.delete(dispose);
      dispose();
    }
  }
}

/**
 * A results table as named metrics: `<row id>.accuracy` for every finished row, plus
 * `.intervened` and `.concepts` when `detail` is set (the final metrics the CLI prints).
 */
export function rowMetrics(rows: readonly ConceptModelRow[], detail: boolean): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const r of rows) {
    if (r.taskAccuracy !== null) metrics[`${r.id}.accuracy`] = r.taskAccuracy;
    if (!detail) continue;
    if (r.intervenedAccuracy !== null) metrics[`${r.id}.intervened`] = r.intervenedAccuracy;
    if (r.conceptAccuracy !== null) metrics[`${r.id}.concepts`] = r.conceptAccuracy;
  }
  return metrics;
}

/** Steps between loss reads (trainInChunks' default, named here because the curves depend on it). */
export const LOSS_EVERY = 50;

export interface FitOptions<K extends string> {
  tf: Tf;
  rng: Rng;
  variables: TF.Variable[];
  data: Record<K, TF.Tensor2D>;
  loss: (batch: Record<K, TF.Tensor2D> & { indices: Int32Array }) => TF.Scalar;
  steps: number;
  learningRate: number;
  batchSize: number;
  /** Where to record the loss each time it is read (every 50 steps). */
  curve?: LossCurve;
}

/**
 * Train for `steps` minibatch steps, yielding whatever `report(stepsInChunk, loss?)` builds after
 * every chunk (about 10 steps). The optimiser is disposed at the end or when the consumer stops.
 */
export async function* fitInChunks<K extends string, P>(
  options: FitOptions<K>,
  report: (stepsInChunk: number, loss?: number) => P,
): AsyncGenerator<P, void, void> {
  const trainer = createTrainer(options.tf, {
    data: options.data,
    variables: options.variables,
    loss: options.loss,
    learningRate: options.learningRate,
    batchSize: options.batchSize,
    rng: options.rng,
  });
  try {
    for await (const chunk of trainInChunks(trainer, options.steps, 10, LOSS_EVERY)) {
      if (options.curve && chunk.loss !== undefined && Number.isFinite(chunk.loss)) options.curve.values.push(round4(chunk.loss));
      yield report(chunk.steps, chunk.loss);
    }
  } finally {
    trainer.dispose();
  }
}

/** Argmax class per row of n x nClasses scores. */
export function argmaxRows(scores: ArrayLike<number>, nClasses: number): number[] {
  const n = scores.length / nClasses;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < nClasses; c++) if (scores[i * nClasses + c] > scores[i * nClasses + best]) best = c;
    out.push(best);
  }
  return out;
}

/** A k = 0..K curve's total gain and its largest drop between consecutive points. */
export function curveGainAndDip(curve: readonly number[]): { gain: number; dip: number } {
  if (curve.length === 0) return { gain: NaN, dip: NaN };
  let dip = 0;
  for (let k = 1; k < curve.length; k++) dip = Math.max(dip, curve[k - 1] - curve[k]);
  return { gain: curve[curve.length - 1] - curve[0], dip };
}
