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

/**
 * Runs before paint so a remembered theme never flashes the other one. It also marks the page
 * as running scripts (html[data-js]), so text that only makes sense with JavaScript ("Loading
 * the live demo…") is hidden from a reader who has it off.
 */
export const themeInitScript = `document.documentElement.dataset.js='';try{var t=localStorage.getItem('${THEME_STORAGE_KEY}');if(t==='light'||t==='dark')document.documentElement.dataset.theme=t}catch(e){}`;
