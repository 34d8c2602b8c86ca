'use client';
import { useEffect, useState } from 'react';

type Theme = 'light' | 'dark';
const STORAGE_KEY = 'theme';

function currentTheme(): Theme {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** Switches light/dark and remembers the choice; until then the site follows the system. */
export function ThemeToggle() {
  const [theme, setTheme] = useState<Theme | null>(null);
  useEffect(() => setTheme(currentTheme()), []);
  const next: Theme = theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="theme-toggle"
      aria-label={theme ? `Switch to ${next} theme` : 'Switch theme'}
      onClick={() => {
        const to = currentTheme() === 'dark' ? 'light' : 'dark';
        document.documentElement.dataset.theme = to;
        try {
          localStorage.setItem(STORAGE_KEY, to);
        } catch {
          /* private mode: the choice lasts for this page only */
        }
        setTheme(to);
      }}
    >
      {theme === 'dark' ? '☀ Light' : theme === 'light' ? '☾ Dark' : 'Theme'}
    </button>
  );
}

/** Runs before paint so a remembered theme never flashes the other one. */
export const themeInitScript = `try{var t=localStorage.getItem('${STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
