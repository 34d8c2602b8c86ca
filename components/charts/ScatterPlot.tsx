'use client';
/** Points in two classes on a plain SVG scatter plot (theme-aware, with a legend). */
import { useThemeColors } from './useThemeColors';

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

export function ScatterPlot({ x, y, cls, classNames, xLabel, yLabel, ariaLabel }: ScatterPlotProps) {
  const colors = useThemeColors();
  const W = 420;
  const H = 300;
  const pad = { l: 40, r: 10, t: 10, b: 40 };
  const finite = (v: number[]) => v.filter(Number.isFinite);
  const [x0, x1] = [Math.min(...finite(x)), Math.max(...finite(x))];
  const [y0, y1] = [Math.min(...finite(y)), Math.max(...finite(y))];
  const sx = (v: number) => pad.l + ((v - x0) / (x1 - x0 || 1)) * (W - pad.l - pad.r);
  const sy = (v: number) => H - pad.b - ((v - y0) / (y1 - y0 || 1)) * (H - pad.t - pad.b);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel} style={{ width: '100%', maxWidth: W }}>
      <rect x={pad.l} y={pad.t} width={W - pad.l - pad.r} height={H - pad.t - pad.b} fill="none" stroke={colors.rule} />
      {x.map((xi, i) =>
        Number.isFinite(xi) && Number.isFinite(y[i]) ? <circle key={i} cx={sx(xi)} cy={sy(y[i])} r={3} fill={colors.series[cls[i] % colors.series.length]} fillOpacity={0.6} /> : null,
      )}
      <text x={(W + pad.l) / 2} y={H - 22} textAnchor="middle" fontSize={12} fill={colors.muted}>
        {xLabel}
      </text>
      <text x={14} y={(H - pad.b) / 2} textAnchor="middle" fontSize={12} fill={colors.muted} transform={`rotate(-90 14 ${(H - pad.b) / 2})`}>
        {yLabel}
      </text>
      {classNames.map((name, c) => (
        <g key={name}>
          <circle cx={pad.l + 10 + c * 90} cy={H - 6} r={4} fill={colors.series[c]} />
          <text x={pad.l + 18 + c * 90} y={H - 2} fontSize={12} fill={colors.fg}>
            {name}
          </text>
        </g>
      ))}
    </svg>
  );
}
