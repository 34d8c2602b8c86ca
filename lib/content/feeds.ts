/**
 * The Atom feed and the sitemap, as text from plain entries (the routes in app/feed.xml and
 * app/sitemap.xml gather the entries). Every date is a full date-time, every URL absolute.
 */
import { asDateTime } from './last-updated';

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);
}

export interface FeedEntry {
  url: string;
  title: string;
  summary: string;
  /** 'YYYY-MM-DD' or an ISO date-time. */
  updated: string;
  categories: string[];
}

export interface FeedInfo {
  title: string;
  subtitle: string;
  author: string;
  siteUrl: string;
  feedUrl: string;
}

/** An Atom 1.0 feed, newest entry first; the feed's own date is its newest entry's. */
export function atomFeed(info: FeedInfo, entries: FeedEntry[]): string {
  const sorted = [...entries].sort((a, b) => asDateTime(b.updated).localeCompare(asDateTime(a.updated)) || a.title.localeCompare(b.title));
  const newest = sorted[0] ? asDateTime(sorted[0].updated) : '1970-01-01T00:00:00Z';
  const items = sorted.map(
    (e) => `  <entry>
    <title>${escapeXml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${escapeXml(e.url)}"/>
    <id>${escapeXml(e.url)}</id>
    <updated>${asDateTime(e.updated)}</updated>
    <summary>${escapeXml(e.summary)}</summary>
${e.categories.map((c) => `    <category term="${escapeXml(c)}"/>`).join('\n')}
  </entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>${escapeXml(info.title)}</title>
  <subtitle>${escapeXml(info.subtitle)}</subtitle>
  <link rel="self" type="application/atom+xml" href="${escapeXml(info.feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(info.siteUrl)}/"/>
  <id>${escapeXml(info.siteUrl)}/</id>
  <updated>${newest}</updated>
  <author><name>${escapeXml(info.author)}</name></author>
${items.join('\n')}
</feed>
`;
}

export interface SitemapEntry {
  url: string;
  /** Omitted for pages whose date means nothing (the search page). */
  lastModified?: string;
}

export function sitemap(entries: SitemapEntry[]): string {
  const urls = entries.map(
    (e) => `  <url>
    <loc>${escapeXml(e.url)}</loc>${e.lastModified ? `\n    <lastmod>${asDateTime(e.lastModified)}</lastmod>` : ''}
  </url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}
