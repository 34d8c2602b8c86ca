'use client';
/** Values as dots in columns by group (e.g. a score per run, grouped by setting). Plain SVG. */
import { useThemeColors } from './useThemeColors';

export function DotPlot({ groups, points, valueLabel, ariaLabel }: { groups: string[]; points: { group: string; value: number }[]; valueLabel: string; ariaLabel: string }) {
  const colors = useThemeColors();
  const W = 560;
  const H = 200;
  const pad = { l: 44, r: 10, t: 10, b: 34 };
  const values = points.map((p) => p.value).filter(Number.isFinite);
  const max = Math.max(0.05, ...values) * 1.1;
  const x = (g: number) => pad.l + ((g + 0.5) * (W - pad.l - pad.r)) / Math.max(1, groups.length);
  const y = (v: number) => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const ticks = [0, max / 2, max];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="dot-plot" role="img" aria-label={ariaLabel} style={{ width: '100%', maxWidth: W }}>
      {ticks.map((t) => (
        <g key={t}>
          <line x1={pad.l} x2={W - pad.r} y1={y(t)} y2={y(t)} stroke={colors.rule} strokeDasharray="3 3" />
          <text x={pad.l - 6} y={y(t) + 4} textAnchor="end" fontSize={11} fill={colors.muted}>
            {t.toFixed(2)}
          </text>
        </g>
      ))}
      <text x={12} y={H / 2} fontSize={11} fill={colors.muted} transform={`rotate(-90 12 ${H / 2})`} textAnchor="middle">
        {valueLabel}
      </text>
      {groups.map((g, gi) => (
        <text key={g} x={x(gi)} y={H - 12} textAnchor="middle" fontSize={12} fill={colors.fg}>
          {g}
        </text>
      ))}
      {points.map((p, i) => {
        const gi = groups.indexOf(p.group);
        if (gi < 0 || !Number.isFinite(p.value)) return null;
        const jitter = ((i * 7) % 9) - 4;
        return <circle key={i} cx={x(gi) + jitter * 5} cy={y(p.value)} r={5} fill={colors.series[gi % colors.series.length]} fillOpacity={0.85} />;
      })}
    </svg>
  );
}
