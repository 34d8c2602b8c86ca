/**
 * Conceptual counterfactual explanations (Abid, Yuksekgonul & Zou 2022) on a model that learned
 * a spurious concept.
 *
 * 1. A classifier (256 -> 32 ReLU embedding -> 2 logits) learns square against triangle from shape
 *    images (./data.ts) in which background stripes come with squares in `agreement` of the cases.
 *    It is tested on images where the cue is reversed: the planted shortcut makes it err.
 * 2. A concept bank: for each of 8 concepts (stripes, a plain background, frame, size, fill,
 *    brightness, position), a logistic-regression concept vector on the embedding, learned from a
 *    separate set of images where every concept is a fair coin (the shape class is left out of the
 *    bank: the question is which other concept would have fixed the mistake).
 * 3. CCE (./cce-math.ts, the released code's defaults) on each of the first MAX_EXPLAINED mistakes
 *    on the shifted test set. The spurious concept of a mistake is the background its true class
 *    had in training: stripes for a square, a plain background for a triangle.
 *
 * ---- Snapshot (CceSnapshot) ---------------------------------------------------------------------
 * - `losses`: training loss every 10 steps.
 * - `final` (null until the end): accuracies on the training distribution and the shifted test set,
 *   the bank (names, and each concept vector's AUC on held-out concept images), the explained
 *   mistakes (image, true class, prediction, whether the background was the misleading one, the
 *   weight of every bank concept, whether the edit flips the prediction) and the rates.
 */
import type * as TF from '@tensorflow/tfjs';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import { fixed } from '../../core/format';
import type { ParamValues } from '../../core/params';
import { SHAPE_CONCEPTS, SHAPE_CONCEPT_COUNT, SHAPE_PIXELS, SHAPE_SIZE } from '../../data/concept-shapes';
import { createMlp, createTrainer, denseForward, disposeMlp, mlpForward, mlpVariables, oneHotArray } from '../../ml/concept-mlp';
import { auc } from '../../metrics/impurity';
import { CCE_DEFAULTS, argmax, bankConcept, fitLinearSvm, conceptualCounterfactual, headLogits, type BankConcept, type LinearHead } from './cce-math';
import { CLASS_NAMES, STRIPED, makeSpuriousShapes } from './data';
import { cceManifest } from './manifest';

/** The bank: each concept is a (concept index, value) test on the ground truth. */
export const BANK: readonly { name: string; concept: (typeof SHAPE_CONCEPTS)[number]; value: 0 | 1 }[] = [
  { name: 'stripes', concept: 'striped', value: 1 },
  { name: 'plain background', concept: 'striped', value: 0 },
  { name: 'frame', concept: 'framed', value: 1 },
  { name: 'large', concept: 'large', value: 1 },
  { name: 'filled', concept: 'filled', value: 1 },
  { name: 'bright', concept: 'bright', value: 1 },
  { name: 'right half', concept: 'right', value: 1 },
  { name: 'bottom half', concept: 'bottom', value: 1 },
];
const STRIPES = 0;
const PLAIN = 1;

const HIDDEN = 32;
const BATCH = 64;
const LEARNING_RATE = 3e-3;
const IID_TEST_SIZE = 500;
const SHIFTED_TEST_SIZE = 1000;
const CONCEPT_SET_SIZE = 1000;
/** Concept vectors are fitted on examples from the first part of the concept set and scored on the rest. */
const CONCEPT_FIT_SIZE = 600;
/** Positives and negatives per concept vector (the released learn_concepts.py default, 50 pairs). */
const CONCEPT_PAIRS = 50;
const MAX_EXPLAINED = 100;
const CHUNK = 10;
/** The SVM penalty: the released learn_concepts.py fits one bank per C in {1e-5, ..., 1}; we use 0.001. */
const SVM_C = 0.001;

const params = cceManifest.params;
export type CceParams = ParamValues<typeof params>;

export interface CceMistake {
  /** Pixels in [0, 1], 2 decimals. */
  image: number[];
  label: number;
  prediction: number;
  /** The background is the one the other class had in training (the shortcut misleads). */
  misleadingBackground: boolean;
  weights: number[];
  ranking: number[];
  flipped: boolean;
}

export interface CceFinal {
  iidAccuracy: number;
  shiftedAccuracy: number;
  bank: string[];
  /** Held-out AUC of each concept vector's margin (0.5 = chance). */
  bankAuc: number[];
  mistakes: CceMistake[];
  /** Mistakes on the shifted test set in all (only the first MAX_EXPLAINED are explained). */
  mistakeCount: number;
  /** Among explained mistakes with a misleading background: */
  spuriousMistakes: number;
  spuriousTop1: number;
  spuriousTop2: number;
  flipRate: number;
  /** How often each bank concept ranks first, over all explained mistakes. */
  topCounts: number[];
  chance: number;
}

export interface CceSnapshot {
  classNames: string[];
  side: number;
  losses: { steps: number[]; values: number[] };
  final: CceFinal | null;
}

export interface CceResult extends RunResult<CceSnapshot> {
  snapshot: CceSnapshot;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;

export const cce = defineExperiment<typeof params, CceSnapshot, CceResult>({
  ...cceManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const snapshot: CceSnapshot = { classNames: [...CLASS_NAMES], side: SHAPE_SIZE, losses: { steps: [], values: [] }, final: null };
    const totalSteps = p.steps + 20;
    let step = 0;
    const copy = (): CceSnapshot => ({ ...snapshot, losses: { steps: [...snapshot.losses.steps], values: [...snapshot.losses.values] } });
    const progress = (phase: string, loss?: number): Progress<CceSnapshot> => ({ step, totalSteps, phase, snapshot: copy(), loss });

    yield progress('drawing the images');
    const train = makeSpuriousShapes(rng.fork('train-data'), p.trainSize, p.agreement);
    const iid = makeSpuriousShapes(rng.fork('iid-test'), IID_TEST_SIZE, p.agreement);
    const shifted = makeSpuriousShapes(rng.fork('shifted-test'), SHIFTED_TEST_SIZE, 1 - p.agreement);
    const conceptSet = makeSpuriousShapes(rng.fork('concept-data'), CONCEPT_SET_SIZE, 0.5);

    const model = createMlp(tf, rng.fork('init'), [SHAPE_PIXELS, HIDDEN, 2]);
    const tensors: TF.Tensor[] = [];
    const keep = <T extends TF.Tensor>(t: T): T => (tensors.push(t), t);
    const trainer = createTrainer(tf, {
      data: { x: keep(tf.tensor2d(train.inputs, [train.n, SHAPE_PIXELS])), y: keep(tf.tensor2d(oneHotArray(train.labels, 2), [train.n, 2])) },
      variables: mlpVariables(model),
      loss: (b) => tf.losses.softmaxCrossEntropy(b.y, mlpForward(tf, model, b.x)) as TF.Scalar,
      learningRate: LEARNING_RATE,
      batchSize: BATCH,
      rng: rng.fork('batches'),
    });
    try {
      let done = 0;
      while (done < p.steps) {
        const size = Math.min(CHUNK, p.steps - done);
        let loss: TF.Scalar | null = null;
        for (let i = 0; i < size; i++) loss = trainer.step(i === size - 1) ?? loss;
        done += size;
        step += size;
        const l = (await loss!.data())[0];
        loss!.dispose();
        snapshot.losses.steps.push(done);
        snapshot.losses.values.push(r4(l));
        yield progress(`training the classifier (step ${done} of ${p.steps})`, l);
      }

      /** The 32-d embedding (ReLU layer) of a set of images. */
      const embed = async (inputs: Float32Array, n: number): Promise<Float32Array> => {
        const e = tf.tidy(() => denseForward(tf, model.layers[0], tf.tensor2d(inputs, [n, SHAPE_PIXELS]), 'relu'));
        try {
          return (await e.data()) as Float32Array;
        } finally {
          e.dispose();
        }
      };
      const head: LinearHead = {
        weights: Float64Array.from((await model.layers[1].w.data()) as Float32Array),
        bias: Float64Array.from((await model.layers[1].b.data()) as Float32Array),
        classes: 2,
      };
      const predictAll = (emb: Float32Array, n: number) =>
        Array.from({ length: n }, (_, i) => argmax(headLogits(head, emb.subarray(i * HIDDEN, (i + 1) * HIDDEN))));
      const accuracyOf = (pred: number[], labels: Uint8Array) => pred.filter((v, i) => v === labels[i]).length / labels.length;

      step += 5;
      yield progress('learning the concept bank');
      const conceptEmb = await embed(conceptSet.inputs, conceptSet.n);
      const K = SHAPE_CONCEPT_COUNT;
      const fitN = CONCEPT_FIT_SIZE;
      const heldN = conceptSet.n - fitN;
      const bankAuc: number[] = [];
      const bank: BankConcept[] = BANK.map((entry) => {
        const j = SHAPE_CONCEPTS.indexOf(entry.concept);
        const labels = Uint8Array.from({ length: conceptSet.n }, (_, i) => (conceptSet.concepts[i * K + j] === entry.value ? 1 : 0));
        // As the released code: the first CONCEPT_PAIRS positives and negatives fit the SVM.
        const pos: number[] = [];
        const neg: number[] = [];
        for (let i = 0; i < fitN; i++) (labels[i] ? pos : neg).push(i);
        const rows = [...pos.slice(0, CONCEPT_PAIRS), ...neg.slice(0, CONCEPT_PAIRS)];
        const x = new Float64Array(rows.length * HIDDEN);
        rows.forEach((r, i) => x.set(conceptEmb.subarray(r * HIDDEN, (r + 1) * HIDDEN), i * HIDDEN));
        const y = rows.map((r) => labels[r]);
        const svm = fitLinearSvm(x, y, rows.length, HIDDEN, SVM_C);
        // Held-out AUC of the margin: how well the direction separates the concept, whatever the intercept.
        const heldScores = Array.from({ length: heldN }, (_, i) => {
          let z = 0;
          for (let k = 0; k < HIDDEN; k++) z += svm.weights[k] * conceptEmb[(fitN + i) * HIDDEN + k];
          return z;
        });
        bankAuc.push(r4(auc(heldScores, labels.subarray(fitN))));
        return bankConcept(entry.name, svm.weights, svm.bias, x, rows.length, HIDDEN);
      });

      step += 5;
      yield progress('explaining the mistakes');
      const iidEmb = await embed(iid.inputs, iid.n);
      const shiftedEmb = await embed(shifted.inputs, shifted.n);
      const iidAccuracy = accuracyOf(predictAll(iidEmb, iid.n), iid.labels);
      const shiftedPred = predictAll(shiftedEmb, shifted.n);
      const shiftedAccuracy = accuracyOf(shiftedPred, shifted.labels);
      const mistakeRows = shiftedPred.map((v, i) => (v !== shifted.labels[i] ? i : -1)).filter((i) => i >= 0);
      const options = { ...CCE_DEFAULTS, alpha: p.alpha };
      const mistakes: CceMistake[] = [];
      for (const i of mistakeRows.slice(0, MAX_EXPLAINED)) {
        const e = shiftedEmb.subarray(i * HIDDEN, (i + 1) * HIDDEN);
        const label = shifted.labels[i];
        const cf = conceptualCounterfactual(e, label, bank, head, options);
        mistakes.push({
          image: Array.from(shifted.inputs.subarray(i * SHAPE_PIXELS, (i + 1) * SHAPE_PIXELS), (v) => Math.round(v * 100) / 100),
          label,
          prediction: cf.prediction,
          misleadingBackground: shifted.concepts[i * K + STRIPED] !== label,
          weights: Array.from(cf.weights, r4),
          ranking: cf.ranking,
          flipped: cf.flipped,
        });
      }
      snapshot.final = summarise(mistakes, mistakeRows.length, iidAccuracy, shiftedAccuracy, bankAuc);
      step = totalSteps;
      const f = snapshot.final;
      const metrics = {
        iidAccuracy: f.iidAccuracy,
        shiftedAccuracy: f.shiftedAccuracy,
        mistakes: f.mistakeCount,
        spuriousMistakes: f.spuriousMistakes,
        spuriousTop1: f.spuriousTop1,
        spuriousTop2: f.spuriousTop2,
        flipRate: f.flipRate,
        chance: f.chance,
      };
      yield { ...progress('done'), metrics };
      return { metrics, snapshot: copy() };
    } finally {
      trainer.dispose();
      disposeMlp(model);
      tf.dispose(tensors);
    }
  },

  claim(result) {
    return cceClaim(result);
  },
});

export default cce;

/** The concept whose addition undoes the shortcut for a true class: stripes for squares, a plain background for triangles. */
export function spuriousConceptFor(label: number): number {
  return label === 1 ? STRIPES : PLAIN;
}

function summarise(mistakes: CceMistake[], mistakeCount: number, iidAccuracy: number, shiftedAccuracy: number, bankAuc: number[]): CceFinal {
  const spurious = mistakes.filter((m) => m.misleadingBackground);
  const rank = (m: CceMistake) => m.ranking.indexOf(spuriousConceptFor(m.label));
  const topCounts = BANK.map(() => 0);
  for (const m of mistakes) topCounts[m.ranking[0]]++;
  const rate = (xs: CceMistake[], test: (m: CceMistake) => boolean) => (xs.length ? r4(xs.filter(test).length / xs.length) : NaN);
  return {
    iidAccuracy: r4(iidAccuracy),
    shiftedAccuracy: r4(shiftedAccuracy),
    bank: BANK.map((b) => b.name),
    bankAuc,
    mistakes,
    mistakeCount,
    spuriousMistakes: spurious.length,
    spuriousTop1: rate(spurious, (m) => rank(m) === 0),
    spuriousTop2: rate(spurious, (m) => rank(m) <= 1),
    flipRate: rate(mistakes, (m) => m.flipped),
    topCounts,
    chance: r4(1 / BANK.length),
  };
}

/**
 * Pass criteria, fixed on calibration seeds 100-104 at the default parameters before the test
 * seeds (1-3) were run (calibration: in-distribution accuracy 0.92-0.96, shifted 0.36-0.44, the
 * background of the true class ranked first in 0.95-1.00 of the explained mistakes, every edit flipped the
 * prediction). The rates keep the margins of the research prototype (top-1 >= 0.7, flips >= 0.8).
 */
export const CCE_THRESHOLDS = {
  minIidAccuracy: 0.85,
  minAccuracyDrop: 0.3,
  minSpuriousTop1: 0.7,
  minFlipRate: 0.8,
  minSpuriousMistakes: 20,
};

export function cceClaim(result: CceResult): Claim {
  const T = CCE_THRESHOLDS;
  const f = result.snapshot.final;
  if (!f) return { holds: false, summary: 'The run did not finish.', numbers: {} };
  const drop = f.iidAccuracy - f.shiftedAccuracy;
  const checks: ClaimCheck[] = [
    {
      name: 'the classifier learned the shortcut',
      holds: f.iidAccuracy >= T.minIidAccuracy && drop >= T.minAccuracyDrop && f.spuriousMistakes >= T.minSpuriousMistakes,
      detail: `accuracy ${fixed(f.iidAccuracy)} where stripes come with squares, ${fixed(f.shiftedAccuracy)} where they come with triangles (drop ${fixed(drop)}, needs ≥ ${T.minAccuracyDrop}); ${f.spuriousMistakes} explained mistakes have the misleading background (needs ≥ ${T.minSpuriousMistakes})`,
    },
    {
      name: 'the spurious concept tops the explanation',
      holds: f.spuriousTop1 >= T.minSpuriousTop1,
      detail: `the background of the true class ranks first in ${fixed(f.spuriousTop1)} of those mistakes (top two: ${fixed(f.spuriousTop2)}); chance is ${fixed(f.chance, 3)}; needs ≥ ${T.minSpuriousTop1}`,
    },
    {
      name: 'the counterfactuals fix the mistakes',
      holds: f.flipRate >= T.minFlipRate,
      detail: `the concept edit makes the model right in ${fixed(f.flipRate)} of the explained mistakes (needs ≥ ${T.minFlipRate})`,
    },
  ];
  const holds = checks.every((c) => c.holds);
  const summary = holds
    ? `The model fell for the stripes (accuracy ${fixed(f.iidAccuracy)} → ${fixed(f.shiftedAccuracy)}), and CCE names the true class's background first in ${fixed(f.spuriousTop1)} of the mistakes it caused, against ${fixed(f.chance, 3)} by chance.`
    : `Not reproduced on this run: ${checks.filter((c) => !c.holds).map((c) => c.name).join('; ')}.`;
  return {
    holds,
    summary,
    numbers: { iidAccuracy: f.iidAccuracy, shiftedAccuracy: f.shiftedAccuracy, spuriousTop1: f.spuriousTop1, spuriousTop2: f.spuriousTop2, flipRate: f.flipRate, chance: f.chance },
    checks,
  };
}
