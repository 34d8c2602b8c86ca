/**
 * The common shape of every concept data set in lib/data (images, tabular, digits): inputs,
 * ground-truth binary concepts (all of them, labelled or not), which concepts a model may be
 * trained on, and task labels. Pure TypeScript.
 */
export interface ConceptDataset {
  n: number;
  /** Input size per example (pixels for images, features for tabular data). */
  inputSize: number;
  /** Image side when the inputs are square images (for drawing); 0 for tabular data. */
  imageSide: number;
  /** n * inputSize, row-major. */
  inputs: Float32Array;
  /** Names of ALL ground-truth concepts, labelled or not. */
  conceptNames: readonly string[];
  /** n * conceptNames.length ground-truth concepts (0/1), row-major. */
  concepts: Uint8Array;
  /** Indices (into conceptNames) of the concepts a model may be trained on. */
  labelledConcepts: number[];
  nClasses: number;
  classNames: readonly string[];
  /** Task labels in [0, nClasses). With label noise these are the noisy labels. */
  labels: Uint8Array;
  /** Labels before label noise (equal to `labels` when labelNoise is 0). */
  cleanLabels: Uint8Array;
}

/** The labelled concepts of a dataset as a dense n x labelled.length 0/1 array. */
export function labelledConceptMatrix(data: ConceptDataset): Float32Array {
  const K = data.conceptNames.length;
  const L = data.labelledConcepts.length;
  const out = new Float32Array(data.n * L);
  for (let i = 0; i < data.n; i++) {
    for (let j = 0; j < L; j++) out[i * L + j] = data.concepts[i * K + data.labelledConcepts[j]];
  }
  return out;
}

/** The same examples with a different set of labelled concepts (e.g. one annotation withheld). */
export function withLabelledConcepts(data: ConceptDataset, labelled: readonly number[]): ConceptDataset {
  return { ...data, labelledConcepts: [...labelled] };
}

/** Indices of all concepts except the named ones. */
export function conceptsExcept(data: ConceptDataset, names: readonly string[]): number[] {
  return data.conceptNames.map((_, i) => i).filter((i) => !names.includes(data.conceptNames[i]));
}
