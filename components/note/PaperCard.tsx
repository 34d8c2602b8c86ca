import type { Frontmatter } from '@/lib/content/frontmatter';

export function PaperCard({ paper }: { paper: Frontmatter['paper'] }) {
  return (
    <div className="paper-card" aria-label="The paper">
      <p className="paper-title">
        <a href={paper.url}>{paper.title}</a>
      </p>
      <p className="paper-authors">{paper.authors.join(', ')}</p>
      <p>
        {paper.venue}
        {paper.venue.includes(String(paper.year)) ? '' : `, ${paper.year}`}
      </p>
    </div>
  );
}
