'use client';
/**
 * Live line chart on Recharts: several named series over a shared numeric x axis, optional
 * log-scale y, optional scatter points (data). Non-finite values are dropped, not drawn as 0.
 */
import { CartesianGrid, Legend, Line, LineChart as RLineChart, ResponsiveContainer, Scatter, ComposedChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useThemeColors } from './useThemeColors';

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

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${Number((v / 1e6).toPrecision(3))}M`;
  if (a >= 1e3) return `${Number((v / 1e3).toPrecision(3))}k`;
  if (a < 0.01 && v !== 0) return v.toExponential(0);
  return Number(v.toPrecision(3)).toString();
}

export function LineChart({ series, points, xLabel, yLabel, logY, yDomain, height, ariaLabel }: LineChartProps) {
  // The legend wraps onto more rows as series are added: grow the chart so the plot keeps its size.
  const legendRows = Math.ceil((series.length + (points ? 1 : 0)) / 2);
  const chartHeight = height ?? 190 + 22 * legendRows;
  const colors = useThemeColors();
  // Recharts wants rows keyed by x; series may sample different x values, so merge them.
  const rows = new Map<number, Record<string, number>>();
  series.forEach((s, si) => {
    s.x.forEach((x, i) => {
      const y = s.y[i];
      if (!Number.isFinite(y) || (logY && y <= 0)) return;
      const row = rows.get(x) ?? { x };
      row[`s${si}`] = y;
      rows.set(x, row);
    });
  });
  if (points) {
    points.x.forEach((x, i) => {
      const row = rows.get(x) ?? { x };
      row.points = points.y[i];
      rows.set(x, row);
    });
  }
  const data = [...rows.values()].sort((a, b) => a.x - b.x);
  const Chart = points ? ComposedChart : RLineChart;
  return (
    <div className="chart" role="img" aria-label={ariaLabel}>
      <ResponsiveContainer width="100%" height={chartHeight}>
        <Chart data={data} margin={{ top: 8, right: 16, bottom: 22, left: 4 }}>
          <CartesianGrid stroke={colors.rule} strokeDasharray="3 3" />
          <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} tickFormatter={fmt} stroke={colors.muted} tick={{ fill: colors.muted, fontSize: 12 }} height={36} label={{ value: xLabel, position: 'insideBottom', offset: -14, fill: colors.muted, fontSize: 12 }} />
          <YAxis
            type="number"
            scale={logY ? 'log' : 'linear'}
            domain={yDomain ?? (logY ? ['auto', 'auto'] : ['auto', 'auto'])}
            allowDataOverflow={Boolean(yDomain)}
            tickFormatter={fmt}
            stroke={colors.muted}
            tick={{ fill: colors.muted, fontSize: 12 }}
            width={52}
            label={{ value: yLabel, angle: -90, position: 'insideLeft', fill: colors.muted, fontSize: 12, dy: 40 }}
          />
          <Tooltip formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))} labelFormatter={(x) => `${xLabel} ${fmt(Number(x))}`} contentStyle={{ background: colors.bg, borderColor: colors.rule, color: colors.fg, fontSize: 12 }} />
          <Legend verticalAlign="top" itemSorter={null} wrapperStyle={{ fontSize: 12, color: colors.fg, paddingBottom: 6 }} />
          {series.map((s, si) => (
            <Line key={s.name} name={s.name} dataKey={`s${si}`} type="monotone" dot={false} isAnimationActive={false} connectNulls stroke={colors.series[(s.color ?? si) % colors.series.length]} strokeWidth={s.width ?? 2} strokeDasharray={s.dashed ? '5 4' : undefined} />
          ))}
          {points ? <Scatter name={points.name} dataKey="points" fill={colors.fg} isAnimationActive={false} /> : null}
        </Chart>
      </ResponsiveContainer>
    </div>
  );
}
