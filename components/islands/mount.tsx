import type { ComponentType } from 'react';
import { createRoot } from 'react-dom/client';

/**
 * Renders an island's component into its wrapper, replacing the server render (the same
 * markup, so nothing moves). A fresh client render rather than hydration: an island reads the
 * URL and the browser on its first render (a demo's ?seed=, the search query), which the
 * static HTML could not know. Imported lazily, so React loads only on pages that use an island.
 */
export function mountIsland(el: HTMLElement, Component: ComponentType<Record<string, unknown>>, props: Record<string, unknown>) {
  createRoot(el).render(<Component {...props} />);
}
