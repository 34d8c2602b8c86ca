/**
 * Everything a page does with JavaScript apart from the demos: plain DOM listeners
 * on server-rendered markup, so reading a note never waits for a framework to start. The
 * exported site calls this from its islands entry (components/islands/entry.ts); under
 * `next dev`, the layout's PageEnhancements calls it after hydration. Returns an undo.
 */
import { installCopyButtons } from './copy-button';
import { installNoteLinkTouch } from './note-link-touch';
import { installSearch } from './search';
import { installThemeToggle } from './theme-toggle';
import { installTocHighlight } from './toc-highlight';

export function enhancePage(): () => void {
  const undo = [installThemeToggle(), installCopyButtons(), installTocHighlight(), installNoteLinkTouch(), installSearch()];
  return () => undo.forEach((u) => u());
}
