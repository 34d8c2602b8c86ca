/**
 * The page rewrite of scripts/export-islands.ts, on its own so it can be tested: drop Next's
 * scripts and script preloads from an exported page and load the islands entry instead.
 */
const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/g;
const SCRIPT_PRELOAD = /<link\b[^>]*\b(?:rel="modulepreload"|as="script")[^>]*\/?>/g;

/** Keeps the theme script (it must run before paint) and data blocks; drops Next's runtime. */
function keepScript(attrs: string): boolean {
  return /\bid="theme-init"/.test(attrs) || /\btype="application\/(?:ld\+)?json"/.test(attrs);
}

export function rewritePage(html: string, entryUrl: string): string {
  const withoutNext = html.replace(SCRIPT, (tag, attrs: string) => (keepScript(attrs) ? tag : '')).replace(SCRIPT_PRELOAD, '');
  if (!withoutNext.includes('</head>')) throw new Error('a page has no </head>');
  return withoutNext.replace('</head>', `<script type="module" src="${entryUrl}"></script></head>`);
}

/** True if a rewritten page would still start Next's runtime (the export refuses to ship it). */
export function stillLoadsNext(html: string): boolean {
  return /self\.__next_f|<script\b[^>]*\bsrc="\/_next\//.test(html);
}
