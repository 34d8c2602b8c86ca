/**
 * Concept embedding models (Espinosa Zarlenga et al. 2022) under incomplete concepts, on the
 * concept-shapes images (lib/data/concept-shapes.ts). The label rule uses six concepts; the
 * default run withholds the annotations of two of them (framed, filled), so a bottleneck made of
 * the remaining concepts cannot carry everything the label needs.
 *
 * Models (all x -> MLP(32) encoders, heads MLP(32), Adam, batch 64):
 *   black box     x -> y, no concepts
 *   Bool CBM      g trained on the labelled concepts; head on g's 0/1 thresholds (sequential)
 *   Fuzzy CBM     joint, head reads sigmoid probabilities, concept weight alpha
 *   Hybrid CBM    joint, bottleneck = [probabilities, K m - K free LeakyReLU units] (the same
 *                 width as the CEM's, as in the paper's baseline)
 *   CEM           two m-dim embeddings per concept mixed by the predicted probability, one scorer
 *                 shared by all concepts; with RandInt (p_int) and, optionally, without
 * Test-time interventions set the first k concepts of a random per-example order to their true
 * values: the probability for CBMs (free units untouched), the mixing probability for CEMs.
 *
 * ---- Snapshot (CemSnapshot), what the UI draws ------------------------------------------------
 * - `rows`: results table, one row per model, filled in as each finishes (status waiting ->
 *   training -> done): taskAccuracy (no intervention), conceptAccuracy (mean over the labelled
 *   concepts; null for the black box), intervenedAccuracy (all labelled concepts corrected).
 * - `rows[i].interventionCurve`: accuracy for k = 0..K corrected concepts (K = labelledConcepts
 *   length, 6 by default): one line per model, x = k; draw the black box's taskAccuracy as a flat
 *   reference line. The figure to draw: CEM + RandInt rising, Hybrid flat, Bool rising from low.
 * - `labelledConcepts` / `unlabelledConcepts` / `labelRule`: captions (which concepts the models
 *   were told about, and the rule that also uses the unlabelled ones).
 * - `samples`: a few test images (side x side, row-major, in [0, 1]) with all 8 true concepts,
 *   so the reader can see what the missing concepts look like.
 */
import { fixed } from '../../core/format';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult, type TaskCall, type TaskContext } from '../../core/contract';
import { runTasks } from '../../core/tasks';
import { createRng } from '../../core/rng';
import type { ParamValues } from '../../core/params';
import type * as TF from '@tensorflow/tfjs';
import { LABEL_RULE_TEXT, SHAPE_CONCEPTS, SHAPE_PIXELS, SHAPE_SIZE, makeConceptShapes, type ShapeConcept } from '../../data/concept-shapes';
import { labelledConceptMatrix } from '../../data/concept-dataset';
import { argmaxAccuracy, createMlp, disposeMlp, mlpVariables, oneHotArray } from '../../ml/concept-mlp';
import {
  cemInterventionCurve,
  cemLoss,
  cemVariables,
  classifierLoss,
  conceptAccuracy,
  conceptLoss,
  createCem,
  createJointCbm,
  disposeCem,
  disposeJointCbm,
  firstColumns,
  headInterventionCurve,
  jointLoss,
  jointVariables,
  predictConceptProbs,
  predictJointBottleneck,
  predictLogits,
} from '../../ml/concept-models';
import { binarize, randIntMask, randomInterventionOrders } from '../../ml/concept-intervene';
import { LiveModels, copyCurves, copyRows, LOSS_EVERY, type LossCurve, curveGainAndDip, emptyRow, finishRow, fitInChunks, round4, rowMetrics, type ConceptModelRow } from '../families/concept-run';
import { cemManifest } from './manifest';

const ENCODER_HIDDEN = 32;
const HEAD_HIDDEN = 32;
const BATCH = 64;
const LR = 3e-3;
const HEAD_LR = 1e-2;
const HEAD_STEPS = 150;
const HEAD_BATCH = 128;
const TEST_SIZE = 1000;
const SAMPLE_COUNT = 8;


const params = cemManifest.params;

export type CemParams = ParamValues<typeof params>;
export const cemParams = params;

export type CemModelKind = 'black-box' | 'bool' | 'fuzzy' | 'hybrid' | 'cem' | 'cem-randint';

export interface CemRow extends ConceptModelRow {
  id: CemModelKind;
}

export interface CemSample {
  image: number[];
  side: number;
  /** All 8 true concepts, indexed like `allConcepts`. */
  concepts: number[];
  label: number;
}

export interface CemSnapshot {
  /** Each training run\'s loss so far, in training order (drawn from the first second). */
  curves: LossCurve[];
  allConcepts: string[];
  labelledConcepts: string[];
  unlabelledConcepts: string[];
  labelRule: string;
  rows: CemRow[];
  samples: CemSample[];
}

export interface CemResult extends RunResult<CemSnapshot> {
  snapshot: CemSnapshot;
}

function initialRows(p: CemParams, K: number): CemRow[] {
  const rows: CemRow[] = [
    emptyRow<CemRow>({ id: 'black-box', label: 'Black box (no concepts)' }),
    emptyRow<CemRow>({ id: 'bool', label: 'Bool CBM (0/1 concepts)' }),
    emptyRow<CemRow>({ id: 'fuzzy', label: 'Fuzzy CBM (probabilities)' }),
    emptyRow<CemRow>({ id: 'hybrid', label: `Hybrid CBM (+${K * p.embedSize - K} free units)` }),
    emptyRow<CemRow>({ id: 'cem-randint', label: `CEM + RandInt (p = ${p.randIntProb})` }),
  ];
  if (p.withoutRandInt) rows.push(emptyRow<CemRow>({ id: 'cem', label: 'CEM without RandInt' }));
  return rows;
}

/** The data every model task trains and tests on, as plain arrays (drawn once, in the run). */
interface CemData {
  C: number;
  K: number;
  trainN: number;
  trainInputs: Float32Array;
  /** One-hot training labels, trainN x C. */
  yTrain: Float32Array;
  /** Labelled training concepts, trainN x K. */
  cTrain: Float32Array;
  testN: number;
  testInputs: Float32Array;
  testLabels: Uint8Array;
  cTest: Float32Array;
  /** Per test example, the order in which interventions correct its concepts. */
  order: Int32Array;
}

interface CemTaskInput {
  kind: CemModelKind;
  params: CemParams;
  data: CemData;
  /** The model's RNG seeds by label (see seedLabels). */
  seeds: Record<string, number>;
}

/** A chunk of training: which of the model's training runs (the Bool CBM has two), steps, loss when read. */
interface CemTaskEvent {
  fit: number;
  steps: number;
  loss?: number;
}

/** What finishRow needs. */
interface CemTaskResult {
  taskAccuracy: number;
  conceptAccuracy: number | null;
  curve: number[] | null;
}

/** The labels a model's randomness is forked under, in the order it used to draw them. */
function seedLabels(kind: CemModelKind): string[] {
  if (kind === 'black-box') return ['black-box-init', 'black-box-model-batches'];
  if (kind === 'bool') return ['bool-g-init', 'bool-model-batches', 'bool-head-init', 'bool-head-batches'];
  if (kind === 'fuzzy' || kind === 'hybrid') return [`${kind}-init`, `${kind}-model-batches`];
  return [`${kind}-init`, `${kind}-randint`, `${kind}-model-batches`];
}

/** Each training run of a model, named as its loss curve is. */
function fitPhases(kind: CemModelKind): string[] {
  if (kind === 'black-box') return ['training the black box'];
  if (kind === 'bool') return ['training the Bool CBM’s concept predictor', 'training the Bool CBM’s head on 0/1 concepts'];
  if (kind === 'fuzzy') return ['training the Fuzzy CBM'];
  if (kind === 'hybrid') return ['training the Hybrid CBM'];
  return [kind === 'cem-randint' ? 'training the CEM with RandInt' : 'training the CEM without RandInt'];
}

/** One model of the comparison: trained, then tested with interventions. */
async function* cemModelTask(input: CemTaskInput, ctx: TaskContext): AsyncGenerator<CemTaskEvent, CemTaskResult, void> {
  const { tf } = ctx;
  const { kind, params: p, data, seeds } = input;
  const { C, K } = data;
  const D = SHAPE_PIXELS;
  const seeded = (label: string) => {
    if (seeds[label] === undefined) throw new Error(`no seed for ${label}`);
    return createRng(seeds[label]);
  };
  const live = new LiveModels();
  const keep = <T extends TF.Tensor>(t: T): T => live.keep(t);
  try {
    const xTrain = keep(tf.tensor2d(data.trainInputs, [data.trainN, D]));
    const xTest = keep(tf.tensor2d(data.testInputs, [data.testN, D]));
    const yTrain = keep(tf.tensor2d(data.yTrain, [data.trainN, C]));
    const cTrain = keep(tf.tensor2d(data.cTrain, [data.trainN, K]));
    const { cTest, order, testLabels } = data;
    const fit = <Key extends string>(fitIndex: number, variables: TF.Variable[], batches: Record<Key, TF.Tensor2D>, loss: (b: Record<Key, TF.Tensor2D>) => TF.Scalar, head = false) =>
      fitInChunks(
        {
          tf,
          rng: seeded(`${kind}-${head ? 'head' : 'model'}-batches`),
          variables,
          data: batches,
          loss,
          steps: head ? HEAD_STEPS : p.steps,
          learningRate: head ? HEAD_LR : LR,
          batchSize: head ? HEAD_BATCH : BATCH,
        },
        (steps, l): CemTaskEvent => ({ fit: fitIndex, steps, loss: l }),
      );

    if (kind === 'black-box') {
      const blackBox = createMlp(tf, seeded('black-box-init'), [D, ENCODER_HIDDEN, C]);
      live.track(() => disposeMlp(blackBox));
      yield* fit(0, mlpVariables(blackBox), { x: xTrain, y: yTrain }, (b) => classifierLoss(tf, blackBox, b.x, b.y));
      return { taskAccuracy: argmaxAccuracy(await predictLogits(tf, blackBox, data.testInputs, D), testLabels, C), conceptAccuracy: null, curve: null };
    }

    if (kind === 'bool') {
      // g on the labelled concepts, then a head on its thresholded outputs.
      const g = createMlp(tf, seeded('bool-g-init'), [D, ENCODER_HIDDEN, K]);
      const releaseG = live.track(() => disposeMlp(g));
      yield* fit(0, mlpVariables(g), { x: xTrain, c: cTrain }, (b) => conceptLoss(tf, g, b.x, b.c));
      const gTest = await predictConceptProbs(tf, g, xTest);
      const gTrain = await predictConceptProbs(tf, g, xTrain);
      releaseG();
      const boolHead = createMlp(tf, seeded('bool-head-init'), [K, HEAD_HIDDEN, C]);
      live.track(() => disposeMlp(boolHead));
      const hardTrain = keep(tf.tensor2d(binarize(gTrain), [data.trainN, K]));
      yield* fit(1, mlpVariables(boolHead), { x: hardTrain, y: yTrain }, (b) => classifierLoss(tf, boolHead, b.x, b.y), true);
      const boolCurve = await headInterventionCurve(tf, boolHead, binarize(gTest), K, cTest, K, order, testLabels, C);
      return { taskAccuracy: boolCurve[0], conceptAccuracy: conceptAccuracy(gTest, cTest), curve: boolCurve };
    }

    if (kind === 'fuzzy' || kind === 'hybrid') {
      // Joint training.
      const extra = kind === 'fuzzy' ? 0 : K * p.embedSize - K;
      const m = createJointCbm(tf, seeded(`${kind}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: K, extraUnits: extra, headHidden: HEAD_HIDDEN, nClasses: C });
      live.track(() => disposeJointCbm(m));
      yield* fit(0, jointVariables(m), { x: xTrain, c: cTrain, y: yTrain }, (b) => jointLoss(tf, m, b.x, b.c, b.y, p.conceptWeight));
      const bottleneck = await predictJointBottleneck(tf, m, xTest);
      const width = K + extra;
      const curve = await headInterventionCurve(tf, m.head, bottleneck, width, cTest, K, order, testLabels, C, Array.from({ length: K }, (_, j) => j));
      return { taskAccuracy: curve[0], conceptAccuracy: conceptAccuracy(firstColumns(bottleneck, width, K), cTest), curve };
    }

    // CEMs: with RandInt, or without.
    const pInt = kind === 'cem-randint' ? p.randIntProb : 0;
    const model = createCem(tf, seeded(`${kind}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: K, embedSize: p.embedSize, headHidden: HEAD_HIDDEN, nClasses: C });
    live.track(() => disposeCem(model));
    const maskRng = seeded(`${kind}-randint`);
    yield* fit(0, cemVariables(model), { x: xTrain, c: cTrain, y: yTrain }, (b) => {
      const rowsInBatch = b.x.shape[0];
      const mask = pInt > 0 ? tf.tensor2d(randIntMask(maskRng, rowsInBatch, K, pInt), [rowsInBatch, K]) : undefined;
      return cemLoss(tf, model, b.x, b.c, b.y, p.conceptWeight, mask);
    });
    const evaluation = await cemInterventionCurve(tf, model, xTest, cTest, order, testLabels, C);
    return { taskAccuracy: evaluation.accuracy[0], conceptAccuracy: conceptAccuracy(evaluation.probs, cTest), curve: evaluation.accuracy };
  } finally {
    live.disposeAll();
  }
}

const cemTasks = { model: cemModelTask };

export const cem = defineExperiment<typeof params, CemSnapshot, CemResult>({
  ...cemManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const missing = p.missing.split(',').map((s) => s.trim());
    const labelled = SHAPE_CONCEPTS.map((_, i) => i).filter((i) => !missing.includes(SHAPE_CONCEPTS[i]));
    const K = labelled.length;
    const D = SHAPE_PIXELS;

    const rows = initialRows(p, K);
    const row = (id: CemModelKind) => rows.find((r) => r.id === id)!;
    const KA = SHAPE_CONCEPTS.length;
    const snapshot: CemSnapshot = {
      curves: [],
      allConcepts: [...SHAPE_CONCEPTS],
      labelledConcepts: labelled.map((i) => SHAPE_CONCEPTS[i]),
      unlabelledConcepts: missing,
      labelRule: LABEL_RULE_TEXT,
      rows,
      samples: [],
    };
    const encoders = 5 + (p.withoutRandInt ? 1 : 0);
    const totalSteps = encoders * p.steps + HEAD_STEPS;
    let step = 0;
    const early = (phase: string): Progress<CemSnapshot> => ({ step, totalSteps, phase, metrics: rowMetrics(rows, false), snapshot: { ...snapshot, rows: copyRows(rows), curves: [] } });

    // Tell the reader something is happening before the (half-second) image drawing.
    yield early('drawing the training images');
    const shapes = (label: string, n: number) => makeConceptShapes(rng.fork(label), { n, pixelNoise: p.pixelNoise, unlabelled: missing as ShapeConcept[] });
    const train = shapes('train-data', p.trainSize);
    yield early('drawing the test images');
    const test = shapes('test-data', TEST_SIZE);
    const C = train.nClasses;
    snapshot.samples = Array.from({ length: SAMPLE_COUNT }, (_, i) => ({
      image: Array.from(test.inputs.subarray(i * D, (i + 1) * D), (v) => Math.round(v * 1000) / 1000),
      side: SHAPE_SIZE,
      concepts: Array.from(test.concepts.subarray(i * KA, (i + 1) * KA)),
      label: test.labels[i],
    }));

    const order = randomInterventionOrders(rng.fork('intervention-order'), test.n, K);
    const data: CemData = {
      C,
      K,
      trainN: train.n,
      trainInputs: train.inputs,
      yTrain: oneHotArray(train.labels, C),
      cTrain: labelledConceptMatrix(train),
      testN: test.n,
      testInputs: test.inputs,
      testLabels: test.labels,
      cTest: labelledConceptMatrix(test),
      order,
    };
    // Each model is a task with its own seeds, taken from the run's rng in the order the models
    // once trained in, one after another: the same numbers, and the browser trains two at once.
    const calls: TaskCall<CemTaskInput>[] = rows.map((r) => {
      const seeds: Record<string, number> = {};
      for (const label of seedLabels(r.id)) seeds[label] = rng.forkSeed(label);
      return { task: 'model', seed: 0, input: { kind: r.id, params: p, data, seeds } };
    });
    // One loss curve per training run, in the order they used to train (the head of the Bool CBM after its g).
    const curveSlots = rows.flatMap((r) => fitPhases(r.id).map((phase) => ({ id: r.id, curve: { name: phase, every: LOSS_EVERY, values: [] } as LossCurve, started: false })));
    const curveOf = (id: CemModelKind, fit: number) => curveSlots.filter((c) => c.id === id)[fit];
    const copy = (): CemSnapshot => ({ ...snapshot, rows: copyRows(rows), curves: copyCurves(curveSlots.filter((c) => c.started).map((c) => c.curve)) });
    const progress = (phase: string, loss?: number): Progress<CemSnapshot> => ({ step, totalSteps, phase, metrics: rowMetrics(rows, false), snapshot: copy(), loss });

    for await (const e of runTasks<CemTaskEvent, CemTaskResult>(ctx, cemTasks, calls)) {
      const r = rows[e.index];
      if (e.done) {
        finishRow(r, e.value.taskAccuracy, e.value.conceptAccuracy, e.value.curve);
        continue;
      }
      const { fit, steps, loss } = e.value;
      const slot = curveOf(r.id, fit);
      r.status = 'training';
      slot.started = true;
      if (loss !== undefined && Number.isFinite(loss)) slot.curve.values.push(round4(loss));
      step += steps;
      yield progress(slot.curve.name, loss);
    }
    const metrics = rowMetrics(rows, true);
    return { metrics, snapshot: copy() };
  },

  tasks: { model: cemModelTask },

  claim(result) {
    return cemClaim(result);
  },
});

/**
 * Pass criteria, fixed on calibration seeds 100-104 at the default parameters (the tests use
 * seeds 1, 2, 3). See the comment by each number.
 */
export const CEM_THRESHOLDS = {
  /** CEM + RandInt (no intervention) may trail the black box by at most this (calibration: it led by 0.01-0.06). */
  maxAccuracyGapToBlackBox: 0.03,
  /** CEM + RandInt must gain at least this much with every labelled concept corrected (calibration: 0.09-0.12). */
  minCemGain: 0.05,
  /** The hybrid may gain at most this much (calibration: -0.01 to 0.02) ... */
  maxHybridGain: 0.04,
  /** ... and CEM + RandInt must out-gain it by at least this much (calibration: 0.07-0.13). */
  minGainOverHybrid: 0.04,
};

export function cemClaim(result: CemResult): Claim {
  const T = CEM_THRESHOLDS;
  const rows = result.snapshot.rows;
  const get = (id: CemModelKind) => rows.find((r) => r.id === id);
  const acc = (id: CemModelKind) => get(id)?.taskAccuracy ?? NaN;
  const gain = (id: CemModelKind) => curveGainAndDip(get(id)?.interventionCurve ?? []).gain;
  const fmt = (v: number) => fixed(v);
  const blackBox = acc('black-box');
  const cemAcc = acc('cem-randint');
  const cemGain = gain('cem-randint');
  const hybridGain = gain('hybrid');
  const numbers: Record<string, number> = {
    blackBox,
    cem: cemAcc,
    cemIntervened: get('cem-randint')?.intervenedAccuracy ?? NaN,
    cemGain,
    hybrid: acc('hybrid'),
    hybridGain,
    bool: acc('bool'),
    boolGain: gain('bool'),
    fuzzy: acc('fuzzy'),
    fuzzyGain: gain('fuzzy'),
  };
  if (get('cem')) {
    numbers.cemNoRandInt = acc('cem');
    numbers.cemNoRandIntGain = gain('cem');
  }
  const checks: ClaimCheck[] = [
    {
      name: 'CEM keeps task accuracy close to the black box',
      holds: cemAcc >= blackBox - T.maxAccuracyGapToBlackBox,
      detail: `CEM + RandInt ${fmt(cemAcc)} vs black box ${fmt(blackBox)} [need ≥ black box − ${T.maxAccuracyGapToBlackBox}]`,
    },
    {
      name: 'CEM responds to interventions',
      holds: cemGain >= T.minCemGain,
      detail: `correcting every labelled concept takes CEM + RandInt from ${fmt(cemAcc)} to ${fmt(numbers.cemIntervened)} (gain ${fmt(cemGain)}) [need ≥ ${T.minCemGain}]`,
    },
    {
      name: 'The hybrid barely responds to interventions',
      holds: hybridGain <= T.maxHybridGain && cemGain - hybridGain >= T.minGainOverHybrid,
      detail: `hybrid gain ${fmt(hybridGain)} [need ≤ ${T.maxHybridGain}], CEM + RandInt out-gains it by ${fmt(cemGain - hybridGain)} [need ≥ ${T.minGainOverHybrid}]`,
    },
  ];
  const holds = checks.every((c) => c.holds);
  const summary =
    `With concepts missing, CEM + RandInt scores ${fmt(cemAcc)} (black box ${fmt(blackBox)}) and rises to ${fmt(numbers.cemIntervened)} when every labelled concept is corrected; ` +
    `the hybrid (${fmt(acc('hybrid'))}) gains only ${fmt(hybridGain)}, and the Bool CBM starts at ${fmt(acc('bool'))}` +
    (holds ? '.' : `; not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`);
  return { holds, summary, numbers: Object.fromEntries(Object.entries(numbers).map(([k, v]) => [k, round4(v)])), checks };
}

export default cem;
