/**
 * Trains several small plain-TypeScript MLPs side by side, each on its own training set, with
 * minibatch Adam (the same minibatch rows for every model), and records every model's clean test
 * accuracy every `curveEvery` steps for the live curves. It is a generator that yields after each
 * chunk of steps, so the demo stays responsive.
 */
import type { Rng } from '../../core/rng';
import { Minibatcher } from '../../ml/concept-mlp';
import { PlainAdam, createPlainMlp, plainCrossEntropyBackward, plainMlpParameters, plainPredict, type PlainMlp } from '../../ml/plain-mlp';

export interface AccuracyCurve {
  steps: number[];
  accuracy: number[];
}

export interface LabelledRows {
  /** n rows of `dim` features, row-major. */
  x: Float64Array;
  labels: Int32Array;
  n: number;
}

export interface ModelTraining {
  sizes: readonly number[];
  steps: number;
  /** Training steps per generator `next()`. */
  chunk: number;
  batchSize: number;
  learningRate: number;
  curveEvery: number;
  /** One training set per model, all with the same number of rows. */
  data: LabelledRows[];
  /**
   * Optional change to model m's minibatch (rows x dim) before each step, e.g. adversarial
   * examples against the model's current weights. Returns the rows to train on.
   */
  perturb?: (m: number, mlp: PlainMlp, x: Float64Array, labels: Int32Array) => Float64Array;
  test: LabelledRows;
}

export interface TrainingTick {
  done: number;
  curves: AccuracyCurve[];
}

export function accuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] === labels[i]) correct++;
  return correct / labels.length;
}

const round4 = (v: number) => Number(v.toFixed(4));

export async function* trainModels(rng: Rng, o: ModelTraining): AsyncGenerator<TrainingTick, PlainMlp[], void> {
  const dim = o.sizes[0];
  const models = o.data.map((_, m) => createPlainMlp(rng.fork(`init-${m}`), o.sizes));
  const optimisers = models.map((mlp) => new PlainAdam(plainMlpParameters(mlp), o.learningRate));
  const grads = models.map((mlp) => plainMlpParameters(mlp).map((p) => new Float64Array(p.length)));
  const batcher = new Minibatcher(rng.fork('minibatches'), o.data[0].n, o.batchSize);
  const curves: AccuracyCurve[] = models.map(() => ({ steps: [], accuracy: [] }));
  const record = (step: number) =>
    models.forEach((mlp, m) => {
      curves[m].steps.push(step);
      curves[m].accuracy.push(round4(accuracy(plainPredict(mlp, o.test.x, o.test.n), o.test.labels)));
    });

  record(0);
  let done = 0;
  while (done < o.steps) {
    const end = Math.min(o.steps, done + o.chunk);
    for (; done < end; done++) {
      const rows = batcher.next();
      models.forEach((mlp, m) => {
        const { x, labels } = o.data[m];
        const bx = new Float64Array(rows.length * dim);
        const by = new Int32Array(rows.length);
        rows.forEach((r, i) => {
          for (let k = 0; k < dim; k++) bx[i * dim + k] = x[r * dim + k];
          by[i] = labels[r];
        });
        const inputs = o.perturb ? o.perturb(m, mlp, bx, by) : bx;
        plainCrossEntropyBackward(mlp, inputs, rows.length, by, { parameters: grads[m] });
        optimisers[m].step(grads[m]);
      });
    }
    if (done % o.curveEvery === 0 || done === o.steps) record(done);
    yield { done, curves };
  }
  return models;
}
