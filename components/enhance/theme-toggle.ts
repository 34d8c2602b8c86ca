/**
 * The light/dark switch: a server-rendered `<button data-theme-toggle>` that this wires up, so
 * no page needs React to change theme. Until the reader chooses, the site follows the system;
 * the choice is remembered (the inline script in the layout applies it before first paint).
 */
export const THEME_STORAGE_KEY = 'theme';

type Theme = 'light' | 'dark';

function currentTheme(): Theme {
  const set = document.documentElement.dataset.theme;
  if (set === 'light' || set === 'dark') return set;
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function label(button: HTMLElement, theme: Theme) {
  const next = theme === 'dark' ? 'light' : 'dark';
  button.textContent = theme === 'dark' ? '☀ Light' : '☾ Dark';
  button.setAttribute('aria-label', `Switch to ${next} theme`);
}

export function installThemeToggle(): () => void {
  const labelAll = () => document.querySelectorAll<HTMLElement>('[data-theme-toggle]').forEach((b) => label(b, currentTheme()));
  labelAll();
  const onClick = (e: MouseEvent) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-theme-toggle]') : null;
    if (!button) return;
    const to: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = to;
    try {
      localStorage.setItem(THEME_STORAGE_KEY, to);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    labelAll();
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
