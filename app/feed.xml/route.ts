import { getContentIndex } from '@/lib/content/index';
import { atomFeed } from '@/lib/content/feeds';
import { lastUpdatedOf } from '@/lib/content/note-dates';
import { topicById } from '@/lib/content/topics';
import { SITE, absoluteUrl } from '@/lib/site';

// Emitted once at build time as out/feed.xml: every note, newest change first.
export const dynamic = 'force-static';

export function GET() {
  const index = getContentIndex();
  const xml = atomFeed(
    { title: SITE.name, subtitle: SITE.description, author: SITE.author, siteUrl: SITE.url, feedUrl: absoluteUrl('/feed.xml') },
    index.notes.map((n) => ({
      url: absoluteUrl(`/notes/${n.slug}`),
      title: n.frontmatter.title,
      summary: n.frontmatter.summary,
      updated: lastUpdatedOf(index, n).date,
      categories: n.frontmatter.topics.map((t) => topicById(t)?.title ?? t),
    })),
  );
  return new Response(xml, { headers: { 'content-type': 'application/atom+xml; charset=utf-8' } });
}
