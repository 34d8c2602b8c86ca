/**
 * What a link to another note previews on hover or focus: its title, summary and topics.
 * Rendered into the page at build time, so a preview costs no request.
 */
import type { ContentIndex } from './index';
import { topicById } from './topics';

export interface NotePreview {
  title: string;
  summary: string;
  /** Topic titles, in the note's order. */
  topics: string[];
}

export function notePreviews(index: ContentIndex): Record<string, NotePreview> {
  return Object.fromEntries(
    index.notes.map((n) => [n.slug, { title: n.frontmatter.title, summary: n.frontmatter.summary, topics: n.frontmatter.topics.map((t) => topicById(t)?.title ?? t) }]),
  );
}

const NOTE_HREF = /^\/notes\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:[?#].*)?$/;

/** The slug a site-relative link points to (/notes/x, /notes/x#section), or null for any other link. */
export function noteSlugOfHref(href: string | undefined): string | null {
  return href ? (NOTE_HREF.exec(href)?.[1] ?? null) : null;
}
