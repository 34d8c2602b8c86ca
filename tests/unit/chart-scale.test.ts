import { describe, expect, it } from 'vitest';
import { formatTick, linearScale, logScale, niceStep } from '@/components/charts/chart-scale';

describe('chart scales', () => {
  it('linear axes get nice steps and cover the data', () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(0.9, 4)).toBe(0.5);
    const s = linearScale(0.13, 0.87, 4);
    expect(s.domain).toEqual([0, 1]);
    expect(s.ticks).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(s.unit(0.5)).toBeCloseTo(0.5, 12);
  });

  it('a fixed domain is kept as given, with ticks inside it', () => {
    const s = linearScale(-2, 2, 4, true);
    expect(s.domain).toEqual([-2, 2]);
    expect(s.ticks).toEqual([-2, -1, 0, 1, 2]);
  });

  it('a flat series still gets a usable axis', () => {
    const s = linearScale(3, 3);
    expect(s.domain[0]).toBeLessThan(3);
    expect(s.domain[1]).toBeGreaterThan(3);
  });

  it('log axes span whole decades, with 2 and 5 between powers for short ranges', () => {
    const s = logScale(0.03, 0.4);
    expect(s.domain).toEqual([0.01, 1]);
    expect(s.ticks).toEqual([0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1]);
    expect(s.unit(0.1)).toBeCloseTo(0.5, 12);
    expect(logScale(1e-5, 1e4).ticks.length).toBeLessThanOrEqual(6);
  });

  it('invalid ranges fall back instead of producing NaN positions', () => {
    expect(Number.isFinite(logScale(-1, 0).unit(0.5))).toBe(true);
    expect(Number.isFinite(linearScale(NaN, Infinity).unit(0.5))).toBe(true);
  });

  it('tick labels are short', () => {
    expect(formatTick(1500)).toBe('1.5k');
    expect(formatTick(2_000_000)).toBe('2M');
    expect(formatTick(0.25)).toBe('0.25');
    expect(formatTick(0.0001)).toBe('1e-4');
  });
});
