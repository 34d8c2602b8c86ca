/**
 * Concept activation vectors (lib/ml/cav.ts): the signed distance to a hand-made hyperplane, a CAV
 * learned where the concept is one coordinate of the embedding, and the mapping back from
 * standardised to raw coordinates (the learned hyperplane classifies raw embeddings).
 */
import { describe, expect, it } from 'vitest';
import { cavScores, columnStats, learnCav, learnCavs, standardize } from '@/lib/ml/cav';
import { cosine } from '@/lib/ml/probes';
import { createRng } from '@/lib/core/rng';

describe('cavScores', () => {
  it('is the signed distance to the hyperplane direction . f + bias = 0', () => {
    const cav = { direction: Float64Array.from([3, 4]), bias: -5 };
    // (3 * 1 + 4 * 2 - 5) / 5 = 1.2 ; (3 * 0 + 4 * 0 - 5) / 5 = -1
    const scores = cavScores([1, 2, 0, 0], 2, 2, [cav]);
    expect(scores[0]).toBeCloseTo(1.2, 12);
    expect(scores[1]).toBeCloseTo(-1, 12);
  });

  it('lays out one column per CAV', () => {
    const a = { direction: Float64Array.from([1, 0]), bias: 0 };
    const b = { direction: Float64Array.from([0, 2]), bias: 2 };
    expect(Array.from(cavScores([1, 1], 1, 2, [a, b]))).toEqual([1, 2]);
  });
});

describe('standardize', () => {
  it('gives columns of mean 0 and standard deviation 1', () => {
    const x = [1, 10, 3, 20, 5, 30];
    const z = standardize(x, 3, 2, columnStats(x, 3, 2));
    expect(Array.from(z).map((v) => +v.toFixed(6))).toEqual([-1.224745, -1.224745, 0, 0, 1.224745, 1.224745]);
  });
});

describe('learnCav', () => {
  // Embeddings in 4-D with different scales and offsets per unit; the concept is whether unit 2
  // is above its mean. Other units are noise.
  function data(n: number, seed: number) {
    const rng = createRng(seed);
    const d = 4;
    const scale = [1, 5, 0.2, 3];
    const offset = [0, 2, 7, -1];
    const x = new Float64Array(n * d);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) x[i * d + j] = offset[j] + scale[j] * rng.normal();
      labels[i] = x[i * d + 2] > offset[2] ? 1 : 0;
    }
    return { x, labels, d };
  }

  it('points along the concept unit and classifies raw embeddings', () => {
    const { x, labels, d } = data(600, 3);
    const cav = learnCav(x, labels, 600, d, { epochs: 400, learningRate: 0.05 });
    expect(cosine(cav.direction, [0, 0, 1, 0])).toBeGreaterThan(0.95);
    // Raw coordinates: the hyperplane sits at unit 2's offset (7), so the sign of the score is the concept.
    const fresh = data(300, 4);
    const scores = cavScores(fresh.x, 300, d, [cav]);
    let right = 0;
    for (let i = 0; i < 300; i++) if ((scores[i] > 0 ? 1 : 0) === fresh.labels[i]) right++;
    expect(right / 300).toBeGreaterThan(0.95);
  });

  it('learnCavs learns one CAV per requested concept column, in order', () => {
    const { x, labels, d } = data(400, 5);
    // Concept columns: [not the concept, the concept].
    const concepts = new Uint8Array(400 * 2);
    for (let i = 0; i < 400; i++) {
      concepts[i * 2] = 1 - labels[i];
      concepts[i * 2 + 1] = labels[i];
    }
    const [flipped, straight] = learnCavs(x, concepts, 400, d, 2, [0, 1], { epochs: 300, learningRate: 0.05 });
    expect(cosine(straight.direction, [0, 0, 1, 0])).toBeGreaterThan(0.95);
    expect(cosine(flipped.direction, [0, 0, -1, 0])).toBeGreaterThan(0.95);
  });
});
