import { describe, expect, it } from 'vitest';
import { rewritePage, stillLoadsNext } from '@/scripts/islands-rewrite';

// The shape of a page `next build` exports (trimmed): the runtime's chunks, a script preload,
// the theme script, and the RSC payload pushed by inline scripts.
const NEXT_PAGE =
  '<!DOCTYPE html><html><head><link rel="stylesheet" href="/_next/static/chunks/a.css"/>' +
  '<link rel="preload" as="script" fetchPriority="low" href="/_next/static/chunks/b.js"/>' +
  '<script src="/_next/static/chunks/c.js" async=""></script>' +
  '<script id="theme-init">try{var t=localStorage.getItem(\'theme\')}catch(e){}</script>' +
  '<script src="/_next/static/chunks/poly.js" noModule=""></script></head>' +
  '<body><main><p>A note about &lt;script&gt; tags.</p><div class="island" data-island="demo" data-island-props="{&quot;id&quot;:&quot;cbm&quot;}"></div></main>' +
  '<script>(self.__next_f=self.__next_f||[]).push([0])</script><script>self.__next_f.push([1,"payload \\u003c/script"])</script>' +
  '<script type="application/ld+json">{"@type":"Article"}</script></body></html>';

describe('the exported page rewrite', () => {
  const out = rewritePage(NEXT_PAGE, '/_islands/entry-X.js');

  it("drops Next's runtime, its payload and script preloads", () => {
    expect(stillLoadsNext(NEXT_PAGE)).toBe(true);
    expect(stillLoadsNext(out)).toBe(false);
    expect(out).not.toContain('/_next/static/chunks/b.js');
    expect(out).not.toContain('poly.js');
  });

  it('keeps the content, the styles, the theme script and data blocks, and loads the islands entry as a module', () => {
    expect(out).toContain('<p>A note about &lt;script&gt; tags.</p>');
    expect(out).toContain('data-island="demo"');
    expect(out).toContain('<link rel="stylesheet" href="/_next/static/chunks/a.css"/>');
    expect(out).toContain('<script id="theme-init">');
    expect(out).toContain('<script type="application/ld+json">');
    expect(out).toContain('<script type="module" src="/_islands/entry-X.js"></script></head>');
  });

  it('refuses a page without a head rather than shipping it without its scripts', () => {
    expect(() => rewritePage('<html><body>x</body></html>', '/e.js')).toThrow(/no <\/head>/);
  });
});
