'use client';
import { useEffect, useState } from 'react';

/**
 * Chart colours read from CSS variables, re-read when the theme changes: canvas cannot use
 * var() at all, and dark mode has its own palette.
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
