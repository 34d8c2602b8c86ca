import Link from 'next/link';
import type { Metadata } from 'next';
import { getContentIndex, topicsWithNotes } from '@/lib/content/index';

export const metadata: Metadata = { title: 'Topics' };

export default function TopicsPage() {
  const index = getContentIndex();
  return (
    <div className="page">
      <h1>Topics</h1>
      <ul className="note-list">
        {topicsWithNotes(index).map(({ topic, notes }) => (
          <li key={topic.id}>
            <Link href={`/topics/${topic.id}`}>{topic.title}</Link>
            <p>{topic.blurb}</p>
            <span className="note-meta-line">{notes.length === 1 ? '1 note' : `${notes.length} notes`}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
