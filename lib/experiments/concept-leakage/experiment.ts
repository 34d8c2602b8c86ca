/**
 * Concept leakage (Mahinpei et al. 2021, "Promises and pitfalls of black-box concept learning
 * models"): soft concept probabilities carry information beyond their concepts.
 *
 * Part 1, the paper's parity test on procedural 8x8 seven-segment digits (lib/data/concept-digits.ts):
 *   a concept model (MLP 64-32-2) learns c = [digit is 4, digit is 5] on all ten digits. On fresh
 *   digits from {0,1,2,3,6,7,8,9} both true concepts are 0, so they carry NO information about
 *   parity. A small head (MLP 2-16-2) is trained to predict parity (a) from the concept model's soft
 *   outputs (logit(p), standardised) and (b) from its hard outputs 1[p > 0.5]. Leakage = (a) beats
 *   chance (0.5) while (b) does not. One run averages `repeats` independent repetitions (fresh data,
 *   fresh models), because a single repetition's accuracy moves by a few points.
 * Part 2, purity matrices on the concept-shapes images (lib/data/concept-shapes.ts, 8 independent
 *   concepts): a concept predictor g learns all 8; entry (i, j) is the held-out AUC of a 1-D
 *   histogram probe from concept i's representation to TRUE concept j (lib/ml/impurity.ts), for
 *   g's soft probabilities, for its hard 0/1 concepts, and for the true concepts (the oracle,
 *   ~0.5 off the diagonal because the concepts are independent by construction).
 *
 * ---- Snapshot (LeakageSnapshot), what the UI draws ------------------------------------------
 * - `parity.repeats[r]`: {soft, hard, conceptAccuracy}, filled in as repetitions finish; bars or
 *   dots per repetition, with `meanSoft` / `meanHard` and a chance line at 0.5.
 * - `parity.scatter` (after the first repetition): test digits (not 4 or 5) placed at their
 *   standardised soft logits (x: "is 4", y: "is 5"), coloured by parity (`odd` 0/1), `digit` for
 *   tooltips. Under hard thresholding nearly all of them collapse onto (0, 0).
 * - `parity.samples`: a few 8x8 digits (`image` row-major in [0, 1]) to show the data.
 * - `impurity` (after part 2): `soft`, `hard`, `oracle` are K x K AUC matrices (rows: the
 *   representation of concept i, columns: true concept j), `conceptNames` label both axes; draw
 *   three heatmaps on a 0.5-1 scale. `softSummary` / `hardSummary`: largest off-diagonal excess
 *   over the oracle and where it sits, plus an oracle-impurity-style score in [0, 1].
 */
import { fixed } from '../../core/format';
import { mean } from '../../metrics/stats';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import type * as TF from '@tensorflow/tfjs';
import { DIGIT_PIXELS, DIGIT_SIDE, makeDigits } from '../../data/concept-digits';
import { SHAPE_CONCEPTS, SHAPE_PIXELS, makeConceptShapes } from '../../data/concept-shapes';
import { labelledConceptMatrix } from '../../data/concept-dataset';
import { argmaxAccuracy, createMlp, disposeMlp, mlpVariables, oneHotArray } from '../../ml/concept-mlp';
import { classifierLoss, conceptAccuracy, conceptLoss, perConceptAccuracy, predictConceptProbs, predictLogits } from '../../ml/concept-models';
import { binarize } from '../../ml/concept-intervene';
import { LiveModels, fitInChunks, round4 } from '../families/concept-run';
import { impuritySummary, purityMatrix, type ImpuritySummary } from '../../metrics/impurity';
import { conceptLeakageManifest } from './manifest';

const OTHER_DIGITS = [0, 1, 2, 3, 6, 7, 8, 9];
const CONCEPT_TRAIN = 1500;
const DOWNSTREAM_TRAIN = 1000;
const DOWNSTREAM_TEST = 1000;
const CONCEPT_HIDDEN = 32;
const PARITY_HIDDEN = 16;
const PARITY_STEPS = 300;
const LR = 1e-2;
const BATCH = 64;
const SCATTER_POINTS = 400;
const SHAPES_TRAIN = 2000;
const SHAPES_TEST = 2000;
const SHAPES_HIDDEN = 32;
const SHAPES_LR = 3e-3;

const params = conceptLeakageManifest.params;

export type LeakageParams = ParamValues<typeof params>;
export const leakageParams = params;

export interface ParityRepeat {
  /** Parity accuracy of the head on standardised soft logits. */
  soft: number;
  /** Parity accuracy of the head on hard 0/1 concepts. */
  hard: number;
  /** The concept model's accuracy on is-4 / is-5, over all ten digits. */
  conceptAccuracy: number;
}

export interface LeakageSnapshot {
  parity: {
    repeats: ParityRepeat[];
    meanSoft: number | null;
    meanHard: number | null;
    chance: number;
    scatter: { x: number[]; y: number[]; digit: number[]; odd: number[] } | null;
    samples: Array<{ image: number[]; side: number; digit: number }>;
  };
  impurity: {
    conceptNames: string[];
    soft: number[][] | null;
    hard: number[][] | null;
    oracle: number[][] | null;
    conceptAccuracy: number[] | null;
    softSummary: ImpuritySummary | null;
    hardSummary: ImpuritySummary | null;
  };
}

export interface LeakageResult extends RunResult<LeakageSnapshot> {
  snapshot: LeakageSnapshot;
}

const logit = (p: number) => {
  const q = Math.min(1 - 1e-6, Math.max(1e-6, p));
  return Math.log(q / (1 - q));
};

/** logit(p), standardised per column with the mean / sd of `reference` (the head's training set). */
export function standardisedLogits(probs: Float32Array, reference: Float32Array, K: number): Float32Array {
  const out = new Float32Array(probs.length);
  const nRef = reference.length / K;
  for (let j = 0; j < K; j++) {
    let mean = 0;
    for (let i = 0; i < nRef; i++) mean += logit(reference[i * K + j]);
    mean /= nRef;
    let variance = 0;
    for (let i = 0; i < nRef; i++) variance += (logit(reference[i * K + j]) - mean) ** 2;
    const sd = Math.sqrt(variance / nRef) + 1e-6;
    for (let i = 0; i < probs.length / K; i++) out[i * K + j] = (logit(probs[i * K + j]) - mean) / sd;
  }
  return out;
}

const roundMatrix = (m: number[][]) => m.map((r) => r.map(round4));

export const conceptLeakage = defineExperiment<typeof params, LeakageSnapshot, LeakageResult>({
  ...conceptLeakageManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const digitsPerRepeat = p.conceptSteps + 2 * PARITY_STEPS;
    const totalSteps = p.repeats * digitsPerRepeat + (p.purity ? p.shapeSteps : 0);
    let step = 0;
    const samplesData = makeDigits(rng.fork('samples'), { n: 10, digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], pixelNoise: p.digitNoise });
    const snapshot: LeakageSnapshot = {
      parity: {
        repeats: [],
        meanSoft: null,
        meanHard: null,
        chance: 0.5,
        scatter: null,
        samples: Array.from({ length: samplesData.n }, (_, i) => ({
          image: Array.from(samplesData.inputs.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), (v) => Math.round(v * 1000) / 1000),
          side: DIGIT_SIDE,
          digit: samplesData.digits[i],
        })),
      },
      impurity: { conceptNames: [...SHAPE_CONCEPTS], soft: null, hard: null, oracle: null, conceptAccuracy: null, softSummary: null, hardSummary: null },
    };
    const copy = (): LeakageSnapshot => structuredClone(snapshot);
    const progress = (phase: string, loss?: number): Progress<LeakageSnapshot> => {
      const metrics: Record<string, number> = {};
      if (snapshot.parity.meanSoft !== null) metrics.softParity = snapshot.parity.meanSoft;
      if (snapshot.parity.meanHard !== null) metrics.hardParity = snapshot.parity.meanHard;
      return { step, totalSteps, phase, metrics, snapshot: copy(), loss };
    };
    const fit = <Key extends string>(phase: string, seedLabel: string, variables: TF.Variable[], data: Record<Key, TF.Tensor2D>, loss: (b: Record<Key, TF.Tensor2D>) => TF.Scalar, steps: number, lr: number) =>
      fitInChunks({ tf, rng: rng.fork(seedLabel), variables, data, loss, steps, learningRate: lr, batchSize: BATCH }, (n, l) => {
        step += n;
        return progress(phase, l);
      });

    yield progress('drawing the digits');

    const live = new LiveModels();
    const tensors: TF.Tensor[] = [];
    const temp = <T extends TF.Tensor>(t: T): T => {
      tensors.push(t);
      return t;
    };
    const freeTemps = () => {
      for (const t of tensors.splice(0)) t.dispose();
    };
    try {
      // ---- Part 1: parity from concepts that cannot know it ------------------------------------
      for (let r = 0; r < p.repeats; r++) {
        const repeatRng = rng.fork(`repeat-${r}`);
        const label = `repetition ${r + 1} of ${p.repeats}`;
        const conceptData = makeDigits(repeatRng.fork('concept-data'), { n: CONCEPT_TRAIN, pixelNoise: p.digitNoise });
        const isFourFive = (digits: Uint8Array) => {
          const out = new Float32Array(digits.length * 2);
          digits.forEach((d, i) => {
            out[2 * i] = d === 4 ? 1 : 0;
            out[2 * i + 1] = d === 5 ? 1 : 0;
          });
          return out;
        };
        const model = createMlp(tf, repeatRng.fork('concept-init'), [DIGIT_PIXELS, CONCEPT_HIDDEN, 2]);
        const releaseModel = live.track(() => disposeMlp(model));
        const x = temp(tf.tensor2d(conceptData.inputs, [conceptData.n, DIGIT_PIXELS]));
        const c = temp(tf.tensor2d(isFourFive(conceptData.digits), [conceptData.n, 2]));
        yield* fit(`${label}: learning “is 4” and “is 5”`, `concept-batches-${r}`, mlpVariables(model), { x, c }, (b) => conceptLoss(tf, model, b.x, b.c), p.conceptSteps, LR);

        const probsOf = async (inputs: Float32Array) => {
          const t = tf.tensor2d(inputs, [inputs.length / DIGIT_PIXELS, DIGIT_PIXELS]);
          try {
            return await predictConceptProbs(tf, model, t);
          } finally {
            t.dispose();
          }
        };
        const check = makeDigits(repeatRng.fork('concept-check'), { n: 1000, pixelNoise: p.digitNoise });
        const conceptAcc = conceptAccuracy(await probsOf(check.inputs), isFourFive(check.digits));
        const downTrain = makeDigits(repeatRng.fork('downstream-train'), { n: DOWNSTREAM_TRAIN, digits: OTHER_DIGITS, pixelNoise: p.digitNoise });
        const downTest = makeDigits(repeatRng.fork('downstream-test'), { n: DOWNSTREAM_TEST, digits: OTHER_DIGITS, pixelNoise: p.digitNoise });
        const pTrain = await probsOf(downTrain.inputs);
        const pTest = await probsOf(downTest.inputs);
        releaseModel();
        freeTemps();

        const parity = (digits: Uint8Array) => Uint8Array.from(digits, (d) => d % 2);
        const yTrain = temp(tf.tensor2d(oneHotArray(parity(downTrain.digits), 2), [downTrain.n, 2]));
        const features = {
          soft: [standardisedLogits(pTrain, pTrain, 2), standardisedLogits(pTest, pTrain, 2)],
          hard: [binarize(pTrain), binarize(pTest)],
        };
        if (r === 0) {
          const n = Math.min(SCATTER_POINTS, downTest.n);
          const soft = features.soft[1];
          snapshot.parity.scatter = {
            x: Array.from({ length: n }, (_, i) => round4(soft[2 * i])),
            y: Array.from({ length: n }, (_, i) => round4(soft[2 * i + 1])),
            digit: Array.from(downTest.digits.subarray(0, n)),
            odd: Array.from(parity(downTest.digits).subarray(0, n)),
          };
        }
        const accuracy: Record<'soft' | 'hard', number> = { soft: NaN, hard: NaN };
        for (const kind of ['soft', 'hard'] as const) {
          const head = createMlp(tf, repeatRng.fork(`${kind}-head-init`), [2, PARITY_HIDDEN, 2]);
          const releaseHead = live.track(() => disposeMlp(head));
          const xHead = temp(tf.tensor2d(features[kind][0], [downTrain.n, 2]));
          yield* fit(`${label}: parity from ${kind} concepts`, `${kind}-head-batches-${r}`, mlpVariables(head), { x: xHead, y: yTrain }, (b) => classifierLoss(tf, head, b.x, b.y), PARITY_STEPS, LR);
          accuracy[kind] = argmaxAccuracy(await predictLogits(tf, head, features[kind][1], 2), parity(downTest.digits), 2);
          releaseHead();
        }
        freeTemps();
        snapshot.parity.repeats.push({ soft: round4(accuracy.soft), hard: round4(accuracy.hard), conceptAccuracy: round4(conceptAcc) });
        snapshot.parity.meanSoft = round4(mean(snapshot.parity.repeats.map((x) => x.soft)));
        snapshot.parity.meanHard = round4(mean(snapshot.parity.repeats.map((x) => x.hard)));
        yield progress(`${label} done`);
      }

      // ---- Part 2: purity matrices on the shape concepts ------------------------------------------
      if (p.purity) {
        const train = makeConceptShapes(rng.fork('shapes-train'), { n: SHAPES_TRAIN });
        const test = makeConceptShapes(rng.fork('shapes-test'), { n: SHAPES_TEST });
        const K = train.conceptNames.length;
        const g = createMlp(tf, rng.fork('shapes-g-init'), [SHAPE_PIXELS, SHAPES_HIDDEN, K]);
        const releaseG = live.track(() => disposeMlp(g));
        const x = temp(tf.tensor2d(train.inputs, [train.n, SHAPE_PIXELS]));
        const c = temp(tf.tensor2d(labelledConceptMatrix(train), [train.n, K]));
        yield* fit('learning the 8 shape concepts', 'shapes-g-batches', mlpVariables(g), { x, c }, (b) => conceptLoss(tf, g, b.x, b.c), p.shapeSteps, SHAPES_LR);
        const xTest = temp(tf.tensor2d(test.inputs, [test.n, SHAPE_PIXELS]));
        const probs = await predictConceptProbs(tf, g, xTest);
        releaseG();
        freeTemps();
        const truth = labelledConceptMatrix(test);
        const soft = purityMatrix(probs, truth, K);
        const hard = purityMatrix(binarize(probs), truth, K);
        const oracle = purityMatrix(truth, truth, K);
        snapshot.impurity = {
          conceptNames: [...SHAPE_CONCEPTS],
          soft: roundMatrix(soft),
          hard: roundMatrix(hard),
          oracle: roundMatrix(oracle),
          conceptAccuracy: perConceptAccuracy(probs, truth, K).map(round4),
          softSummary: roundSummary(impuritySummary(soft, oracle)),
          hardSummary: roundSummary(impuritySummary(hard, oracle)),
        };
        yield progress('purity matrices done');
      }

      const metrics: Record<string, number> = {
        softParity: snapshot.parity.meanSoft ?? NaN,
        hardParity: snapshot.parity.meanHard ?? NaN,
        conceptAccuracy: round4(mean(snapshot.parity.repeats.map((x) => x.conceptAccuracy))),
      };
      if (snapshot.impurity.softSummary && snapshot.impurity.hardSummary) {
        metrics.softMaxExcess = snapshot.impurity.softSummary.maxExcess;
        metrics.hardMaxExcess = snapshot.impurity.hardSummary.maxExcess;
        metrics.softImpurityScore = snapshot.impurity.softSummary.score;
        metrics.hardImpurityScore = snapshot.impurity.hardSummary.score;
      }
      return { metrics, snapshot: copy() };
    } finally {
      live.disposeAll();
      freeTemps();
    }
  },

  claim(result) {
    return leakageClaim(result);
  },
});

function roundSummary(s: ImpuritySummary): ImpuritySummary {
  return { ...s, maxExcess: round4(s.maxExcess), meanExcess: round4(s.meanExcess), score: round4(s.score) };
}

/**
 * Pass criteria, fixed on calibration seeds 100-104 at the default parameters (tests use 1, 2, 3).
 */
export const LEAKAGE_THRESHOLDS = {
  /** Mean parity accuracy from soft concepts must reach at least this; chance is 0.5 (calibration: 0.65-0.68). */
  minSoftParity: 0.58,
  /** Mean parity accuracy from hard concepts must stay at or below this (calibration: 0.49-0.52). */
  maxHardParity: 0.56,
  /** Soft minus hard mean parity accuracy (calibration: 0.13-0.18). */
  minSoftHardGap: 0.06,
  /** Largest off-diagonal AUC excess of the soft probabilities over the oracle (calibration: 0.33-0.38). */
  minSoftExcess: 0.15,
  /**
   * ... and how much it must exceed the hard concepts' largest excess (calibration: 0.20-0.27).
   * Hard concepts are not perfectly pure either (their excess was 0.11-0.16: a concept predictor's
   * mistakes depend on other concepts), but far less so.
   */
  minSoftOverHardExcess: 0.1,
};

export function leakageClaim(result: LeakageResult): Claim {
  const T = LEAKAGE_THRESHOLDS;
  const s = result.snapshot;
  const soft = s.parity.meanSoft ?? NaN;
  const hard = s.parity.meanHard ?? NaN;
  const fmt = (v: number) => fixed(v);
  const checks: ClaimCheck[] = [
    {
      name: 'From soft concept probabilities, parity is predicted clearly better than chance',
      holds: soft >= T.minSoftParity,
      detail: `mean over ${s.parity.repeats.length} repetitions ${fmt(soft)} (${s.parity.repeats.map((r) => fmt(r.soft)).join(', ')}) [need ≥ ${T.minSoftParity}; chance 0.50]`,
    },
    {
      name: 'From hard 0/1 concepts it is not',
      holds: hard <= T.maxHardParity && soft - hard >= T.minSoftHardGap,
      detail: `mean ${fmt(hard)} (${s.parity.repeats.map((r) => fmt(r.hard)).join(', ')}) [need ≤ ${T.maxHardParity}], gap to soft ${fmt(soft - hard)} [need ≥ ${T.minSoftHardGap}]`,
    },
  ];
  const numbers: Record<string, number> = { softParity: soft, hardParity: hard, gap: round4(soft - hard) };
  const imp = s.impurity;
  if (imp.softSummary && imp.hardSummary) {
    const [i, j] = imp.softSummary.argmax;
    numbers.softMaxExcess = imp.softSummary.maxExcess;
    numbers.hardMaxExcess = imp.hardSummary.maxExcess;
    checks.push({
      name: 'Soft concept probabilities are impure: they predict other, independent concepts',
      holds: imp.softSummary.maxExcess >= T.minSoftExcess && imp.softSummary.maxExcess - imp.hardSummary.maxExcess >= T.minSoftOverHardExcess,
      detail:
        `largest off-diagonal AUC above the oracle: soft ${fmt(imp.softSummary.maxExcess)} (“${imp.conceptNames[i]}” → ${imp.conceptNames[j]}), ` +
        `hard ${fmt(imp.hardSummary.maxExcess)} [need soft ≥ ${T.minSoftExcess} and ≥ hard + ${T.minSoftOverHardExcess}]`,
    });
  }
  const holds = checks.every((c) => c.holds);
  let summary = `On digits that are neither 4 nor 5, the is-4 / is-5 probabilities predict parity at ${fmt(soft)} while the same concepts thresholded reach ${fmt(hard)} (chance 0.50)`;
  if (imp.softSummary) {
    const [i, j] = imp.softSummary.argmax;
    summary += `; on the shapes, the “${imp.conceptNames[i]}” probability predicts ${imp.conceptNames[j]} at AUC ${fmt((imp.soft?.[i][j] ?? NaN))} although the two are independent`;
  }
  summary += holds ? '.' : `; not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`;
  return { holds, summary, numbers, checks };
}

export default conceptLeakage;
