/**
 * Experiment `disentanglement`: Locatello et al. (ICML 2019), "Challenging common assumptions in
 * the unsupervised learning of disentangled representations", at toy scale on dSprites-lite.
 *
 * (a) Mean vs sampled representation. Three VAEs are trained: beta = 1, a strong beta (8), and
 *     DIP-VAE-I. On 2000 images drawn (seeded, with repeats) from the 768-image grid we compare the correlation between latent dimensions of the
 *     sampled code z ~ q(z|x) with that of the mean code mu(x), via the Gaussian total correlation
 *     and the mean |off-diagonal correlation|. Paper (section 5.1): regularisation makes the sampled
 *     dimensions uncorrelated but not the means, whose TC grows with beta; DIP-VAE-I, which
 *     penalises the covariance of the means directly, is the exception.
 * (b) Opt-in seeds-vs-model sweep (`sweep`): each of the three objectives with several seeds, MIG
 *     per run, and eta^2, the share of MIG's variance explained by the objective. Paper (5.3):
 *     seeds and hyperparameters matter more than the objective.
 * (c) The impossibility argument made visible: rotate the latent space of the trained beta = 1
 *     model, by the rotations a greedy search finds to make MIG highest and lowest. The ELBO,
 *     hence the model of the data, does not change; the disentanglement score does, a lot.
 *
 * Snapshot (`DisentanglementSnapshot`, sent with progress events and returned at the end):
 * - `latentDim`, `factorNames`.
 * - `models`: one `ModelReport` per objective, in training order (beta1, betaStrong, dip):
 *   { id, label, curve: { step, reconstruction, kl, penalty }[] (minibatch, nats per image),
 *     trained: boolean, measurement?: ModelMeasurement }.
 *   `ModelMeasurement`: { corrMean, corrSampled (latentDim x latentDim Float32Arrays, row-major, for
 *   two heat maps side by side), tcMean, tcSampled (Gaussian TC, nats), absCorrMean, absCorrSampled,
 *   klPerDim, reconstruction, kl, elbo (on the 2000 images), mig, factorVae (on the 768-image grid) }.
 * - `rotation?`: `RotationReport` { modelId ('beta1'), searchEvaluations, variants: three
 *   `RotationVariant`s named 'trained', 'most disentangled', 'most entangled', each { elbo,
 *   reconstruction, kl, elboStdError (vs trained), mig, migPerFactor } } for a "same ELBO,
 *   different MIG" chart (one ELBO bar and one MIG bar per variant).
 * - `sweep?`: `SweepReport` { runs: { model, label, seedIndex, mig, factorVae }[] (grows live),
 *   totalRuns, etaSquaredMig, etaSquaredFactorVae, modelMeans: { model, label, mig }[] }.
 */
import { defineExperiment, type Claim, type ClaimCheck, type Metrics, type RunResult, type TaskCall, type TaskContext, type Tf } from '../../core/contract';
import { runTasks } from '../../core/tasks';
import { createRng, type Rng } from '../../core/rng';
import { dspritesGrid, sampleDsprites, IMAGE_PIXELS, type FactorDataset } from '../../data/dsprites';
import {
  createVae,
  createVaeTrainer,
  describeObjective,
  encodeImages,
  meanKlPerDim,
  reconstructionNll,
  sampleCodes,
  trainSteps,
  type Vae,
  type VaeObjective,
  type VaeStepTerms,
} from '../../ml/vae';
import {
  correlationFromCovariance,
  covarianceMatrix,
  etaSquared,
  factorVaeScore,
  gaussianTotalCorrelation,
  meanAbsOffDiagonal,
  mig,
} from '../../metrics/disentanglement';
import { identity, multiplyRows, transpose, type SquareMatrix } from '../../ml/linalg';
import { elboDifferenceStdError, rotatedElbo, searchRotation, type ElboEstimate } from './latent-rotation';
import { migByColumn } from './mig-by-column';
import type { Progress } from '../../core/contract';
import type { ParamValues } from '../../core/params';
import { disentanglementManifest } from './manifest';

export type ModelId = 'beta1' | 'betaStrong' | 'dip';
export const MODEL_IDS: readonly ModelId[] = ['beta1', 'betaStrong', 'dip'];

export interface LossPoint {
  step: number;
  reconstruction: number;
  kl: number;
  penalty: number;
}

export interface ModelMeasurement {
  corrMean: Float32Array;
  corrSampled: Float32Array;
  tcMean: number;
  tcSampled: number;
  absCorrMean: number;
  absCorrSampled: number;
  klPerDim: number[];
  reconstruction: number;
  kl: number;
  elbo: number;
  mig: number;
  factorVae: number;
}

export interface ModelReport {
  id: ModelId;
  label: string;
  curve: LossPoint[];
  trained: boolean;
  measurement?: ModelMeasurement;
}

export interface RotationVariant {
  name: 'trained' | 'most disentangled' | 'most entangled';
  /** ELBO on the 2000 images (nats per image), recomputed for the rotated model. */
  elbo: number;
  reconstruction: number;
  kl: number;
  /** Monte Carlo standard error of (this ELBO - the trained model's ELBO); 0 for the trained one. */
  elboStdError: number;
  /** MIG of the (rotated) mean representation on the 768-image grid. */
  mig: number;
  migPerFactor: number[];
}

export interface RotationReport {
  modelId: ModelId;
  /** trained, most disentangled, most entangled: one (ELBO, MIG) pair each. */
  variants: RotationVariant[];
  searchEvaluations: number;
}

const ROTATION_KEYS = ['trained', 'disentangled', 'entangled'] as const;

export interface SweepRun {
  model: ModelId;
  label: string;
  seedIndex: number;
  mig: number;
  factorVae: number;
}

export interface SweepReport {
  runs: SweepRun[];
  totalRuns: number;
  etaSquaredMig: number;
  etaSquaredFactorVae: number;
  modelMeans: { model: ModelId; label: string; mig: number }[];
}

export interface DisentanglementSnapshot {
  latentDim: number;
  factorNames: string[];
  models: ModelReport[];
  rotation?: RotationReport;
  sweep?: SweepReport;
}

export type DisentanglementResult = RunResult<DisentanglementSnapshot> & { snapshot: DisentanglementSnapshot };

const HIDDEN = 64;
const BATCH = 64;
const EVAL_IMAGES = 2000;
/** Posterior samples per image for the ELBOs of the rotation study (lowers Monte Carlo noise). */
const ELBO_SAMPLES = 4;
const YIELD_EVERY = 10;
const READ_EVERY = 25;

const params = disentanglementManifest.params;

type Params = ParamValues<typeof params>;

function objectiveFor(id: ModelId, p: Params): VaeObjective {
  if (id === 'beta1') return { kind: 'beta-vae', beta: 1 };
  if (id === 'betaStrong') return { kind: 'beta-vae', beta: p.strongBeta };
  return { kind: 'dip-vae-i', lambdaOd: p.dipLambda, lambdaD: 10 * p.dipLambda };
}

function labelFor(id: ModelId, p: Params): string {
  return describeObjective(objectiveFor(id, p));
}

function toFloat32(m: ArrayLike<number>): Float32Array {
  return Float32Array.from(m as ArrayLike<number>);
}

function mean(values: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return values.length ? s / values.length : 0;
}

/** MIG and FactorVAE score of the mean representation on all 768 grid images. */
function gridScores(gridMu: Float32Array, d: number, rng: Rng) {
  const grid = dspritesGrid();
  const labelled = { codes: gridMu, d, factors: grid.factors, factorSizes: grid.factorSizes };
  return { mig: mig(labelled), factorVae: factorVaeScore(labelled, rng).score };
}

async function measureModel(tf: Tf, vae: Vae, evalSet: FactorDataset, rng: Rng): Promise<ModelMeasurement> {
  const d = vae.shape.latentDim;
  const n = evalSet.n;
  const { mu, logVar } = await encodeImages(tf, vae, evalSet.images, n);
  const z = sampleCodes(mu, logVar, n, d, rng.fork('sample'));
  const covMean = covarianceMatrix(mu, n, d);
  const covSampled = covarianceMatrix(z, n, d);
  const corrMean = correlationFromCovariance(covMean, d);
  const corrSampled = correlationFromCovariance(covSampled, d);
  const klPerDim = meanKlPerDim(mu, logVar, n, d);
  const kl = klPerDim.reduce((a, b) => a + b, 0);
  const reconstruction = mean(await reconstructionNll(tf, vae, z, evalSet.images, n));
  const grid = dspritesGrid();
  const gridMu = (await encodeImages(tf, vae, grid.images, grid.n)).mu;
  const scores = gridScores(gridMu, d, rng.fork('scores'));
  return {
    corrMean: toFloat32(corrMean),
    corrSampled: toFloat32(corrSampled),
    tcMean: gaussianTotalCorrelation(covMean, d),
    tcSampled: gaussianTotalCorrelation(covSampled, d),
    absCorrMean: meanAbsOffDiagonal(corrMean, d),
    absCorrSampled: meanAbsOffDiagonal(corrSampled, d),
    klPerDim,
    reconstruction,
    kl,
    elbo: -(reconstruction + kl),
    mig: scores.mig.score,
    factorVae: scores.factorVae,
  };
}

/**
 * (c) One trained model, three latent bases. The rotations that make MIG highest and lowest are
 * found by a greedy search; each rotated model is the same model of the data (see
 * lib/ml/latent-rotation.ts), and its ELBO is recomputed from scratch to show it.
 */
async function* rotationStudy(
  tf: Tf,
  vae: Vae,
  modelId: ModelId,
  evalSet: FactorDataset,
  rng: Rng,
): AsyncGenerator<string, RotationReport, void> {
  const d = vae.shape.latentDim;
  const grid = dspritesGrid();
  const gridMu = (await encodeImages(tf, vae, grid.images, grid.n)).mu;
  const migOf = (codes: Float32Array) => mig({ codes, d, factors: grid.factors, factorSizes: grid.factorSizes });
  // MIG of each candidate basis, rescoring only the two latents a plane rotation changes (same bits as mig()).
  const scorer = () => migByColumn(grid.factors, grid.factorSizes, grid.n, d);
  // Each search takes a few hundred MIG evaluations (~0.1-0.2 s): yield between them.
  const highest = searchRotation(gridMu, grid.n, d, scorer(), 'max');
  yield 'rotation: searched for the most disentangled basis';
  const lowest = searchRotation(gridMu, grid.n, d, scorer(), 'min');
  yield 'rotation: searched for the most entangled basis';
  const rotations: { name: RotationVariant['name']; rotation: SquareMatrix }[] = [
    { name: 'trained', rotation: identity(d) },
    { name: 'most disentangled', rotation: highest.rotation },
    { name: 'most entangled', rotation: lowest.rotation },
  ];
  const variants: RotationVariant[] = [];
  let trained: ElboEstimate | null = null;
  for (const [index, { name, rotation }] of rotations.entries()) {
    const estimate = await rotatedElbo(tf, vae, evalSet.images, evalSet.n, rotation, ELBO_SAMPLES, rng.fork(`elbo-${index}`));
    trained ??= estimate;
    const scores = migOf(multiplyRows(gridMu, grid.n, transpose(rotation, d), d));
    variants.push({
      name,
      elbo: estimate.elbo,
      reconstruction: estimate.reconstruction,
      kl: estimate.kl,
      elboStdError: index === 0 ? 0 : elboDifferenceStdError(trained, estimate),
      mig: scores.score,
      migPerFactor: scores.perFactor,
    });
    yield `rotation: ELBO of the ${name} model`;
  }
  return { modelId, variants, searchEvaluations: highest.evaluations + lowest.evaluations };
}

/**
 * What the `model` task reports: a training tick (the minibatch loss terms on the steps that read
 * them), the measurement as soon as it is made, or a phase of the rotation study.
 */
export type ModelTaskEvent = { step: number; terms?: VaeStepTerms } | { measured: ModelMeasurement } | { phase: string };

export interface ModelTaskInput {
  id: ModelId;
  params: Params;
  /**
   * 'full': the measurement on the evaluation images (and the rotation study if `rotate`);
   * 'scores': MIG and the FactorVAE score on the grid only (a sweep run).
   */
  measure: 'full' | 'scores';
  /** Seed of the evaluation images: every task draws the same 2000. */
  evalSeed: number;
  rotate: boolean;
}

export interface ModelTaskResult {
  measurement?: ModelMeasurement;
  rotation?: RotationReport;
  scores?: { mig: number; factorVae: number };
}

/** Trains one model, yielding its ticks; returns the trained model (the caller disposes it). */
async function* trainModel(tf: Tf, objective: VaeObjective, p: Params, rng: Rng): AsyncGenerator<ModelTaskEvent, Vae, void> {
  const grid = dspritesGrid();
  const vae = createVae(tf, { inputDim: IMAGE_PIXELS, hiddenDim: HIDDEN, latentDim: p.latentDim }, rng.fork('init'));
  const trainer = createVaeTrainer(tf, {
    vae,
    objective,
    learningRate: p.learningRate,
    batchSize: BATCH,
    images: grid.images,
    n: grid.n,
    rng: rng.fork('train'),
  });
  let handedOver = false;
  try {
    for await (const tick of trainSteps(trainer, p.steps, { yieldEvery: YIELD_EVERY, readEvery: READ_EVERY })) yield { step: tick.step, terms: tick.terms };
    handedOver = true;
    return vae;
  } finally {
    // Also runs when the consumer stops the run mid-training (return() at a yield) or on errors.
    trainer.dispose();
    if (!handedOver) vae.dispose();
  }
}

/**
 * One objective, from its own seed (the run's fork `model-<id>` or `sweep-<id>-<seed>`): train,
 * then measure. Each model is a task, so the browser trains two at once on two cores; its
 * numbers are the same wherever it runs (the tests run the tasks one after another in Node).
 */
async function* modelTask(input: ModelTaskInput, ctx: TaskContext): AsyncGenerator<ModelTaskEvent, ModelTaskResult, void> {
  const { tf, rng } = ctx;
  const p = input.params;
  const vae = yield* trainModel(tf, objectiveFor(input.id, p), p, rng);
  try {
    if (input.measure === 'scores') {
      const grid = dspritesGrid();
      const gridMu = (await encodeImages(tf, vae, grid.images, grid.n)).mu;
      const scores = gridScores(gridMu, p.latentDim, rng.fork('scores'));
      return { scores: { mig: scores.mig.score, factorVae: scores.factorVae } };
    }
    const evalSet = sampleDsprites(EVAL_IMAGES, createRng(input.evalSeed));
    const measurement = await measureModel(tf, vae, evalSet, rng.fork('measure'));
    yield { measured: measurement };
    if (!input.rotate) return { measurement };
    // (c) Rotate the beta = 1 model: it is trained on the ELBO itself.
    const study = rotationStudy(tf, vae, input.id, evalSet, rng.fork('rotation'));
    let next = await study.next();
    while (!next.done) {
      yield { phase: next.value };
      next = await study.next();
    }
    return { measurement, rotation: next.value };
  } finally {
    vae.dispose();
  }
}

export const disentanglementTasks = { model: modelTask };

function sweepSummary(runs: SweepRun[], p: Params): SweepReport['modelMeans'] {
  return MODEL_IDS.map((model) => ({
    model,
    label: labelFor(model, p),
    mig: mean(runs.filter((r) => r.model === model).map((r) => r.mig)),
  }));
}

export const disentanglementExperiment = defineExperiment({
  ...disentanglementManifest,
  tasks: disentanglementTasks,
  async *run(p, ctx) {
    const { rng } = ctx;
    const grid = dspritesGrid();
    const sweepRuns = p.sweep ? MODEL_IDS.length * (p.sweepSeeds - 1) : 0;
    const totalSteps = (MODEL_IDS.length + sweepRuns) * p.steps;
    // The same draws from the run's rng, in the same order, as when everything ran here in turn.
    const evalSeed = rng.forkSeed('eval-images');
    const snapshot: DisentanglementSnapshot = {
      latentDim: p.latentDim,
      factorNames: [...grid.factorNames],
      models: MODEL_IDS.map((id) => ({ id, label: labelFor(id, p), curve: [], trained: false })),
    };
    /** Steps trained so far, over all models (they may train two at a time). */
    let done = 0;
    const call = (id: ModelId, label: string, measure: ModelTaskInput['measure']): TaskCall<ModelTaskInput> => ({
      task: 'model',
      seed: rng.forkSeed(label),
      input: { id, params: p, measure, evalSeed, rotate: measure === 'full' && id === 'beta1' },
    });
    /** Runs the calls, keeping `done` and yielding a training tick's progress; returns the results in call order. */
    async function* train(
      calls: TaskCall<ModelTaskInput>[],
      phaseOf: (index: number) => string,
      onEvent: (index: number, event: ModelTaskEvent) => Progress<DisentanglementSnapshot> | null,
      onResult: (index: number, result: ModelTaskResult) => Progress<DisentanglementSnapshot> | null,
    ): AsyncGenerator<Progress<DisentanglementSnapshot>, void, void> {
      const stepsOf = calls.map(() => 0);
      for await (const e of runTasks<ModelTaskEvent, ModelTaskResult>(ctx, disentanglementTasks, calls)) {
        if (e.done) {
          const progress = onResult(e.index, e.value);
          if (progress) yield progress;
          continue;
        }
        const event = e.value;
        if ('step' in event) {
          done += event.step - stepsOf[e.index];
          stepsOf[e.index] = event.step;
        }
        yield onEvent(e.index, event) ?? { step: done, totalSteps, phase: phaseOf(e.index), loss: 'step' in event ? event.terms?.loss : undefined };
      }
    }

    // (a) Three objectives, measured on the same 2000 images sampled from the grid; (c) on beta = 1.
    const models = snapshot.models;
    yield* train(
      models.map((m) => call(m.id, `model-${m.id}`, 'full')),
      (i) => `training ${models[i].label}`,
      (i, event) => {
        const report = models[i];
        if ('phase' in event) return { step: done, totalSteps, phase: event.phase };
        if ('measured' in event) {
          report.measurement = event.measured;
          return { step: done, totalSteps, phase: `measured ${report.label}`, snapshot };
        }
        if (event.step === p.steps) report.trained = true;
        if (!event.terms) return null;
        const { loss, reconstruction, kl, penalty } = event.terms;
        report.curve.push({ step: event.step, reconstruction, kl, penalty });
        return { step: done, totalSteps, phase: `training ${report.label}`, loss, snapshot };
      },
      (i, result) => {
        models[i].measurement = result.measurement;
        if (!result.rotation) return null;
        snapshot.rotation = result.rotation;
        return { step: done, totalSteps, phase: 'rotation study done', snapshot };
      },
    );

    // (b) Optional sweep: seed 0 of each objective is the model above; train the other seeds.
    if (p.sweep) {
      const seedZero: SweepRun[] = models.map((m) => ({
        model: m.id,
        label: m.label,
        seedIndex: 0,
        mig: m.measurement!.mig,
        factorVae: m.measurement!.factorVae,
      }));
      const sweepCalls: { id: ModelId; seedIndex: number; call: TaskCall<ModelTaskInput> }[] = [];
      for (let seedIndex = 1; seedIndex < p.sweepSeeds; seedIndex++)
        for (const id of MODEL_IDS) sweepCalls.push({ id, seedIndex, call: call(id, `sweep-${id}-${seedIndex}`, 'scores') });
      // Finished runs by call index: the report lists them in call order whatever order they finish in.
      const finished: (SweepRun | undefined)[] = sweepCalls.map(() => undefined);
      const update = () => {
        const runs = [...seedZero, ...finished.filter((r): r is SweepRun => r !== undefined)];
        snapshot.sweep = {
          runs,
          totalRuns: MODEL_IDS.length * p.sweepSeeds,
          etaSquaredMig: etaSquared(runs.map((r) => r.mig), runs.map((r) => r.model)),
          etaSquaredFactorVae: etaSquared(runs.map((r) => r.factorVae), runs.map((r) => r.model)),
          modelMeans: sweepSummary(runs, p),
        };
      };
      update();
      const labelOf = (i: number) => `sweep: ${labelFor(sweepCalls[i].id, p)}, seed ${sweepCalls[i].seedIndex + 1}`;
      yield* train(
        sweepCalls.map((c) => c.call),
        labelOf,
        () => null,
        (i, result) => {
          const { id, seedIndex } = sweepCalls[i];
          finished[i] = { model: id, label: labelFor(id, p), seedIndex, mig: result.scores!.mig, factorVae: result.scores!.factorVae };
          update();
          return { step: done, totalSteps, phase: `sweep: ${snapshot.sweep!.runs.length} of ${snapshot.sweep!.totalRuns} runs`, snapshot };
        },
      );
    }

    return { metrics: collectMetrics(snapshot), snapshot };
  },
  claim: (result, p) => checkClaims(result.snapshot, p),
});

function collectMetrics(s: DisentanglementSnapshot): Metrics {
  const metrics: Metrics = {};
  for (const m of s.models) {
    const x = m.measurement;
    if (!x) continue;
    metrics[`${m.id}.tcMean`] = x.tcMean;
    metrics[`${m.id}.tcSampled`] = x.tcSampled;
    metrics[`${m.id}.absCorrMean`] = x.absCorrMean;
    metrics[`${m.id}.absCorrSampled`] = x.absCorrSampled;
    metrics[`${m.id}.elbo`] = x.elbo;
    metrics[`${m.id}.kl`] = x.kl;
    metrics[`${m.id}.mig`] = x.mig;
    metrics[`${m.id}.factorVae`] = x.factorVae;
  }
  for (const [i, v] of (s.rotation?.variants ?? []).entries()) {
    const key = ROTATION_KEYS[i];
    metrics[`rotation.${key}.elbo`] = v.elbo;
    metrics[`rotation.${key}.kl`] = v.kl;
    metrics[`rotation.${key}.mig`] = v.mig;
    if (i > 0) metrics[`rotation.${key}.elboStdError`] = v.elboStdError;
  }
  if (s.sweep) {
    metrics['sweep.runs'] = s.sweep.runs.length;
    metrics['sweep.etaSquaredMig'] = s.sweep.etaSquaredMig;
    metrics['sweep.etaSquaredFactorVae'] = s.sweep.etaSquaredFactorVae;
    metrics['sweep.maxMig'] = Math.max(...s.sweep.runs.map((x) => x.mig));
    for (const m of s.sweep.modelMeans) metrics[`sweep.${m.model}.meanMig`] = m.mig;
  }
  return metrics;
}

/** Thresholds: see the comment on each check for where it comes from. */
function checkClaims(s: DisentanglementSnapshot, p: Params): Claim {
  const numbers = collectMetrics(s);
  const get = (id: ModelId) => s.models.find((m) => m.id === id)?.measurement;
  const b1 = get('beta1');
  const strong = get('betaStrong');
  const dip = get('dip');
  const checks: ClaimCheck[] = [];
  const f = (x: number, digits = 2) => x.toFixed(digits);
  if (b1 && strong && dip) {
    checks.push({
      // papers.md prototype: ratio >= 21 over seeds 1-3; a 5x margin is what "markedly" means here.
      name: `β = ${p.strongBeta}: means far more correlated than samples`,
      holds: strong.tcMean > 5 * strong.tcSampled,
      detail: `TC(mean) ${f(strong.tcMean)} vs TC(sampled) ${f(strong.tcSampled)} nats (needs > 5x)`,
    });
    checks.push({
      // papers.md prototype: |corr| of means .37-.51, of samples .06-.14.
      name: `β = ${p.strongBeta}: sampled dimensions nearly uncorrelated, means not`,
      holds: strong.absCorrMean > 0.25 && strong.absCorrSampled < 0.2,
      detail: `mean |corr| ${f(strong.absCorrMean)} for means (needs > 0.25), ${f(strong.absCorrSampled)} for samples (needs < 0.2)`,
    });
    checks.push({
      // The direction of the paper's Fig. 2: only the signs are asserted.
      name: 'raising β lowers TC(sampled) and raises TC(mean)',
      holds: strong.tcSampled < b1.tcSampled && strong.tcMean > b1.tcMean,
      detail: `TC(sampled) ${f(b1.tcSampled)} → ${f(strong.tcSampled)}, TC(mean) ${f(b1.tcMean)} → ${f(strong.tcMean)} from β = 1 to β = ${p.strongBeta}`,
    });
    checks.push({
      // papers.md prototype: TC(mean) .01-.05 and |corr| .02-.04 for DIP-VAE-I with λod = 10.
      name: 'DIP-VAE-I is the exception: its means are uncorrelated',
      holds: dip.tcMean < 0.3 && dip.absCorrMean < 0.1,
      detail: `TC(mean) ${f(dip.tcMean)} (needs < 0.3), mean |corr| ${f(dip.absCorrMean)} (needs < 0.1)`,
    });
  }
  const variants = s.rotation?.variants ?? [];
  if (variants.length === 3) {
    const [trained, high, low] = variants;
    const worst = Math.max(...[high, low].map((v) => Math.abs(v.elbo - trained.elbo) / Math.abs(trained.elbo)));
    checks.push({
      // Theory: exactly equal. What remains is Monte Carlo noise (std error ~0.06 nats on
      // ELBOs of about -31 on the calibration seeds), so 1% is a margin of ~5 std errors.
      name: 'rotating the latents leaves the ELBO unchanged',
      // The ELBO is invariant to rotations by construction: this shows it, it cannot refute anything.
      kind: 'illustration',
      holds: worst < 0.01,
      detail: `ELBO ${f(trained.elbo)} trained, ${f(high.elbo)} and ${f(low.elbo)} rotated (largest change ${f(100 * worst)}%, needs < 1%; std errors ${f(high.elboStdError)}, ${f(low.elboStdError)})`,
    });
    checks.push({
      // Calibration seeds 100-104: the spread was 0.31-0.35 (trained models 0.06-0.14), larger
      // than any gap between objectives; asking for 0.15, half the smallest spread seen.
      name: '… while MIG moves a lot',
      // The extremes are the best and worst of a search scored on the same images: optimistic.
      kind: 'illustration',
      holds: high.mig - low.mig > 0.15,
      detail: `MIG ${f(low.mig, 3)} for the most entangled rotation, ${f(trained.mig, 3)} as trained, ${f(high.mig, 3)} for the most disentangled (spread needs > 0.15)`,
    });
  }
  const sw = s.sweep;
  if (sw && sw.runs.length >= 2 * MODEL_IDS.length) {
    checks.push({
      // Locatello 5.3: seeds matter more than the objective. Calibration (seeds 100-104, 4 seeds
      // per objective): eta^2 of MIG 0.18-0.47, so "< 0.5" (seeds explain more of the variance
      // than the objective does) held every time, but never by much: weak evidence, said so in
      // the summary. The FactorVAE score disagrees there (eta^2 0.40-0.74): reported, not hidden.
      // On the test seeds this check fails for seed 1 (eta^2 0.52): DIP-VAE-I's MIG is lower than
      // the beta-VAEs' on most seeds, so at this scale the objective is not negligible. We report
      // that rather than move the threshold.
      name: 'the objective explains less of MIG than the seed does',
      holds: sw.etaSquaredMig < 0.5,
      detail: `η² of the objective ${f(sw.etaSquaredMig)} for MIG (needs < 0.5), ${f(sw.etaSquaredFactorVae)} for the FactorVAE score; mean MIG ${sw.modelMeans.map((m) => `${m.label}: ${f(m.mig, 3)}`).join(', ')}`,
    });
  }
  const holds = checks.length > 0 && checks.every((c) => c.holds);
  const parts: string[] = [];
  if (strong && b1)
    parts.push(
      `With β = ${p.strongBeta}, sampled codes are nearly uncorrelated (TC ${f(strong.tcSampled)}, |corr| ${f(strong.absCorrSampled)}) while the means are not (TC ${f(strong.tcMean)}, |corr| ${f(strong.absCorrMean)}); at β = 1, TC is ${f(b1.tcSampled)} sampled and ${f(b1.tcMean)} for the means.`,
    );
  if (dip) parts.push(`DIP-VAE-I keeps its means uncorrelated (TC ${f(dip.tcMean)}).`);
  if (variants.length === 3)
    parts.push(
      `Rotating the β = 1 latent space gives MIG from ${f(variants[2].mig, 3)} to ${f(variants[1].mig, 3)} (trained: ${f(variants[0].mig, 3)}) at the same ELBO (${f(variants[2].elbo)}, ${f(variants[1].elbo)}, ${f(variants[0].elbo)}): the objective cannot prefer the disentangled axes.`,
    );
  if (sw)
    parts.push(
      `Sweep of ${sw.runs.length} runs: MIG ranges ${f(Math.min(...sw.runs.map((x) => x.mig)), 3)}–${f(Math.max(...sw.runs.map((x) => x.mig)), 3)} ` +
        `(means: ${sw.modelMeans.map((m) => `${m.label} ${f(m.mig, 3)}`).join('; ')}) and the objective explains η² = ${f(sw.etaSquaredMig)} of its variance ` +
        `(${f(sw.etaSquaredFactorVae)} for the FactorVAE score). Caveat: every model here is barely disentangled, and a few seeds per objective are weak evidence either way.`,
    );
  const failed = checks.filter((c) => !c.holds).map((c) => c.name);
  const summary = (failed.length ? `Not reproduced: ${failed.join('; ')}. ` : '') + parts.join(' ');
  return { holds, summary, numbers, checks };
}

export default disentanglementExperiment;
