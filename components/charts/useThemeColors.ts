'use client';
import { useSyncExternalStore } from 'react';

/**
 * Chart colours read from CSS variables, re-read when the theme changes: canvas cannot use
 * var() at all, and dark mode has its own palette.
 *
 * One palette per page, not one per chart: reading it forces a style recalculation, and a demo
 * mounts up to nine charts at once (the frame that mounts them was the longest of a run). Every
 * chart subscribes to the same cached value, which is dropped when the theme changes.
 */
const NAMES = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6', '--fg', '--muted', '--rule', '--bg'] as const;

export type ThemeColors = { series: string[]; fg: string; muted: string; rule: string; bg: string; dark: boolean };

const FALLBACK: ThemeColors = { series: ['#1f5fbf', '#d9730d', '#1d8a5a', '#b83280', '#6b46c1', '#8a8f98'], fg: '#1d1f23', muted: '#5d636d', rule: '#dcd8ce', bg: '#fbfaf7', dark: false };

/**
 * The palette is written with light-dark(), which getPropertyValue returns unresolved; a
 * probe element inside the page resolves each variable to the rgb() actually in use.
 */
function read(): ThemeColors {
  const probe = document.createElement('span');
  probe.style.display = 'none';
  document.body.appendChild(probe);
  const resolve = (name: string) => {
    probe.style.color = `var(${name})`;
    return getComputedStyle(probe).color;
  };
  const v = NAMES.map(resolve);
  probe.remove();
  if (!v[0]) return FALLBACK;
  const rgb = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(v[9]);
  const dark = rgb ? 0.299 * Number(rgb[1]) + 0.587 * Number(rgb[2]) + 0.114 * Number(rgb[3]) < 96 : false;
  return { series: v.slice(0, 6), fg: v[6], muted: v[7], rule: v[8], bg: v[9], dark };
}

let cached: ThemeColors | null = null;
const listeners = new Set<() => void>();
let stopWatching: (() => void) | null = null;

function themeChanged() {
  cached = null;
  for (const listener of listeners) listener();
}

/** Watches the theme switch and the system scheme while any chart is mounted. */
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!stopWatching) {
    const observer = new MutationObserver(themeChanged);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', themeChanged);
    stopWatching = () => {
      observer.disconnect();
      media.removeEventListener('change', themeChanged);
    };
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && stopWatching) {
      stopWatching();
      stopWatching = null;
      // Unwatched, the cache could go stale: the next chart reads afresh.
      cached = null;
    }
  };
}

const snapshot = () => (cached ??= read());
const serverSnapshot = () => FALLBACK;

export function useThemeColors(): ThemeColors {
  return useSyncExternalStore(subscribe, snapshot, serverSnapshot);
}
