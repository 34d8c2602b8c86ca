/**
 * Synthetic hidden states of contrast pairs, with the features placed by hand so that we know
 * which direction is the truth. For question i (truth bit t, distractor bit e, "said" bit s):
 *
 *   phi(x_i^+) = q_i + b v_ans + h_i + eps_i^+
 *   phi(x_i^-) = q_i - b v_ans - h_i + eps_i^-
 *   h_i = a (2t_i - 1) v_truth + c (2e_i - 1) v_distractor + g (2s_i - 1) v_said
 *
 * - q_i: a large question embedding (a few topic directions), the same for both statements;
 * - v_ans: "the statement ends in Yes / No", constant per side (what per-side normalisation removes);
 * - v_truth, v_distractor, v_said: three features that all flip with the answer, so every one of
 *   them is consistent under negation and CCS's loss cannot tell them apart by structure alone;
 * - s_i: what the model would answer; it equals t_i except on "misconception" items, where it is
 *   wrong. The model's zero-shot answer is s_i.
 * - eps: isotropic Gaussian noise, independent for the two statements.
 *
 * All the random draws (directions, bits, embeddings, noise) are made once in `drawContrastSource`;
 * `composeHiddenStates` then builds the vectors for any saliences (a, c, g), so a sweep over the
 * distractor's salience changes that one number and nothing else.
 */
import type { Rng } from '../../core/rng';
import { orthonormalDirections } from '../../ml/probes';

export interface ContrastSourceSpec {
  pairs: number;
  dim: number;
  /** Fraction of items on which the model's answer (the "said" bit) is wrong. */
  misconceptionRate: number;
  /** Number of topic directions the question embeddings span. */
  topicRank: number;
  /** Standard deviation of the question embedding along each topic direction. */
  topicScale: number;
  /** Standard deviation of the per-statement noise in every coordinate. */
  noise: number;
}

/** The random draws behind one data set, independent of the saliences. */
export interface ContrastSource {
  spec: ContrastSourceSpec;
  directions: { answer: Float64Array; truth: Float64Array; distractor: Float64Array; said: Float64Array };
  /** 0/1 per pair. */
  truth: Uint8Array;
  distractor: Uint8Array;
  said: Uint8Array;
  /** pairs x dim: the question embedding q_i. */
  question: Float64Array;
  /** pairs x dim: eps^+ and eps^-. */
  noisePositive: Float64Array;
  noiseNegative: Float64Array;
}

export interface Saliences {
  /** a: how strongly truth is written into the hidden states. */
  truth: number;
  /** c: the distractor feature. */
  distractor: number;
  /** g: what the model would say. */
  said: number;
  /** b: the "ends in Yes / No" feature. */
  answer: number;
}

export interface HiddenStates {
  n: number;
  d: number;
  /** n x d: phi(x_i^+) ("... Yes") and phi(x_i^-) ("... No"). */
  positive: Float64Array;
  negative: Float64Array;
}

export function drawContrastSource(spec: ContrastSourceSpec, rng: Rng): ContrastSource {
  const { pairs: n, dim: d } = spec;
  // Forks: changing one part (say the number of topics) never reshuffles another.
  const dirs = orthonormalDirections(4 + spec.topicRank, d, rng.fork('directions'));
  const [answer, truthDir, distractorDir, saidDir, ...topics] = dirs;
  const bits = rng.fork('bits');
  const truth = new Uint8Array(n);
  const distractor = new Uint8Array(n);
  const said = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    truth[i] = bits.bernoulli(0.5) ? 1 : 0;
    distractor[i] = bits.bernoulli(0.5) ? 1 : 0;
    said[i] = bits.bernoulli(spec.misconceptionRate) ? 1 - truth[i] : truth[i];
  }
  const q = rng.fork('questions');
  const question = new Float64Array(n * d);
  for (let i = 0; i < n; i++)
    for (const u of topics) {
      const z = q.normal(0, spec.topicScale);
      for (let j = 0; j < d; j++) question[i * d + j] += z * u[j];
    }
  const noise = rng.fork('noise');
  const noisePositive = new Float64Array(n * d);
  const noiseNegative = new Float64Array(n * d);
  for (let k = 0; k < n * d; k++) noisePositive[k] = noise.normal(0, spec.noise);
  for (let k = 0; k < n * d; k++) noiseNegative[k] = noise.normal(0, spec.noise);
  return {
    spec,
    directions: { answer, truth: truthDir, distractor: distractorDir, said: saidDir },
    truth,
    distractor,
    said,
    question,
    noisePositive,
    noiseNegative,
  };
}

const sign = (bit: number) => 2 * bit - 1;

/** The hidden states of every pair for the given saliences (see the formula at the top). */
export function composeHiddenStates(source: ContrastSource, s: Saliences): HiddenStates {
  const { pairs: n, dim: d } = source.spec;
  const { answer, truth, distractor, said } = source.directions;
  const positive = new Float64Array(n * d);
  const negative = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const at = s.truth * sign(source.truth[i]);
    const cd = s.distractor * sign(source.distractor[i]);
    const gs = s.said * sign(source.said[i]);
    for (let j = 0; j < d; j++) {
      const k = i * d + j;
      const h = at * truth[j] + cd * distractor[j] + gs * said[j];
      const shared = source.question[k];
      positive[k] = shared + s.answer * answer[j] + h + source.noisePositive[k];
      negative[k] = shared - s.answer * answer[j] - h + source.noiseNegative[k];
    }
  }
  return { n, d, positive, negative };
}

/** Rows `rows` of an n x d matrix, as a new matrix. */
export function selectRows(x: Float64Array, d: number, rows: readonly number[]): Float64Array {
  const out = new Float64Array(rows.length * d);
  rows.forEach((r, i) => out.set(x.subarray(r * d, r * d + d), i * d));
  return out;
}
