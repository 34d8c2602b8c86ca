'use client';
/**
 * One small attribution map (or image) as an SVG of side x side squares, darker where the value is
 * larger, with the trigger's outline drawn on top so the reader can see whether the map lands on it.
 */

export interface MapTileProps {
  side: number;
  values: number[];
  /** 0/1 per pixel: the trigger, outlined. */
  trigger: number[];
  /** Accessible description of the map. */
  label: string;
  /** Colour of the squares (a CSS colour; theme variables work). */
  color?: string;
  /** Value that maps to full colour; default the map's own maximum. */
  max?: number;
  size?: number;
}

/** The outline of the masked region as one path: an edge wherever a masked pixel meets an unmasked one. */
function outlinePath(side: number, mask: number[]): string {
  const on = (r: number, c: number) => r >= 0 && c >= 0 && r < side && c < side && Boolean(mask[r * side + c]);
  let d = '';
  for (let r = 0; r < side; r++)
    for (let c = 0; c < side; c++) {
      if (!on(r, c)) continue;
      if (!on(r - 1, c)) d += `M${c} ${r}h1`;
      if (!on(r + 1, c)) d += `M${c} ${r + 1}h1`;
      if (!on(r, c - 1)) d += `M${c} ${r}v1`;
      if (!on(r, c + 1)) d += `M${c + 1} ${r}v1`;
    }
  return d;
}

export function MapTile({ side, values, trigger, label, color = 'var(--fig-accent)', max, size = 84 }: MapTileProps) {
  const top = max ?? Math.max(1e-12, ...values.map(Math.abs));
  return (
    <svg width={size} height={size} viewBox={`-0.1 -0.1 ${side + 0.2} ${side + 0.2}`} role="img" aria-label={label} style={{ display: 'block' }}>
      <rect x={0} y={0} width={side} height={side} fill="var(--fig-bg)" stroke="var(--fig-muted)" strokeWidth={0.04} />
      {values.map((v, p) => {
        const opacity = Math.min(1, Math.abs(v) / top);
        if (opacity < 0.02) return null;
        return <rect key={p} x={p % side} y={Math.floor(p / side)} width={1.02} height={1.02} fill={color} fillOpacity={opacity} />;
      })}
      <path d={outlinePath(side, trigger)} stroke="var(--fig-accent-2)" strokeWidth={0.18} strokeLinecap="square" fill="none" />
    </svg>
  );
}
