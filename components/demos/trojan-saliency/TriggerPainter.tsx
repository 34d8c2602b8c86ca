'use client';
/**
 * An 8x8 grid the reader paints a trigger on: click (or drag) to paint or erase pixels; with the
 * keyboard, the arrow keys move a cursor and Space or Enter toggles the pixel under it. The grid is
 * one tab stop (role="grid" with aria-activedescendant), so keyboard users do not tab through 64 cells.
 */
import { useId, useRef, useState, type KeyboardEvent } from 'react';

export interface TriggerPainterProps {
  side: number;
  /** 0/1 per pixel, row-major. */
  mask: number[];
  onChange: (mask: number[]) => void;
  disabled?: boolean;
}

const CELL_PX = 26;

export function TriggerPainter({ side, mask, onChange, disabled }: TriggerPainterProps) {
  const id = useId();
  const [cursor, setCursor] = useState(side * side - 1);
  const [focused, setFocused] = useState(false);
  // While the pointer is down, every cell it enters gets this value (set by the first cell).
  const painting = useRef<number | null>(null);

  const setPixel = (p: number, value: number) => {
    if (disabled || mask[p] === value) return;
    const next = mask.slice();
    next[p] = value;
    onChange(next);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const r = Math.floor(cursor / side);
    const c = cursor % side;
    const moves: Record<string, [number, number]> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    if (moves[e.key]) {
      e.preventDefault();
      const [dr, dc] = moves[e.key];
      const nr = Math.min(side - 1, Math.max(0, r + dr));
      const nc = Math.min(side - 1, Math.max(0, c + dc));
      setCursor(nr * side + nc);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      setCursor(r * side + (e.key === 'Home' ? 0 : side - 1));
    } else if (e.key === ' ' || e.key === 'Enter') {
      e.preventDefault();
      setPixel(cursor, mask[cursor] ? 0 : 1);
    }
  };

  const cellId = (p: number) => `${id}-cell-${p}`;
  const painted = mask.reduce((a, v) => a + (v ? 1 : 0), 0);
  return (
    <div>
      <div
        role="grid"
        aria-label={`Trigger painter, ${side} by ${side} pixels, ${painted} painted`}
        aria-describedby={`${id}-help`}
        aria-activedescendant={cellId(cursor)}
        aria-disabled={disabled || undefined}
        tabIndex={0}
        data-trigger-painter=""
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onPointerUp={() => (painting.current = null)}
        onPointerLeave={() => (painting.current = null)}
        style={{
          display: 'inline-grid',
          gridTemplateColumns: `repeat(${side}, ${CELL_PX}px)`,
          gap: 1,
          padding: 1,
          background: 'var(--rule)',
          borderRadius: 3,
          touchAction: 'none',
          outline: focused ? '2px solid var(--accent)' : 'none',
          outlineOffset: 2,
          opacity: disabled ? 0.6 : 1,
          userSelect: 'none',
        }}
      >
        {Array.from({ length: side }, (_, r) => (
          <div role="row" key={r} style={{ display: 'contents' }}>
            {Array.from({ length: side }, (_, c) => {
              const p = r * side + c;
              const on = Boolean(mask[p]);
              const isCursor = focused && p === cursor;
              return (
                <div
                  key={c}
                  id={cellId(p)}
                  role="gridcell"
                  aria-selected={on}
                  aria-label={`row ${r + 1}, column ${c + 1}, ${on ? 'painted' : 'empty'}`}
                  data-row={r}
                  data-col={c}
                  onPointerDown={(e) => {
                    e.preventDefault();
                    setCursor(p);
                    const value = on ? 0 : 1;
                    painting.current = value;
                    setPixel(p, value);
                    (e.currentTarget.parentElement?.parentElement as HTMLElement | null)?.focus({ preventScroll: true });
                  }}
                  onPointerEnter={() => {
                    if (painting.current !== null) setPixel(p, painting.current);
                  }}
                  style={{
                    width: CELL_PX,
                    height: CELL_PX,
                    boxSizing: 'border-box',
                    background: on ? 'var(--fig-accent-2)' : 'var(--bg)',
                    boxShadow: isCursor ? 'inset 0 0 0 2px var(--accent)' : undefined,
                    cursor: disabled ? 'not-allowed' : 'pointer',
                  }}
                />
              );
            })}
          </div>
        ))}
      </div>
      <p id={`${id}-help`} className="demo-rule" style={{ marginTop: '0.3rem', maxWidth: '22rem' }}>
        Click or drag to paint and erase. Keyboard: focus the grid, move with the arrow keys, press Space or Enter to toggle a pixel.
      </p>
    </div>
  );
}
