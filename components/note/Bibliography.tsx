import type { FormattedReference } from '@/lib/content/bibtex';

export function Bibliography({ references }: { references: FormattedReference[] }) {
  if (references.length === 0) return null;
  return (
    <section className="bibliography" aria-labelledby="references">
      <h2 id="references">References</h2>
      <ol>
        {references.map((r) => (
          <li key={r.key} id={`ref-${r.key}`}>
            {r.authors ? `${r.authors}. ` : ''}
            {r.year ? `(${r.year}). ` : ''}
            {r.url ? <a href={r.url}>{r.title}</a> : r.title}.{r.venue ? ` ${r.venue}.` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
