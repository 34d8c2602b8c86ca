import type { ReactNode } from 'react';
import { ISLAND_ATTR, ISLAND_PROPS_ATTR, type IslandName } from './names';

/**
 * Wraps a client component so the exported site can mount it by itself: the server render is
 * the children (what readers see before JavaScript, and what Next hydrates under `next dev`),
 * and the props travel as JSON in an attribute (escaped like any attribute: never run as script).
 * `display: contents` keeps the wrapper out of the layout.
 */
export function Island<P extends object>({ name, props, children }: { name: IslandName; props: P; children: ReactNode }) {
  const attrs = { [ISLAND_ATTR]: name, [ISLAND_PROPS_ATTR]: JSON.stringify(props) };
  return (
    <div className="island" {...attrs}>
      {children}
    </div>
  );
}
