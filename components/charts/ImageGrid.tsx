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
    // Written as whole 32-bit pixels from a 256-level palette: one lookup per source pixel,
    // copied into its scale x scale block, instead of clamping and blending every channel of
    // every screen pixel (a CPU profile showed the per-channel loop as the largest cost of a
    // demo's first drawing).
    const W = canvas.width;
    const pixels = new Uint32Array(out.data.buffer);
    pixels.fill(packRgba(bg[0], bg[1], bg[2]));
    const palette = new Uint32Array(256);
    for (let level = 0; level < 256; level++) {
      const t = level / 255;
      palette[level] = packRgba(paper[0] + (ink[0] - paper[0]) * t, paper[1] + (ink[1] - paper[1]) * t, paper[2] + (ink[2] - paper[2]) * t);
    }
    const rowOfBlock = new Uint32Array(width * scale);
    images.forEach((row, r) =>
      row.forEach((img, c) => {
        const x0 = c * cellW;
        const y0 = r * cellH;
        for (let sy = 0; sy < height; sy++) {
          for (let sx = 0; sx < width; sx++) {
            const v = +img[sy * width + sx];
            // NaN and values outside [0, 1] are drawn as the nearest end (NaN as paper).
            const level = v > 0 ? (v < 1 ? (v * 255 + 0.5) | 0 : 255) : 0;
            rowOfBlock.fill(palette[level], sx * scale, (sx + 1) * scale);
          }
          for (let k = 0; k < scale; k++) pixels.set(rowOfBlock, (y0 + sy * scale + k) * W + x0);
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

/** One opaque RGBA pixel as ImageData's bytes read as a little-endian 32-bit word. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function packRgba(r: number, g: number, b: number): number {
  const R = Math.round(r) & 255;
  const G = Math.round(g) & 255;
  const B = Math.round(b) & 255;
  return (LITTLE_ENDIAN ? (255 << 24) | (B << 16) | (G << 8) | R : (R << 24) | (G << 16) | (B << 8) | 255) >>> 0;
}

function parseRgb(css: string): [number, number, number] | null {
  const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : null;
}
