/**
 * Concept whitening (Chen, Bei & Rudin 2020) on tabular data (./data.ts: three
 * planted concepts, two of which co-occur).
 *
 * Two copies of one network, 256 -> 32 (ReLU) -> 8 (the latent) -> [norm] -> 16 (ReLU) -> 4,
 * start from the same weights and train side by side on the 4-class label:
 *   - BN: the norm is batch normalisation (each latent unit standardised on its own);
 *   - CW: the norm is the CW module: IterNorm whitening (T = 10 Newton steps, lib/ml/whitening.ts)
 *     then a rotation R whose first four rows are the axes of four named concepts. R is not trained
 *     by the task loss: every `rotateEvery` task minibatches, a batch of each concept's examples
 *     (from a separate concept set, as the paper's concept datasets are) is whitened, and R takes
 *     two line-searched Cayley steps towards putting each concept's mean on its axis.
 * Neither norm has its own scale and shift: the 8 -> 16 layer after it would absorb them.
 * At test time both norms use statistics of the whole training set (what the running averages of
 * the released code estimate).
 *
 * ---- Snapshot (CwSnapshot) ----------------------------------------------------------------------
 * - `losses`: task loss of each network, read every 10 steps (x = step).
 * - `alignment`: per rotation update, cos(axis j, mean of concept j) in the whitened space of the
 *   current mixed batch, one series per aligned concept (how well R is pointed).
 * - `final` (null until the end): accuracies, the latent correlation matrices (8 x 8) of both norms
 *   on the test set, each concept's AUC on its CW axis and on BN's best axis (either sign, picked
 *   after the fact), the k x k matrix of AUCs of axis i for concept j, alignment cosines and the
 *   angle between the two co-occurring concepts' mean directions in the whitened space.
 */
import type * as TF from '@tensorflow/tfjs';
import { defineExperiment, type Claim, type ClaimCheck, type Progress, type RunResult, type Tf } from '../../core/contract';
import { fixed } from '../../core/format';
import type { ParamValues } from '../../core/params';
import { argmaxAccuracy, createMlp, createTrainer, disposeMlp, mlpForward, mlpVariables, oneHotArray, type Mlp } from '../../ml/concept-mlp';
import { identity, type SquareMatrix } from '../../ml/linalg';
import { cosine } from '../../ml/probes';
import { alignmentGradient, cayleyUpdate, iterNormMatrix, iterNormTf, meanAndCovariance, orthogonalityError, whitenRows } from '../../ml/whitening';
import { auc } from '../../metrics/impurity';
import { correlationMatrix, meanAbsOffDiagonal } from '../../metrics/disentanglement';
import { CLASSES, CONCEPT_NAMES, FEATURES, PAIR_INDICES, conceptColumn, makeConceptTable, mixingMatrix, type ConceptTable } from './data';
import { conceptWhiteningManifest } from './manifest';

/** The concepts given axes, in axis order: the co-occurring pair first, then the independent one. */
export const ALIGNED = CONCEPT_NAMES;
const LATENT = 8;
const HIDDEN = 32;
const HEAD_HIDDEN = 16;
const BATCH = 128;
const LEARNING_RATE = 1e-2;
const TEST_SIZE = 1000;
const CONCEPT_SET_SIZE = 1000;
/** Per rotation update: examples of each concept, whitened with the statistics of a mixed batch. */
const CONCEPT_BATCH = 64;
const MIXED_BATCH = 256;
const CHUNK = 10;
const BN_EPS = 1e-5;

const params = conceptWhiteningManifest.params;
export type CwParams = ParamValues<typeof params>;

export interface CwFinal {
  bnAccuracy: number;
  cwAccuracy: number;
  /** 8 x 8 correlation matrices of the normalised latent on the test set. */
  bnCorrelation: number[][];
  cwCorrelation: number[][];
  bnMeanAbsCorrelation: number;
  cwMeanAbsCorrelation: number;
  /** Per aligned concept: AUC of its own CW axis (sign fixed in advance: higher = concept). */
  cwAuc: number[];
  /** Per aligned concept: the best AUC of any single BN axis, either sign, chosen after the fact. */
  bnBestAuc: number[];
  /** crossAuc[i][j]: AUC of CW axis i for concept j. */
  crossAuc: number[][];
  /** cos(axis j, mean whitened activation of concept j) on the test set. */
  alignment: number[];
  /** Angle (degrees) between the two co-occurring concepts' mean directions in the whitened space. */
  pairAngle: number;
  /**
   * The best alignment any pair of orthogonal axes can reach for the pair: with their mean
   * directions theta apart, each axis must sit (90 - theta) / 2 degrees off, so the mean cosine is
   * at most cos((90 - theta) / 2).
   */
  pairAlignmentBound: number;
  /** Correlation of the two co-occurring concepts in the test labels. */
  pairLabelCorrelation: number;
  /** max |R R^T - I| of the final rotation. */
  orthogonalityError: number;
}

export interface CwSnapshot {
  concepts: string[];
  pair: string[];
  latentSize: number;
  losses: { bn: number[]; cw: number[]; steps: number[] };
  alignment: { updates: number[]; cos: number[][] };
  final: CwFinal | null;
}

export interface CwResult extends RunResult<CwSnapshot> {
  snapshot: CwSnapshot;
}

interface Net {
  encoder: Mlp;
  head: Mlp;
}

const r4 = (v: number) => Math.round(v * 1e4) / 1e4;
const toRows = (m: ArrayLike<number>, d: number) => Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => r4(m[i * d + j])));

/** Pick `count` random indices among rows whose `column` is 1. */
function samplePositives(rng: { int(n: number): number }, column: Uint8Array, count: number): number[] {
  const positives: number[] = [];
  column.forEach((v, i) => v && positives.push(i));
  return Array.from({ length: count }, () => positives[rng.int(positives.length)]);
}

export const conceptWhitening = defineExperiment<typeof params, CwSnapshot, CwResult>({
  ...conceptWhiteningManifest,

  async *run(p, ctx) {
    const tf = ctx.tf;
    const rng = ctx.rng;
    const alignedIdx = ALIGNED.map((_, j) => j);
    const k = ALIGNED.length;
    const d = LATENT;
    const snapshot: CwSnapshot = {
      concepts: [...ALIGNED],
      pair: PAIR_INDICES.map((j) => CONCEPT_NAMES[j]),
      latentSize: d,
      losses: { bn: [], cw: [], steps: [] },
      alignment: { updates: [], cos: ALIGNED.map(() => []) },
      final: null,
    };
    const totalSteps = 2 * p.steps + 10;
    let step = 0;
    const copy = (): CwSnapshot => ({
      ...snapshot,
      losses: { bn: [...snapshot.losses.bn], cw: [...snapshot.losses.cw], steps: [...snapshot.losses.steps] },
      alignment: { updates: [...snapshot.alignment.updates], cos: snapshot.alignment.cos.map((c) => [...c]) },
    });
    const progress = (phase: string, loss?: number): Progress<CwSnapshot> => ({ step, totalSteps, phase, snapshot: copy(), loss });

    yield progress('drawing the data');
    const mixing = mixingMatrix(rng.fork('mixing'));
    const train = makeConceptTable(rng.fork('train-data'), mixing, p.trainSize, p.pairCorrelation);
    const test = makeConceptTable(rng.fork('test-data'), mixing, TEST_SIZE, p.pairCorrelation);
    const conceptSet = makeConceptTable(rng.fork('concept-data'), mixing, CONCEPT_SET_SIZE, p.pairCorrelation);
    const conceptColumns = alignedIdx.map((j) => conceptColumn(conceptSet, j));

    const tensors: TF.Tensor[] = [];
    const keep = <T extends TF.Tensor>(t: T): T => (tensors.push(t), t);
    const nets: Net[] = [];
    // Both networks start from the same weights (the same fork), so the norm is the only difference.
    const makeNet = (): Net => {
      const init = rng.fork('init');
      const net = { encoder: createMlp(tf, init, [FEATURES, HIDDEN, d]), head: createMlp(tf, init, [d, HEAD_HIDDEN, CLASSES]) };
      nets.push(net);
      return net;
    };
    let rotation: SquareMatrix = identity(d);
    const trainers: { dispose(): void }[] = [];
    try {
      const xTrain = keep(tf.tensor2d(train.inputs, [train.n, FEATURES]));
      const yTrain = keep(tf.tensor2d(oneHotArray(train.labels, CLASSES), [train.n, CLASSES]));
      const xConcept = keep(tf.tensor2d(conceptSet.inputs, [conceptSet.n, FEATURES]));
      const rotationT = keep(tf.variable(tf.eye(d), false));
      const bn = makeNet();
      const cw = makeNet();

      const bnNorm = (z: TF.Tensor2D): TF.Tensor2D => {
        const { mean, variance } = tf.moments(z, 0, true);
        return tf.div(tf.sub(z, mean), tf.sqrt(tf.add(variance, BN_EPS))) as TF.Tensor2D;
      };
      // Row form of R psi is psi R^T.
      const cwNorm = (z: TF.Tensor2D): TF.Tensor2D => tf.matMul(iterNormTf(tf, z).whitened, rotationT, false, true);
      const lossOf = (net: Net, norm: (z: TF.Tensor2D) => TF.Tensor2D) => (b: { x: TF.Tensor2D; y: TF.Tensor2D }) =>
        tf.losses.softmaxCrossEntropy(b.y, mlpForward(tf, net.head, norm(mlpForward(tf, net.encoder, b.x)))) as TF.Scalar;
      const makeTrainer = (net: Net, norm: (z: TF.Tensor2D) => TF.Tensor2D, label: string) => {
        const t = createTrainer(tf, {
          data: { x: xTrain, y: yTrain },
          variables: [...mlpVariables(net.encoder), ...mlpVariables(net.head)],
          loss: lossOf(net, norm),
          learningRate: LEARNING_RATE,
          batchSize: BATCH,
          rng: rng.fork(label),
        });
        trainers.push(t);
        return t;
      };
      const bnTrainer = makeTrainer(bn, bnNorm, 'bn-batches');
      const cwTrainer = makeTrainer(cw, cwNorm, 'cw-batches');
      const batchRng = rng.fork('concept-batches');

      /** The encoder's latent for some rows of x, as plain numbers. */
      const latent = async (net: Net, x: TF.Tensor2D, rows?: number[]): Promise<Float32Array> => {
        const z = tf.tidy(() => mlpForward(tf, net.encoder, rows ? tf.gather(x, tf.tensor1d(rows, 'int32')) : x));
        try {
          return (await z.data()) as Float32Array;
        } finally {
          z.dispose();
        }
      };

      /** One concept update: whiten each concept's batch with a mixed batch's statistics, then turn R. */
      const rotate = async (): Promise<number[]> => {
        const mixedRows = Array.from({ length: MIXED_BATCH }, () => batchRng.int(train.n));
        const mixed = await latent(cw, xTrain, mixedRows);
        const conceptRows = conceptColumns.flatMap((col) => samplePositives(batchRng, col, CONCEPT_BATCH));
        const conceptZ = await latent(cw, xConcept, conceptRows);
        const { mean, cov } = meanAndCovariance(mixed, MIXED_BATCH, d);
        const w = iterNormMatrix(cov, d);
        const psi = whitenRows(conceptZ, k * CONCEPT_BATCH, d, mean, w);
        const means = ALIGNED.map((_, j) => {
          const m = new Float64Array(d);
          for (let i = j * CONCEPT_BATCH; i < (j + 1) * CONCEPT_BATCH; i++) for (let c = 0; c < d; c++) m[c] += psi[i * d + c] / CONCEPT_BATCH;
          return m;
        });
        rotation = cayleyUpdate(rotation, alignmentGradient(means, d), d).rotation;
        tf.tidy(() => rotationT.assign(tf.tensor2d(Array.from(rotation), [d, d])));
        return means.map((m, j) => cosine(rotation.subarray(j * d, (j + 1) * d), m));
      };

      // Both networks train side by side from the same start; the CW one also turns its rotation
      // every `rotateEvery` minibatches (the paper's alternating schedule).
      const first = await rotate();
      snapshot.alignment.updates.push(0);
      first.forEach((c, j) => snapshot.alignment.cos[j].push(r4(c)));
      let done = 0;
      let sinceRotation = 0;
      while (done < p.steps) {
        const size = Math.min(CHUNK, p.steps - done);
        let bnLoss: TF.Scalar | null = null;
        let cwLoss: TF.Scalar | null = null;
        for (let i = 0; i < size; i++) {
          const last = i === size - 1;
          bnLoss = bnTrainer.step(last) ?? bnLoss;
          cwLoss = cwTrainer.step(last) ?? cwLoss;
        }
        done += size;
        sinceRotation += size;
        step += 2 * size;
        const [lb, lc] = await Promise.all([bnLoss!.data(), cwLoss!.data()]);
        bnLoss!.dispose();
        cwLoss!.dispose();
        snapshot.losses.steps.push(done);
        snapshot.losses.bn.push(r4(lb[0]));
        snapshot.losses.cw.push(r4(lc[0]));
        if (sinceRotation >= p.rotateEvery) {
          sinceRotation = 0;
          const cos = await rotate();
          snapshot.alignment.updates.push(done);
          cos.forEach((c, j) => snapshot.alignment.cos[j].push(r4(c)));
        }
        yield progress(`training both networks (step ${done} of ${p.steps})`, lc[0]);
      }

      yield progress('measuring the two latent spaces');
      snapshot.final = await evaluate(tf, bn, cw, rotation, train, test, alignedIdx, latent, xTrain);
      step = totalSteps;
      const f = snapshot.final;
      const metrics: Record<string, number> = {
        'bn.accuracy': f.bnAccuracy,
        'cw.accuracy': f.cwAccuracy,
        'bn.meanAbsCorrelation': f.bnMeanAbsCorrelation,
        'cw.meanAbsCorrelation': f.cwMeanAbsCorrelation,
        pairAngle: f.pairAngle,
      };
      ALIGNED.forEach((c, j) => {
        metrics[`cw.auc.${c}`] = f.cwAuc[j];
        metrics[`bn.bestAuc.${c}`] = f.bnBestAuc[j];
        metrics[`cw.alignment.${c}`] = f.alignment[j];
      });
      yield { ...progress('done'), metrics };
      return { metrics, snapshot: copy() };
    } finally {
      for (const t of trainers) t.dispose();
      for (const net of nets) {
        disposeMlp(net.encoder);
        disposeMlp(net.head);
      }
      tf.dispose(tensors);
    }
  },

  claim(result) {
    return conceptWhiteningClaim(result);
  },
});

export default conceptWhitening;

async function evaluate(
  tf: Tf,
  bn: Net,
  cw: Net,
  rotation: SquareMatrix,
  train: ConceptTable,
  test: ConceptTable,
  alignedIdx: number[],
  latent: (net: Net, x: TF.Tensor2D, rows?: number[]) => Promise<Float32Array>,
  xTrain: TF.Tensor2D,
): Promise<CwFinal> {
  const d = LATENT;
  const k = alignedIdx.length;
  const xTest = tf.tensor2d(test.inputs, [test.n, FEATURES]);
  try {
    // Batch norm with whole-training-set statistics.
    const bnTrain = meanAndCovariance(await latent(bn, xTrain), train.n, d);
    const bnZ = await latent(bn, xTest);
    const bnH = new Float64Array(test.n * d);
    for (let i = 0; i < test.n; i++)
      for (let c = 0; c < d; c++) bnH[i * d + c] = (bnZ[i * d + c] - bnTrain.mean[c]) / Math.sqrt(bnTrain.cov[c * d + c] + BN_EPS);
    // Concept whitening with whole-training-set statistics.
    const cwTrain = meanAndCovariance(await latent(cw, xTrain), train.n, d);
    const w = iterNormMatrix(cwTrain.cov, d);
    const cwZ = await latent(cw, xTest);
    const psi = whitenRows(cwZ, test.n, d, cwTrain.mean, w);
    const cwH = whitenRows(cwZ, test.n, d, cwTrain.mean, w, rotation);

    const accuracy = async (net: Net, h: Float64Array) => {
      const logits = tf.tidy(() => mlpForward(tf, net.head, tf.tensor2d(Float32Array.from(h), [test.n, d])));
      try {
        return argmaxAccuracy((await logits.data()) as Float32Array, test.labels, CLASSES);
      } finally {
        logits.dispose();
      }
    };
    const bnCorr = correlationMatrix(bnH, test.n, d);
    const cwCorr = correlationMatrix(cwH, test.n, d);
    const column = (h: Float64Array, axis: number) => Float64Array.from({ length: test.n }, (_, i) => h[i * d + axis]);
    const labels = alignedIdx.map((j) => conceptColumn(test, j));
    const crossAuc = Array.from({ length: k }, (_, axis) => labels.map((l) => r4(auc(column(cwH, axis), l))));
    const bnBestAuc = labels.map((l) => {
      let best = 0;
      for (let axis = 0; axis < d; axis++) {
        const a = auc(column(bnH, axis), l);
        best = Math.max(best, a, 1 - a);
      }
      return r4(best);
    });
    const conceptMeans = labels.map((l) => {
      const m = new Float64Array(d);
      let count = 0;
      l.forEach((v, i) => {
        if (!v) return;
        count++;
        for (let c = 0; c < d; c++) m[c] += psi[i * d + c];
      });
      return m.map((v) => v / count);
    });
    const alignment = conceptMeans.map((m, j) => r4(cosine(rotation.subarray(j * d, (j + 1) * d), m)));
    const pairAngle = (Math.acos(Math.min(1, Math.max(-1, cosine(conceptMeans[0], conceptMeans[1])))) * 180) / Math.PI;
    const a = labels[0];
    const b = labels[1];
    let sa = 0;
    let sb = 0;
    let sab = 0;
    for (let i = 0; i < test.n; i++) {
      sa += a[i];
      sb += b[i];
      sab += a[i] * b[i];
    }
    const n = test.n;
    const pairLabelCorrelation = (sab / n - (sa / n) * (sb / n)) / Math.sqrt((sa / n) * (1 - sa / n) * (sb / n) * (1 - sb / n));
    return {
      bnAccuracy: r4(await accuracy(bn, bnH)),
      cwAccuracy: r4(await accuracy(cw, cwH)),
      bnCorrelation: toRows(bnCorr, d),
      cwCorrelation: toRows(cwCorr, d),
      bnMeanAbsCorrelation: r4(meanAbsOffDiagonal(bnCorr, d)),
      cwMeanAbsCorrelation: r4(meanAbsOffDiagonal(cwCorr, d)),
      cwAuc: crossAuc.map((row, j) => row[j]),
      bnBestAuc,
      crossAuc,
      alignment,
      pairAngle: r4(pairAngle),
      pairAlignmentBound: r4(Math.cos((((90 - Math.min(90, pairAngle)) / 2) * Math.PI) / 180)),
      pairLabelCorrelation: r4(pairLabelCorrelation),
      orthogonalityError: orthogonalityError(rotation, d),
    };
  } finally {
    xTest.dispose();
  }
}

/**
 * Pass criteria, fixed on calibration seeds 100-105 at the default parameters before the test
 * seeds (1-3) were run. Calibration values in the comments.
 */
export const CW_THRESHOLDS = {
  /** BN accuracy minus CW accuracy (calibration: -0.014 to 0.039; the paper reports under 1 point at scale). */
  maxAccuracyCost: 0.05,
  /** Mean |off-diagonal correlation| of the CW latent on the test set (calibration: 0.024-0.037; BN 0.28-0.42). */
  maxCwMeanAbsCorrelation: 0.05,
  /** Lowest AUC of a concept on its own CW axis (calibration: 0.895-0.950). */
  minAxisAuc: 0.85,
  /** Mean of those AUCs (calibration: 0.936-0.965). */
  minMeanAxisAuc: 0.9,
};

export function conceptWhiteningClaim(result: CwResult): Claim {
  const T = CW_THRESHOLDS;
  const f = result.snapshot.final;
  if (!f) return { holds: false, summary: 'The run did not finish.', numbers: {} };
  const names = result.snapshot.concepts;
  const cost = f.bnAccuracy - f.cwAccuracy;
  const minAuc = Math.min(...f.cwAuc);
  const meanAuc = f.cwAuc.reduce((s, v) => s + v, 0) / f.cwAuc.length;
  const aucList = names.map((c, j) => `${c} ${fixed(f.cwAuc[j])}`).join(', ');
  const checks: ClaimCheck[] = [
    {
      name: 'CW costs little accuracy',
      holds: cost <= T.maxAccuracyCost,
      detail: `CW ${fixed(f.cwAccuracy, 3)} against BN ${fixed(f.bnAccuracy, 3)} (cost ${fixed(cost, 3)}; allowed ${T.maxAccuracyCost})`,
    },
    {
      name: 'the CW latent is decorrelated',
      holds: f.cwMeanAbsCorrelation < T.maxCwMeanAbsCorrelation,
      detail: `mean |correlation| between latent units ${fixed(f.cwMeanAbsCorrelation, 3)} with CW, ${fixed(f.bnMeanAbsCorrelation, 3)} with BN (needs < ${T.maxCwMeanAbsCorrelation})`,
    },
    {
      name: 'each concept axis reads its concept',
      holds: minAuc >= T.minAxisAuc && meanAuc >= T.minMeanAxisAuc,
      detail: `AUC of each concept on its own axis: ${aucList}; lowest ${fixed(minAuc)} (needs ≥ ${T.minAxisAuc}), mean ${fixed(meanAuc)} (needs ≥ ${T.minMeanAxisAuc})`,
    },
  ];
  const holds = checks.every((c) => c.holds);
  const [a, b] = result.snapshot.pair;
  // Shown, not claimed: the paper's own caveat, measured on this run.
  const limitation = `${a} and ${b} co-occur (label correlation ${fixed(f.pairLabelCorrelation)}): their mean directions are ${fixed(f.pairAngle, 0)}° apart, not 90°, so orthogonal axes can reach at best a mean cosine of ${fixed(f.pairAlignmentBound)}; this run's axes reach ${fixed(f.alignment[0])} and ${fixed(f.alignment[1])}, against ${fixed(f.alignment[2])} for ${names[2]}.`;
  const summary = holds
    ? `Concept whitening decorrelates the latent (mean |corr| ${fixed(f.cwMeanAbsCorrelation, 3)} against ${fixed(f.bnMeanAbsCorrelation, 2)}) and its axes read their concepts (AUC ${aucList}) at an accuracy cost of ${fixed(cost, 3)}. ${limitation}`
    : `Not reproduced on this run: ${checks.filter((c) => !c.holds).map((c) => c.name).join('; ')}. ${limitation}`;
  return {
    holds,
    summary,
    numbers: { costAccuracy: cost, minAuc, meanAuc, cwMeanAbsCorrelation: f.cwMeanAbsCorrelation, pairAngle: f.pairAngle, pairAlignmentBound: f.pairAlignmentBound },
    checks,
  };
}
