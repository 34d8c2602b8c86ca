'use client';
/**
 * Points in two or more classes on a canvas scatter plot (theme-aware, HTML legend). Canvas,
 * like LineChart: hundreds of points redrawn while a demo trains would otherwise be hundreds
 * of SVG elements for React to reconcile on every update.
 */
import { useEffect, useRef } from 'react';
import { useThemeColors } from './useThemeColors';
import { formatTick, linearScale } from './chart-scale';

export interface ScatterPlotProps {
  x: number[];
  y: number[];
  /** Class index per point (0 or 1...), coloured from the series palette. */
  cls: number[];
  classNames: string[];
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
}

const W = 420;
const H = 280;
const PAD = { l: 48, r: 10, t: 10, b: 38 };

export function ScatterPlot({ x, y, cls, classNames, xLabel, yLabel, ariaLabel }: ScatterPlotProps) {
  const colors = useThemeColors();
  const ref = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    canvas.width = W * ratio;
    canvas.height = H * ratio;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, W, H);
    const finite = (v: number[]) => v.filter(Number.isFinite);
    const xs = linearScale(Math.min(...finite(x)), Math.max(...finite(x)), 4);
    const ys = linearScale(Math.min(...finite(y)), Math.max(...finite(y)), 4);
    const plotW = W - PAD.l - PAD.r;
    const plotH = H - PAD.t - PAD.b;
    const px = (v: number) => PAD.l + xs.unit(v) * plotW;
    const py = (v: number) => PAD.t + (1 - ys.unit(v)) * plotH;
    ctx.font = '12px system-ui, sans-serif';
    ctx.strokeStyle = colors.rule;
    ctx.fillStyle = colors.muted;
    ctx.strokeRect(PAD.l + 0.5, PAD.t + 0.5, plotW, plotH);
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    for (const t of ys.ticks) ctx.fillText(formatTick(t), PAD.l - 6, py(t));
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (const t of xs.ticks) ctx.fillText(formatTick(t), px(t), PAD.t + plotH + 5);
    ctx.fillText(xLabel, PAD.l + plotW / 2, H - 16);
    ctx.save();
    ctx.translate(12, PAD.t + plotH / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textBaseline = 'middle';
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
    ctx.globalAlpha = 0.6;
    x.forEach((xi, i) => {
      if (!Number.isFinite(xi) || !Number.isFinite(y[i])) return;
      ctx.fillStyle = colors.series[cls[i] % colors.series.length];
      ctx.beginPath();
      ctx.arc(px(xi), py(y[i]), 3, 0, Math.PI * 2);
      ctx.fill();
    });
    ctx.globalAlpha = 1;
  });

  return (
    <div className="chart" role="img" aria-label={ariaLabel} style={{ maxWidth: W }}>
      <ul className="chart-legend" aria-hidden="true">
        {classNames.map((name, c) => (
          <li key={name}>
            <span className="chart-dot" style={{ background: colors.series[c % colors.series.length] }} />
            {name}
          </li>
        ))}
      </ul>
      <canvas ref={ref} className="chart-canvas" style={{ height: 'auto', aspectRatio: `${W} / ${H}` }} aria-hidden="true" />
    </div>
  );
}
