import { THEME_STORAGE_KEY } from '../enhance/theme-toggle';

/**
 * Switches light/dark and remembers the choice; until then the site follows the system.
 * Server-rendered; components/enhance/theme-toggle.ts labels it and handles the click.
 */
export function ThemeToggle() {
  return (
    <button type="button" className="theme-toggle" data-theme-toggle="" aria-label="Switch theme">
      Theme
    </button>
  );
}

/** Runs before paint so a remembered theme never flashes the other one. */
export const themeInitScript = `try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
