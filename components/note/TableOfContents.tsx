'use client';
import { useEffect, useState } from 'react';
import type { HeadingInfo } from '@/lib/content/remark-heading-ids';

/**
 * Sticky contents on wide screens that marks the section being read. The links work
 * without JavaScript; the highlighting is an enhancement.
 */
export function TableOfContents({ headings }: { headings: HeadingInfo[] }) {
  const [active, setActive] = useState<string | null>(null);
  useEffect(() => {
    const elements = headings.map((h) => document.getElementById(h.id)).filter((e): e is HTMLElement => e !== null);
    if (elements.length === 0) return;
    const onScroll = () => {
      // The active section is the last heading above the top third of the viewport.
      const line = window.innerHeight / 3;
      let current: string | null = elements[0].id;
      for (const el of elements) if (el.getBoundingClientRect().top <= line) current = el.id;
      setActive(current);
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [headings]);

  return (
    <nav className="note-toc" aria-label="Contents">
      <p>Contents</p>
      <TocList headings={headings} active={active} />
    </nav>
  );
}

export function TocList({ headings, active }: { headings: HeadingInfo[]; active?: string | null }) {
  return (
    <ol>
      {headings
        .filter((h) => h.depth <= 3)
        .map((h) => (
          <li key={h.id} className={`depth-${h.depth}`}>
            <a href={`#${h.id}`} aria-current={active === h.id ? 'true' : undefined}>
              {h.text}
            </a>
          </li>
        ))}
    </ol>
  );
}
