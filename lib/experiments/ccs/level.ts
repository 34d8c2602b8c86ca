/**
 * One setting of the distractor's salience: the data split and normalised, and every method
 * scored on the held-out pairs. Used by ./experiment.ts, which trains the probes step by step
 * (so the run stays responsive) and hands them here to be scored.
 */
import { cosine, dot, probeAccuracy, rowDot, type LinearProbe } from '../../ml/probes';
import { normalisePairs, orientationFreeAccuracy, signedAccuracy, type ContrastPairs } from './ccs-math';
import { composeHiddenStates, selectRows, type ContrastSource, type Saliences } from './hidden-states';

/** The paper's code centres each side and, by default, does not rescale (var_normalize=False). */
export const NORMALISATION = { scale: false } as const;

export interface Split {
  train: number[];
  test: number[];
}

export interface LevelData {
  train: ContrastPairs;
  test: ContrastPairs;
  /** phi~(x^+) - phi~(x^-) per pair: what the supervised probe, PCA and random directions read. */
  trainDifferences: Float64Array;
  testDifferences: Float64Array;
  trainTruth: Uint8Array;
  testTruth: Uint8Array;
  testDistractor: Uint8Array;
  testSaid: Uint8Array;
}

const pick = (bits: Uint8Array, rows: readonly number[]) => Uint8Array.from(rows, (r) => bits[r]);

function differences(pairs: ContrastPairs): Float64Array {
  return pairs.positive.map((v, k) => v - pairs.negative[k]);
}

/**
 * Hidden states for these saliences, split, and normalised side by side within each split (as
 * the paper's code does: the test set is centred with its own means, which uses no labels).
 */
export function prepareLevel(source: ContrastSource, split: Split, saliences: Saliences): LevelData {
  const { dim: d } = source.spec;
  const states = composeHiddenStates(source, saliences);
  const side = (rows: number[]) =>
    normalisePairs(selectRows(states.positive, d, rows), selectRows(states.negative, d, rows), rows.length, d, NORMALISATION);
  const train = side(split.train);
  const test = side(split.test);
  return {
    train,
    test,
    trainDifferences: differences(train),
    testDifferences: differences(test),
    trainTruth: pick(source.truth, split.train),
    testTruth: pick(source.truth, split.test),
    testDistractor: pick(source.distractor, split.test),
    testSaid: pick(source.said, split.test),
  };
}

/** The same pairs with one direction (a unit vector) removed from every hidden state. */
export function projectOut(pairs: ContrastPairs, unit: ArrayLike<number>): ContrastPairs {
  const { n, d } = pairs;
  const strip = (x: Float64Array) => {
    const out = x.slice();
    for (let i = 0; i < n; i++) {
      const p = rowDot(unit, out, i, d);
      for (let j = 0; j < d; j++) out[i * d + j] -= p * unit[j];
    }
    return out;
  };
  return { n, d, positive: strip(pairs.positive), negative: strip(pairs.negative) };
}

/** How well a direction lines up with the planted features, |cos| (the sign is not identified). */
export interface Alignment {
  truth: number;
  distractor: number;
  said: number;
}

export function alignment(direction: ArrayLike<number>, source: ContrastSource): Alignment {
  const { truth, distractor, said } = source.directions;
  return { truth: Math.abs(cosine(direction, truth)), distractor: Math.abs(cosine(direction, distractor)), said: Math.abs(cosine(direction, said)) };
}

/**
 * Accuracy of "answer Yes when w . (phi~+ - phi~-) > 0", up to sign: what an unsupervised
 * direction with no bias (PCA, a random direction) predicts.
 */
export function directionAccuracy(direction: Float64Array, differencesMatrix: Float64Array, labels: Uint8Array): number {
  return orientationFreeAccuracy(probeAccuracy({ weights: direction, bias: 0 }, differencesMatrix, labels, labels.length, direction.length));
}

/** A CCS probe's accuracies on the test pairs against each planted bit. */
export function ccsAccuracies(probe: LinearProbe, data: LevelData) {
  const signed = signedAccuracy(probe, data.test, data.testTruth);
  return {
    signed,
    truth: orientationFreeAccuracy(signed),
    distractor: orientationFreeAccuracy(signedAccuracy(probe, data.test, data.testDistractor)),
    said: orientationFreeAccuracy(signedAccuracy(probe, data.test, data.testSaid)),
  };
}

/**
 * The test pairs as points in the plane of the truth and distractor directions: coordinates of
 * each normalised difference along v_truth and v_distractor. A direction w appears in that plane
 * as (w . v_truth, w . v_distractor).
 */
export function planeCoordinates(data: LevelData, source: ContrastSource): { truth: number[]; distractor: number[] } {
  const d = source.spec.dim;
  const n = data.testTruth.length;
  const truth: number[] = [];
  const distractor: number[] = [];
  for (let i = 0; i < n; i++) {
    truth.push(rowDot(source.directions.truth, data.testDifferences, i, d));
    distractor.push(rowDot(source.directions.distractor, data.testDifferences, i, d));
  }
  return { truth, distractor };
}

export function inPlane(direction: ArrayLike<number>, source: ContrastSource): [number, number] {
  return [dot(direction, source.directions.truth), dot(direction, source.directions.distractor)];
}
