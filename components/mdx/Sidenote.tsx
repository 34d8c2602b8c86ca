import type { ReactNode } from 'react';

/**
 * A margin note on wide screens; on narrow screens it sits inline, set off by its style.
 * Pure CSS: no JavaScript needed.
 */
export function Sidenote({ children }: { children: ReactNode }) {
  return (
    <span className="sidenote-wrap">
      <span className="sidenote" role="note">
        {children}
      </span>
    </span>
  );
}
