import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { backlinks, getCompiledNote, getContentIndex, listNoteSlugs, neighbours } from '@/lib/content/index';
import { ContentError } from '@/lib/content/diagnostics';
import { topicById } from '@/lib/content/topics';
import { PaperCard } from '@/components/note/PaperCard';
import { TableOfContents, TocList } from '@/components/note/TableOfContents';
import { Bibliography } from '@/components/note/Bibliography';
import { NoteBody } from '@/components/note/NoteBody';
import { ContentErrors } from '@/components/note/ContentErrors';
import { CiteThisNote } from '@/components/note/CiteThisNote';
import { noteLinkComponent } from '@/components/note/NoteLinkPreview';
import { notePreviews } from '@/lib/content/note-previews';
import { formatDisplayDate } from '@/lib/content/last-updated';
import { lastUpdatedOf } from '@/lib/content/note-dates';

export const dynamicParams = false;

/**
 * What `npm run dev` asks for to warm this route (scripts/dev.mjs): listed in development only, it
 * builds the content index and renders nothing, so no note is compiled beside the author's first page.
 */
const DEV_WARM_SLUG = '_dev-warm';

export function generateStaticParams() {
  // Every note file, valid or broken (a broken one shows its problems in dev; the build refuses it).
  const slugs = listNoteSlugs();
  if (process.env.NODE_ENV === 'development') slugs.push(DEV_WARM_SLUG);
  return slugs.map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { slug } = await params;
  const note = getContentIndex().notes.find((n) => n.slug === slug);
  if (!note) return { title: 'Note with problems' };
  return { title: note.frontmatter.title, description: note.frontmatter.summary };
}

export default async function NotePage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const index = getContentIndex();
  if (slug === DEV_WARM_SLUG) return null; // the route compiled and the index built: all the warm-up needs
  const broken = index.broken.get(slug);
  if (broken) {
    // A production build must not ship a broken note; `next dev` shows the problems instead.
    if (process.env.NODE_ENV === 'production') throw new ContentError(broken);
    return <ContentErrors slug={slug} diagnostics={broken} />;
  }
  const note = index.notes.find((n) => n.slug === slug);
  if (!note) notFound();

  // The compile runs the note-language checks again and refuses, before any code is bundled
  // or evaluated, whatever the index let through: dev shows why, the build fails with it.
  let code: string;
  try {
    code = await getCompiledNote(note, index);
  } catch (err) {
    if (err instanceof ContentError && process.env.NODE_ENV !== 'production') return <ContentErrors slug={slug} diagnostics={err.diagnostics} />;
    throw err;
  }
  const fm = note.frontmatter;
  const refs = note.citations.map((k) => index.references.get(k)!).filter(Boolean);
  const citedBy = backlinks(index, slug);
  const { prev, next, topic } = neighbours(index, note);
  const topicInfo = topicById(topic);
  const tocHeadings = note.headings.filter((h) => h.depth <= 3);
  const updated = lastUpdatedOf(index, note);

  return (
    <div className="note-layout">
      <div className="note-toc-col">{tocHeadings.length > 1 ? <TableOfContents headings={tocHeadings} /> : null}</div>
      <article className="note-main">
        <header>
          <p className="note-kicker">
            {fm.topics.map((t, i) => (
              <span key={t}>
                {i > 0 ? ' · ' : ''}
                <Link href={`/topics/${t}`}>{topicById(t)?.title ?? t}</Link>
              </span>
            ))}
            {' · '}
            {note.readingMinutes} min read
            {' · '}
            <span className="note-updated">
              Updated <time dateTime={updated.date}>{formatDisplayDate(updated.date)}</time>
            </span>
          </p>
          <h1>{fm.title}</h1>
          <p className="note-summary">{fm.summary}</p>
          <PaperCard paper={fm.paper} />
          {tocHeadings.length > 1 ? (
            <details className="toc-mobile">
              <summary>Contents</summary>
              <TocList headings={tocHeadings} />
            </details>
          ) : null}
        </header>
        <div className="prose">
          <NoteBody code={code} components={{ a: noteLinkComponent(notePreviews(index), slug) }} />
        </div>
        <Bibliography references={refs} />
        <CiteThisNote slug={slug} title={fm.title} updated={updated.date} />
        {citedBy.length > 0 ? (
          <section className="backlinks" aria-labelledby="referenced-by">
            <h2 id="referenced-by">Referenced by</h2>
            <ul>
              {citedBy.map((n) => (
                <li key={n.slug}>
                  <Link href={`/notes/${n.slug}`}>{n.frontmatter.title}</Link>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {prev || next ? (
          <nav className="prev-next" aria-label={`More in ${topicInfo?.title ?? topic}`}>
            {prev ? (
              <Link href={`/notes/${prev.slug}`} rel="prev">
                <small>← Previous in {topicInfo?.title}</small>
                {prev.frontmatter.title}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link href={`/notes/${next.slug}`} rel="next" style={{ textAlign: 'right' }}>
                <small>Next in {topicInfo?.title} →</small>
                {next.frontmatter.title}
              </Link>
            ) : null}
          </nav>
        ) : null}
      </article>
    </div>
  );
}
