import type { ReactNode } from 'react';

const LABELS = { opinion: 'Opinion', claim: 'The paper claims', note: 'Note', warning: 'Caution' } as const;
type Kind = keyof typeof LABELS;

/** A boxed aside. Opinions look different from the paper's claims, on purpose. */
export function Callout({ kind = 'note', title, children }: { kind?: Kind; title?: string; children: ReactNode }) {
  const label = LABELS[kind] ?? LABELS.note;
  return (
    <aside className={`callout callout-${kind}`} aria-label={title ? `${label}: ${title}` : label}>
      <p className="callout-label">
        {label}
        {title ? <span className="callout-title"> · {title}</span> : null}
      </p>
      <div className="callout-body">{children}</div>
    </aside>
  );
}
