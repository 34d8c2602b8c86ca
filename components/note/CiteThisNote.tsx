import { SITE, absoluteUrl } from '@/lib/site';
import { noteBibtex, noteCitationText } from '@/lib/content/cite-note';
import { formatDisplayDate } from '@/lib/content/last-updated';
import { CopyButton } from './CopyButton';

/**
 * "Cite this note": a formatted citation and a BibTeX entry, as plain selectable text with a
 * copy button each (the buttons are the only JavaScript here).
 */
export function CiteThisNote({ slug, title, updated }: { slug: string; title: string; updated: string }) {
  const input = { slug, title, author: SITE.author, siteName: SITE.name, url: absoluteUrl(`/notes/${slug}`), updated };
  return (
    <section className="cite-note" aria-labelledby="cite-this-note">
      <h2 id="cite-this-note">Cite this note</h2>
      <div className="cite-note-head">
        <span>Citation</span>
        <CopyButton targetId="cite-note-text" label="Copy citation" />
      </div>
      <p className="cite-note-text" id="cite-note-text">
        {noteCitationText(input, formatDisplayDate(updated))}
      </p>
      <div className="cite-note-head">
        <span>BibTeX</span>
        <CopyButton targetId="cite-note-bibtex" label="Copy BibTeX" />
      </div>
      <pre className="cite-note-bibtex" id="cite-note-bibtex">
        {noteBibtex(input)}
      </pre>
    </section>
  );
}
