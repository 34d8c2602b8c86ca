'use client';
/**
 * The held-out contrast pairs in the plane of the two planted directions: each dot is one
 * question's normalised difference phi~(x+) - phi~(x-), placed by its component along the truth
 * direction (x) and along the distractor direction (y), coloured by whether "Yes" is true.
 * Arrows show where CCS and the supervised probe point in that plane. Plain SVG.
 */
import { useThemeColors } from '@/components/charts/useThemeColors';

export interface PairPlaneProps {
  truth: number[];
  distractor: number[];
  label: number[];
  arrows: { name: string; direction: [number, number]; color: number; dashed?: boolean }[];
  ariaLabel: string;
}

const W = 380;
const H = 300;
const PAD = { l: 30, r: 12, t: 12, b: 50 };

export function PairPlane({ truth, distractor, label, arrows, ariaLabel }: PairPlaneProps) {
  const colors = useThemeColors();
  // One scale for both axes, so a direction's angle on screen is its angle in the plane.
  const extent = Math.max(1e-9, ...truth.map(Math.abs), ...distractor.map(Math.abs)) * 1.05;
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const half = Math.min(plotW, plotH) / 2;
  const cx = PAD.l + plotW / 2;
  const cy = PAD.t + plotH / 2;
  const sx = (v: number) => cx + (v / extent) * half;
  const sy = (v: number) => cy - (v / extent) * half;
  const pointColor = (l: number) => colors.series[l ? 2 : 3];
  return (
    <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={ariaLabel} style={{ width: '100%', maxWidth: W }}>
      <defs>
        {arrows.map((a, i) => (
          <marker key={a.name} id={`ccs-arrow-${i}`} viewBox="0 0 10 10" refX="8" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M0,0 L10,5 L0,10 z" fill={colors.series[a.color]} />
          </marker>
        ))}
      </defs>
      <rect x={cx - half} y={cy - half} width={2 * half} height={2 * half} fill="none" stroke={colors.rule} />
      <line x1={cx - half} x2={cx + half} y1={cy} y2={cy} stroke={colors.rule} strokeDasharray="3 3" />
      <line x1={cx} x2={cx} y1={cy - half} y2={cy + half} stroke={colors.rule} strokeDasharray="3 3" />
      {truth.map((t, i) => (
        <circle key={i} cx={sx(t)} cy={sy(distractor[i])} r={2.6} fill={pointColor(label[i])} fillOpacity={0.65} />
      ))}
      {arrows.map((a, i) => {
        const len = Math.hypot(a.direction[0], a.direction[1]);
        if (!(len > 0)) return null;
        // Drawn as a full line through the origin: the sign of a label-free direction means nothing.
        const ux = (a.direction[0] / len) * half * 0.92;
        const uy = (a.direction[1] / len) * half * 0.92;
        return (
          <line
            key={a.name}
            x1={cx - ux}
            y1={cy + uy}
            x2={cx + ux}
            y2={cy - uy}
            stroke={colors.series[a.color]}
            strokeWidth={2.5}
            strokeDasharray={a.dashed ? '6 4' : undefined}
            markerStart={`url(#ccs-arrow-${i})`}
            markerEnd={`url(#ccs-arrow-${i})`}
          />
        );
      })}
      <text x={cx} y={cy + half + 16} textAnchor="middle" fontSize={12} fill={colors.muted}>
        along the truth direction →
      </text>
      <text x={cx - half - 10} y={cy} textAnchor="middle" fontSize={12} fill={colors.muted} transform={`rotate(-90 ${cx - half - 10} ${cy})`}>
        along the distractor →
      </text>
      <g transform={`translate(${PAD.l}, ${H - 12})`} fontSize={12} fill={colors.fg}>
        <circle cx={4} cy={-4} r={4} fill={pointColor(1)} />
        <text x={12} y={0}>
          Yes is true
        </text>
        <circle cx={90} cy={-4} r={4} fill={pointColor(0)} />
        <text x={98} y={0}>
          No is true
        </text>
        {arrows.map((a, i) => (
          <g key={a.name} transform={`translate(${178 + i * 58}, 0)`}>
            <line x1={0} x2={16} y1={-4} y2={-4} stroke={colors.series[a.color]} strokeWidth={2.5} strokeDasharray={a.dashed ? '4 3' : undefined} />
            <text x={20} y={0}>
              {a.name}
            </text>
          </g>
        ))}
      </g>
    </svg>
  );
}
