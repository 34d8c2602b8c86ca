import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getContentIndex, notesInTopic } from '@/lib/content/index';
import { TOPICS, topicById } from '@/lib/content/topics';
import { NoteList } from '@/components/note/NoteList';

export const dynamicParams = false;

export function generateStaticParams() {
  return TOPICS.map((t) => ({ topic: t.id }));
}

export async function generateMetadata({ params }: { params: Promise<{ topic: string }> }): Promise<Metadata> {
  const topic = topicById((await params).topic);
  return { title: topic?.title ?? 'Topic', description: topic?.blurb };
}

export default async function TopicPage({ params }: { params: Promise<{ topic: string }> }) {
  const topic = topicById((await params).topic);
  if (!topic) notFound();
  const notes = notesInTopic(getContentIndex(), topic.id);
  return (
    <div className="page">
      <p className="note-kicker">Topic</p>
      <h1>{topic.title}</h1>
      <p className="lede">{topic.blurb}</p>
      {notes.length > 0 ? <NoteList notes={notes} /> : <p>No notes in this topic yet.</p>}
    </div>
  );
}
