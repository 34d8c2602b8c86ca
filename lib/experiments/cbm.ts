/**
 * Concept bottleneck models (Koh et al. 2020) on the concept-shapes images (lib/data/concept-shapes.ts):
 * 16x16 pictures built from 8 binary concepts, with a 4-class label defined from the concepts by
 * LABEL_RULE_TEXT. Everything trains in the run, in two parts on the same images:
 *
 *   Part "all-labelled" (all 8 concepts annotated):
 *     black box (x -> y), concept predictor g (x -> c), and heads f on top of g:
 *     independent (f trained on TRUE concepts, fed g's probabilities at test time),
 *     sequential fuzzy (f trained on g's probabilities), sequential binary (on g's 0/1 thresholds),
 *     joint (g and f together, lambda = jointLambda) and, optionally, the joint "control"
 *     (lambda = 0.01), Koh et al.'s model whose concepts drift away from their meaning.
 *   Part "one-unlabelled" (the `unlabelled` concept's annotation withheld, default `framed`):
 *     a new g' on the 7 remaining concepts with sequential fuzzy / binary heads, a joint fuzzy CBM,
 *     and a hybrid CBM (joint, plus `extraUnits` free LeakyReLU units in the bottleneck).
 *
 * Each CBM is then evaluated with test-time interventions: for k = 0..K, the first k concepts of a
 * random per-example order are set to their true 0/1 values (the same orders for every model).
 *
 * ---- Snapshot (CbmSnapshot), what the UI draws ------------------------------------------------
 * - `rows`: the results table, one row per model, filled in as each model finishes
 *   (status waiting -> training -> done). Columns: label, part, bottleneck, training,
 *   taskAccuracy (no intervention), conceptAccuracy (mean over its labelled concepts; null for the
 *   black box), intervenedAccuracy (all labelled concepts set to their true values).
 * - `rows[i].interventionCurve`: task accuracy for k = 0..K intervened concepts (K = 8 in the
 *   all-labelled part, 7 in the other): one line per CBM, x = k. The black box's row has a flat
 *   reference value (taskAccuracy) and no curve. Draw each part in its own panel.
 * - `perConceptAccuracy` (+ `conceptNames`): g's test accuracy per concept (a bar per concept).
 * - `examples` (final snapshot only): a few test images (`image`, side x side, values in [0, 1],
 *   row-major) with their true concepts (all 8), g's predicted probabilities, the true label and
 *   the independent model's prediction. For the interactive panel: the reader toggles concepts and
 *   the page calls `predictFromConcepts(snapshot.heads.independent, conceptVector)` (exported below,
 *   pure TS) to recompute the label instantly. Concept vectors are indexed like `conceptNames`.
 * - `heads` (final snapshot only): the independent and sequential-fuzzy heads as plain arrays.
 * - `labelRule`, `classNames`, `unlabelledConcept`: text for captions.
 */
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult, type Tf } from './types';
import type { ParamValues } from './params';
import type * as TF from '@tensorflow/tfjs';
import {
  LABEL_RULE_TEXT,
  SHAPE_CLASS_NAMES,
  SHAPE_CONCEPTS,
  SHAPE_PIXELS,
  SHAPE_SIZE,
  makeConceptShapes,
} from '../data/concept-shapes';
import { conceptsExcept, labelledConceptMatrix, withLabelledConcepts, type ConceptDataset } from '../data/concept-dataset';
import { argmaxAccuracy, createMlp, createTrainer, disposeMlp, mlpToPlain, mlpVariables, oneHotArray, type Mlp } from '../ml/concept-mlp';
import {
  classifierLoss,
  conceptAccuracy,
  conceptLoss,
  createJointCbm,
  disposeJointCbm,
  headInterventionCurve,
  jointEncode,
  jointLoss,
  jointVariables,
  perConceptAccuracy,
  predictConceptProbs,
  predictLogits,
  type JointCbm,
} from '../ml/concept-models';
import { binarize, randomInterventionOrders } from '../ml/concept-intervene';
import { trainInChunks } from '../ml/concept-train';
import type { PlainHead } from '../ml/concept-head';

export { predictFromConcepts, plainHeadLogits, type PlainHead } from '../ml/concept-head';

/** Hidden units of every x -> ... encoder, and of every head. */
const ENCODER_HIDDEN = 32;
const HEAD_HIDDEN = 32;
const BATCH = 64;
const ENCODER_LR = 3e-3;
const HEAD_LR = 1e-2;
const HEAD_STEPS = 150;
const HEAD_BATCH = 128;
const TEST_SIZE = 1000;
const CONTROL_LAMBDA = 0.01;
const EXAMPLE_COUNT = 6;

const RELEVANT = ['framed', 'square', 'large', 'filled', 'right', 'bottom'] as const;

const params = {
  unlabelled: {
    kind: 'enum',
    label: 'Concept left unlabelled (part 2)',
    default: 'framed',
    options: RELEVANT,
    help: 'Part 2 withholds this concept’s annotations; it still decides the label. The claims were calibrated with framed.',
  },
  trainSize: { kind: 'int', label: 'Training images', default: 2000, min: 500, max: 5000, step: 500 },
  steps: {
    kind: 'int',
    label: 'Training steps per model',
    default: 400,
    min: 100,
    max: 3000,
    step: 100,
    help: 'Adam steps (batch 64) for each image model; heads on concepts get 150 (batch 128).',
  },
  pixelNoise: {
    kind: 'number',
    label: 'Pixel noise',
    default: 0.3,
    min: 0,
    max: 0.6,
    step: 0.05,
    help: 'More noise makes concepts harder to read, so interventions have more to fix.',
  },
  jointLambda: {
    kind: 'number',
    label: 'Joint concept weight λ',
    default: 1,
    min: 0.01,
    max: 10,
    step: 0.01,
    help: 'Weight of the summed concept loss in the joint and hybrid models.',
  },
  extraUnits: { kind: 'int', label: 'Hybrid free units', default: 4, min: 1, max: 16 },
  control: {
    kind: 'boolean',
    label: 'Train the λ = 0.01 control',
    default: true,
    help: 'A joint model with a tiny concept weight, whose concepts stop meaning what they say.',
  },
  correlation: {
    kind: 'number',
    label: 'Concept correlation',
    default: 0,
    min: 0,
    max: 0.9,
    step: 0.1,
    help: 'Shared-factor correlation between all concepts (0: independent).',
  },
  labelNoise: { kind: 'number', label: 'Label noise', default: 0, min: 0, max: 0.3, step: 0.05, help: 'Fraction of training and test labels replaced by another class.' },
} as const;

export type CbmParams = ParamValues<typeof params>;
export const cbmParams = params;

export type CbmPart = 'all-labelled' | 'one-unlabelled';
export type CbmRowStatus = 'waiting' | 'training' | 'done';

export interface CbmRow {
  id: string;
  label: string;
  part: CbmPart;
  bottleneck: 'none' | 'fuzzy' | 'binary' | 'fuzzy + free units';
  training: 'end-to-end' | 'independent' | 'sequential' | 'joint';
  status: CbmRowStatus;
  taskAccuracy: number | null;
  conceptAccuracy: number | null;
  intervenedAccuracy: number | null;
  /** Task accuracy with k = 0..K concepts set to their true values; null for the black box. */
  interventionCurve: number[] | null;
}

export interface CbmExample {
  /** Index in the test set. */
  index: number;
  /** side x side pixels in [0, 1], row-major. */
  image: number[];
  side: number;
  /** All 8 true concepts (0/1), indexed like conceptNames. */
  concepts: number[];
  /** g's predicted probability for each concept. */
  probs: number[];
  label: number;
  /** The independent model's prediction from `probs`. */
  predicted: number;
}

export interface CbmSnapshot {
  conceptNames: string[];
  classNames: string[];
  labelRule: string;
  unlabelledConcept: string;
  rows: CbmRow[];
  perConceptAccuracy: number[] | null;
  examples: CbmExample[] | null;
  heads: { independent: PlainHead; sequential: PlainHead } | null;
}

export interface CbmResult extends RunResult<CbmSnapshot> {
  snapshot: CbmSnapshot;
}

type RowId =
  | 'black-box'
  | 'independent'
  | 'sequential-fuzzy'
  | 'sequential-binary'
  | 'joint'
  | 'control'
  | 'missing-sequential-fuzzy'
  | 'missing-sequential-binary'
  | 'missing-joint'
  | 'missing-hybrid';

function initialRows(p: CbmParams): CbmRow[] {
  const row = (id: RowId, label: string, part: CbmPart, bottleneck: CbmRow['bottleneck'], training: CbmRow['training']): CbmRow => ({
    id,
    label,
    part,
    bottleneck,
    training,
    status: 'waiting',
    taskAccuracy: null,
    conceptAccuracy: null,
    intervenedAccuracy: null,
    interventionCurve: null,
  });
  const rows = [
    row('black-box', 'Black box (no concepts)', 'all-labelled', 'none', 'end-to-end'),
    row('independent', 'Independent CBM', 'all-labelled', 'fuzzy', 'independent'),
    row('sequential-fuzzy', 'Sequential CBM, fuzzy', 'all-labelled', 'fuzzy', 'sequential'),
    row('sequential-binary', 'Sequential CBM, binary', 'all-labelled', 'binary', 'sequential'),
    row('joint', `Joint CBM (λ = ${p.jointLambda})`, 'all-labelled', 'fuzzy', 'joint'),
  ];
  if (p.control) rows.push(row('control', `Joint CBM, control (λ = ${CONTROL_LAMBDA})`, 'all-labelled', 'fuzzy', 'joint'));
  rows.push(
    row('missing-sequential-fuzzy', 'Sequential CBM, fuzzy', 'one-unlabelled', 'fuzzy', 'sequential'),
    row('missing-sequential-binary', 'Sequential CBM, binary', 'one-unlabelled', 'binary', 'sequential'),
    row('missing-joint', `Joint CBM, fuzzy (λ = ${p.jointLambda})`, 'one-unlabelled', 'fuzzy', 'joint'),
    row('missing-hybrid', `Hybrid CBM (+${p.extraUnits} free units)`, 'one-unlabelled', 'fuzzy + free units', 'joint'),
  );
  return rows;
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

/** The concept probabilities of a joint model's bottleneck (its first K columns) on x. */
async function jointProbs(tf: Tf, m: JointCbm, x: TF.Tensor2D): Promise<Float32Array> {
  const bn = tf.tidy(() => jointEncode(tf, m, x).bottleneck);
  const values = (await bn.data()) as Float32Array;
  bn.dispose();
  return Float32Array.from(values);
}

function columns(values: Float32Array, width: number, count: number): Float32Array {
  const n = values.length / width;
  const out = new Float32Array(n * count);
  for (let i = 0; i < n; i++) for (let j = 0; j < count; j++) out[i * count + j] = values[i * width + j];
  return out;
}

export const cbm = defineExperiment<typeof params, CbmSnapshot, CbmResult>({
  id: 'cbm',
  title: 'Fix the concepts, fix the answer',
  description:
    'Trains a black box and concept bottleneck models (independent, sequential, joint; fuzzy and binary; hybrid) on small shape images whose label is a rule over 8 visible concepts, then sets more and more predicted concepts to their true values and watches task accuracy.',
  params,
  defaultSeed: 1,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const dataOptions = { pixelNoise: p.pixelNoise, correlation: p.correlation, labelNoise: p.labelNoise };
    const train = makeConceptShapes(rng.fork('train-data'), { n: p.trainSize, ...dataOptions });
    const test = makeConceptShapes(rng.fork('test-data'), { n: TEST_SIZE, ...dataOptions });
    const missingIdx = conceptsExcept(train, [p.unlabelled]);
    const trainMissing = withLabelledConcepts(train, missingIdx);
    const testMissing = withLabelledConcepts(test, missingIdx);
    const K = train.labelledConcepts.length;
    const KM = missingIdx.length;
    const C = train.nClasses;
    const D = SHAPE_PIXELS;

    const rows = initialRows(p);
    const rowById = (id: RowId) => rows.find((r) => r.id === id)!;
    const snapshot: CbmSnapshot = {
      conceptNames: [...SHAPE_CONCEPTS],
      classNames: [...SHAPE_CLASS_NAMES],
      labelRule: LABEL_RULE_TEXT,
      unlabelledConcept: p.unlabelled,
      rows,
      perConceptAccuracy: null,
      examples: null,
      heads: null,
    };
    const encoders = 6 + (p.control ? 1 : 0);
    const heads = 5;
    const totalSteps = encoders * p.steps + heads * HEAD_STEPS;
    let step = 0;
    const copy = (): CbmSnapshot => ({
      ...snapshot,
      rows: rows.map((r) => ({ ...r, interventionCurve: r.interventionCurve ? [...r.interventionCurve] : null })),
    });
    const progress = (phase: string, loss?: number): Progress<CbmSnapshot> => {
      const metrics: Record<string, number> = {};
      for (const r of rows) if (r.taskAccuracy !== null) metrics[`${r.id}.accuracy`] = r.taskAccuracy;
      return { step, totalSteps, phase, metrics, snapshot: copy(), loss };
    };

    const owned: TF.Tensor[] = [];
    const keep = <T extends TF.Tensor>(t: T): T => {
      owned.push(t);
      return t;
    };
    // Models are disposed as soon as they are evaluated (the leak guard watches the tensor count);
    // whatever is still live when the run stops early is disposed in `finally`.
    const live = new Set<() => void>();
    const track = (dispose: () => void) => {
      live.add(dispose);
      return () => {
        if (live.delete(dispose)) dispose();
      };
    };
    try {
      const xTrain = keep(tf.tensor2d(train.inputs, [train.n, D]));
      const xTest = keep(tf.tensor2d(test.inputs, [test.n, D]));
      const yTrain = keep(tf.tensor2d(oneHotArray(train.labels, C), [train.n, C]));
      const cTrainArr = labelledConceptMatrix(train);
      const cTrain = keep(tf.tensor2d(cTrainArr, [train.n, K]));
      const cTest = labelledConceptMatrix(test);
      const cTrainMissingArr = labelledConceptMatrix(trainMissing);
      const cTrainMissing = keep(tf.tensor2d(cTrainMissingArr, [train.n, KM]));
      const cTestMissing = labelledConceptMatrix(testMissing);
      const order = randomInterventionOrders(rng.fork('intervention-order'), test.n, K);
      const orderMissing = randomInterventionOrders(rng.fork('intervention-order-missing'), test.n, KM);

      // One generator helper: train a model for `steps`, yielding after every chunk.
      async function* fit(
        rowIds: RowId[],
        phase: string,
        variables: TF.Variable[],
        data: Record<string, TF.Tensor2D>,
        loss: (b: Record<string, TF.Tensor2D>) => TF.Scalar,
        steps: number,
        lr: number,
        seedLabel: string,
        batchSize = BATCH,
      ): AsyncGenerator<Progress<CbmSnapshot>, void, void> {
        for (const id of rowIds) rowById(id).status = 'training';
        const trainer = createTrainer(tf, { data, variables, loss, learningRate: lr, batchSize, rng: rng.fork(seedLabel) });
        try {
          for await (const chunk of trainInChunks(trainer, steps)) {
            step += chunk.steps;
            yield progress(phase, chunk.loss);
          }
        } finally {
          trainer.dispose();
        }
      }

      const finishRow = (id: RowId, curve: number[] | null, taskAccuracy: number, concept: number | null) => {
        const r = rowById(id);
        r.status = 'done';
        r.taskAccuracy = round4(taskAccuracy);
        r.conceptAccuracy = concept === null ? null : round4(concept);
        r.interventionCurve = curve ? curve.map(round4) : null;
        r.intervenedAccuracy = curve ? round4(curve[curve.length - 1]) : null;
      };

      // Heads on fixed inputs (true concepts, or g's outputs): tiny, fast.
      async function* fitHead(id: RowId, phase: string, inputs: Float32Array, width: number, seedLabel: string) {
        const head = createMlp(tf, rng.fork(`${seedLabel}-init`), [width, HEAD_HIDDEN, C]);
        const release = track(() => disposeMlp(head));
        const x = tf.tensor2d(inputs, [train.n, width]);
        try {
          yield* fit([id], phase, mlpVariables(head), { x, y: yTrain }, (b) => classifierLoss(tf, head, b.x, b.y), HEAD_STEPS, HEAD_LR, seedLabel, HEAD_BATCH);
        } finally {
          x.dispose();
        }
        return { head, release };
      }

      // ---- Part 1: all concepts labelled ----------------------------------------------------------
      const blackBox = createMlp(tf, rng.fork('black-box-init'), [D, ENCODER_HIDDEN, C]);
      const releaseBlackBox = track(() => disposeMlp(blackBox));
      yield* fit(['black-box'], 'training the black box', mlpVariables(blackBox), { x: xTrain, y: yTrain }, (b) => classifierLoss(tf, blackBox, b.x, b.y), p.steps, ENCODER_LR, 'black-box');
      const blackBoxAccuracy = argmaxAccuracy(await predictLogits(tf, blackBox, test.inputs, D), test.labels, C);
      finishRow('black-box', null, blackBoxAccuracy, null);
      releaseBlackBox();

      const g = createMlp(tf, rng.fork('g-init'), [D, ENCODER_HIDDEN, K]);
      const releaseG = track(() => disposeMlp(g));
      yield* fit(['independent', 'sequential-fuzzy', 'sequential-binary'], 'training the concept predictor g', mlpVariables(g), { x: xTrain, c: cTrain }, (b) => conceptLoss(tf, g, b.x, b.c), p.steps, ENCODER_LR, 'g');
      const gTest = await predictConceptProbs(tf, g, xTest);
      const gTrain = await predictConceptProbs(tf, g, xTrain);
      releaseG();
      const gConceptAccuracy = conceptAccuracy(gTest, cTest);
      snapshot.perConceptAccuracy = perConceptAccuracy(gTest, cTest, K).map(round4);

      const { head: independent, release: releaseIndependent } = yield* fitHead('independent', 'training the independent head on true concepts', cTrainArr, K, 'independent');
      const indCurve = await headInterventionCurve(tf, independent, gTest, K, cTest, K, order, test.labels, C);
      finishRow('independent', indCurve, indCurve[0], gConceptAccuracy);

      // The interactive panel: a few test examples, some the independent model gets wrong.
      const indLogits = await predictLogits(tf, independent, gTest, K);
      const predicted = Array.from({ length: test.n }, (_, i) => {
        let best = 0;
        for (let c = 1; c < C; c++) if (indLogits[i * C + c] > indLogits[i * C + best]) best = c;
        return best;
      });
      const wrong = predicted.map((y, i) => (y !== test.labels[i] ? i : -1)).filter((i) => i >= 0);
      const right = predicted.map((y, i) => (y === test.labels[i] ? i : -1)).filter((i) => i >= 0);
      const picks = [...wrong.slice(0, EXAMPLE_COUNT / 2), ...right.slice(0, EXAMPLE_COUNT - Math.min(wrong.length, EXAMPLE_COUNT / 2))].sort((a, b) => a - b);
      snapshot.examples = picks.map((i) => exampleOf(test, i, gTest, K, predicted[i]));
      const independentPlain: PlainHead = { layers: await mlpToPlain(independent) };
      releaseIndependent();


      const { head: seqFuzzy, release: releaseSeqFuzzy } = yield* fitHead('sequential-fuzzy', 'training the sequential head on probabilities', gTrain, K, 'sequential-fuzzy');
      const seqFuzzyCurve = await headInterventionCurve(tf, seqFuzzy, gTest, K, cTest, K, order, test.labels, C);
      finishRow('sequential-fuzzy', seqFuzzyCurve, seqFuzzyCurve[0], gConceptAccuracy);
      snapshot.heads = { independent: independentPlain, sequential: { layers: await mlpToPlain(seqFuzzy) } };
      releaseSeqFuzzy();

      const { head: seqBinary, release: releaseSeqBinary } = yield* fitHead('sequential-binary', 'training the sequential head on 0/1 concepts', binarize(gTrain), K, 'sequential-binary');
      const seqBinaryCurve = await headInterventionCurve(tf, seqBinary, binarize(gTest), K, cTest, K, order, test.labels, C);
      finishRow('sequential-binary', seqBinaryCurve, seqBinaryCurve[0], gConceptAccuracy);
      releaseSeqBinary();

      const jointModels: Array<[RowId, number]> = [['joint', p.jointLambda]];
      if (p.control) jointModels.push(['control', CONTROL_LAMBDA]);
      for (const [id, lambda] of jointModels) {
        const m = createJointCbm(tf, rng.fork(`${id}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: K, headHidden: HEAD_HIDDEN, nClasses: C });
        const release = track(() => disposeJointCbm(m));
        yield* fit([id], `training the joint CBM (λ = ${lambda})`, jointVariables(m), { x: xTrain, c: cTrain, y: yTrain }, (b) => jointLoss(tf, m, b.x, b.c, b.y, lambda), p.steps, ENCODER_LR, id);
        const probs = await jointProbs(tf, m, xTest);
        const curve = await headInterventionCurve(tf, m.head, probs, K, cTest, K, order, test.labels, C);
        finishRow(id, curve, curve[0], conceptAccuracy(probs, cTest));
        release();
      }

      // ---- Part 2: one concept left unlabelled ------------------------------------------------------
      const gm = createMlp(tf, rng.fork('missing-g-init'), [D, ENCODER_HIDDEN, KM]);
      const releaseGm = track(() => disposeMlp(gm));
      yield* fit(['missing-sequential-fuzzy', 'missing-sequential-binary'], `training g without ${p.unlabelled}`, mlpVariables(gm), { x: xTrain, c: cTrainMissing }, (b) => conceptLoss(tf, gm, b.x, b.c), p.steps, ENCODER_LR, 'missing-g');
      const gmTest = await predictConceptProbs(tf, gm, xTest);
      const gmTrain = await predictConceptProbs(tf, gm, xTrain);
      releaseGm();
      const gmConceptAccuracy = conceptAccuracy(gmTest, cTestMissing);

      const { head: mSeqFuzzy, release: releaseMSeqFuzzy } = yield* fitHead('missing-sequential-fuzzy', 'training a sequential head (fuzzy)', gmTrain, KM, 'missing-sequential-fuzzy');
      const mSeqFuzzyCurve = await headInterventionCurve(tf, mSeqFuzzy, gmTest, KM, cTestMissing, KM, orderMissing, test.labels, C);
      finishRow('missing-sequential-fuzzy', mSeqFuzzyCurve, mSeqFuzzyCurve[0], gmConceptAccuracy);
      releaseMSeqFuzzy();

      const { head: mSeqBinary, release: releaseMSeqBinary } = yield* fitHead('missing-sequential-binary', 'training a sequential head (binary)', binarize(gmTrain), KM, 'missing-sequential-binary');
      const mSeqBinaryCurve = await headInterventionCurve(tf, mSeqBinary, binarize(gmTest), KM, cTestMissing, KM, orderMissing, test.labels, C);
      finishRow('missing-sequential-binary', mSeqBinaryCurve, mSeqBinaryCurve[0], gmConceptAccuracy);
      releaseMSeqBinary();

      for (const [id, extra] of [['missing-joint', 0], ['missing-hybrid', p.extraUnits]] as Array<[RowId, number]>) {
        const m = createJointCbm(tf, rng.fork(`${id}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: KM, extraUnits: extra, headHidden: HEAD_HIDDEN, nClasses: C });
        const release = track(() => disposeJointCbm(m));
        const what = extra ? `the hybrid CBM (+${extra} free units)` : 'the joint CBM';
        yield* fit([id], `training ${what} without ${p.unlabelled}`, jointVariables(m), { x: xTrain, c: cTrainMissing, y: yTrain }, (b) => jointLoss(tf, m, b.x, b.c, b.y, p.jointLambda), p.steps, ENCODER_LR, id);
        const bottleneck = await jointProbs(tf, m, xTest);
        const width = KM + extra;
        const curve = await headInterventionCurve(tf, m.head, bottleneck, width, cTestMissing, KM, orderMissing, test.labels, C, Array.from({ length: KM }, (_, j) => j));
        finishRow(id, curve, curve[0], conceptAccuracy(columns(bottleneck, width, KM), cTestMissing));
        release();
      }

      const metrics: Record<string, number> = { conceptAccuracy: round4(gConceptAccuracy), missingConceptAccuracy: round4(gmConceptAccuracy) };
      for (const r of rows) {
        if (r.taskAccuracy !== null) metrics[`${r.id}.accuracy`] = r.taskAccuracy;
        if (r.intervenedAccuracy !== null) metrics[`${r.id}.intervened`] = r.intervenedAccuracy;
        if (r.conceptAccuracy !== null) metrics[`${r.id}.concepts`] = r.conceptAccuracy;
      }
      return { metrics, snapshot: copy() };
    } finally {
      for (const dispose of [...live]) dispose();
      for (const t of owned) t.dispose();
    }
  },

  claim(result, p) {
    return cbmClaim(result, p);
  },
});

function exampleOf(data: ConceptDataset, i: number, probs: Float32Array, K: number, predicted: number): CbmExample {
  const KA = data.conceptNames.length;
  return {
    index: i,
    image: Array.from(data.inputs.subarray(i * SHAPE_PIXELS, (i + 1) * SHAPE_PIXELS), (v) => Math.round(v * 1000) / 1000),
    side: SHAPE_SIZE,
    concepts: Array.from(data.concepts.subarray(i * KA, (i + 1) * KA)),
    probs: Array.from(probs.subarray(i * K, (i + 1) * K), round4),
    label: data.labels[i],
    predicted,
  };
}

/**
 * Pass criteria. Thresholds were fixed on calibration seeds 100-104 (never on the test seeds
 * 1, 2, 3), at the default parameters; see the comments by each number.
 */
export const CBM_THRESHOLDS = {
  /**
   * Independent and sequential CBMs must gain at least this much from k = 0 to k = K
   * (calibration seeds 100-104: 0.16-0.21; the ceiling is 1.0 because the label is a rule
   * over the concepts).
   */
  minInterventionGain: 0.1,
  /**
   * The joint CBM must gain at least this much. Koh et al. find joint models less intervenable
   * than independent ones; calibration: 0.09-0.21.
   */
  minJointInterventionGain: 0.05,
  /** No curve may dip by more than this between consecutive k (test-set noise; calibration: <= 0.003). */
  maxCurveDip: 0.015,
  /** Fuzzy (joint, sigmoid) minus binary (sequential, thresholded) with a concept missing (calibration: 0.09-0.19). */
  minFuzzyAdvantage: 0.03,
  /** The plain CBM with a concept missing must trail the black box by at least this much (calibration: 0.15-0.20) ... */
  minMissingLoss: 0.08,
  /** ... and the hybrid must win back at least this fraction of that gap (calibration: 83-111%). */
  minHybridRecovery: 0.5,
  /** The control (lambda = 0.01) must LOSE at least this much when fully intervened (calibration: 0.52-0.66). */
  minControlDrop: 0.2,
};

export function cbmClaim(result: CbmResult, p: CbmParams): Claim {
  const T = CBM_THRESHOLDS;
  const rows = result.snapshot.rows;
  const get = (id: string) => rows.find((r) => r.id === id);
  const acc = (id: string) => get(id)?.taskAccuracy ?? NaN;
  const curve = (id: string) => get(id)?.interventionCurve ?? [];
  const fmt = (v: number) => v.toFixed(2);
  const checks: ClaimCheck[] = [];
  const numbers: Record<string, number> = {};

  // 1. Interventions raise accuracy towards the ceiling.
  const intervenable: Array<[string, number]> = [
    ['independent', T.minInterventionGain],
    ['sequential-fuzzy', T.minInterventionGain],
    ['joint', T.minJointInterventionGain],
  ];
  const gains = intervenable.map(([id, need]) => {
    const c = curve(id);
    const gain = c.length ? c[c.length - 1] - c[0] : NaN;
    const dip = c.length ? Math.max(0, ...c.slice(1).map((v, k) => c[k] - v)) : NaN;
    numbers[`${id}.k0`] = c[0] ?? NaN;
    numbers[`${id}.kAll`] = c[c.length - 1] ?? NaN;
    return { id, gain, dip, need, ok: gain >= need && dip <= T.maxCurveDip };
  });
  checks.push({
    name: 'Interventions raise CBM accuracy towards its ceiling',
    holds: gains.every((g) => g.ok),
    detail:
      gains
        .map((g) => `${g.id}: ${fmt(curve(g.id)[0])} → ${fmt(curve(g.id)[curve(g.id).length - 1])} (gain ${fmt(g.gain)}, need ≥ ${g.need})`)
        .join('; ') + `; largest dip ${Math.max(...gains.map((g) => g.dip)).toFixed(3)} [need ≤ ${T.maxCurveDip}]`,
  });

  // 2. Fuzzy beats binary (with a concept missing, where the paper's Fuzzy/Bool gap shows).
  const fuzzy = acc('missing-joint');
  const binary = acc('missing-sequential-binary');
  numbers.fuzzyAccuracy = fuzzy;
  numbers.binaryAccuracy = binary;
  numbers.fuzzyAllLabelled = acc('joint');
  numbers.binaryAllLabelled = acc('sequential-binary');
  checks.push({
    name: 'Fuzzy concepts score higher task accuracy than binary ones (with a concept unlabelled)',
    holds: fuzzy - binary >= T.minFuzzyAdvantage,
    detail:
      `with ${p.unlabelled} unlabelled: fuzzy (joint, sigmoid) ${fmt(fuzzy)} vs binary (thresholded) ${fmt(binary)} [need ≥ +${T.minFuzzyAdvantage}]. ` +
      `The gap is leakage: sequential heads on the same g, fuzzy vs binary, score ${fmt(acc('missing-sequential-fuzzy'))} vs ${fmt(binary)}; ` +
      `with all concepts labelled, joint ${fmt(acc('joint'))} vs binary ${fmt(acc('sequential-binary'))}.`,
  });

  // 3. The hybrid recovers what the missing concept cost.
  const blackBox = acc('black-box');
  const plain = acc('missing-sequential-fuzzy');
  const hybrid = acc('missing-hybrid');
  const recovery = (hybrid - plain) / Math.max(1e-9, blackBox - plain);
  numbers.blackBox = blackBox;
  numbers.plainMissing = plain;
  numbers.hybridMissing = hybrid;
  numbers.hybridRecovery = recovery;
  checks.push({
    name: 'With an unlabelled concept, a plain CBM loses accuracy that the hybrid recovers',
    holds: blackBox - plain >= T.minMissingLoss && recovery >= T.minHybridRecovery,
    detail: `black box ${fmt(blackBox)}, sequential CBM without ${p.unlabelled} ${fmt(plain)}, hybrid ${fmt(hybrid)}: recovers ${(100 * recovery).toFixed(0)}% of the gap [need gap ≥ ${T.minMissingLoss}, recovery ≥ ${100 * T.minHybridRecovery}%]`,
  });

  // 4. The control's concepts do not mean what they say.
  const control = curve('control');
  if (control.length) {
    const drop = control[0] - control[control.length - 1];
    numbers.controlDrop = drop;
    checks.push({
      name: 'Intervening on the λ = 0.01 control makes it worse',
      holds: drop >= T.minControlDrop,
      detail: `control ${fmt(control[0])} → ${fmt(control[control.length - 1])} [need a drop ≥ ${T.minControlDrop}]`,
    });
  }

  const holds = checks.every((c) => c.holds);
  const ind = curve('independent');
  const summary =
    `Setting all 8 concepts to their true values takes the independent CBM from ${fmt(ind[0])} to ${fmt(ind[ind.length - 1])} ` +
    `(black box ${fmt(blackBox)}); with ${p.unlabelled} unlabelled, fuzzy beats binary (${fmt(fuzzy)} vs ${fmt(binary)}) ` +
    `and the hybrid (${fmt(hybrid)}) wins back ${(100 * recovery).toFixed(0)}% of what the plain CBM (${fmt(plain)}) lost` +
    (holds ? '.' : `; not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`);
  return { holds, summary, numbers, checks };
}
