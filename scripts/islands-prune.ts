/**
 * Which files of Next's export nothing uses once every page runs on islands, on its own so it can
 * be tested. Next still writes, per page, the RSC payload its client router would fetch (`page.txt`
 * beside `page.html`, and `page/__next.*.txt` segments) and its runtime's chunks under
 * `_next/static/`: about 10 MB that a host would upload and never serve to anyone.
 *
 * Only two kinds of file are ever pruned: RSC payloads, and files under `_next/` that no page or
 * stylesheet names. Everything else (public/ files, the islands bundles, fonts the CSS loads) stays.
 */

/** Site paths (leading slash, forward slashes) to delete from the export. */
export function unusedExportFiles(files: readonly string[], readText: (file: string) => string): string[] {
  const all = new Set(files);
  const referenced = new Set<string>();
  for (const file of files) {
    if (!/\.(?:html|css)$/.test(file)) continue;
    for (const url of nextUrlsIn(readText(file), file)) referenced.add(url);
  }
  return files.filter((file) => isRscPayload(file, all) || (file.startsWith('/_next/') && !referenced.has(file)));
}

/** `/a/b.txt` beside `/a/b.html` (or `/index.txt`), and `/a/b/__next.….txt` segment payloads. */
function isRscPayload(file: string, all: ReadonlySet<string>): boolean {
  if (!file.endsWith('.txt') || file.startsWith('/_next/')) return false;
  const name = file.slice(file.lastIndexOf('/') + 1);
  return name.startsWith('__next.') || all.has(file.replace(/\.txt$/, '.html'));
}

/** Every `/_next/…` file a page or stylesheet names (absolute, or relative to a stylesheet). */
function nextUrlsIn(text: string, file: string): string[] {
  const urls: string[] = [];
  for (const match of text.matchAll(/\/_next\/[^"'()\s?#]+/g)) urls.push(match[0]);
  if (file.endsWith('.css')) {
    const dir = file.slice(0, file.lastIndexOf('/'));
    for (const match of text.matchAll(/url\(\s*['"]?(\.{1,2}\/[^"')?#]+)/g)) urls.push(resolveRelative(dir, match[1]));
  }
  return urls;
}

function resolveRelative(dir: string, relative: string): string {
  const parts = dir.split('/');
  for (const part of relative.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}
