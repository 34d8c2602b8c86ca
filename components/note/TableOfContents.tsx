import type { HeadingInfo } from '@/lib/content/remark-heading-ids';

/**
 * Sticky contents on wide screens. The links work without JavaScript; marking the section
 * being read is an enhancement (components/enhance/toc-highlight.ts, via data-toc-spy).
 */
export function TableOfContents({ headings }: { headings: HeadingInfo[] }) {
  return (
    <nav className="note-toc" aria-label="Contents" data-toc-spy="">
      <p>Contents</p>
      <TocList headings={headings} />
    </nav>
  );
}

export function TocList({ headings }: { headings: HeadingInfo[] }) {
  return (
    <ol>
      {headings
        .filter((h) => h.depth <= 3)
        .map((h) => (
          <li key={h.id} className={`depth-${h.depth}`}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
    </ol>
  );
}
