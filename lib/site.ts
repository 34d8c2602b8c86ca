/**
 * The site's identity in one place: its name, who publishes it, and the address it is served
 * from. Feeds, the sitemap and "Cite this note" need absolute URLs, and a static export cannot
 * learn its own address: set SITE_URL when building (`SITE_URL=https://notes.example.org npm run build`).
 * Without it, links point at a placeholder domain that is reserved for examples.
 */
export const PLACEHOLDER_SITE_URL = 'https://interpretability-notes.example';

/** A base URL without a trailing slash; anything that is not an http(s) address falls back to the placeholder. */
export function siteUrlFrom(value: string | undefined): string {
  const trimmed = value?.trim().replace(/\/+$/, '');
  if (!trimmed) return PLACEHOLDER_SITE_URL;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'https:' || url.protocol === 'http:' ? trimmed : PLACEHOLDER_SITE_URL;
  } catch {
    return PLACEHOLDER_SITE_URL;
  }
}

export const SITE = {
  name: 'Interpretability notes',
  description: 'Notes on machine-learning interpretability papers, each with a small model you can train in your browser to see the claim happen.',
  /** Who a citation names as the author of a note: the site speaks in its own voice. */
  author: 'Interpretability notes',
  url: siteUrlFrom(process.env.SITE_URL),
} as const;

/** The absolute address of a site path such as /notes/x. */
export function absoluteUrl(path: string): string {
  return `${SITE.url}${path.startsWith('/') ? path : `/${path}`}`;
}
