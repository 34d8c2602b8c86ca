/**
 * Semantic bottleneck networks (Losch, Fritz, Schiele 2019) on the concept-shapes images
 * (lib/data/concept-shapes.ts: 16x16 pictures from 8 binary concepts, 4-class label given by
 * LABEL_RULE_TEXT), at image level instead of pixel level.
 *
 *   Original network: 256 -> 64 -> 64 -> 4 (ReLU), trained on the labels. Its second 64-unit
 *   layer is the "wide layer" whose channels nobody named.
 *   SBN: the original's first layer is frozen (the pretrained front end); the wide layer
 *   (initialised from the original's) is followed by a semantic bottleneck of 8 sigmoid channels,
 *   channel k supervised with binary cross-entropy to be concept k. A fresh head 8 -> 32 -> 4 is
 *   then trained on the bottleneck's outputs alone (everything downstream reads only the SB).
 *
 * Measured on the test images:
 *   accuracy of both; inspectability: each concept's SB channel AUC against the best-matching
 *   (and the typical) channel of the original's wide layer, sign-agnostic, and AUiC (mean IoU of
 *   matched channels, lib/metrics/inspectability.ts); validation, the test the note says the
 *   paper did not run: (a) intervene on the channels (feed the head the true concepts, and the
 *   true concepts with one flipped) and check the prediction follows the label rule; (b) purity:
 *   does a channel tell more about OTHER concepts than the concept itself does (impurity.ts)?
 *
 * ---- Snapshot (SbnSnapshot) -------------------------------------------------------------------
 * - `lossHistory`: { original, bottleneck, head } loss per read (50 steps), for the training chart.
 * - `accuracy`: original / sbn / sbnIntervened (head fed all 8 true concepts).
 * - `channels`: per concept: SB channel AUC, best and mean |AUC| over the 64 original channels,
 *   the flip consistency, and the SB channel's IoU.
 * - `auic`: { sbn, original }.
 * - `purity`: the worst excess of the SB's purity matrix over the oracle's, and where.
 * - `examples`: 6 test images with their true concepts and the SB's channel values.
 */
import { fixed } from '../../core/format';
import { defineExperiment, type Tf, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import type * as TF from '@tensorflow/tfjs';
import { LABEL_RULE_TEXT, SHAPE_CLASS_NAMES, SHAPE_CONCEPTS, SHAPE_PIXELS, SHAPE_SIZE, makeConceptShapes, shapeLabelFromConcepts } from '../../data/concept-shapes';
import { argmaxAccuracy, createMlp, disposeMlp, mlpForward, mlpVariables, oneHotArray, type Mlp } from '../../ml/concept-mlp';
import { classifierLoss, conceptLoss, predictLogits } from '../../ml/concept-models';
import { auicScore, channelAucMatrix, column, quantileIoU } from '../../metrics/inspectability';
import { auc, impuritySummary, purityMatrix } from '../../metrics/impurity';
import { argmaxRows, fitInChunks, LiveModels, round4 } from '../families/concept-run';
import { sbnManifest } from './manifest';

const TEST_SIZE = 1000;
const WIDE = 64;
const BATCH = 64;
const LR = 3e-3;
const BOTTLENECK_STEPS_SHARE = 0.75;
const HEAD_HIDDEN = 32;
const HEAD_STEPS = 200;
const HEAD_BATCH = 128;
const HEAD_LR = 1e-2;
const EXAMPLE_COUNT = 6;

const params = sbnManifest.params;
export type SbnParams = ParamValues<typeof params>;

export interface SbnChannel {
  concept: string;
  /** AUC of the SB's channel for its own concept. */
  sbAuc: number;
  /** Best max(AUC, 1 - AUC) over the original's 64 wide-layer channels, and which channel. */
  bestOriginalAuc: number;
  bestOriginalChannel: number;
  /** Mean max(AUC, 1 - AUC) over the original's 64 channels: a typical unnamed channel. */
  meanOriginalAuc: number;
  /** IoU of the SB channel with its concept (thresholded at the concept's base rate). */
  sbIou: number;
  /** Share of test images where flipping this concept in a true concept vector moves the head's prediction as the rule says. */
  flipConsistency: number;
}

export interface SbnExample {
  image: number[];
  side: number;
  concepts: number[];
  channels: number[];
  label: number;
  predicted: number;
}

export interface SbnSnapshot {
  conceptNames: string[];
  classNames: string[];
  labelRule: string;
  lossHistory: { original: number[]; bottleneck: number[]; head: number[] };
  accuracy: { original: number | null; sbn: number | null; sbnIntervened: number | null; sbnBinary: number | null };
  channels: SbnChannel[] | null;
  auic: { sbn: number; original: number } | null;
  purity: { maxExcess: number; channel: string; concept: string; learnedAuc: number; oracleAuc: number } | null;
  examples: SbnExample[] | null;
}

export interface SbnResult extends RunResult<SbnSnapshot> {
  snapshot: SbnSnapshot;
}

/** A copy of a dense layer's variables (the SBN's wide layer starts from the original's). */
function cloneLayer(tf: Tf, from: Mlp['layers'][number]): Mlp['layers'][number] {
  return tf.tidy(() => ({ w: tf.variable(from.w.clone()), b: tf.variable(from.b.clone()), nIn: from.nIn, nOut: from.nOut }));
}

async function readOut(t: TF.Tensor): Promise<Float32Array> {
  try {
    return (await t.data()) as Float32Array;
  } finally {
    t.dispose();
  }
}

export const sbn = defineExperiment<typeof params, SbnSnapshot, SbnResult>({
  ...sbnManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const K = SHAPE_CONCEPTS.length;
    const C = SHAPE_CLASS_NAMES.length;
    const D = SHAPE_PIXELS;
    const bottleneckSteps = Math.round(p.steps * BOTTLENECK_STEPS_SHARE);
    const totalSteps = p.steps + bottleneckSteps + HEAD_STEPS;
    const snapshot: SbnSnapshot = {
      conceptNames: [...SHAPE_CONCEPTS],
      classNames: [...SHAPE_CLASS_NAMES],
      labelRule: LABEL_RULE_TEXT,
      lossHistory: { original: [], bottleneck: [], head: [] },
      accuracy: { original: null, sbn: null, sbnIntervened: null, sbnBinary: null },
      channels: null,
      auic: null,
      purity: null,
      examples: null,
    };
    let step = 0;
    const metrics = (): Record<string, number> => {
      const m: Record<string, number> = {};
      for (const [k, v] of Object.entries(snapshot.accuracy)) if (v !== null) m[`${k}.accuracy`] = v;
      return m;
    };
    const copy = (): SbnSnapshot => ({
      ...snapshot,
      lossHistory: { original: [...snapshot.lossHistory.original], bottleneck: [...snapshot.lossHistory.bottleneck], head: [...snapshot.lossHistory.head] },
      accuracy: { ...snapshot.accuracy },
    });
    const progress = (phase: string, loss?: number): Progress<SbnSnapshot> => ({ step, totalSteps, phase, metrics: metrics(), snapshot: copy(), loss });

    yield progress('drawing the images');
    const noise = { pixelNoise: p.pixelNoise };
    const train = makeConceptShapes(rng.fork('train-data'), { n: p.trainSize, ...noise });
    yield progress('drawing the images');
    const test = makeConceptShapes(rng.fork('test-data'), { n: TEST_SIZE, ...noise });

    const live = new LiveModels();
    const keep = <T extends TF.Tensor>(t: T): T => live.keep(t);
    try {
      const xTrain = keep(tf.tensor2d(train.inputs, [train.n, D]));
      const xTest = keep(tf.tensor2d(test.inputs, [test.n, D]));
      const yTrain = keep(tf.tensor2d(oneHotArray(train.labels, C), [train.n, C]));
      const cTrain = keep(tf.tensor2d(Float32Array.from(train.concepts), [train.n, K]));

      // ---- The original network ---------------------------------------------------------------------
      const original = createMlp(tf, rng.fork('original-init'), [D, WIDE, WIDE, C]);
      live.track(() => disposeMlp(original));
      yield* fitInChunks(
        { tf, rng: rng.fork('original'), variables: mlpVariables(original), data: { x: xTrain, y: yTrain }, loss: (b) => classifierLoss(tf, original, b.x, b.y), steps: p.steps, learningRate: LR, batchSize: BATCH },
        (n, loss) => {
          step += n;
          if (loss !== undefined) snapshot.lossHistory.original.push(round4(loss));
          return progress('training the original network (64 unnamed channels)', loss);
        },
      );
      snapshot.accuracy.original = round4(argmaxAccuracy(await readOut(tf.tidy(() => mlpForward(tf, original, xTest))), test.labels, C));
      const front = { layers: [original.layers[0]] };
      // The frozen front end's output, computed once: the bottleneck trains on it.
      const h1Train = keep(tf.tidy(() => mlpForward(tf, front, xTrain, true)));
      const h1Test = keep(tf.tidy(() => mlpForward(tf, front, xTest, true)));
      const wideTest = await readOut(tf.tidy(() => mlpForward(tf, { layers: [original.layers[1]] }, h1Test, true)));
      yield progress('training the original network (64 unnamed channels)');

      // ---- The semantic bottleneck: wide layer -> 8 named sigmoid channels ---------------------
      const bottleneck: Mlp = { layers: [cloneLayer(tf, original.layers[1]), createMlp(tf, rng.fork('sb-init'), [WIDE, K]).layers[0]] };
      live.track(() => disposeMlp(bottleneck));
      yield* fitInChunks(
        { tf, rng: rng.fork('bottleneck'), variables: mlpVariables(bottleneck), data: { x: h1Train, c: cTrain }, loss: (b) => conceptLoss(tf, bottleneck, b.x, b.c), steps: bottleneckSteps, learningRate: LR, batchSize: BATCH },
        (n, loss) => {
          step += n;
          if (loss !== undefined) snapshot.lossHistory.bottleneck.push(round4(loss));
          return progress('training the 8 named channels on concept labels (first layer frozen)', loss);
        },
      );
      const sbTrain = await readOut(tf.tidy(() => tf.sigmoid(mlpForward(tf, bottleneck, h1Train))));
      const sbTest = await readOut(tf.tidy(() => tf.sigmoid(mlpForward(tf, bottleneck, h1Test))));

      // ---- The head, reading only the bottleneck ------------------------------------------------
      const head = createMlp(tf, rng.fork('head-init'), [K, HEAD_HIDDEN, C]);
      live.track(() => disposeMlp(head));
      const sbTrainTensor = keep(tf.tensor2d(sbTrain, [train.n, K]));
      yield* fitInChunks(
        { tf, rng: rng.fork('head'), variables: mlpVariables(head), data: { x: sbTrainTensor, y: yTrain }, loss: (b) => classifierLoss(tf, head, b.x, b.y), steps: HEAD_STEPS, learningRate: HEAD_LR, batchSize: HEAD_BATCH },
        (n, loss) => {
          step += n;
          if (loss !== undefined) snapshot.lossHistory.head.push(round4(loss));
          return progress('training the head on the 8 channels alone', loss);
        },
      );
      const sbnLogits = await predictLogits(tf, head, sbTest, K);
      snapshot.accuracy.sbn = round4(argmaxAccuracy(sbnLogits, test.labels, C));
      const binary = sbTest.map((v) => (v >= 0.5 ? 1 : 0));
      snapshot.accuracy.sbnBinary = round4(argmaxAccuracy(await predictLogits(tf, head, binary, K), test.labels, C));
      yield progress('measuring the channels');

      // ---- Validation by intervention: true concepts, then each one flipped -----------------------
      const truth = Float32Array.from(test.concepts);
      snapshot.accuracy.sbnIntervened = round4(argmaxAccuracy(await predictLogits(tf, head, truth, K), test.labels, C));
      const flipped = new Float32Array(K * test.n * K);
      const flippedLabels: number[] = [];
      for (let k = 0; k < K; k++) {
        for (let i = 0; i < test.n; i++) {
          const row = flipped.subarray((k * test.n + i) * K, (k * test.n + i + 1) * K);
          row.set(truth.subarray(i * K, (i + 1) * K));
          row[k] = 1 - row[k];
          flippedLabels.push(shapeLabelFromConcepts(row));
        }
      }
      const flippedPredicted = argmaxRows(await predictLogits(tf, head, flipped, K), C);
      yield progress('measuring the channels');

      // ---- Inspectability ---------------------------------------------------------------------------
      const originalAuc = channelAucMatrix(wideTest, test.n, WIDE, test.concepts, K, true);
      snapshot.channels = SHAPE_CONCEPTS.map((concept, k) => {
        const best = originalAuc[k].reduce((b, v, u) => (v > originalAuc[k][b] ? u : b), 0);
        let agree = 0;
        for (let i = 0; i < test.n; i++) if (flippedPredicted[k * test.n + i] === flippedLabels[k * test.n + i]) agree++;
        const own = column(sbTest, test.n, K, k);
        const conceptColumn = column(test.concepts, test.n, K, k);
        return {
          concept,
          sbAuc: round4(auc(own, conceptColumn)),
          bestOriginalAuc: round4(originalAuc[k][best]),
          bestOriginalChannel: best,
          meanOriginalAuc: round4(originalAuc[k].reduce((s, v) => s + v, 0) / WIDE),
          sbIou: round4(quantileIoU(own, conceptColumn)),
          flipConsistency: round4(agree / test.n),
        };
      });
      yield progress('measuring the channels');
      const originalAuic = auicScore(wideTest, test.n, WIDE, test.concepts, K, true).auic;
      snapshot.auic = { sbn: round4(snapshot.channels.reduce((s, c) => s + c.sbIou, 0) / K), original: round4(originalAuic) };

      // ---- Purity: does a channel say more about other concepts than its concept does? -------------
      const learned = purityMatrix(sbTest, truth, K);
      const oracle = purityMatrix(truth, truth, K);
      const summary = impuritySummary(learned, oracle);
      const [pi, pj] = summary.argmax;
      snapshot.purity = {
        maxExcess: round4(summary.maxExcess),
        channel: SHAPE_CONCEPTS[pi],
        concept: SHAPE_CONCEPTS[pj],
        learnedAuc: round4(learned[pi][pj]),
        oracleAuc: round4(oracle[pi][pj]),
      };

      // ---- A few test images with their channels, for the page --------------------------------------
      const predicted = argmaxRows(sbnLogits, C);
      const wrong = predicted.map((y, i) => (y !== test.labels[i] ? i : -1)).filter((i) => i >= 0).slice(0, 2);
      const right = predicted.map((y, i) => (y === test.labels[i] ? i : -1)).filter((i) => i >= 0).slice(0, EXAMPLE_COUNT - wrong.length);
      snapshot.examples = [...wrong, ...right].sort((a, b) => a - b).map((i) => ({
        image: Array.from(test.inputs.subarray(i * D, (i + 1) * D), (v) => Math.round(v * 1000) / 1000),
        side: SHAPE_SIZE,
        concepts: Array.from(test.concepts.subarray(i * K, (i + 1) * K)),
        channels: Array.from(sbTest.subarray(i * K, (i + 1) * K), round4),
        label: test.labels[i],
        predicted: predicted[i],
      }));

      const final: Record<string, number> = { ...metrics(), auicSbn: snapshot.auic.sbn, auicOriginal: snapshot.auic.original, purityMaxExcess: snapshot.purity.maxExcess };
      for (const c of snapshot.channels) {
        final[`sbAuc.${c.concept}`] = c.sbAuc;
        final[`bestOriginalAuc.${c.concept}`] = c.bestOriginalAuc;
        final[`flip.${c.concept}`] = c.flipConsistency;
      }
      return { metrics: final, snapshot: copy() };
    } finally {
      live.disposeAll();
    }
  },

  claim(result) {
    return sbnClaim(result);
  },
});

/**
 * Pass criteria, fixed on calibration seeds 100-104 at the default parameters (never on the test
 * seeds 1-3); observed ranges by each number. The purity measurements are reported, not checked:
 * purity is our note's question, not the paper's claim.
 */
export const SBN_THRESHOLDS = {
  /** The SBN may trail the original network by at most this (calibration: drops 0.001-0.012; papers.md's prototype lost 0.02-0.06). */
  maxAccuracyDrop: 0.05,
  /** Mean over concepts of (SB channel AUC - best original channel's AUC) must reach this (calibration: 0.172-0.199). */
  minMeanAucGain: 0.08,
  /** AUiC of the SB must beat the original's by this much (calibration: 0.243-0.311; SB 0.844-0.858, original 0.533-0.615). */
  minAuicGain: 0.12,
  /** Validation: with the true concepts fed in, the head must reach this accuracy (calibration: 0.995-1.000) ... */
  minIntervenedAccuracy: 0.95,
  /** ... and flipping one concept must move the prediction as the rule says this often, for every concept (calibration: min 0.990). */
  minFlipConsistency: 0.9,
};

export function sbnClaim(result: SbnResult): Claim {
  const T = SBN_THRESHOLDS;
  const s = result.snapshot;
  const original = s.accuracy.original ?? NaN;
  const sbnAcc = s.accuracy.sbn ?? NaN;
  const channels = s.channels ?? [];
  const checks: ClaimCheck[] = [];
  const numbers: Record<string, number> = { original, sbn: sbnAcc };

  checks.push({
    name: 'Eight named channels keep most of the accuracy',
    holds: sbnAcc >= original - T.maxAccuracyDrop,
    detail: `original (64 unnamed channels) ${fixed(original, 3)}, SBN (8 named channels) ${fixed(sbnAcc, 3)} [need ≥ original − ${T.maxAccuracyDrop}]`,
  });

  const gains = channels.map((c) => c.sbAuc - c.bestOriginalAuc);
  const meanGain = gains.reduce((a, b) => a + b, 0) / Math.max(1, gains.length);
  const auicSbn = s.auic?.sbn ?? NaN;
  const auicOriginal = s.auic?.original ?? NaN;
  numbers.meanAucGain = meanGain;
  numbers.auicSbn = auicSbn;
  numbers.auicOriginal = auicOriginal;
  checks.push({
    name: 'The bottleneck is more inspectable than the wide layer',
    holds: meanGain >= T.minMeanAucGain && auicSbn - auicOriginal >= T.minAuicGain,
    detail:
      `AUC of each concept’s SB channel vs the best of 64 original channels: ${channels.map((c) => `${c.concept} ${fixed(c.sbAuc, 3)}/${fixed(c.bestOriginalAuc, 3)}`).join(', ')} ` +
      `(mean gain ${fixed(meanGain, 3)}, need ≥ ${T.minMeanAucGain}); AUiC ${fixed(auicSbn, 3)} vs ${fixed(auicOriginal, 3)} [need a gain ≥ ${T.minAuicGain}]`,
  });

  const intervened = s.accuracy.sbnIntervened ?? NaN;
  const minFlip = Math.min(...channels.map((c) => c.flipConsistency));
  numbers.intervened = intervened;
  numbers.minFlipConsistency = minFlip;
  numbers.purityMaxExcess = s.purity?.maxExcess ?? NaN;
  checks.push({
    name: 'Validated by intervention: the head uses each channel as its concept',
    holds: intervened >= T.minIntervenedAccuracy && minFlip >= T.minFlipConsistency,
    detail:
      `head fed the 8 true concepts: ${fixed(intervened, 3)} [need ≥ ${T.minIntervenedAccuracy}]; one concept flipped, prediction follows the rule: ` +
      `${channels.map((c) => `${c.concept} ${fixed(100 * c.flipConsistency, 0)}%`).join(', ')} [need every one ≥ ${100 * T.minFlipConsistency}%]` +
      (s.purity ? `; purity: the ${s.purity.channel} channel predicts ${s.purity.concept} at AUC ${fixed(s.purity.learnedAuc, 3)} where the true ${s.purity.channel} gives ${fixed(s.purity.oracleAuc, 3)}` : ''),
  });

  const holds = checks.every((c) => c.holds);
  const summary =
    `8 named channels: accuracy ${fixed(sbnAcc)} vs ${fixed(original)} for 64 unnamed ones; AUiC ${fixed(auicSbn)} vs ${fixed(auicOriginal)}; ` +
    `fed the true concepts the head scores ${fixed(intervened)}` +
    (holds ? '.' : `; not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`);
  return { holds, summary, numbers, checks };
}

export default sbn;
