'use client';
import { useEffect, useState } from 'react';

/**
 * Chart colours read from CSS variables, re-read when the theme changes: SVG presentation
 * attributes and canvas cannot use var() directly, and dark mode has its own palette.
 */
const NAMES = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6', '--fg', '--muted', '--rule', '--bg'] as const;

export type ThemeColors = { series: string[]; fg: string; muted: string; rule: string; bg: string; dark: boolean };

const FALLBACK: ThemeColors = { series: ['#1f5fbf', '#d9730d', '#1d8a5a', '#b83280', '#6b46c1', '#8a8f98'], fg: '#1d1f23', muted: '#5d636d', rule: '#dcd8ce', bg: '#fbfaf7', dark: false };

function read(): ThemeColors {
  const style = getComputedStyle(document.documentElement);
  const v = NAMES.map((n) => style.getPropertyValue(n).trim());
  if (!v[0]) return FALLBACK;
  const bg = v[9];
  const dark = /^#([0-9a-f]{2})/i.test(bg) ? parseInt(bg.slice(1, 3), 16) < 0x60 : false;
  return { series: v.slice(0, 6), fg: v[6], muted: v[7], rule: v[8], bg, dark };
}

export function useThemeColors(): ThemeColors {
  const [colors, setColors] = useState<ThemeColors>(FALLBACK);
  useEffect(() => {
    const update = () => setColors(read());
    update();
    const observer = new MutationObserver(update);
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', update);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, []);
  return colors;
}
