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
 * - `examples` (null until the independent head is trained, then in every snapshot): 6 test
 *   images (`image`, side x side, values in [0, 1], row-major; half of them ones the independent
 *   model gets wrong) with their true concepts (all 8), g's predicted probabilities, the true label
 *   and the independent model's prediction. For the interactive panel: the reader toggles concepts
 *   and the page calls `predictFromConcepts(snapshot.heads.independent, conceptVector)` (exported
 *   below, pure TS) to recompute the label instantly. Concept vectors are indexed like `conceptNames`.
 * - `heads` (null until the sequential head is trained): the independent and sequential-fuzzy heads
 *   as plain arrays (PlainHead: ReLU MLP, 8 inputs -> 32 -> 4 logits).
 * - `labelRule`, `classNames`, `unlabelledConcept`: text for captions.
 */
import { fixed } from '../../core/format';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import type * as TF from '@tensorflow/tfjs';
import {
  LABEL_RULE_TEXT,
  SHAPE_CLASS_NAMES,
  SHAPE_CONCEPTS,
  SHAPE_PIXELS,
  SHAPE_SIZE,
  makeConceptShapes,
} from '../../data/concept-shapes';
import { conceptsExcept, labelledConceptMatrix, withLabelledConcepts, type ConceptDataset } from '../../data/concept-dataset';
import { argmaxAccuracy, createMlp, disposeMlp, mlpToPlain, mlpVariables, oneHotArray } from '../../ml/concept-mlp';
import {
  classifierLoss,
  conceptAccuracy,
  conceptLoss,
  createJointCbm,
  disposeJointCbm,
  firstColumns,
  headInterventionCurve,
  jointLoss,
  jointVariables,
  perConceptAccuracy,
  predictConceptProbs,
  predictJointBottleneck,
  predictLogits,
} from '../../ml/concept-models';
import { binarize, randomInterventionOrders } from '../../ml/concept-intervene';
import {
  LiveModels,
  argmaxRows,
  copyCurves,
  copyRows,
  curveGainAndDip,
  LOSS_EVERY,
  type LossCurve,
  emptyRow,
  finishRow,
  fitInChunks,
  round4,
  rowMetrics,
  type ConceptModelRow,
} from '../families/concept-run';
import type { PlainHead } from '../../ml/concept-head';
import { cbmManifest } from './manifest';

export { predictFromConcepts, plainHeadLogits, type PlainHead } from '../../ml/concept-head';

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


const params = cbmManifest.params;

export type CbmParams = ParamValues<typeof params>;
export const cbmParams = params;

export type CbmPart = 'all-labelled' | 'one-unlabelled';

/** A results-table row (see ConceptModelRow for the shared columns). */
export interface CbmRow extends ConceptModelRow {
  part: CbmPart;
  bottleneck: 'none' | 'fuzzy' | 'binary' | 'fuzzy + free units';
  training: 'end-to-end' | 'independent' | 'sequential' | 'joint';
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
  /** Each training run\'s loss so far, in training order (drawn from the first second). */
  curves: LossCurve[];
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
  const row = (id: RowId, label: string, part: CbmPart, bottleneck: CbmRow['bottleneck'], training: CbmRow['training']): CbmRow =>
    emptyRow<CbmRow>({ id, label, part, bottleneck, training });
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

export const cbm = defineExperiment<typeof params, CbmSnapshot, CbmResult>({
  ...cbmManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const rows = initialRows(p);
    const row = (id: RowId) => rows.find((r) => r.id === id)!;
    const snapshot: CbmSnapshot = {
      curves: [],
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
    const totalSteps = encoders * p.steps + 5 * HEAD_STEPS;
    let step = 0;
    const curves: LossCurve[] = [];
    const copy = (): CbmSnapshot => ({ ...snapshot, rows: copyRows(rows), curves: copyCurves(curves) });
    const progress = (phase: string, loss?: number): Progress<CbmSnapshot> => {
      return { step, totalSteps, phase, metrics: rowMetrics(rows, false), snapshot: copy(), loss };
    };

    // Tell the reader something is happening before the (half-second) image drawing.
    yield progress('drawing the training images');
    const dataOptions = { pixelNoise: p.pixelNoise, correlation: p.correlation, labelNoise: p.labelNoise };
    const train = makeConceptShapes(rng.fork('train-data'), { n: p.trainSize, ...dataOptions });
    yield progress('drawing the test images');
    const test = makeConceptShapes(rng.fork('test-data'), { n: TEST_SIZE, ...dataOptions });
    const missingIdx = conceptsExcept(train, [p.unlabelled]);
    const K = train.labelledConcepts.length;
    const KM = missingIdx.length;
    const C = train.nClasses;
    const D = SHAPE_PIXELS;

    const live = new LiveModels();
    const keep = <T extends TF.Tensor>(t: T): T => live.keep(t);
    try {
      const xTrain = keep(tf.tensor2d(train.inputs, [train.n, D]));
      const xTest = keep(tf.tensor2d(test.inputs, [test.n, D]));
      const yTrain = keep(tf.tensor2d(oneHotArray(train.labels, C), [train.n, C]));
      const cTrainAll = labelledConceptMatrix(train);
      const cTrain = keep(tf.tensor2d(cTrainAll, [train.n, K]));
      const cTest = labelledConceptMatrix(test);
      const cTrainMissing = keep(tf.tensor2d(labelledConceptMatrix(withLabelledConcepts(train, missingIdx)), [train.n, KM]));
      const cTestMissing = labelledConceptMatrix(withLabelledConcepts(test, missingIdx));
      const order = randomInterventionOrders(rng.fork('intervention-order'), test.n, K);
      const orderMissing = randomInterventionOrders(rng.fork('intervention-order-missing'), test.n, KM);

      /** Train one model, marking its rows as training and yielding progress after each chunk. */
      const fit = <Key extends string>(
        rowIds: RowId[],
        phase: string,
        seedLabel: string,
        variables: TF.Variable[],
        data: Record<Key, TF.Tensor2D>,
        loss: (b: Record<Key, TF.Tensor2D>) => TF.Scalar,
        head = false,
      ) => {
        for (const id of rowIds) row(id).status = 'training';
        const curve: LossCurve = { name: phase, every: LOSS_EVERY, values: [] };
        curves.push(curve);
        return fitInChunks(
          {
            curve,
            tf,
            rng: rng.fork(seedLabel),
            variables,
            data,
            loss,
            steps: head ? HEAD_STEPS : p.steps,
            learningRate: head ? HEAD_LR : ENCODER_LR,
            batchSize: head ? HEAD_BATCH : BATCH,
          },
          (n, l) => {
            step += n;
            return progress(phase, l);
          },
        );
      };

      /** A head on fixed inputs (true concepts, or g's outputs), trained on the training labels. */
      async function* fitHead(id: RowId, phase: string, inputs: Float32Array, width: number) {
        const head = createMlp(tf, rng.fork(`${id}-init`), [width, HEAD_HIDDEN, C]);
        const release = live.track(() => disposeMlp(head));
        const x = tf.tensor2d(inputs, [train.n, width]);
        try {
          yield* fit([id], phase, id, mlpVariables(head), { x, y: yTrain }, (b) => classifierLoss(tf, head, b.x, b.y), true);
        } finally {
          x.dispose();
        }
        return { head, release };
      }

      // ---- Part 1: all concepts labelled ----------------------------------------------------------
      const blackBox = createMlp(tf, rng.fork('black-box-init'), [D, ENCODER_HIDDEN, C]);
      const releaseBlackBox = live.track(() => disposeMlp(blackBox));
      yield* fit(['black-box'], 'training the black box', 'black-box', mlpVariables(blackBox), { x: xTrain, y: yTrain }, (b) => classifierLoss(tf, blackBox, b.x, b.y));
      finishRow(row('black-box'), argmaxAccuracy(await predictLogits(tf, blackBox, test.inputs, D), test.labels, C), null, null);
      releaseBlackBox();

      const g = createMlp(tf, rng.fork('g-init'), [D, ENCODER_HIDDEN, K]);
      const releaseG = live.track(() => disposeMlp(g));
      yield* fit(['independent', 'sequential-fuzzy', 'sequential-binary'], 'training the concept predictor g', 'g', mlpVariables(g), { x: xTrain, c: cTrain }, (b) => conceptLoss(tf, g, b.x, b.c));
      const gTest = await predictConceptProbs(tf, g, xTest);
      const gTrain = await predictConceptProbs(tf, g, xTrain);
      releaseG();
      const gConcepts = conceptAccuracy(gTest, cTest);
      snapshot.perConceptAccuracy = perConceptAccuracy(gTest, cTest, K).map(round4);

      const independent = yield* fitHead('independent', 'training the independent head on true concepts', cTrainAll, K);
      const indCurve = await headInterventionCurve(tf, independent.head, gTest, K, cTest, K, order, test.labels, C);
      finishRow(row('independent'), indCurve[0], gConcepts, indCurve);
      // The interactive panel: a few test examples, half of them ones the independent model gets wrong.
      const predicted = argmaxRows(await predictLogits(tf, independent.head, gTest, K), C);
      const wrong = predicted.map((y, i) => (y !== test.labels[i] ? i : -1)).filter((i) => i >= 0).slice(0, EXAMPLE_COUNT / 2);
      const right = predicted.map((y, i) => (y === test.labels[i] ? i : -1)).filter((i) => i >= 0).slice(0, EXAMPLE_COUNT - wrong.length);
      snapshot.examples = [...wrong, ...right].sort((a, b) => a - b).map((i) => exampleOf(test, i, gTest, K, predicted[i]));
      const independentPlain: PlainHead = { layers: await mlpToPlain(independent.head) };
      independent.release();

      const seqFuzzy = yield* fitHead('sequential-fuzzy', 'training the sequential head on probabilities', gTrain, K);
      const seqFuzzyCurve = await headInterventionCurve(tf, seqFuzzy.head, gTest, K, cTest, K, order, test.labels, C);
      finishRow(row('sequential-fuzzy'), seqFuzzyCurve[0], gConcepts, seqFuzzyCurve);
      snapshot.heads = { independent: independentPlain, sequential: { layers: await mlpToPlain(seqFuzzy.head) } };
      seqFuzzy.release();

      const seqBinary = yield* fitHead('sequential-binary', 'training the sequential head on 0/1 concepts', binarize(gTrain), K);
      const seqBinaryCurve = await headInterventionCurve(tf, seqBinary.head, binarize(gTest), K, cTest, K, order, test.labels, C);
      finishRow(row('sequential-binary'), seqBinaryCurve[0], gConcepts, seqBinaryCurve);
      seqBinary.release();

      const jointModels: Array<[RowId, number]> = [['joint', p.jointLambda]];
      if (p.control) jointModels.push(['control', CONTROL_LAMBDA]);
      for (const [id, lambda] of jointModels) {
        const m = createJointCbm(tf, rng.fork(`${id}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: K, headHidden: HEAD_HIDDEN, nClasses: C });
        const release = live.track(() => disposeJointCbm(m));
        yield* fit([id], `training the joint CBM (λ = ${lambda})`, id, jointVariables(m), { x: xTrain, c: cTrain, y: yTrain }, (b) => jointLoss(tf, m, b.x, b.c, b.y, lambda));
        const probs = await predictJointBottleneck(tf, m, xTest);
        const curve = await headInterventionCurve(tf, m.head, probs, K, cTest, K, order, test.labels, C);
        finishRow(row(id), curve[0], conceptAccuracy(probs, cTest), curve);
        release();
      }

      // ---- Part 2: one concept left unlabelled ------------------------------------------------------
      const gm = createMlp(tf, rng.fork('missing-g-init'), [D, ENCODER_HIDDEN, KM]);
      const releaseGm = live.track(() => disposeMlp(gm));
      yield* fit(['missing-sequential-fuzzy', 'missing-sequential-binary'], `training g without ${p.unlabelled}`, 'missing-g', mlpVariables(gm), { x: xTrain, c: cTrainMissing }, (b) => conceptLoss(tf, gm, b.x, b.c));
      const gmTest = await predictConceptProbs(tf, gm, xTest);
      const gmTrain = await predictConceptProbs(tf, gm, xTrain);
      releaseGm();
      const gmConcepts = conceptAccuracy(gmTest, cTestMissing);

      for (const [id, bottleneck] of [['missing-sequential-fuzzy', 'fuzzy'], ['missing-sequential-binary', 'binary']] as Array<[RowId, string]>) {
        const hard = bottleneck === 'binary';
        const head = yield* fitHead(id, `training a sequential head (${bottleneck})`, hard ? binarize(gmTrain) : gmTrain, KM);
        const curve = await headInterventionCurve(tf, head.head, hard ? binarize(gmTest) : gmTest, KM, cTestMissing, KM, orderMissing, test.labels, C);
        finishRow(row(id), curve[0], gmConcepts, curve);
        head.release();
      }

      for (const [id, extra] of [['missing-joint', 0], ['missing-hybrid', p.extraUnits]] as Array<[RowId, number]>) {
        const m = createJointCbm(tf, rng.fork(`${id}-init`), { inputSize: D, hidden: [ENCODER_HIDDEN], nConcepts: KM, extraUnits: extra, headHidden: HEAD_HIDDEN, nClasses: C });
        const release = live.track(() => disposeJointCbm(m));
        const what = extra ? `the hybrid CBM (+${extra} free units)` : 'the joint CBM';
        yield* fit([id], `training ${what} without ${p.unlabelled}`, id, jointVariables(m), { x: xTrain, c: cTrainMissing, y: yTrain }, (b) => jointLoss(tf, m, b.x, b.c, b.y, p.jointLambda));
        const bottleneck = await predictJointBottleneck(tf, m, xTest);
        const width = KM + extra;
        const conceptColumns = Array.from({ length: KM }, (_, j) => j);
        const curve = await headInterventionCurve(tf, m.head, bottleneck, width, cTestMissing, KM, orderMissing, test.labels, C, conceptColumns);
        finishRow(row(id), curve[0], conceptAccuracy(firstColumns(bottleneck, width, KM), cTestMissing), curve);
        release();
      }

      const metrics = { conceptAccuracy: round4(gConcepts), missingConceptAccuracy: round4(gmConcepts), ...rowMetrics(rows, true) };
      return { metrics, snapshot: copy() };
    } finally {
      live.disposeAll();
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
  const fmt = (v: number) => fixed(v);
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
    const { gain, dip } = curveGainAndDip(c);
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

export default cbm;
