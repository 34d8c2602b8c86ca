/**
 * Post-hoc concept bottleneck models (Yuksekgonul, Wang, Zou, ICLR 2023) on the concept-shapes
 * images (lib/data/concept-shapes.ts: 16x16 pictures built from 8 binary concepts, 4-class label
 * given by LABEL_RULE_TEXT).
 *
 *   1. Backbone, trained for ANOTHER task: an MLP 256-64-32 with a linear read-out trained to
 *      answer 8 yes/no questions about the image (PRETRAIN_QUESTIONS: ANDs and ORs of two
 *      concepts, none of them the task's label). It is frozen; its 32-unit ReLU layer is the
 *      embedding f(x).
 *   2. Concept bank: a separate set of concept-labelled images (as the paper's Broden/CUB banks
 *      are separate from the task data). One CAV per concept: a logistic classifier on f(x)
 *      (lib/ml/cav.ts). The `missing` concept gets no CAV: the label needs it, the bank lacks it.
 *   3. Concept scores: signed distance of f(x) to each CAV's hyperplane, standardised on the
 *      task training set.
 *   4. Original model: a linear softmax probe on f(x) (the frozen backbone plus a task head).
 *      PCBM: a softmax head on the concept scores with the paper's elastic net (alpha = 0.99).
 *      PCBM-h: the PCBM frozen, plus a linear residual on f(x) fitted on top of its logits.
 *      All three by FISTA in plain TypeScript (lib/ml/elastic-net.ts).
 *   5. Editing: zeroing a concept's weights and re-scoring the test set (lib/ml/concept-edit.ts).
 *
 * ---- Snapshot (PosthocCbmSnapshot), what the UI draws ----------------------------------------
 * - `lossHistory`: the backbone's training loss (binary cross-entropy), one point per read.
 * - `accuracy`: test accuracies of original / pcbm / pcbmH (null until each is fitted).
 * - `cavAuc`: per bank concept, the AUC of its CAV score for the TRUE concept on the task's test
 *   images (does the borrowed concept mean the same on the task data?).
 * - `head` (ConceptHead) and `test` (ConceptTestSet: standardised test scores, labels and the
 *   PCBM-h residual logits): in the final snapshot, for the page's editor (editedAccuracy).
 * - `residual`: how often PCBM-h's residual changes the PCBM's test prediction, and how many of
 *   those changes fix or break it.
 * - `zeroDrop`: per bank concept, overall test accuracy lost when its weights are zeroed.
 */
import { fixed } from '../../core/format';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import type * as TF from '@tensorflow/tfjs';
import { LABEL_RULE_TEXT, SHAPE_CLASS_NAMES, SHAPE_CONCEPTS, SHAPE_PIXELS, makeConceptShapes } from '../../data/concept-shapes';
import { binaryCrossEntropy, createMlp, disposeMlp, mlpForward, mlpVariables } from '../../ml/concept-mlp';
import { cavScores, columnStats, learnCav, standardize } from '../../ml/cav';
import { ElasticNetSolver, linearLogits, type SoftmaxLinear } from '../../ml/elastic-net';
import { auc } from '../../metrics/impurity';
import { argmaxRows, fitInChunks, LiveModels, round4 } from '../families/concept-run';
import { editedAccuracy, topWeights, zeroConcept, type ConceptHead, type ConceptTestSet } from '../../ml/concept-edit';
import { posthocCbmManifest } from './manifest';

const PRETRAIN_SIZE = 2000;
/**
 * The backbone's own task: yes/no questions about the images that are NOT the task's label
 * (as ImageNet classes are not a downstream task's), each an AND or OR of two concepts. Every
 * concept appears in some question, so the backbone has reason to see all of them, but nothing
 * in its training points at the label rule.
 */
export const PRETRAIN_QUESTIONS: ReadonlyArray<{ text: string; a: string; b: string; op: 'and' | 'or' }> = [
  { text: 'a bright square', a: 'square', b: 'bright', op: 'and' },
  { text: 'large or striped', a: 'large', b: 'striped', op: 'or' },
  { text: 'filled and framed', a: 'filled', b: 'framed', op: 'and' },
  { text: 'right or bottom', a: 'right', b: 'bottom', op: 'or' },
  { text: 'a striped square', a: 'square', b: 'striped', op: 'and' },
  { text: 'bright or framed', a: 'bright', b: 'framed', op: 'or' },
  { text: 'large and right', a: 'large', b: 'right', op: 'and' },
  { text: 'filled or bottom', a: 'filled', b: 'bottom', op: 'or' },
];
const TEST_SIZE = 1000;
const EMBEDDING = 32;
const HIDDEN = 64;
const BATCH = 64;
const BACKBONE_LR = 1e-2;
/** The paper's share of L1 in the elastic net. */
const ALPHA = 0.99;
/** L2 penalty on the residual's and the probe's weights (the paper's residual uses 0.01). */
const RESIDUAL_L2 = 0.01;
const HEAD_ITERATIONS = 500;
const PROBE_ITERATIONS = 100;
const CAV_OPTIONS = { epochs: 300, learningRate: 0.05, weightDecay: 0.001 };
/** Work units for the plain-TS phases in the progress bar (the backbone counts one per step). */
const FIT_UNITS = 100;

const params = posthocCbmManifest.params;
export type PosthocCbmParams = ParamValues<typeof params>;

export interface PosthocCbmSnapshot {
  /** Concepts in the bank, in head-column order. */
  conceptNames: string[];
  classNames: string[];
  labelRule: string;
  missing: string;
  lossHistory: number[];
  accuracy: { original: number | null; pcbm: number | null; pcbmH: number | null };
  cavAuc: number[] | null;
  head: ConceptHead | null;
  test: ConceptTestSet | null;
  residual: { changed: number; fixed: number; broken: number } | null;
  zeroDrop: number[] | null;
  /** Accuracy lost when zeroing each group of concepts at once: bold ones, placed ones, distractors. */
  groupDrop: { bold: number; placed: number; distractors: number } | null;
  /** Non-zero weights of the concept head, out of classes x concepts. */
  nonZero: number | null;
}

export interface PosthocCbmResult extends RunResult<PosthocCbmSnapshot> {
  snapshot: PosthocCbmSnapshot;
}

const BOLD = ['square', 'large', 'filled'];
const PLACED = ['right', 'bottom', 'framed'];

/**
 * The sign the label rule gives concept `name` in class `cls` (label = 2 bold + placed): +1 if
 * the concept pushes towards the class, -1 if away, 0 for concepts the rule ignores.
 */
export function ruleSign(name: string, cls: number): number {
  if (BOLD.includes(name)) return cls >= 2 ? 1 : -1;
  if (PLACED.includes(name)) return cls % 2 === 1 ? 1 : -1;
  return 0;
}

/** The pretraining answers (n x questions, 0/1) from the true concepts. */
export function pretrainAnswers(concepts: ArrayLike<number>, n: number): Float32Array {
  const K = SHAPE_CONCEPTS.length;
  const at = (i: number, name: string) => concepts[i * K + SHAPE_CONCEPTS.indexOf(name as (typeof SHAPE_CONCEPTS)[number])];
  const Q = PRETRAIN_QUESTIONS.length;
  const out = new Float32Array(n * Q);
  for (let i = 0; i < n; i++) {
    PRETRAIN_QUESTIONS.forEach((q, j) => {
      const a = at(i, q.a);
      const b = at(i, q.b);
      out[i * Q + j] = q.op === 'and' ? a & b : a | b;
    });
  }
  return out;
}

function accuracyOf(logits: ArrayLike<number>, labels: ArrayLike<number>, K: number): number {
  const predicted = argmaxRows(logits, K);
  let right = 0;
  predicted.forEach((p, i) => {
    if (p === labels[i]) right++;
  });
  return right / predicted.length;
}

export const posthocCbm = defineExperiment<typeof params, PosthocCbmSnapshot, PosthocCbmResult>({
  ...posthocCbmManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const bankConcepts = SHAPE_CONCEPTS.filter((c) => c !== p.missing);
    const bankIndex = bankConcepts.map((c) => SHAPE_CONCEPTS.indexOf(c));
    const C = bankConcepts.length;
    const K = SHAPE_CLASS_NAMES.length;
    const snapshot: PosthocCbmSnapshot = {
      conceptNames: [...bankConcepts],
      classNames: [...SHAPE_CLASS_NAMES],
      labelRule: LABEL_RULE_TEXT,
      missing: p.missing,
      lossHistory: [],
      accuracy: { original: null, pcbm: null, pcbmH: null },
      cavAuc: null,
      head: null,
      test: null,
      residual: null,
      zeroDrop: null,
      groupDrop: null,
      nonZero: null,
    };
    const totalSteps = p.pretrainSteps + FIT_UNITS;
    let step = 0;
    const metrics = (): Record<string, number> => {
      const m: Record<string, number> = {};
      for (const [k, v] of Object.entries(snapshot.accuracy)) if (v !== null) m[`${k}.accuracy`] = v;
      return m;
    };
    // Only what changed goes into per-progress snapshots; the test set rides in the final one.
    const copy = (withTest = false): PosthocCbmSnapshot => ({
      ...snapshot,
      lossHistory: [...snapshot.lossHistory],
      accuracy: { ...snapshot.accuracy },
      test: withTest ? snapshot.test : null,
    });
    const progress = (phase: string, loss?: number): Progress<PosthocCbmSnapshot> => ({ step, totalSteps, phase, metrics: metrics(), snapshot: copy(), loss });

    yield progress('drawing the images');
    const noise = { pixelNoise: p.pixelNoise };
    const pretrain = makeConceptShapes(rng.fork('pretrain-data'), { n: PRETRAIN_SIZE, ...noise });
    yield progress('drawing the images');
    const bank = makeConceptShapes(rng.fork('bank-data'), { n: p.bankSize, ...noise });
    const train = makeConceptShapes(rng.fork('train-data'), { n: p.trainSize, ...noise });
    const test = makeConceptShapes(rng.fork('test-data'), { n: TEST_SIZE, ...noise });
    const D = SHAPE_PIXELS;
    const Q = PRETRAIN_QUESTIONS.length;

    const live = new LiveModels();
    try {
      // ---- 1. The backbone, trained on other questions about the images ---------------------------
      const encoder = createMlp(tf, rng.fork('encoder-init'), [D, HIDDEN, EMBEDDING]);
      const pretrainHead = createMlp(tf, rng.fork('pretrain-head-init'), [EMBEDDING, Q]);
      live.track(() => disposeMlp(encoder));
      live.track(() => disposeMlp(pretrainHead));
      const xPretrain = live.keep(tf.tensor2d(pretrain.inputs, [PRETRAIN_SIZE, D]));
      const qPretrain = live.keep(tf.tensor2d(pretrainAnswers(pretrain.concepts, PRETRAIN_SIZE), [PRETRAIN_SIZE, Q]));
      yield* fitInChunks(
        {
          tf,
          rng: rng.fork('backbone'),
          variables: [...mlpVariables(encoder), ...mlpVariables(pretrainHead)],
          data: { x: xPretrain, q: qPretrain },
          loss: (b) => binaryCrossEntropy(tf, b.q, mlpForward(tf, pretrainHead, mlpForward(tf, encoder, b.x, true))),
          steps: p.pretrainSteps,
          learningRate: BACKBONE_LR,
          batchSize: BATCH,
        },
        (n, loss) => {
          step += n;
          if (loss !== undefined) snapshot.lossHistory.push(round4(loss));
          return progress('training the backbone on other questions (it never sees the task’s labels)', loss);
        },
      );
      const embed = async (inputs: Float32Array, n: number): Promise<Float32Array> => {
        const out = tf.tidy(() => mlpForward(tf, encoder, tf.tensor2d(inputs, [n, D]), true));
        try {
          return (await out.data()) as Float32Array;
        } finally {
          out.dispose();
        }
      };
      const fBank = await embed(bank.inputs, bank.n);
      const fTrain = await embed(train.inputs, train.n);
      const fTest = await embed(test.inputs, test.n);
      live.disposeAll();

      // ---- 2. The concept bank: one CAV per concept, from the separate bank images -------------
      const cavs = [];
      const cavAuc: number[] = [];
      const KA = SHAPE_CONCEPTS.length;
      for (let c = 0; c < C; c++) {
        const labels = new Uint8Array(bank.n);
        for (let i = 0; i < bank.n; i++) labels[i] = bank.concepts[i * KA + bankIndex[c]];
        const cav = learnCav(fBank, labels, bank.n, EMBEDDING, CAV_OPTIONS);
        cavs.push(cav);
        // How well the borrowed direction reads the concept on the TASK's images.
        const truth = new Uint8Array(test.n);
        for (let i = 0; i < test.n; i++) truth[i] = test.concepts[i * KA + bankIndex[c]];
        cavAuc.push(round4(auc(cavScores(fTest, test.n, EMBEDDING, [cav]), truth)));
        snapshot.cavAuc = [...cavAuc];
        step += Math.round((0.4 * FIT_UNITS) / C);
        yield progress(`learning the concept vector for “${bankConcepts[c]}”`);
      }

      // ---- 3. Scores on the CAVs, standardised on the task's training set ----------------------
      const rawTrain = cavScores(fTrain, train.n, EMBEDDING, cavs);
      const rawTest = cavScores(fTest, test.n, EMBEDDING, cavs);
      const scoreStats = columnStats(rawTrain, train.n, C);
      const sTrain = standardize(rawTrain, train.n, C, scoreStats);
      const sTest = standardize(rawTest, test.n, C, scoreStats);
      const embStats = columnStats(fTrain, train.n, EMBEDDING);
      const eTrain = standardize(fTrain, train.n, EMBEDDING, embStats);
      const eTest = standardize(fTest, test.n, EMBEDDING, embStats);

      /** Run a solver in chunks of `chunk` iterations, yielding progress between them. */
      async function* solve(solver: ElasticNetSolver, chunk: number, units: number, phase: string) {
        const start = step;
        while (!solver.iterate(chunk)) {
          step = Math.min(start + units, step + 1);
          yield progress(phase);
        }
        step = start + units;
        return solver.layer();
      }

      // ---- 4. Original model, PCBM, PCBM-h ---------------------------------------------------------
      const probeLambda = RESIDUAL_L2 * EMBEDDING * K; // lambda / (d K) * |W|^2 with alpha = 0
      const original: SoftmaxLinear = yield* solve(
        new ElasticNetSolver(eTrain, train.labels, train.n, EMBEDDING, K, { lambda: probeLambda, alpha: 0, iterations: PROBE_ITERATIONS }),
        20,
        0.2 * FIT_UNITS,
        'fitting the original model (a linear head on the frozen embedding)',
      );
      snapshot.accuracy.original = round4(accuracyOf(linearLogits(original, eTest, test.n), test.labels, K));
      yield progress('fitting the original model (a linear head on the frozen embedding)');

      const pcbm: SoftmaxLinear = yield* solve(
        new ElasticNetSolver(sTrain, train.labels, train.n, C, K, { lambda: p.lambda, alpha: ALPHA, iterations: HEAD_ITERATIONS }),
        100,
        0.2 * FIT_UNITS,
        'fitting the sparse concept head (PCBM)',
      );
      const pcbmTest = linearLogits(pcbm, sTest, test.n);
      snapshot.accuracy.pcbm = round4(accuracyOf(pcbmTest, test.labels, K));
      snapshot.head = {
        conceptNames: [...bankConcepts],
        classNames: [...SHAPE_CLASS_NAMES],
        weights: Array.from(pcbm.weights, round4),
        bias: Array.from(pcbm.bias, round4),
      };
      snapshot.nonZero = snapshot.head.weights.filter((w) => w !== 0).length;
      yield progress('fitting the sparse concept head (PCBM)');

      const residual: SoftmaxLinear = yield* solve(
        new ElasticNetSolver(eTrain, train.labels, train.n, EMBEDDING, K, {
          lambda: probeLambda,
          alpha: 0,
          iterations: PROBE_ITERATIONS,
          offset: linearLogits(pcbm, sTrain, train.n),
        }),
        20,
        0.2 * FIT_UNITS,
        'fitting the residual on the embedding (PCBM-h)',
      );
      const residualTest = linearLogits(residual, eTest, test.n);
      // linearLogits includes the residual's bias: fold the bias into what the page adds.
      const hybridTest = pcbmTest.map((v, i) => v + residualTest[i]);
      snapshot.accuracy.pcbmH = round4(accuracyOf(hybridTest, test.labels, K));
      const before = argmaxRows(pcbmTest, K);
      const after = argmaxRows(hybridTest, K);
      let changed = 0;
      let fixedCount = 0;
      let broken = 0;
      before.forEach((b, i) => {
        if (b === after[i]) return;
        changed++;
        if (after[i] === test.labels[i]) fixedCount++;
        else if (b === test.labels[i]) broken++;
      });
      snapshot.residual = { changed: round4(changed / test.n), fixed: round4(fixedCount / test.n), broken: round4(broken / test.n) };

      // ---- 5. Editing: what each concept is worth to the head -----------------------------------
      snapshot.test = {
        scores: Array.from(sTest, (v) => Math.round(v * 1000) / 1000),
        labels: Array.from(test.labels),
        residual: Array.from(residualTest, (v) => Math.round(v * 1000) / 1000),
      };
      const base = editedAccuracy(snapshot.head, snapshot.test, new Array<number>(C).fill(1)).overall;
      snapshot.zeroDrop = bankConcepts.map((_, c) => round4(base - editedAccuracy(snapshot.head!, snapshot.test!, zeroConcept(C, c)).overall));
      const groupDrop = (keep: (name: string) => boolean) =>
        round4(base - editedAccuracy(snapshot.head!, snapshot.test!, bankConcepts.map((name) => (keep(name) ? 1 : 0))).overall);
      snapshot.groupDrop = {
        bold: groupDrop((name) => !BOLD.includes(name)),
        placed: groupDrop((name) => !PLACED.includes(name)),
        distractors: groupDrop((name) => ruleSign(name, 0) !== 0),
      };

      const final: Record<string, number> = { ...metrics(), nonZero: snapshot.nonZero, residualChanged: snapshot.residual.changed };
      bankConcepts.forEach((name, c) => {
        final[`cavAuc.${name}`] = cavAuc[c];
        final[`zeroDrop.${name}`] = snapshot.zeroDrop![c];
      });
      final.boldGroupDrop = snapshot.groupDrop.bold;
      final.placedGroupDrop = snapshot.groupDrop.placed;
      final.distractorGroupDrop = snapshot.groupDrop.distractors;
      return { metrics: final, snapshot: copy(true) };
    } finally {
      live.disposeAll();
    }
  },

  claim(result, p) {
    return posthocCbmClaim(result, p);
  },
});

/**
 * Pass criteria, fixed on calibration seeds 100-104 at the default parameters (never on the test
 * seeds 1-3); the observed ranges are by each number. At pixel noise 0.3 (seeds 100-102, tried
 * first) the backbone read the bold concepts too poorly: the head's top weights for "bold" named
 * "bright" on one seed, so the default noise is 0.2. The thresholds were set with a 400-step
 * backbone and 200 probe iterations; to fit the time budget both were cut (300 steps, 100
 * iterations) and seeds 100-104 re-run at the new defaults before the test seeds: the ranges
 * below are from that re-run, and no threshold moved.
 */
export const POSTHOC_CBM_THRESHOLDS = {
  /** PCBM-h may trail the original model by at most this (calibration: PCBM-h minus original +0.009 to +0.025). */
  maxHybridGap: 0.02,
  /** With a concept missing from the bank, the PCBM must trail PCBM-h by at least this (calibration: 0.151-0.248). */
  minMissingCost: 0.05,
  /** Each class's top weights (by size) that must be rule concepts with the rule's sign (calibration: 4 of 4 classes, 5 of 5 seeds). */
  topK: 2,
  /** Zeroing the bank's bold concepts, or its placed ones, must cost at least this much accuracy (calibration: 0.131-0.250) ... */
  minRuleGroupDrop: 0.1,
  /** ... and zeroing both distractors (bright, striped) may cost at most this much (calibration: -0.015 to +0.005: a gain is fine). */
  maxDistractorGroupDrop: 0.02,
};

export function posthocCbmClaim(result: PosthocCbmResult, p: PosthocCbmParams): Claim {
  const T = POSTHOC_CBM_THRESHOLDS;
  const s = result.snapshot;
  const original = s.accuracy.original ?? NaN;
  const pcbm = s.accuracy.pcbm ?? NaN;
  const hybrid = s.accuracy.pcbmH ?? NaN;
  const checks: ClaimCheck[] = [];
  const numbers: Record<string, number> = { original, pcbm, pcbmH: hybrid };

  checks.push({
    name: 'PCBM-h keeps the original model’s accuracy',
    holds: hybrid >= original - T.maxHybridGap,
    detail: `original ${fixed(original, 3)}, PCBM-h ${fixed(hybrid, 3)} [need ≥ original − ${T.maxHybridGap}]; the residual changes ${fixed(100 * (s.residual?.changed ?? NaN), 1)}% of test predictions (fixes ${fixed(100 * (s.residual?.fixed ?? NaN), 1)}%, breaks ${fixed(100 * (s.residual?.broken ?? NaN), 1)}%)`,
  });

  if (p.missing !== 'none') {
    numbers.missingCost = hybrid - pcbm;
    checks.push({
      name: `Without “${p.missing}” in the bank, the concept head alone loses accuracy`,
      holds: hybrid - pcbm >= T.minMissingCost,
      detail: `PCBM ${fixed(pcbm, 3)} vs PCBM-h ${fixed(hybrid, 3)} [need a gap ≥ ${T.minMissingCost}]`,
    });
  }

  const head = s.head;
  if (head) {
    const tops = topWeights(head, T.topK);
    const agree = tops.map((list, cls) => list.length === T.topK && list.every((w) => Math.sign(w.weight) === ruleSign(w.concept, cls)));
    numbers.classesMatchingRule = agree.filter(Boolean).length;
    checks.push({
      name: 'The sparse head’s largest weights recover the label rule',
      holds: agree.every(Boolean),
      detail:
        tops
          .map((list, cls) => `${head.classNames[cls]}: ${list.map((w) => `${w.concept} ${w.weight > 0 ? '+' : ''}${fixed(w.weight)}`).join(', ')}${agree[cls] ? '' : ' ✗'}`)
          .join('; ') + ` [need each class’s top ${T.topK} to be rule concepts with the rule’s sign]; ${s.nonZero} of ${head.weights.length} weights non-zero`,
    });
  }

  const groups = s.groupDrop;
  if (groups) {
    numbers.boldGroupDrop = groups.bold;
    numbers.placedGroupDrop = groups.placed;
    numbers.distractorGroupDrop = groups.distractors;
    checks.push({
      name: 'Editing: deleting one half of the rule costs accuracy, deleting the distractors does not',
      holds: Math.min(groups.bold, groups.placed) >= T.minRuleGroupDrop && groups.distractors <= T.maxDistractorGroupDrop,
      detail:
        `test accuracy lost when the head’s weights are zeroed for the bold concepts ${fixed(groups.bold, 3)}, the placed concepts ${fixed(groups.placed, 3)}, ` +
        `the distractors (bright, striped) ${fixed(groups.distractors, 3)} [need both halves ≥ ${T.minRuleGroupDrop}, distractors ≤ ${T.maxDistractorGroupDrop}]`,
    });
  }

  const holds = checks.every((c) => c.holds);
  const summary =
    `Original ${fixed(original)}, PCBM ${fixed(pcbm)}, PCBM-h ${fixed(hybrid)}` +
    (p.missing !== 'none' ? ` (the bank has no “${p.missing}”)` : '') +
    `; the residual changes ${fixed(100 * (s.residual?.changed ?? NaN), 0)}% of predictions` +
    (holds ? '.' : `; not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`);
  return { holds, summary, numbers, checks };
}

export default posthocCbm;
