import { useId } from 'react';
import type { FormattedReference } from '@/lib/content/bibtex';

/**
 * An in-text citation: links to the bibliography entry and shows the full reference on
 * hover or keyboard focus (CSS only, so it works without JavaScript).
 */
export function Cite({ refs }: { refs: string }) {
  const list = JSON.parse(refs) as FormattedReference[];
  // The same reference may be cited many times: ids must be unique per citation.
  const uid = useId();
  return (
    <span className="cite">
      (
      {list.map((ref, i) => (
        <span key={ref.key} className="cite-item">
          {i > 0 ? '; ' : null}
          <a href={`#ref-${ref.key}`} className="cite-link" aria-describedby={`${uid}-${i}`}>
            {ref.label}
          </a>
          <span className="cite-pop" role="tooltip" id={`${uid}-${i}`}>
            {ref.text}
          </span>
        </span>
      ))}
      )
    </span>
  );
}
