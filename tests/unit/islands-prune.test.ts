import { describe, expect, it } from 'vitest';
import { unusedExportFiles } from '@/scripts/islands-prune';

// An export after the islands rewrite (trimmed): pages name the stylesheet and the islands entry;
// the stylesheet loads a font relative to itself; Next's payloads and chunks are left over.
const FILES: Record<string, string> = {
  '/index.html': '<link rel="stylesheet" href="/_next/static/chunks/site.css"/><script type="module" src="/_islands/entry-X.js"></script>',
  '/index.txt': '1:"$Sreact.fragment"',
  '/notes/a.html': '<link rel="stylesheet" href="/_next/static/chunks/site.css"/><img src="/figures/a.svg"/>',
  '/notes/a.txt': '1:"$Sreact.fragment"',
  '/notes/a/__next._tree.txt': '0:{}',
  '/notes/a/__next.notes.$d$slug.__PAGE__.txt': '0:{}',
  '/_next/static/chunks/site.css': '@font-face{src:url(../media/KaTeX_Main.woff2) format("woff2")}',
  '/_next/static/media/KaTeX_Main.woff2': '',
  '/_next/static/media/unused-font.woff2': '',
  '/_next/static/chunks/runtime.js': 'self.__next_f',
  '/_next/static/chunks/runtime.js.map': '{}',
  '/_next/static/BUILD/_buildManifest.js': '',
  '/_islands/entry-X.js': 'import("/_islands/chunks/mount-Y.js")',
  '/_islands/chunks/mount-Y.js': '',
  '/robots.txt': 'User-agent: *',
  '/figures/a.svg': '<svg/>',
  '/search-index.json': '{}',
};

describe('pruning what the islands export no longer uses', () => {
  const unused = new Set(unusedExportFiles(Object.keys(FILES), (file) => FILES[file]));

  it("removes every page's RSC payload and Next's runtime chunks", () => {
    for (const file of ['/index.txt', '/notes/a.txt', '/notes/a/__next._tree.txt', '/notes/a/__next.notes.$d$slug.__PAGE__.txt']) {
      expect(unused, file).toContain(file);
    }
    for (const file of ['/_next/static/chunks/runtime.js', '/_next/static/chunks/runtime.js.map', '/_next/static/BUILD/_buildManifest.js', '/_next/static/media/unused-font.woff2']) {
      expect(unused, file).toContain(file);
    }
  });

  it('keeps what pages and stylesheets load, and every file that is not Next output', () => {
    for (const file of ['/_next/static/chunks/site.css', '/_next/static/media/KaTeX_Main.woff2', '/_islands/entry-X.js', '/_islands/chunks/mount-Y.js', '/robots.txt', '/figures/a.svg', '/search-index.json', '/index.html', '/notes/a.html']) {
      expect(unused, file).not.toContain(file);
    }
  });
});
