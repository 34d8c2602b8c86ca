'use client';
/**
 * Line chart drawn on a canvas: several named series over a numeric x axis, optional log-scale
 * y, optional scatter points. Non-finite values (and non-positive ones on a log axis) break the
 * line instead of being drawn as 0.
 *
 * Canvas, not SVG: these charts redraw several times a second while a demo trains, and an
 * SVG chart library spent up to 1.9 s of main-thread time per redraw (Long Animation Frames,
 * NTK demo); a canvas redraw of a few thousand points takes a millisecond or two. The legend is
 * HTML (readable, zoomable); the chart as a whole is one image with a text description.
 */
import { useEffect, useRef, useState } from 'react';
import { useThemeColors, type ThemeColors } from './useThemeColors';
import { formatTick, linearScale, logScale, type Scale } from './chart-scale';

export interface Series {
  name: string;
  x: number[];
  y: number[];
  /** Index into the theme's series palette (defaults to the series' position). */
  color?: number;
  dashed?: boolean;
  width?: number;
}

export interface LineChartProps {
  series: Series[];
  points?: { name: string; x: number[]; y: number[] };
  xLabel: string;
  yLabel: string;
  logY?: boolean;
  yDomain?: [number, number];
  height?: number;
  /** Screen-reader summary of what the chart shows. */
  ariaLabel: string;
}

const MARGIN = { top: 10, right: 14, bottom: 40, left: 56 };
const DASH = [5, 4];

export function LineChart({ series, points, xLabel, yLabel, logY, yDomain, height = 190, ariaLabel }: LineChartProps) {
  const colors = useThemeColors();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const width = useWidth(canvasRef);
  const colorOf = (s: Series, i: number) => colors.series[(s.color ?? i) % colors.series.length];

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || width === 0) return;
    draw(canvas, width, height, { series, points, xLabel, yLabel, logY, yDomain }, colors, colorOf);
  });

  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((s, i) => (
          <li key={`${s.name}-${i}`}>
            <span className={`chart-swatch${s.dashed ? ' chart-swatch-dashed' : ''}`} style={{ borderColor: colorOf(s, i) }} />
            {s.name}
          </li>
        ))}
        {points ? (
          <li>
            <span className="chart-dot" style={{ background: colors.fg }} />
            {points.name}
          </li>
        ) : null}
      </ul>
      <canvas ref={canvasRef} className="chart-canvas" style={{ height }} aria-hidden="true" />
    </div>
  );
}

/** The canvas's CSS width, followed as the layout changes. */
function useWidth(ref: React.RefObject<HTMLCanvasElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

type DrawInput = Pick<LineChartProps, 'series' | 'points' | 'xLabel' | 'yLabel' | 'logY' | 'yDomain'>;

function draw(canvas: HTMLCanvasElement, width: number, height: number, input: DrawInput, colors: ThemeColors, colorOf: (s: Series, i: number) => string) {
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.round(width * ratio);
  canvas.height = Math.round(height * ratio);
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, width, height);

  const { series, points, logY } = input;
  const usable = (y: number) => Number.isFinite(y) && (!logY || y > 0);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of series) s.x.forEach((x, i) => Number.isFinite(x) && usable(s.y[i]) && (xs.push(x), ys.push(s.y[i])));
  if (points) points.x.forEach((x, i) => Number.isFinite(x) && usable(points.y[i]) && (xs.push(x), ys.push(points.y[i])));
  const plotW = Math.max(10, width - MARGIN.left - MARGIN.right);
  const plotH = Math.max(10, height - MARGIN.top - MARGIN.bottom);
  const xScale = linearScale(Math.min(...xs), Math.max(...xs), Math.max(2, Math.round(plotW / 90)), true);
  const yScale: Scale = input.yDomain
    ? linearScale(input.yDomain[0], input.yDomain[1], 4, true)
    : logY
      ? logScale(Math.min(...ys), Math.max(...ys))
      : linearScale(Math.min(...ys), Math.max(...ys), 4);
  const px = (x: number) => MARGIN.left + xScale.unit(x) * plotW;
  const py = (y: number) => MARGIN.top + (1 - yScale.unit(y)) * plotH;

  // Grid, ticks and labels.
  ctx.font = '12px system-ui, sans-serif';
  ctx.lineWidth = 1;
  ctx.strokeStyle = colors.rule;
  ctx.fillStyle = colors.muted;
  ctx.setLineDash([3, 3]);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of yScale.ticks) {
    const y = Math.round(py(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(MARGIN.left, y);
    ctx.lineTo(MARGIN.left + plotW, y);
    ctx.stroke();
    ctx.fillText(formatTick(t), MARGIN.left - 6, y);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of xScale.ticks) {
    const x = Math.round(px(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(x, MARGIN.top);
    ctx.lineTo(x, MARGIN.top + plotH);
    ctx.stroke();
    ctx.fillText(formatTick(t), x, MARGIN.top + plotH + 5);
  }
  ctx.setLineDash([]);
  ctx.strokeStyle = colors.muted;
  ctx.beginPath();
  ctx.moveTo(MARGIN.left + 0.5, MARGIN.top);
  ctx.lineTo(MARGIN.left + 0.5, MARGIN.top + plotH + 0.5);
  ctx.lineTo(MARGIN.left + plotW, MARGIN.top + plotH + 0.5);
  ctx.stroke();
  ctx.fillText(input.xLabel, MARGIN.left + plotW / 2, height - 16);
  ctx.save();
  ctx.translate(12, MARGIN.top + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(input.yLabel, 0, 0);
  ctx.restore();

  // Series, clipped to the plot (a fixed y domain may cut values off).
  ctx.save();
  ctx.beginPath();
  ctx.rect(MARGIN.left, MARGIN.top - 2, plotW, plotH + 4);
  ctx.clip();
  ctx.lineJoin = 'round';
  series.forEach((s, i) => {
    ctx.strokeStyle = colorOf(s, i);
    ctx.lineWidth = s.width ?? 2;
    ctx.setLineDash(s.dashed ? DASH : []);
    ctx.beginPath();
    let pen = false;
    let drawnPoints = 0;
    let lone: [number, number] | null = null;
    const order = s.x.map((_, k) => k).sort((a, b) => s.x[a] - s.x[b]);
    for (const k of order) {
      const x = s.x[k];
      const y = s.y[k];
      if (!Number.isFinite(x) || !usable(y)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px(x), py(y));
      else ctx.moveTo(px(x), py(y));
      pen = true;
      drawnPoints++;
      lone = [px(x), py(y)];
    }
    ctx.stroke();
    // A series with a single point so far (the first log line of a model that just started) is a
    // dot: a one-point path strokes nothing, and the chart would look empty.
    if (drawnPoints === 1 && lone) {
      ctx.fillStyle = ctx.strokeStyle;
      ctx.beginPath();
      ctx.arc(lone[0], lone[1], Math.max(2, (s.width ?? 2) + 0.5), 0, Math.PI * 2);
      ctx.fill();
    }
  });
  if (points) {
    ctx.fillStyle = colors.fg;
    points.x.forEach((x, k) => {
      if (!Number.isFinite(x) || !usable(points.y[k])) return;
      ctx.beginPath();
      ctx.arc(px(x), py(points.y[k]), 3.5, 0, Math.PI * 2);
      ctx.fill();
    });
  }
  ctx.restore();
}
