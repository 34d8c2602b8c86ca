/**
 * The exported site's only script (scripts/export-islands.ts adds it to every page, as a
 * module: it never blocks the first paint). It starts the plain-DOM enhancements (search
 * included), then mounts each island: a demo when it nears the viewport. React and the island's code
 * load only then, so a note reads and scrolls before any framework has started.
 */
import type { ComponentType } from 'react';
import { enhancePage } from '../enhance';
import { ISLAND_ATTR, ISLAND_PROPS_ATTR, ISLAND_NAMES, type IslandName } from './names';

type AnyComponent = ComponentType<Record<string, unknown>>;

const LOADERS: Record<IslandName, () => Promise<AnyComponent>> = {
  demo: () => import('../demo/LazyDemo').then((m) => m.LazyDemo as unknown as AnyComponent),
};

/** How far below the viewport a demo starts loading (the same margin LazyDemo uses for its code). */
const DEMO_MARGIN = '400px 0px';

function isIslandName(name: string | undefined): name is IslandName {
  return (ISLAND_NAMES as readonly string[]).includes(name ?? '');
}

/** Says in the island's place why it did not start; the rest of the page keeps working. */
function showFailure(el: HTMLElement, message: string) {
  const text = el.querySelector('.demo-placeholder-text') ?? el;
  text.textContent = message;
  el.setAttribute('data-island-failed', '');
}

async function mount(el: HTMLElement, name: IslandName) {
  let props: Record<string, unknown>;
  try {
    props = JSON.parse(el.getAttribute(ISLAND_PROPS_ATTR) ?? '{}') as Record<string, unknown>;
  } catch {
    showFailure(el, 'This part of the page could not start (its settings are malformed).');
    return;
  }
  try {
    const [{ mountIsland }, Component] = await Promise.all([import('./mount'), LOADERS[name]()]);
    mountIsland(el, Component, props);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    showFailure(el, `This part of the page could not be loaded (${why}). Check the connection and reload the page to try again.`);
  }
}

function start() {
  enhancePage();
  const islands = [...document.querySelectorAll<HTMLElement>(`[${ISLAND_ATTR}]`)];
  const demos: HTMLElement[] = [];
  for (const el of islands) {
    const name = el.getAttribute(ISLAND_ATTR) ?? undefined;
    if (!isIslandName(name)) continue;
    if (name === 'demo') demos.push(el);
    else void mount(el, name);
  }
  if (demos.length === 0) return;
  // The wrapper is `display: contents` (no box), and an IntersectionObserver never reports a
  // box-less element: watch what it wraps (the demo's placeholder) instead.
  const islandOf = new Map<Element, HTMLElement>();
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const island = islandOf.get(entry.target);
        if (!entry.isIntersecting || !island) continue;
        observer.unobserve(entry.target);
        void mount(island, 'demo');
      }
    },
    { rootMargin: DEMO_MARGIN },
  );
  for (const el of demos) {
    const watched = el.firstElementChild ?? el;
    islandOf.set(watched, el);
    observer.observe(watched);
  }
}

start();
