import { describe, expect, it } from 'vitest';
import { createRng } from '@/lib/core/rng';
import {
  LABEL_RULE_TEXT,
  SHAPE_CONCEPTS,
  SHAPE_PIXELS,
  SHAPE_SIZE,
  drawCorrelatedConcepts,
  makeConceptShapes,
  renderShape,
  shapeLabelFromConcepts,
} from '@/lib/data/concept-shapes';
import { conceptsExcept, labelledConceptMatrix, withLabelledConcepts } from '@/lib/data/concept-dataset';
import { DIGIT_PIXELS, DIGIT_SIDE, makeDigits, renderDigit } from '@/lib/data/concept-digits';

const idx = (name: string) => SHAPE_CONCEPTS.indexOf(name as (typeof SHAPE_CONCEPTS)[number]);
const conceptsFrom = (on: string[]) => SHAPE_CONCEPTS.map((c) => (on.includes(c) ? 1 : 0));
const render = (on: string[], seed = 1) => {
  const out = new Float32Array(SHAPE_PIXELS);
  renderShape(conceptsFrom(on), createRng(seed), out);
  return out;
};
const px = (img: Float32Array, x: number, y: number) => img[y * SHAPE_SIZE + x];
const inkCount = (img: Float32Array, predicate: (x: number, y: number) => boolean, level: number) => {
  let n = 0;
  for (let y = 0; y < SHAPE_SIZE; y++) for (let x = 0; x < SHAPE_SIZE; x++) if (predicate(x, y) && Math.abs(px(img, x, y) - level) < 1e-6) n++;
  return n;
};

describe('concept shapes: the label rule', () => {
  it('bold = 2 of {square, large, filled}; placed = 2 of {right, bottom, framed}; label = 2 bold + placed', () => {
    expect(shapeLabelFromConcepts(conceptsFrom([]))).toBe(0);
    expect(shapeLabelFromConcepts(conceptsFrom(['square', 'large']))).toBe(2);
    expect(shapeLabelFromConcepts(conceptsFrom(['square', 'right']))).toBe(0);
    expect(shapeLabelFromConcepts(conceptsFrom(['right', 'framed']))).toBe(1);
    expect(shapeLabelFromConcepts(conceptsFrom(['square', 'large', 'filled', 'right', 'bottom', 'framed']))).toBe(3);
    // Distractors never change the label.
    expect(shapeLabelFromConcepts(conceptsFrom(['bright', 'striped']))).toBe(0);
    expect(shapeLabelFromConcepts(conceptsFrom(['filled', 'large', 'bright', 'striped']))).toBe(2);
    expect(LABEL_RULE_TEXT).toMatch(/at least two of \{square, large, filled\}/);
  });

  it('every generated label (without noise) follows the rule from the generated concepts', () => {
    const data = makeConceptShapes(createRng(3), { n: 500 });
    const K = SHAPE_CONCEPTS.length;
    for (let i = 0; i < data.n; i++) {
      expect(data.labels[i]).toBe(shapeLabelFromConcepts(data.concepts.subarray(i * K, (i + 1) * K)));
      expect(data.cleanLabels[i]).toBe(data.labels[i]);
    }
  });
});

describe('concept shapes: images show their concepts', () => {
  it('frame and stripes draw where they should', () => {
    const framed = render(['framed']);
    expect(px(framed, 0, 0)).toBeCloseTo(0.7);
    expect(px(framed, 15, 7)).toBeCloseTo(0.7);
    expect(px(render([]), 0, 0)).toBe(0);
    const striped = render(['striped']);
    expect(inkCount(striped, (x, y) => y % 2 === 1 && x > 0 && x < 15, 0.3)).toBeGreaterThan(80);
    expect(inkCount(render([]), () => true, 0.3)).toBe(0);
  });

  it('position, size, brightness, fill and shape change the drawn pixels as named', () => {
    const rightBottom = render(['right', 'bottom', 'bright']);
    expect(inkCount(rightBottom, (x, y) => x >= 8 && y >= 8, 1)).toBeGreaterThan(0);
    expect(inkCount(rightBottom, (x, y) => x < 8 || y < 8, 1)).toBe(0);
    const leftTop = render(['bright']);
    expect(inkCount(leftTop, (x, y) => x < 8 && y < 8, 1)).toBeGreaterThan(0);
    expect(inkCount(leftTop, (x, y) => x >= 8 || y >= 8, 1)).toBe(0);

    const count = (on: string[]) => inkCount(render(on), () => true, on.includes('bright') ? 1 : 0.5);
    // Filled square: 5x5 = 25 (small) vs 7x7 = 49 (large). Outline of the small square: 16.
    expect(count(['square', 'filled'])).toBe(25);
    expect(count(['square', 'filled', 'large'])).toBe(49);
    expect(count(['square'])).toBe(16);
    expect(count(['square', 'filled', 'bright'])).toBe(25);
    // A triangle has fewer pixels than the square of the same size.
    expect(count(['filled'])).toBeLessThan(25);
    expect(count(['filled', 'large'])).toBeLessThan(49);
  });
});

describe('concept shapes: determinism and knobs', () => {
  it('the same seed gives the same data; another seed does not', () => {
    const a = makeConceptShapes(createRng(7), { n: 50 });
    const b = makeConceptShapes(createRng(7), { n: 50 });
    const c = makeConceptShapes(createRng(8), { n: 50 });
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(Array.from(a.inputs)).not.toEqual(Array.from(c.inputs));
  });

  it('unlabelled concepts keep their ground truth but leave the labelled list', () => {
    const data = makeConceptShapes(createRng(1), { n: 100, unlabelled: ['framed', 'filled'] });
    expect(data.labelledConcepts).toEqual(SHAPE_CONCEPTS.map((_, i) => i).filter((i) => i !== idx('framed') && i !== idx('filled')));
    expect(data.concepts.length).toBe(100 * SHAPE_CONCEPTS.length);
    const m = labelledConceptMatrix(data);
    expect(m.length).toBe(100 * 6);
    // The same images as without the knob: withholding annotations changes nothing else.
    const full = makeConceptShapes(createRng(1), { n: 100 });
    expect(Array.from(full.inputs)).toEqual(Array.from(data.inputs));
    const viaHelper = withLabelledConcepts(full, conceptsExcept(full, ['framed', 'filled']));
    expect(Array.from(labelledConceptMatrix(viaHelper))).toEqual(Array.from(m));
  });

  it('label noise flips about that fraction of labels, always to another class', () => {
    const data = makeConceptShapes(createRng(2), { n: 4000, labelNoise: 0.2, pixelNoise: 0 });
    let flipped = 0;
    for (let i = 0; i < data.n; i++) if (data.labels[i] !== data.cleanLabels[i]) flipped++;
    expect(flipped / data.n).toBeGreaterThan(0.17);
    expect(flipped / data.n).toBeLessThan(0.23);
    const clean = makeConceptShapes(createRng(2), { n: 4000, labelNoise: 0, pixelNoise: 0 });
    expect(Array.from(clean.cleanLabels)).toEqual(Array.from(data.cleanLabels));
    expect(Array.from(clean.inputs)).toEqual(Array.from(data.inputs));
  });

  it('correlation makes concepts co-occur; zero correlation keeps them independent fair coins', () => {
    const corr = (rho: number) => {
      const c = drawCorrelatedConcepts(createRng(4), 5000, 2, rho);
      let a = 0;
      let b = 0;
      let ab = 0;
      for (let i = 0; i < 5000; i++) {
        a += c[2 * i];
        b += c[2 * i + 1];
        ab += c[2 * i] * c[2 * i + 1];
      }
      const pa = a / 5000;
      const pb = b / 5000;
      return { pa, pb, cov: ab / 5000 - pa * pb };
    };
    const independent = corr(0);
    expect(independent.pa).toBeGreaterThan(0.47);
    expect(independent.pa).toBeLessThan(0.53);
    expect(Math.abs(independent.cov)).toBeLessThan(0.015);
    // For rho = 0.8 the latent correlation gives P(both) = 1/4 + asin(0.8) / (2 pi) ~ 0.398.
    expect(corr(0.8).cov).toBeGreaterThan(0.12);
  });

  it('pixel noise 0 gives the clean drawing; noise stays clipped to [0, 1]', () => {
    const clean = makeConceptShapes(createRng(5), { n: 20, pixelNoise: 0 });
    const values = new Set(Array.from(clean.inputs, (v) => Math.round(v * 100) / 100));
    for (const v of values) expect([0, 0.3, 0.5, 0.7, 1]).toContain(v);
    const noisy = makeConceptShapes(createRng(5), { n: 20, pixelNoise: 0.5 });
    expect(Math.min(...noisy.inputs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...noisy.inputs)).toBeLessThanOrEqual(1);
    expect(new Set(noisy.inputs).size).toBeGreaterThan(100);
  });
});

describe('seven-segment digits', () => {
  it('draw the right segments: an 8 lights more pixels than a 1, noise-free', () => {
    const lit = (d: number) => {
      const out = new Float32Array(DIGIT_PIXELS);
      renderDigit(d, createRng(1), out, 0, 0);
      return out.filter((v) => v > 0).length;
    };
    expect(lit(8)).toBeGreaterThan(lit(0));
    expect(lit(0)).toBeGreaterThan(lit(7));
    expect(lit(7)).toBeGreaterThan(lit(1));
    expect(lit(1)).toBe(6);
    expect(DIGIT_SIDE * DIGIT_SIDE).toBe(DIGIT_PIXELS);
  });

  it('are deterministic per seed and only use the requested digits', () => {
    const a = makeDigits(createRng(9), { n: 300, digits: [0, 1, 2, 3, 6, 7, 8, 9] });
    const b = makeDigits(createRng(9), { n: 300, digits: [0, 1, 2, 3, 6, 7, 8, 9] });
    expect(Array.from(a.inputs)).toEqual(Array.from(b.inputs));
    expect(a.digits.every((d) => d !== 4 && d !== 5)).toBe(true);
    expect(new Set(a.digits).size).toBe(8);
    expect(Math.min(...a.inputs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...a.inputs)).toBeLessThanOrEqual(1);
  });
});
