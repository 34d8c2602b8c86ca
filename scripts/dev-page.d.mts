/** Types of dev-page.mjs. */

/** The page's HTTP status, or null when nothing answers (no server, or not up yet). */
export function pageStatus(url: string): Promise<number | null>;

/** Asks for `url` until `done(status)` (default: a 200) or `ms` pass; returns the last status. */
export function askUntil(url: string, ms: number, done?: (status: number | null) => boolean, gapMs?: number): Promise<number | null>;
