/**
 * Scales and ticks for the canvas charts: pure functions, unit-tested. Linear axes get "nice"
 * ticks (1, 2 or 5 times a power of ten); log axes get powers of ten, with 2 and 5 between
 * them when the range spans fewer than three decades.
 */
export interface Scale {
  domain: [number, number];
  ticks: number[];
  /** Maps a data value to [0, 1] along the axis. */
  unit(v: number): number;
}

export function niceStep(span: number, targetTicks: number): number {
  const raw = span / Math.max(1, targetTicks);
  const power = 10 ** Math.floor(Math.log10(raw));
  const r = raw / power;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * power;
}

export function linearScale(min: number, max: number, targetTicks = 5, fixedDomain = false): Scale {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return linearScale(0, 1, targetTicks);
  if (min === max) return linearScale(min - (Math.abs(min) || 1) / 2, max + (Math.abs(max) || 1) / 2, targetTicks, fixedDomain);
  const step = niceStep(max - min, targetTicks);
  const lo = fixedDomain ? min : Math.floor(min / step) * step;
  const hi = fixedDomain ? max : Math.ceil(max / step) * step;
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step) * step; t <= hi + step * 1e-9; t += step) ticks.push(Number(t.toPrecision(12)));
  return { domain: [lo, hi], ticks, unit: (v) => (v - lo) / (hi - lo) };
}

export function logScale(min: number, max: number): Scale {
  if (!(min > 0 && max > 0 && Number.isFinite(min) && Number.isFinite(max))) return logScale(0.1, 1);
  const lo = Math.floor(Math.log10(min));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(max)));
  const decades = hi - lo;
  // Every power of ten up to 6 decades, every other one beyond; 2 and 5 between them for short ranges.
  const every = decades > 6 ? 2 : 1;
  const ticks: number[] = [];
  for (let e = lo; e <= hi; e += every) {
    ticks.push(10 ** e);
    if (decades < 3 && e < hi) ticks.push(2 * 10 ** e, 5 * 10 ** e);
  }
  return { domain: [10 ** lo, 10 ** hi], ticks: ticks.map((t) => Number(t.toPrecision(12))), unit: (v) => (Math.log10(v) - lo) / decades };
}

/** Short tick labels: 1.2k, 3M, 0.05, 1e-4. */
export function formatTick(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 0.01 && v !== 0) return v.toExponential(0);
  return Number(v.toPrecision(3)).toString();
}
