'use client';
/**
 * A matrix drawn on a canvas with a diverging colour scale (negative blue, positive
 * orange, zero the background), labelled rows and columns, and the values as a table for
 * screen readers. Used for correlation matrices, kernels and impurity matrices.
 */
import { useEffect, useRef } from 'react';
import { useThemeColors } from './useThemeColors';

export interface HeatmapProps {
  values: number[][];
  rowLabels?: string[];
  colLabels?: string[];
  /** Value range mapped to full colour; default symmetric around 0 by the max |value|. */
  range?: [number, number];
  title: string;
  cellSize?: number;
  showValues?: boolean;
}

function mix(a: [number, number, number], b: [number, number, number], t: number): string {
  const c = a.map((v, i) => Math.round(v + (b[i] - v) * t));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

export function Heatmap({ values, rowLabels, colLabels, range, title, cellSize = 28, showValues = true }: HeatmapProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const colors = useThemeColors();
  const rows = values.length;
  const cols = values[0]?.length ?? 0;
  const maxAbs = Math.max(1e-9, ...values.flat().filter(Number.isFinite).map(Math.abs));
  const [lo, hi] = range ?? [-maxAbs, maxAbs];

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = cols * cellSize * dpr;
    canvas.height = rows * cellSize * dpr;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.scale(dpr, dpr);
    const base: [number, number, number] = colors.dark ? [30, 33, 39] : [250, 249, 246];
    const neg: [number, number, number] = colors.dark ? [110, 162, 255] : [31, 95, 191];
    const pos: [number, number, number] = colors.dark ? [240, 160, 80] : [217, 115, 13];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const v = values[r][c];
        let fill = colors.dark ? '#555' : '#bbb';
        if (Number.isFinite(v)) {
          const mid = lo < 0 && hi > 0 ? 0 : lo;
          const t = v >= mid ? Math.min(1, (v - mid) / (hi - mid || 1)) : Math.min(1, (mid - v) / (mid - lo || 1));
          fill = mix(base, v >= mid ? pos : neg, t);
        }
        ctx.fillStyle = fill;
        ctx.fillRect(c * cellSize, r * cellSize, cellSize - 1, cellSize - 1);
        if (showValues && cellSize >= 24 && Number.isFinite(v)) {
          ctx.fillStyle = colors.fg;
          ctx.font = `${Math.round(cellSize * 0.36)}px system-ui, sans-serif`;
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.fillText(Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(2).replace(/^(-?)0\./, '$1.'), c * cellSize + cellSize / 2, r * cellSize + cellSize / 2);
        }
      }
    }
  }, [values, rows, cols, cellSize, lo, hi, colors, showValues]);

  return (
    <figure className="heatmap">
      <figcaption className="heatmap-title">{title}</figcaption>
      <div className="heatmap-body">
        {colLabels ? (
          <div className="heatmap-cols" style={{ marginLeft: rowLabels ? '4.5rem' : 0, gridTemplateColumns: `repeat(${cols}, ${cellSize}px)` }} aria-hidden="true">
            {colLabels.map((l) => (
              <span key={l}>{l}</span>
            ))}
          </div>
        ) : null}
        <div className="heatmap-row">
          {rowLabels ? (
            <div className="heatmap-rows" style={{ gridTemplateRows: `repeat(${rows}, ${cellSize}px)` }} aria-hidden="true">
              {rowLabels.map((l) => (
                <span key={l}>{l}</span>
              ))}
            </div>
          ) : null}
          <canvas ref={ref} style={{ width: cols * cellSize, height: rows * cellSize }} aria-hidden="true" />
        </div>
      </div>
      <div className="heatmap-scale" aria-hidden="true">
        <span>{lo.toFixed(lo === Math.round(lo) ? 0 : 2)}</span>
        <span
          className="heatmap-scale-bar"
          style={{
            background:
              lo < 0 && hi > 0
                ? `linear-gradient(to right, ${colors.dark ? '#6ea2ff' : '#1f5fbf'}, ${colors.dark ? '#1e2127' : '#faf9f6'}, ${colors.dark ? '#f0a050' : '#d9730d'})`
                : `linear-gradient(to right, ${colors.dark ? '#1e2127' : '#faf9f6'}, ${colors.dark ? '#f0a050' : '#d9730d'})`,
          }}
        />
        <span>{hi.toFixed(hi === Math.round(hi) ? 0 : 2)}</span>
      </div>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {values.map((row, r) => (
            <tr key={r}>
              <th scope="row">{rowLabels?.[r] ?? r + 1}</th>
              {row.map((v, c) => (
                <td key={c}>{Number.isFinite(v) ? v.toFixed(3) : 'n/a'}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
