'use client';
/**
 * Small grayscale images (values in [0, 1], row-major) drawn as a grid on one canvas,
 * pixel-crisp, with optional row labels. Used for dataset samples, reconstructions and
 * latent traversals.
 */
import { useEffect, useRef } from 'react';
import { useThemeColors } from './useThemeColors';

export interface ImageGridProps {
  /** images[row][col] is one image of width*height values. */
  images: (Float32Array | number[])[][];
  width: number;
  height: number;
  scale?: number;
  rowLabels?: string[];
  label: string;
}

export function ImageGrid({ images, width, height, scale = 3, rowLabels, label }: ImageGridProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const colors = useThemeColors();
  const rows = images.length;
  const cols = Math.max(0, ...images.map((r) => r.length));
  const gap = 2;
  const cellW = width * scale + gap;
  const cellH = height * scale + gap;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || rows === 0) return;
    canvas.width = cols * cellW;
    canvas.height = rows * cellH;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.imageSmoothingEnabled = false;
    ctx.fillStyle = colors.bg;
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    const tile = ctx.createImageData(width, height);
    // Ink on paper in light mode, light on dark in dark mode.
    const ink = colors.dark ? [235, 233, 228] : [25, 27, 31];
    const paper = colors.dark ? [38, 41, 48] : [255, 255, 255];
    const off = document.createElement('canvas');
    off.width = width;
    off.height = height;
    const offCtx = off.getContext('2d')!;
    images.forEach((row, r) =>
      row.forEach((img, c) => {
        for (let i = 0; i < width * height; i++) {
          const v = Math.min(1, Math.max(0, Number(img[i]) || 0));
          tile.data[i * 4] = paper[0] + (ink[0] - paper[0]) * v;
          tile.data[i * 4 + 1] = paper[1] + (ink[1] - paper[1]) * v;
          tile.data[i * 4 + 2] = paper[2] + (ink[2] - paper[2]) * v;
          tile.data[i * 4 + 3] = 255;
        }
        offCtx.putImageData(tile, 0, 0);
        ctx.drawImage(off, c * cellW, r * cellH, width * scale, height * scale);
      }),
    );
  }, [images, rows, cols, cellW, cellH, width, height, colors]);

  return (
    <div className="image-grid">
      {rowLabels ? (
        <div className="image-grid-labels" style={{ gridTemplateRows: `repeat(${rows}, ${cellH}px)` }} aria-hidden="true">
          {rowLabels.map((l, i) => (
            <span key={i}>{l}</span>
          ))}
        </div>
      ) : null}
      <canvas ref={ref} role="img" aria-label={label} style={{ width: cols * cellW, height: rows * cellH, flex: 'none' }} />
    </div>
  );
}
