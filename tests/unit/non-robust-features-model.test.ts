/**
 * The pieces of the non-robust-features demo other than PGD: the plain-TypeScript MLP's
 * gradients against finite differences, one Adam step by hand, and the shape-and-texture data.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import { PlainAdam, createPlainMlp, plainCrossEntropyBackward, plainLogits, plainMlpParameters, plainPredict } from '@/lib/ml/plain-mlp';
import {
  CLASSES,
  FEATURES,
  SHAPE_PIXELS,
  TEXTURE_PIXELS,
  sampleShapeTexture,
  shapeClass,
  shapeMean,
  textureClass,
  texturePatterns,
  textureShare,
} from '@/lib/data/robust-texture';

describe('plain MLP', () => {
  const rng = createRng(5);
  const mlp = createPlainMlp(rng, [6, 5, 4, 3]);
  const n = 7;
  const x = Float64Array.from({ length: n * 6 }, () => rng.normal());
  const targets = Int32Array.from({ length: n }, () => rng.int(3));
  const loss = () => plainCrossEntropyBackward(mlp, x, n, targets, {});
  const h = 1e-6;

  it('mean loss is the mean softmax cross-entropy of the logits', () => {
    const logits = plainLogits(mlp, x, n);
    let expected = 0;
    for (let i = 0; i < n; i++) {
      const row = Array.from(logits.subarray(i * 3, i * 3 + 3));
      expected += Math.log(row.reduce((a, v) => a + Math.exp(v), 0)) - row[targets[i]];
    }
    expect(loss()).toBeCloseTo(expected / n, 12);
  });

  it('parameter gradients match finite differences', () => {
    const params = plainMlpParameters(mlp);
    const grads = params.map((p) => new Float64Array(p.length));
    plainCrossEntropyBackward(mlp, x, n, targets, { parameters: grads });
    params.forEach((p, pi) => {
      for (let k = 0; k < p.length; k += 3) {
        const keep = p[k];
        p[k] = keep + h;
        const up = loss();
        p[k] = keep - h;
        const down = loss();
        p[k] = keep;
        expect(grads[pi][k]).toBeCloseTo((up - down) / (2 * h), 5);
      }
    });
  });

  it("input gradients are each row's own loss gradient (finite differences)", () => {
    const input = new Float64Array(n * 6);
    plainCrossEntropyBackward(mlp, x, n, targets, { input });
    for (let j = 0; j < n * 6; j += 2) {
      const keep = x[j];
      x[j] = keep + h;
      const up = loss() * n; // the summed loss: only row j's term changes
      x[j] = keep - h;
      const down = loss() * n;
      x[j] = keep;
      expect(input[j]).toBeCloseTo((up - down) / (2 * h), 5);
    }
  });

  it('one Adam step moves each weight by the learning rate against the sign of its gradient', () => {
    // After one step m̂ = g and v̂ = g², so the update is lr · g / (|g| + ε) ≈ lr · sign(g).
    const p = Float64Array.from([1, -2, 0.5]);
    new PlainAdam([p], 0.1).step([Float64Array.from([3, -0.5, 0])]);
    expect(Array.from(p)).toEqual([expect.closeTo(0.9, 5), expect.closeTo(-1.9, 5), 0.5]);
  });

  it('argmax predictions agree with the logits', () => {
    const logits = plainLogits(mlp, x, n);
    const predicted = plainPredict(mlp, x, n);
    for (let i = 0; i < n; i++) {
      const row = Array.from(logits.subarray(i * 3, i * 3 + 3));
      expect(predicted[i]).toBe(row.indexOf(Math.max(...row)));
    }
  });
});

describe('shape-and-texture data', () => {
  const patterns = texturePatterns(createRng(1), 0.1);

  it('the noise-free image of each class is read as that class by shape and by texture', () => {
    for (let c = 0; c < CLASSES; c++) {
      const image = new Float64Array(FEATURES);
      image.set(shapeMean(c, 1.5), 0);
      image.set(patterns.subarray(c * TEXTURE_PIXELS, (c + 1) * TEXTURE_PIXELS), SHAPE_PIXELS);
      expect(shapeClass(image)).toBe(c);
      expect(textureClass(image, patterns)).toBe(c);
    }
  });

  it('balanced labels; the texture predicts them almost always, the shape far less often', () => {
    const data = sampleShapeTexture(createRng(2), 800, patterns);
    const counts = new Array(CLASSES).fill(0);
    let byShape = 0;
    let byTexture = 0;
    for (let i = 0; i < data.n; i++) {
      counts[data.labels[i]]++;
      if (shapeClass(data.x, i * FEATURES) === data.labels[i]) byShape++;
      if (textureClass(data.x, patterns, i * FEATURES) === data.labels[i]) byTexture++;
    }
    expect(counts).toEqual([200, 200, 200, 200]);
    expect(byTexture / data.n).toBeGreaterThan(0.99);
    expect(byShape / data.n).toBeGreaterThan(0.7);
    expect(byShape / data.n).toBeLessThan(0.95);
  });

  it('texture share: the part of a perturbation’s squared norm outside the shape row', () => {
    const delta = new Float64Array(FEATURES);
    delta[0] = 3; // shape row
    delta[SHAPE_PIXELS] = 4; // texture
    expect(textureShare(delta)).toBeCloseTo(16 / 25, 12);
    expect(textureShare(new Float64Array(FEATURES))).toBe(0);
  });
});
