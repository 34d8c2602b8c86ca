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

  /** What was drawn last: the same images (by reference) in the same colours are not drawn again. */
  const drawnRef = useRef<{ images: ImageGridProps['images']; key: string } | null>(null);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || rows === 0) return;
    const key = `${width}x${height}x${scale}:${colors.bg}:${colors.dark}`;
    if (drawnRef.current && drawnRef.current.key === key && sameImages(drawnRef.current.images, images)) return;
    drawnRef.current = { images, key };
    canvas.width = cols * cellW;
    canvas.height = rows * cellH;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    // Every pixel of the grid written into one buffer and put once: a temporary canvas per
    // image (the first version) cost tens of milliseconds for a traversal grid.
    const out = ctx.createImageData(canvas.width, canvas.height);
    const bg = parseRgb(colors.bg) ?? (colors.dark ? [23, 25, 30] : [251, 250, 247]);
    // Ink on paper in light mode, light on dark in dark mode.
    const ink = colors.dark ? [235, 233, 228] : [25, 27, 31];
    const paper = colors.dark ? [38, 41, 48] : [255, 255, 255];
    const W = canvas.width;
    for (let i = 0; i < out.data.length; i += 4) {
      out.data[i] = bg[0];
      out.data[i + 1] = bg[1];
      out.data[i + 2] = bg[2];
      out.data[i + 3] = 255;
    }
    images.forEach((row, r) =>
      row.forEach((img, c) => {
        const x0 = c * cellW;
        const y0 = r * cellH;
        for (let y = 0; y < height * scale; y++) {
          const src = Math.floor(y / scale) * width;
          let o = ((y0 + y) * W + x0) * 4;
          for (let x = 0; x < width * scale; x++, o += 4) {
            const v = Math.min(1, Math.max(0, Number(img[src + Math.floor(x / scale)]) || 0));
            out.data[o] = paper[0] + (ink[0] - paper[0]) * v;
            out.data[o + 1] = paper[1] + (ink[1] - paper[1]) * v;
            out.data[o + 2] = paper[2] + (ink[2] - paper[2]) * v;
          }
        }
      }),
    );
    ctx.putImageData(out, 0, 0);
  }, [images, rows, cols, cellW, cellH, width, height, scale, colors]);

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

function sameImages(a: ImageGridProps['images'], b: ImageGridProps['images']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((row, r) => row.length === b[r].length && row.every((img, c) => sameImage(img, b[r][c])));
}

/** The same array, or a view of the same bytes (a snapshot's images arrive as fresh subarrays of one kept buffer). */
function sameImage(a: Float32Array | number[], b: Float32Array | number[]): boolean {
  if (a === b) return true;
  return ArrayBuffer.isView(a) && ArrayBuffer.isView(b) && a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.length === b.length;
}

function parseRgb(css: string): [number, number, number] | null {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
