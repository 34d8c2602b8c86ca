import { describe, expect, it } from 'vitest';
import { atomFeed, escapeXml, sitemap } from '@/lib/content/feeds';

const info = { title: 'Notes & more', subtitle: 'About <models>', author: 'The site', siteUrl: 'https://n.example', feedUrl: 'https://n.example/feed.xml' };

describe('Atom feed and sitemap text', () => {
  it("escapes XML's special characters in text and attributes", () => {
    expect(escapeXml(`a < b & "c" > 'd'`)).toBe('a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;');
  });

  it('lists entries newest first, gives date-only values a time, and dates the feed by its newest entry', () => {
    const feed = atomFeed(info, [
      { url: 'https://n.example/notes/old', title: 'Old', summary: 's', updated: '2025-01-01', categories: ['Theory'] },
      { url: 'https://n.example/notes/new', title: 'R&D <new>', summary: 'x < y', updated: '2026-11-30T10:00:00.000Z', categories: ['A & B'] },
    ]);
    expect(feed.indexOf('notes/new')).toBeLessThan(feed.indexOf('notes/old'));
    expect(feed).toContain('<title>R&amp;D &lt;new&gt;</title>');
    expect(feed).toContain('<summary>x &lt; y</summary>');
    expect(feed).toContain('<category term="A &amp; B"/>');
    expect(feed).toContain('<updated>2025-01-01T00:00:00Z</updated>');
    expect(feed.match(/<updated>[^<]+<\/updated>/)![0]).toBe('<updated>2026-11-30T10:00:00.000Z</updated>');
    expect(feed).toContain('<title>Notes &amp; more</title>');
  });

  it('writes lastmod only where a page has a date', () => {
    const map = sitemap([{ url: 'https://n.example/notes/a?x=1&y=2', lastModified: '2026-11-30' }, { url: 'https://n.example/search' }]);
    expect(map).toContain('<loc>https://n.example/notes/a?x=1&amp;y=2</loc>\n    <lastmod>2026-11-30T00:00:00Z</lastmod>');
    expect(map).toContain('<loc>https://n.example/search</loc>\n  </url>');
  });
});
