import Link from 'next/link';
import type { Note } from '@/lib/content/index';

export function NoteList({ notes }: { notes: Note[] }) {
  return (
    <ul className="note-list">
      {notes.map((n) => (
        <li key={n.slug}>
          <Link href={`/notes/${n.slug}`}>{n.frontmatter.title}</Link>
          <p>{n.frontmatter.summary}</p>
          <span className="note-meta-line">
            {n.frontmatter.paper.authors.length > 2 ? `${n.frontmatter.paper.authors[0]} et al.` : n.frontmatter.paper.authors.join(' & ')}, {n.frontmatter.paper.year} · {n.readingMinutes} min read
            {n.frontmatter.demos.length > 0 ? ' · live demo' : ''}
          </span>
        </li>
      ))}
    </ul>
  );
}
