/**
 * A trojan with a known answer, and the saliency methods that should find it (the ground truth
 * problem; Casper's engineer's interpretability sequence, EIS IV; Adebayo et al. 2018).
 *
 * Data: 8x8 seven-segment digits (lib/data/concept-digits.ts). A share `poisonRate` of the
 * training images get the trigger (the painted mask, pixels set to `triggerValue`) and the label
 * TARGET_CLASS. So on a triggered image the model's "0" is caused by the trigger: the ground truth.
 * Model: a 64 -> 64 -> 10 ReLU MLP (lib/ml/relu-mlp.ts), Adam, batch 64, plain TypeScript.
 *
 * Evaluation, on `evalImages` triggered test digits 1-9, for the logit of TARGET_CLASS:
 *   - each method's map (lib/ml/attributions.ts) scored by trigger mass (lib/metrics/attribution.ts),
 *     against the edge-detector baseline, which never looks at the model;
 *   - the sanity check: Spearman correlation between |map| of the trained model and of a freshly
 *     initialised one (Adebayo's full model randomisation), averaged over the images.
 *
 * ---- Snapshot (TrojanSnapshot), what the UI draws ---------------------------------------------
 * - `trigger` (0/1, 64 values), `side`, `areaShare`: the mask the run used.
 * - `losses`: mean training loss per chunk, with `lossSteps` (grows during training).
 * - `cleanAccuracy`, `attackSuccess`: null until training is done.
 * - `methods`: null until the maps are done; then one row per method (the edge baseline last):
 *   trigger mass, rank correlation trained vs random, and the mean |map| over the evaluated
 *   images for the trained and the random model (each scaled to sum 1), for drawing.
 * - `example`: one triggered test image (values may exceed 1 on the trigger) and its digit.
 */
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import { DIGIT_PIXELS, DIGIT_SIDE, makeDigits } from '../../data/concept-digits';
import { createReluMlp, mlpInputGradient, mlpLogits, mlpPredict, ReluMlpTrainer, type ReluMlp } from '../../ml/relu-mlp';
import { edgeMap, gradientMap, gradientTimesInput, integratedGradients, occlusion, smoothGrad, type DifferentiableClassifier } from '../../ml/attributions';
import { Minibatcher } from '../../ml/concept-mlp';
import { absolute, areaShare, rankCorrelation, triggerMass } from '../../metrics/attribution';
import { decodeTrigger, TRIGGER_SIDE, trojanSaliencyManifest } from './manifest';

export const TARGET_CLASS = 0;
/**
 * Fixed settings of the run (not reader parameters). One object, so the calibration script can
 * try alternatives; the values here are the ones calibrated (see TROJAN_THRESHOLDS).
 */
export const TROJAN_SETTINGS = {
  trainSize: 2000,
  testSize: 1000,
  hidden: 64,
  batch: 64,
  learningRate: 1e-2,
  pixelNoise: 0.2,
  /** Steps per generator next(): about 10 ms of work in Node. */
  stepsPerChunk: 25,
  /** Triggered test digits 1-9 that the maps are computed on. */
  evalImages: 48,
  imagesPerChunk: 4,
  igSteps: 16,
  occlusionWindow: 2,
  smoothGradSamples: 16,
  smoothGradSigma: 0.15,
};

const params = trojanSaliencyManifest.params;
export type TrojanParams = ParamValues<typeof params>;

export type MethodId = 'gradient' | 'gradientTimesInput' | 'integratedGradients' | 'occlusion' | 'smoothGrad' | 'edge';

export const METHOD_LABELS: Record<MethodId, string> = {
  gradient: 'Gradient',
  gradientTimesInput: 'Gradient × input',
  integratedGradients: 'Integrated gradients',
  occlusion: 'Occlusion (2×2)',
  smoothGrad: 'SmoothGrad',
  edge: 'Edge detector (baseline)',
};
const METHOD_IDS = Object.keys(METHOD_LABELS) as MethodId[];
/** The methods' names inside a sentence. */
const METHOD_IN_TEXT: Record<MethodId, string> = {
  gradient: 'the plain gradient',
  gradientTimesInput: 'gradient × input',
  integratedGradients: 'integrated gradients',
  occlusion: 'occlusion',
  smoothGrad: 'SmoothGrad',
  edge: 'the edge detector',
};

/** "a", "a and b", "a, b and c". */
function listing(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export interface MethodRow {
  id: MethodId;
  label: string;
  /** Mean over the evaluated images of the share of |map| on the trigger. */
  triggerMass: number;
  /** Mean over the images of Spearman(|map of trained model|, |map of random model|). */
  rankCorrelation: number;
  /** Trigger mass minus the edge baseline's (0 for the baseline itself). */
  marginOverEdge: number;
  /** marginOverEdge >= TROJAN_THRESHOLDS.beatsBaselineBy (false for the baseline itself). */
  beatsBaseline: boolean;
  /** Mean |map| of the trained model over the images, scaled to sum 1 (64 values). */
  meanMap: number[];
  /** The same for the randomly initialised model. */
  meanMapRandom: number[];
  /** |map| of the trained model on the example image (`TrojanSnapshot.example`), scaled to sum 1. */
  exampleMap: number[];
  /** The same for the randomly initialised model. */
  exampleMapRandom: number[];
}

export interface TrojanSnapshot {
  side: number;
  trigger: number[];
  areaShare: number;
  losses: number[];
  lossSteps: number[];
  cleanAccuracy: number | null;
  attackSuccess: number | null;
  methods: MethodRow[] | null;
  /** How many triggered digits the maps were averaged over (0 until the maps are done). */
  evalCount: number;
  example: { image: number[]; digit: number } | null;
}

export interface TrojanResult extends RunResult<TrojanSnapshot> {
  snapshot: TrojanSnapshot;
}

/** Stamp the trigger onto image `i` of `inputs` (in place). */
function stamp(inputs: Float32Array, i: number, mask: readonly number[], value: number): void {
  for (let p = 0; p < DIGIT_PIXELS; p++) if (mask[p]) inputs[i * DIGIT_PIXELS + p] = value;
}

function asClassifier(net: ReluMlp): DifferentiableClassifier {
  return {
    inputSize: net.nIn,
    logit: (x, t) => mlpLogits(net, x)[t],
    gradient: (x, t) => mlpInputGradient(net, x, t),
  };
}

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;

export const trojanSaliency = defineExperiment<typeof params, TrojanSnapshot, TrojanResult>({
  ...trojanSaliencyManifest,

  async *run(p, ctx) {
    const S = TROJAN_SETTINGS;
    const rng = ctx.rng;
    const mask = decodeTrigger(p.trigger);
    if (TRIGGER_SIDE !== DIGIT_SIDE) throw new Error('trigger grid and digit images differ in size');
    const snapshot: TrojanSnapshot = {
      side: DIGIT_SIDE,
      trigger: mask,
      areaShare: areaShare(mask),
      losses: [],
      lossSteps: [],
      cleanAccuracy: null,
      attackSuccess: null,
      methods: null,
      evalCount: 0,
      example: null,
    };
    const evalChunks = Math.ceil(S.evalImages / S.imagesPerChunk);
    const totalSteps = p.steps + evalChunks;
    let step = 0;
    const copy = (): TrojanSnapshot => ({ ...snapshot, losses: [...snapshot.losses], lossSteps: [...snapshot.lossSteps] });
    const progress = (phase: string, loss?: number, metrics?: Record<string, number>): Progress<TrojanSnapshot> => ({ step, totalSteps, phase, loss, metrics, snapshot: copy() });

    // ---- Data: clean digits, then poison a share of the training set --------------------------------
    const train = makeDigits(rng.fork('train-data'), { n: S.trainSize, pixelNoise: S.pixelNoise });
    const labels = Uint8Array.from(train.digits);
    const poisonRng = rng.fork('poison');
    const poisonCount = mask.some(Boolean) ? Math.round(p.poisonRate * S.trainSize) : 0;
    for (const i of poisonRng.permutation(S.trainSize).slice(0, poisonCount)) {
      stamp(train.inputs, i, mask, p.triggerValue);
      labels[i] = TARGET_CLASS;
    }
    const test = makeDigits(rng.fork('test-data'), { n: S.testSize, pixelNoise: S.pixelNoise });
    // Triggered copies of the test digits that are not already the target class.
    const victims = Array.from(test.digits.keys()).filter((i) => test.digits[i] !== TARGET_CLASS);
    const triggered = new Float32Array(victims.length * DIGIT_PIXELS);
    victims.forEach((i, j) => {
      triggered.set(test.inputs.subarray(i * DIGIT_PIXELS, (i + 1) * DIGIT_PIXELS), j * DIGIT_PIXELS);
      stamp(triggered, j, mask, p.triggerValue);
    });
    yield progress('poisoned the training images');

    // ---- Training ---------------------------------------------------------------------------------
    const net = createReluMlp(rng.fork('init'), DIGIT_PIXELS, S.hidden, 10);
    const trainer = new ReluMlpTrainer(net, S.learningRate);
    const batcher = new Minibatcher(rng.fork('batches'), S.trainSize, S.batch);
    while (step < p.steps) {
      const n = Math.min(S.stepsPerChunk, p.steps - step);
      let loss = 0;
      for (let s = 0; s < n; s++) loss += trainer.step(train.inputs, labels, batcher.next());
      step += n;
      snapshot.losses.push(round4(loss / n));
      snapshot.lossSteps.push(step);
      yield progress('training on the poisoned digits', loss / n);
    }

    const cleanPred = mlpPredict(net, test.inputs, S.testSize);
    const cleanAccuracy = cleanPred.reduce((acc, y, i) => acc + (y === test.digits[i] ? 1 : 0), 0) / S.testSize;
    const trigPred = mlpPredict(net, triggered, victims.length);
    const attackSuccess = victims.length ? trigPred.reduce((acc, y) => acc + (y === TARGET_CLASS ? 1 : 0), 0) / victims.length : NaN;
    snapshot.cleanAccuracy = round4(cleanAccuracy);
    snapshot.attackSuccess = round4(attackSuccess);
    yield progress('computing saliency maps', undefined, { cleanAccuracy, attackSuccess });

    // ---- Maps: trained model vs a freshly initialised one -----------------------------------------
    const trained = asClassifier(net);
    const random = asClassifier(createReluMlp(rng.fork('random-init'), DIGIT_PIXELS, S.hidden, 10));
    const noiseRng = rng.fork('smoothgrad-noise');
    const mapsOf = (model: DifferentiableClassifier, x: Float32Array): Record<MethodId, Float64Array> => ({
      gradient: gradientMap(model, x, TARGET_CLASS),
      gradientTimesInput: gradientTimesInput(model, x, TARGET_CLASS),
      integratedGradients: integratedGradients(model, x, TARGET_CLASS, S.igSteps),
      occlusion: occlusion(model, x, TARGET_CLASS, DIGIT_SIDE, S.occlusionWindow),
      smoothGrad: smoothGrad(model, x, TARGET_CLASS, noiseRng, S.smoothGradSamples, S.smoothGradSigma),
      edge: edgeMap(x, DIGIT_SIDE),
    });
    const evalCount = Math.min(S.evalImages, victims.length);
    const sums = Object.fromEntries(METHOD_IDS.map((id) => [id, { mass: 0, rho: 0, rhoCount: 0, map: new Float64Array(DIGIT_PIXELS), mapRandom: new Float64Array(DIGIT_PIXELS) }]));
    const addNormalised = (into: Float64Array, map: Float64Array) => {
      const total = map.reduce((a, v) => a + Math.abs(v), 0);
      if (total > 0) for (let q = 0; q < map.length; q++) into[q] += Math.abs(map[q]) / total;
      return into;
    };
    const exampleMaps = {} as Record<MethodId, Float64Array>;
    const exampleMapsRandom = {} as Record<MethodId, Float64Array>;
    for (let j = 0; j < evalCount; j++) {
      const x = triggered.subarray(j * DIGIT_PIXELS, (j + 1) * DIGIT_PIXELS);
      const a = mapsOf(trained, x);
      const b = mapsOf(random, x);
      for (const id of METHOD_IDS) {
        const s = sums[id];
        const tm = triggerMass(a[id], mask);
        s.mass += Number.isFinite(tm) ? tm : 0;
        const rho = rankCorrelation(absolute(a[id]), absolute(b[id]));
        if (Number.isFinite(rho)) {
          s.rho += rho;
          s.rhoCount++;
        }
        addNormalised(s.map, a[id]);
        addNormalised(s.mapRandom, b[id]);
      }
      if (j === 0) {
        snapshot.example = { image: Array.from(x, (v) => round4(v)), digit: test.digits[victims[0]] };
        for (const id of METHOD_IDS) {
          exampleMaps[id] = addNormalised(new Float64Array(DIGIT_PIXELS), a[id]);
          exampleMapsRandom[id] = addNormalised(new Float64Array(DIGIT_PIXELS), b[id]);
        }
      }
      if ((j + 1) % S.imagesPerChunk === 0 || j === evalCount - 1) {
        step += 1;
        yield progress(`saliency maps for image ${j + 1} of ${evalCount}`);
      }
    }
    const scaleMap = (m: Float64Array) => {
      const total = m.reduce((acc, v) => acc + v, 0);
      return Array.from(m, (v) => round4(total > 0 ? v / total : 0));
    };
    const meanMass = (id: MethodId) => round4(sums[id].mass / Math.max(1, evalCount));
    snapshot.methods = METHOD_IDS.map((id) => {
      const margin = round4(meanMass(id) - meanMass('edge'));
      return {
        id,
        label: METHOD_LABELS[id],
        triggerMass: meanMass(id),
        rankCorrelation: round4(sums[id].rhoCount ? sums[id].rho / sums[id].rhoCount : NaN),
        marginOverEdge: margin,
        beatsBaseline: id !== 'edge' && margin >= TROJAN_THRESHOLDS.beatsBaselineBy,
        meanMap: scaleMap(sums[id].map),
        meanMapRandom: scaleMap(sums[id].mapRandom),
        exampleMap: scaleMap(exampleMaps[id] ?? new Float64Array(DIGIT_PIXELS)),
        exampleMapRandom: scaleMap(exampleMapsRandom[id] ?? new Float64Array(DIGIT_PIXELS)),
      };
    });
    snapshot.evalCount = evalCount;
    step = totalSteps;

    const metrics: Record<string, number> = { cleanAccuracy: snapshot.cleanAccuracy, attackSuccess: snapshot.attackSuccess, areaShare: round4(snapshot.areaShare) };
    for (const row of snapshot.methods) {
      metrics[`triggerMass.${row.id}`] = row.triggerMass;
      metrics[`rankCorrelation.${row.id}`] = row.rankCorrelation;
    }
    return { metrics, snapshot: copy() };
  },

  claim(result) {
    return trojanSaliencyClaim(result);
  },
});

/**
 * Pass criteria, at the default parameters (2x2 bottom-right trigger, 10% poisoned, brightness 1.5,
 * 400 steps). Thresholds fixed on calibration seeds 100-109 (never the test seeds 1-3); the ranges
 * seen there are in the comments. Area share of the default trigger: 0.0625.
 */
export const TROJAN_THRESHOLDS = {
  /** Triggered digits 1-9 classified as 0 (calibration: 0.98-1.00; clean accuracy 0.72-0.78). */
  minAttackSuccess: 0.9,
  /**
   * Occlusion's trigger mass minus the edge map's (calibration: occlusion 0.40-0.45, edge 0.19-0.20,
   * margin 0.21-0.26). Windows slide by one pixel, so the trigger's credit is shared with its
   * neighbours; with windows aligned to a 2x2 trigger the score would be higher.
   */
  minOcclusionMargin: 0.1,
  /** Gradient x input's trigger mass minus the edge map's (calibration: 0.48-0.53 vs 0.19-0.20, margin 0.28-0.34). */
  minGradientTimesInputMargin: 0.15,
  /** Spearman rho, trained vs random model, of |gradient| (calibration: -0.06 to 0.05) ... */
  maxGradientRankCorrelation: 0.3,
  /** ... and gradient x input must sit this far above it (calibration: 0.88-0.90, a gap >= 0.83) ... */
  minInputDependenceGap: 0.2,
  /** ... while the edge map, which never sees the model, is identical (1.00 on every seed). */
  minEdgeRankCorrelation: 0.999,
  /**
   * The summary lists a method as beating the baseline when its trigger mass exceeds the edge
   * map's by this much (not a pass criterion: the vanilla gradient and SmoothGrad scored 0.14-0.19,
   * at or below the edge map, on every calibration seed; that is shown, not asserted).
   */
  beatsBaselineBy: 0.05,
};

export function trojanSaliencyClaim(result: TrojanResult): Claim {
  const T = TROJAN_THRESHOLDS;
  const s = result.snapshot;
  const fmt = (v: number) => v.toFixed(2);
  const pct = (v: number) => `${Math.round(100 * v)}%`;
  const row = (id: MethodId) => s.methods?.find((m) => m.id === id);
  const tm = (id: MethodId) => row(id)?.triggerMass ?? NaN;
  const rho = (id: MethodId) => row(id)?.rankCorrelation ?? NaN;
  const attack = s.attackSuccess ?? NaN;
  const edge = tm('edge');
  const numbers: Record<string, number> = { attackSuccess: attack, cleanAccuracy: s.cleanAccuracy ?? NaN, areaShare: s.areaShare };
  for (const id of METHOD_IDS) {
    numbers[`triggerMass.${id}`] = tm(id);
    numbers[`rankCorrelation.${id}`] = rho(id);
  }
  const checks: ClaimCheck[] = [];
  if (!s.trigger.some(Boolean)) {
    return { holds: false, summary: 'No trigger was painted, so there is no planted answer to check the maps against: paint at least one pixel.', numbers, checks };
  }

  checks.push({
    name: 'The trojan is planted: triggered digits are classified as 0',
    holds: attack >= T.minAttackSuccess,
    detail: `attack success ${pct(attack)} of triggered digits 1–9 [need ≥ ${pct(T.minAttackSuccess)}]; clean accuracy ${pct(s.cleanAccuracy ?? NaN)}`,
  });
  checks.push({
    name: 'Occlusion finds the trigger: it beats the edge baseline',
    holds: tm('occlusion') - edge >= T.minOcclusionMargin,
    detail: `trigger mass: occlusion ${fmt(tm('occlusion'))} vs edge detector ${fmt(edge)} [need ≥ +${T.minOcclusionMargin}]; a uniform map would score ${fmt(s.areaShare)}`,
  });
  checks.push({
    name: 'Gradient × input beats the edge baseline',
    holds: tm('gradientTimesInput') - edge >= T.minGradientTimesInputMargin,
    detail: `trigger mass: gradient × input ${fmt(tm('gradientTimesInput'))} vs edge detector ${fmt(edge)} [need ≥ +${T.minGradientTimesInputMargin}]`,
  });
  checks.push({
    name: 'Sanity check: which maps depend on the model',
    holds: rho('gradient') < T.maxGradientRankCorrelation && rho('gradientTimesInput') - rho('gradient') >= T.minInputDependenceGap && rho('edge') >= T.minEdgeRankCorrelation,
    detail:
      `Spearman ρ between maps of the trained and a random model: gradient ${fmt(rho('gradient'))} [need < ${T.maxGradientRankCorrelation}], ` +
      `gradient × input ${fmt(rho('gradientTimesInput'))} [need ≥ gradient + ${T.minInputDependenceGap}: partly a picture of the input], ` +
      `edge detector ${fmt(rho('edge'))} [need ≥ ${T.minEdgeRankCorrelation}: it ignores the model]`,
  });

  const holds = checks.every((c) => c.holds);
  const beat = METHOD_IDS.filter((id) => id !== 'edge' && tm(id) - edge >= T.beatsBaselineBy);
  const notBeat = METHOD_IDS.filter((id) => id !== 'edge' && !beat.includes(id));
  const pixels = s.trigger.filter(Boolean).length;
  const names = (ids: MethodId[]) => listing(ids.map((id) => `${METHOD_IN_TEXT[id]} (${fmt(tm(id))})`));
  const summary =
    `Plausible is not correct: the ${pixels}-pixel trigger decides ${pct(attack)} of triggered digits, yet the edge map, which outlines the digit, ` +
    `puts ${fmt(edge)} of its mass on the trigger (a uniform map: ${fmt(s.areaShare)}) and is identical for a random model (ρ = ${fmt(rho('edge'))}). ` +
    `Scored against that baseline on this known answer, ` +
    (beat.length ? `${names(beat)} beat${beat.length === 1 ? 's' : ''} it` : 'no method beats it') +
    (notBeat.length ? `; ${names(notBeat)} ${notBeat.length === 1 ? 'does' : 'do'} not` : '') +
    (holds ? '.' : `. Not reproduced: ${checks.filter((c) => !c.holds).map((c) => c.name.toLowerCase()).join('; ')}.`);
  return { holds, summary, numbers, checks };
}

export default trojanSaliency;
