/**
 * Which URLs a note, its frontmatter or the bibliography may link to. A link is either a
 * path on this site (`/notes/x`, `#heading`) or a web address (http, https, mailto): never
 * `javascript:`, `data:`, `vbscript:`, `file:` and friends, which run code or read local
 * files when clicked. Browsers ignore tabs, newlines and control characters inside a scheme
 * (`java\tscript:` still runs), so those are removed before the scheme is read.
 */
const WEB_SCHEMES = ['http', 'https', 'mailto'];

/** The scheme of a URL as a browser would read it, lower-cased; null for a relative URL. */
export function urlScheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex -- exactly the characters browsers strip.
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, '');
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned);
  return m ? m[1].toLowerCase() : null;
}

/** A link target a reader may follow: a site path, an anchor, or an http(s)/mailto address. */
export function isSafeLink(url: string): boolean {
  const scheme = urlScheme(url);
  return scheme === null || WEB_SCHEMES.includes(scheme);
}

/** An absolute web address (http or https only), as required for a paper's or reference's url. */
export function isWebUrl(url: string): boolean {
  const scheme = urlScheme(url);
  if (scheme !== 'http' && scheme !== 'https') return false;
  try {
    return Boolean(new URL(url.trim()).hostname);
  } catch {
    return false;
  }
}

/** A path on this site (`/figures/x.svg`): not another host (`//evil.example`), not a scheme. */
export function isSitePath(url: string): boolean {
  return urlScheme(url) === null && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\');
}
