/**
 * Contrast-consistent search (Burns, Ye, Klein & Steinhardt, ICLR 2023) on synthetic hidden
 * states whose truth direction we planted, and the failure its critics describe (Farquhar et al.
 * 2023): a distractor feature that is just as consistent under negation, made more salient
 * step by step, until CCS tracks it instead of the truth.
 *
 * One data set per seed (./hidden-states.ts): 400 contrast pairs in 16 dimensions, split 60/40
 * into unlabelled training pairs and test pairs. Then, for each distractor salience c = r * a
 * (r in DISTRACTOR_RATIOS, a the truth salience), only c changes and:
 * - CCS is trained from `restarts` random starts (the same starts at every r), keeping the one
 *   with the lowest unsupervised loss, as in the paper;
 * - CCS is refitted from the kept probe negated, to show the loss has no preferred orientation;
 * - CCS is trained once more with the distractor direction removed from the data: the lowest
 *   loss a probe can reach while tracking the truth, to compare with the loss CCS settles for;
 * - baselines on the same pairs: a supervised logistic probe on the normalised differences (the
 *   ceiling, as in the paper's code), the model's own answers (zero-shot), the top principal
 *   component of the normalised differences, and random directions.
 * Plain TypeScript (usesTf: false); ctx.tf is not used.
 */
import { mean } from '../../metrics/stats';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import { randomUnitVector, topPrincipalComponent, trainLogisticProbe, probeAccuracy, type LinearProbe } from '../../ml/probes';
import { ccsLoss, negateProbe, randomProbe, trainCcs, type CcsFit, type CcsTrainOptions } from './ccs-math';
import { drawContrastSource } from './hidden-states';
import { alignment, ccsAccuracies, directionAccuracy, inPlane, planeCoordinates, prepareLevel, projectOut, type Alignment } from './level';
import { ccsManifest } from './manifest';

/** Distractor salience as a multiple of the truth salience, swept left to right. */
export const DISTRACTOR_RATIOS = [0, 0.5, 0.75, 1, 1.25, 1.5, 2, 3] as const;
/** The sweep points the claim reads: a weak distractor (half the truth) and a strong one (twice). */
export const WEAK_RATIO = 0.5;
export const STRONG_RATIO = 2;

const PAIRS = 400;
const DIM = 16;
const TRAIN_FRACTION = 0.6; // the paper's 60/40 split
const TOPICS = 4;
const TOPIC_SCALE = 3;
/** The "ends in Yes / No" feature: large, so that skipping the normalisation would matter. */
const ANSWER_SALIENCE = 2;
const RANDOM_DIRECTIONS = 20;
/**
 * The paper trains with AdamW at 0.01 (its code: 1e-3, 1000 epochs, weight decay 0.01). We take
 * fewer, larger steps so the whole sweep fits in about a second. On calibration seeds 100-103, with
 * a weak distractor the kept loss after 150 steps at 0.05 was within 0.1% of the loss after 1000
 * steps at 0.01. With a strong one the distractor probe's loss keeps falling as its weights grow
 * (about 0.009 after 150 steps, 0.006 after 1000 at 0.01), which only widens its lead over the
 * truth-tracking probe (about 0.12).
 */
const LEARNING_RATE = 0.05;
const WEIGHT_DECAY = 0.01;

const params = ccsManifest.params;
export type CcsParams = ParamValues<typeof params>;

export interface MethodScores {
  /** Accuracy on the truth of the test questions; max(acc, 1 - acc) for the label-free methods. */
  truth: number;
  /** The same predictions scored against the distractor bit. */
  distractor: number;
  /** |cos| of the method's direction with each planted direction (null: the method has none). */
  alignment: Alignment | null;
}

/** Everything the demo shows for one distractor salience. */
export interface CcsLevel {
  ratio: number;
  distractorSalience: number;
  ccs: MethodScores & { signedTruth: number; said: number };
  supervised: MethodScores;
  zeroShot: MethodScores;
  pca: MethodScores;
  /** Mean over RANDOM_DIRECTIONS random directions. */
  random: MethodScores;
  loss: {
    /** The unsupervised loss of the kept CCS probe (training pairs). */
    ccs: number;
    /** CCS refitted from the kept probe negated, and that probe's signed accuracy on truth. */
    flippedRefit: number;
    flippedSignedTruth: number;
    /** CCS trained with the distractor direction removed: the best it does while tracking truth. */
    truthOnly: number;
    truthOnlyAccuracy: number;
  };
  restarts: { loss: number; signedTruth: number }[];
  /** Test pairs in the (truth, distractor) plane, with their truth bit, for the scatter plot. */
  plane: { truth: number[]; distractor: number[]; label: number[] };
  /** Directions drawn in that plane. */
  arrows: { ccs: [number, number]; supervised: [number, number]; pca: [number, number] };
}

export interface CcsSnapshot {
  ratios: number[];
  levels: CcsLevel[];
  truthSalience: number;
  saidSalience: number;
  trainPairs: number;
  testPairs: number;
  dim: number;
}

export interface CcsResult extends RunResult<CcsSnapshot> {
  snapshot: CcsSnapshot;
}

const round = (v: number, digits = 4) => Number(v.toFixed(digits));
const key = (ratio: number) => `x${ratio}`;

export const ccs = defineExperiment<typeof params, CcsSnapshot, CcsResult>({
  ...ccsManifest,

  async *run(p, ctx) {
    const source = drawContrastSource(
      { pairs: PAIRS, dim: DIM, misconceptionRate: p.misconceptions, topicRank: TOPICS, topicScale: TOPIC_SCALE, noise: p.noise },
      ctx.rng.fork('data'),
    );
    const order = ctx.rng.fork('split').permutation(PAIRS);
    const nTrain = Math.round(TRAIN_FRACTION * PAIRS);
    const split = { train: order.slice(0, nTrain), test: order.slice(nTrain) };
    // The same random starts at every salience, so the levels differ in c alone.
    const startRng = ctx.rng.fork('starts');
    const starts: LinearProbe[] = Array.from({ length: p.restarts }, () => randomProbe(DIM, startRng));
    const randomRng = ctx.rng.fork('random-directions');
    const randomDirections = Array.from({ length: RANDOM_DIRECTIONS }, () => randomUnitVector(DIM, randomRng));
    const pcaRng = ctx.rng.fork('pca');
    const train: CcsTrainOptions = { epochs: p.epochs, learningRate: LEARNING_RATE, weightDecay: WEIGHT_DECAY };

    // Work units: the restarts, then supervised + flipped refit + truth-only, per level.
    const perLevel = p.restarts + 3;
    const totalSteps = DISTRACTOR_RATIOS.length * perLevel;
    const levels: CcsLevel[] = [];
    const snapshot = (): CcsSnapshot => ({
      ratios: [...DISTRACTOR_RATIOS],
      levels: [...levels],
      truthSalience: p.truth,
      saidSalience: p.said,
      trainPairs: split.train.length,
      testPairs: split.test.length,
      dim: DIM,
    });
    let step = 0;

    for (const ratio of DISTRACTOR_RATIOS) {
      const c = ratio * p.truth;
      const data = prepareLevel(source, split, { truth: p.truth, distractor: c, said: p.said, answer: ANSWER_SALIENCE });
      const phase = `distractor salience ${ratio} × truth`;

      const fits: CcsFit[] = [];
      for (const start of starts) {
        fits.push(trainCcs(data.train, start, train));
        step++;
        const best = Math.min(...fits.map((f) => f.loss));
        yield { step, totalSteps, phase: `${phase}: CCS restart ${fits.length} of ${starts.length}`, loss: best } satisfies Progress<CcsSnapshot>;
      }
      const kept = fits.reduce((a, b) => (b.loss < a.loss ? b : a));
      const supervised = trainLogisticProbe(data.trainDifferences, data.trainTruth, data.train.n, DIM, { epochs: p.epochs, learningRate: LEARNING_RATE, weightDecay: WEIGHT_DECAY });
      const flipped = trainCcs(data.train, negateProbe(kept.probe), train);
      const truthOnlyFit = trainCcs(projectOut(data.train, source.directions.distractor), starts[0], train);
      const pc = topPrincipalComponent(data.trainDifferences, data.train.n, DIM, pcaRng).direction;

      const keptAcc = ccsAccuracies(kept.probe, data);
      const nTest = data.test.n;
      const zeroShotTruth = data.testSaid.reduce((s, v, i) => s + (v === data.testTruth[i] ? 1 : 0), 0) / nTest;
      const zeroShotDistractor = data.testSaid.reduce((s, v, i) => s + (v === data.testDistractor[i] ? 1 : 0), 0) / nTest;
      const coords = planeCoordinates(data, source);
      levels.push({
        ratio,
        distractorSalience: c,
        ccs: { truth: keptAcc.truth, distractor: keptAcc.distractor, said: keptAcc.said, signedTruth: keptAcc.signed, alignment: alignment(kept.probe.weights, source) },
        supervised: {
          truth: probeAccuracy(supervised, data.testDifferences, data.testTruth, nTest, DIM),
          distractor: probeAccuracy(supervised, data.testDifferences, data.testDistractor, nTest, DIM),
          alignment: alignment(supervised.weights, source),
        },
        zeroShot: { truth: zeroShotTruth, distractor: Math.max(zeroShotDistractor, 1 - zeroShotDistractor), alignment: null },
        pca: {
          truth: directionAccuracy(pc, data.testDifferences, data.testTruth),
          distractor: directionAccuracy(pc, data.testDifferences, data.testDistractor),
          alignment: alignment(pc, source),
        },
        random: {
          truth: mean(randomDirections.map((r) => directionAccuracy(r, data.testDifferences, data.testTruth))),
          distractor: mean(randomDirections.map((r) => directionAccuracy(r, data.testDifferences, data.testDistractor))),
          alignment: {
            truth: mean(randomDirections.map((r) => alignment(r, source).truth)),
            distractor: mean(randomDirections.map((r) => alignment(r, source).distractor)),
            said: mean(randomDirections.map((r) => alignment(r, source).said)),
          },
        },
        loss: {
          ccs: kept.loss,
          flippedRefit: flipped.loss,
          flippedSignedTruth: ccsAccuracies(flipped.probe, data).signed,
          // The truth-only probe's loss on the full data (it ignores the removed direction anyway).
          truthOnly: ccsLoss(truthOnlyFit.probe, data.train).total,
          truthOnlyAccuracy: ccsAccuracies(truthOnlyFit.probe, data).truth,
        },
        restarts: fits.map((f) => ({ loss: f.loss, signedTruth: ccsAccuracies(f.probe, data).signed })),
        plane: { truth: coords.truth, distractor: coords.distractor, label: Array.from(data.testTruth) },
        arrows: { ccs: inPlane(kept.probe.weights, source), supervised: inPlane(supervised.weights, source), pca: inPlane(pc, source) },
      });
      step += 3;
      yield { step, totalSteps, phase: `${phase}: scored`, loss: kept.loss, metrics: levelMetrics(levels[levels.length - 1]), snapshot: snapshot() } satisfies Progress<CcsSnapshot>;
    }

    const metrics: Record<string, number> = {};
    for (const level of levels) Object.assign(metrics, levelMetrics(level));
    return { metrics, snapshot: snapshot() };
  },

  claim(result, p) {
    return ccsClaim(result.snapshot.levels, p);
  },
});

function levelMetrics(level: CcsLevel): Record<string, number> {
  const k = key(level.ratio);
  return {
    [`ccs_truth_acc_${k}`]: round(level.ccs.truth),
    [`ccs_distractor_acc_${k}`]: round(level.ccs.distractor),
    [`supervised_acc_${k}`]: round(level.supervised.truth),
    [`pca_truth_acc_${k}`]: round(level.pca.truth),
    [`zero_shot_acc_${k}`]: round(level.zeroShot.truth),
    [`random_acc_${k}`]: round(level.random.truth),
    [`ccs_cos_truth_${k}`]: round(level.ccs.alignment!.truth),
    [`ccs_loss_${k}`]: Number(level.loss.ccs.toPrecision(4)),
    [`truth_only_loss_${k}`]: Number(level.loss.truthOnly.toPrecision(4)),
  };
}

/*
 * Pass criteria, calibrated with this code on seeds 100-139 (40 runs, default parameters)
 * before the test seeds (1, 2, 3) were run. "Weak" is the distractor at 0.5 x the truth's
 * salience, "strong" at 2 x. Test sets have 160 pairs, so one question is 0.6 points.
 *
 * 1. Weak: CCS >= supervised - 0.05. Observed CCS - supervised from -0.025 to +0.05, median +0.006
 *    (the label-free probe matches the ceiling here: the truth is the most salient contrast).
 * 2. Weak: CCS >= 0.85. Observed 0.94-0.99, median 0.96. Random directions average 0.60-0.67:
 *    in 16 dimensions a random direction still picks up some of the planted truth feature.
 * 3. Truth more salient than what is said: CCS >= zero-shot + 0.05. Observed margin 0.09-0.24,
 *    median 0.16 (zero-shot is 1 - misconception rate, 0.74-0.86 on 160 questions). A margin of
 *    0.08 failed on no calibration seed but is only ~2 standard deviations of the zero-shot
 *    sampling noise below the median; 0.05 is ~3.
 * 4. Weak: |PCA - CCS| <= 0.05 (Emmons's point). Observed 0-0.025.
 * 5. Orientation: refitting CCS from the kept probe negated ends on the opposite side of 0.5
 *    (40/40) with a loss within 10% of the kept one. Observed relative gap 0.0002-0.056, median
 *    0.014; 5% failed twice. The two optima are mirror images only up to sampling noise.
 * 6. Strong: CCS truth <= 0.65 and distractor >= 0.9. Observed truth 0.51-0.58, distractor 0.99-1.
 * 7. Strong: kept loss <= the truth-tracking probe's loss. Observed ratio 0.03-0.15.
 */
const NEAR_SUPERVISED = 0.05;
const ABOVE_CHANCE = 0.85;
const BEATS_ZERO_SHOT_BY = 0.05;
const PCA_WITHIN = 0.05;
const FLIP_LOSS_TOLERANCE = 0.1;
const STRONG_TRUTH_MAX = 0.65;
const STRONG_DISTRACTOR_MIN = 0.9;

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

export function ccsClaim(levels: CcsLevel[], p: CcsParams): Claim {
  const weak = levels.find((l) => l.ratio === WEAK_RATIO);
  const strong = levels.find((l) => l.ratio === STRONG_RATIO);
  if (!weak || !strong) {
    return { holds: false, summary: 'The run stopped before the weak and strong distractor settings were scored.', numbers: {}, checks: [] };
  }
  const checks: ClaimCheck[] = [];
  checks.push({
    name: `weak distractor: CCS within ${NEAR_SUPERVISED} of the supervised probe`,
    holds: weak.ccs.truth >= weak.supervised.truth - NEAR_SUPERVISED,
    detail: `CCS ${pct(weak.ccs.truth)} vs supervised ${pct(weak.supervised.truth)} at distractor salience ${WEAK_RATIO} × truth`,
  });
  checks.push({
    name: `weak distractor: CCS at least ${pct(ABOVE_CHANCE)}, far above chance`,
    holds: weak.ccs.truth >= ABOVE_CHANCE,
    detail: `CCS ${pct(weak.ccs.truth)}; random directions average ${pct(weak.random.truth)}`,
  });
  if (p.truth > p.said) {
    checks.push({
      name: `truth more salient than what is said: CCS beats zero-shot by ${BEATS_ZERO_SHOT_BY} or more`,
      holds: weak.ccs.truth >= weak.zeroShot.truth + BEATS_ZERO_SHOT_BY,
      detail: `CCS ${pct(weak.ccs.truth)} vs the model’s own answers ${pct(weak.zeroShot.truth)}`,
    });
  }
  checks.push({
    name: `weak distractor: top principal component within ${PCA_WITHIN} of CCS`,
    holds: Math.abs(weak.pca.truth - weak.ccs.truth) <= PCA_WITHIN,
    detail: `PCA ${pct(weak.pca.truth)} vs CCS ${pct(weak.ccs.truth)}`,
  });
  const flipGap = Math.abs(weak.loss.flippedRefit - weak.loss.ccs) / weak.loss.ccs;
  const oppositeSides = (weak.ccs.signedTruth - 0.5) * (weak.loss.flippedSignedTruth - 0.5) < 0;
  checks.push({
    name: 'orientation not identified: the negated probe, refitted, reaches the same loss with the opposite answers',
    holds: flipGap <= FLIP_LOSS_TOLERANCE && oppositeSides,
    detail: `loss ${weak.loss.ccs.toFixed(4)} vs ${weak.loss.flippedRefit.toFixed(4)} after refitting the negated probe; raw accuracy ${pct(weak.ccs.signedTruth)} vs ${pct(weak.loss.flippedSignedTruth)}`,
  });
  checks.push({
    name: `strong distractor: CCS tracks the distractor (truth ≤ ${pct(STRONG_TRUTH_MAX)}, distractor ≥ ${pct(STRONG_DISTRACTOR_MIN)})`,
    holds: strong.ccs.truth <= STRONG_TRUTH_MAX && strong.ccs.distractor >= STRONG_DISTRACTOR_MIN,
    detail: `at ${STRONG_RATIO} × truth: CCS ${pct(strong.ccs.truth)} on truth, ${pct(strong.ccs.distractor)} on the distractor (supervised still ${pct(strong.supervised.truth)})`,
  });
  checks.push({
    name: 'strong distractor: the loss prefers the distractor solution',
    holds: strong.loss.ccs <= strong.loss.truthOnly,
    detail: `kept CCS loss ${strong.loss.ccs.toFixed(4)} vs ${strong.loss.truthOnly.toFixed(4)} for the best truth-tracking probe (distractor removed)`,
  });

  const numbers: Record<string, number> = {
    weak_ccs_acc: round(weak.ccs.truth),
    weak_supervised_acc: round(weak.supervised.truth),
    weak_zero_shot_acc: round(weak.zeroShot.truth),
    weak_pca_acc: round(weak.pca.truth),
    weak_random_acc: round(weak.random.truth),
    weak_ccs_cos_truth: round(weak.ccs.alignment!.truth),
    weak_flip_loss_gap: round(flipGap),
    strong_ccs_truth_acc: round(strong.ccs.truth),
    strong_ccs_distractor_acc: round(strong.ccs.distractor),
    strong_ccs_loss: Number(strong.loss.ccs.toPrecision(4)),
    strong_truth_only_loss: Number(strong.loss.truthOnly.toPrecision(4)),
  };
  const holds = checks.every((c) => c.holds);
  const failed = checks.filter((c) => !c.holds).map((c) => c.name);
  const summary =
    `With a weak distractor CCS, without labels, answered ${pct(weak.ccs.truth)} of held-out questions correctly (supervised probe ${pct(weak.supervised.truth)}, the model’s own answers ${pct(weak.zeroShot.truth)}, top principal component ${pct(weak.pca.truth)}); ` +
    `with the distractor twice as salient as the truth it scored ${pct(strong.ccs.truth)} on truth and ${pct(strong.ccs.distractor)} on the distractor, ` +
    (holds ? 'so the claim and its critique both hold on this run.' : `so the claim does not fully hold on this run (failed: ${failed.join('; ')}).`);
  return { holds, summary, numbers, checks };
}

export default ccs;
