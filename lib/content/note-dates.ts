/**
 * Each note's last-updated date, for the feed, the sitemap and the page, from one place.
 */
import type { ContentIndex, Note } from './index';
import { asDateTime, noteLastUpdated, type LastUpdated } from './last-updated';

export function lastUpdatedOf(index: ContentIndex, note: Note): LastUpdated {
  return noteLastUpdated(index.root, note.file, note.frontmatter.updated);
}

/** The newest of some notes' dates (undefined for none): a listing page changes when they do. */
export function newestUpdate(index: ContentIndex, notes: Note[]): string | undefined {
  return notes.map((n) => asDateTime(lastUpdatedOf(index, n).date)).sort().at(-1);
}
