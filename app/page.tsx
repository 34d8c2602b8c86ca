import Link from 'next/link';
import { getContentIndex, topicsWithNotes } from '@/lib/content/index';
import { NoteList } from '@/components/note/NoteList';

export default function HomePage() {
  const index = getContentIndex();
  const demoCount = index.notes.filter((n) => n.frontmatter.demos.length > 0).length;
  return (
    <div className="page">
      <h1>Interpretability, one paper at a time</h1>
      <p className="lede">
        Notes on machine-learning interpretability papers: what problem each one tackles, how the method works, what it found, and where we disagree.
        {demoCount > 0 ? ` ${demoCount} of the ${index.notes.length} notes come with a live demo that trains a small model in your browser and checks the paper's claim on the spot.` : ''}
      </p>
      {topicsWithNotes(index)
        .filter((t) => t.notes.length > 0)
        .map(({ topic, notes }) => (
          <section key={topic.id} className="topic-section" aria-labelledby={`topic-${topic.id}`}>
            <h2 id={`topic-${topic.id}`}>
              <Link href={`/topics/${topic.id}`}>{topic.title}</Link>
            </h2>
            <p className="topic-blurb">{topic.blurb}</p>
            <NoteList notes={notes} />
          </section>
        ))}
    </div>
  );
}
