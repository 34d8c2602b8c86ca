/**
 * Asking a local dev server for a page, for the scripts that warm it (dev.mjs, new-note.ts): Next's
 * dev server compiles a route on its first request and lists a new note only after a request
 * misses, so these ask until the page answers. Plain JavaScript so that `npm run dev` starts
 * without a TypeScript loader (types: dev-page.d.mts).
 */

/** The page's HTTP status, or null when nothing answers (no server, or not up yet). */
export async function pageStatus(url) {
  try {
    // A first request compiles the route: that can take tens of seconds.
    const response = await fetch(url, { signal: AbortSignal.timeout(90_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return null;
  }
}

/** Asks for `url` until `done(status)` (default: a 200) or `ms` pass; returns the last status. */
export async function askUntil(url, ms, done = (status) => status === 200, gapMs = 250) {
  const deadline = Date.now() + ms;
  let status = await pageStatus(url);
  while (!done(status) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, gapMs));
    status = await pageStatus(url);
  }
  return status;
}
