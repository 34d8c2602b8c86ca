import { getContentIndex, notesInTopic } from '@/lib/content/index';
import { sitemap } from '@/lib/content/feeds';
import { lastUpdatedOf, newestUpdate } from '@/lib/content/note-dates';
import { TOPICS } from '@/lib/content/topics';
import { absoluteUrl } from '@/lib/site';

// Emitted once at build time as out/sitemap.xml: every page a reader can land on.
export const dynamic = 'force-static';

export function GET() {
  const index = getContentIndex();
  const xml = sitemap([
    { url: absoluteUrl('/'), lastModified: newestUpdate(index, index.notes) },
    ...index.notes.map((n) => ({ url: absoluteUrl(`/notes/${n.slug}`), lastModified: lastUpdatedOf(index, n).date })),
    { url: absoluteUrl('/topics'), lastModified: newestUpdate(index, index.notes) },
    ...TOPICS.map((t) => ({ url: absoluteUrl(`/topics/${t.id}`), lastModified: newestUpdate(index, notesInTopic(index, t.id)) })),
    { url: absoluteUrl('/search') },
    { url: absoluteUrl('/about/demos') },
    { url: absoluteUrl('/about/positions') },
  ]);
  return new Response(xml, { headers: { 'content-type': 'application/xml; charset=utf-8' } });
}
