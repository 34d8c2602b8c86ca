/**
 * Tabular data with planted concepts for the concept-whitening demo (the design prototyped in the
 * project's research notes): three binary concepts and three Gaussian nuisance factors are mixed by
 * a random matrix into 20 features, the way a scene's objects and lighting end up spread over an
 * image's pixels.
 *
 *   concepts  bed, person: they co-occur (person = bed with probability (1 + rho) / 2, so the
 *             two fair coins have correlation rho, like the paper's bed and person);
 *             window: an independent fair coin.
 *   nuisance  u1, u2, u3 ~ N(0, 1).
 *   features  x = tanh(0.3 P s) + 0.3 e, s = (2c - 1, u) in R^6, P a 20 x 6 standard-normal
 *             matrix fixed per seed, e ~ N(0, I).
 *   label     2 [bed and person] + [ (2 window - 1) + u1 > 0 ]: four classes.
 */
import type { Rng } from '../../core/rng';

export const CONCEPT_NAMES = ['bed', 'person', 'window'] as const;
/** The two co-occurring concepts (indices into CONCEPT_NAMES). */
export const PAIR_INDICES = [0, 1] as const;
export const FEATURES = 20;
export const CLASSES = 4;
const NUISANCE = 3;
const SOURCES = CONCEPT_NAMES.length + NUISANCE;
const MIX_SCALE = 0.3;
const FEATURE_NOISE = 0.3;

export interface ConceptTable {
  n: number;
  /** n x FEATURES, row-major. */
  inputs: Float32Array;
  /** n x 3 concepts (0/1), indexed like CONCEPT_NAMES. */
  concepts: Uint8Array;
  labels: Uint8Array;
}

/** The mixing matrix P (FEATURES x SOURCES), drawn once per seed and shared by every split. */
export function mixingMatrix(rng: Rng): Float64Array {
  return Float64Array.from({ length: FEATURES * SOURCES }, () => rng.normal());
}

export function makeConceptTable(rng: Rng, mixing: Float64Array, n: number, pairCorrelation: number): ConceptTable {
  const K = CONCEPT_NAMES.length;
  const inputs = new Float32Array(n * FEATURES);
  const concepts = new Uint8Array(n * K);
  const labels = new Uint8Array(n);
  const agree = (1 + pairCorrelation) / 2;
  const s = new Float64Array(SOURCES);
  for (let i = 0; i < n; i++) {
    const c = concepts.subarray(i * K, (i + 1) * K);
    c[0] = rng.next() < 0.5 ? 1 : 0;
    c[1] = rng.next() < agree ? c[0] : 1 - c[0];
    c[2] = rng.next() < 0.5 ? 1 : 0;
    for (let j = 0; j < K; j++) s[j] = 2 * c[j] - 1;
    for (let j = 0; j < NUISANCE; j++) s[K + j] = rng.normal();
    for (let f = 0; f < FEATURES; f++) {
      let z = 0;
      for (let j = 0; j < SOURCES; j++) z += mixing[f * SOURCES + j] * s[j];
      inputs[i * FEATURES + f] = Math.tanh(MIX_SCALE * z) + FEATURE_NOISE * rng.normal();
    }
    labels[i] = 2 * (c[0] & c[1]) + (s[2] + s[K] > 0 ? 1 : 0);
  }
  return { n, inputs, concepts, labels };
}

/** Column j of the concept matrix. */
export function conceptColumn(data: ConceptTable, j: number): Uint8Array {
  const K = CONCEPT_NAMES.length;
  return Uint8Array.from({ length: data.n }, (_, i) => data.concepts[i * K + j]);
}
