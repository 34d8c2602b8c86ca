import { useId, type AnchorHTMLAttributes, type ComponentType, type ReactNode } from 'react';
import { noteSlugOfHref, type NotePreview } from '@/lib/content/note-previews';

/**
 * A link to another note that previews it (title, summary, topics) on hover and keyboard
 * focus, with CSS only, like the citation previews; on phones the preview is a sheet at the
 * bottom of the screen. On touch screens components/enhance/note-link-touch.ts makes the first tap open the sheet,
 * whose "Open the note" link (or a second tap) follows it.
 */
export function NoteLinkPreview({ href, preview, children }: { href: string; preview: NotePreview; children: ReactNode }) {
  const id = useId();
  return (
    <span className="note-link">
      <a href={href} aria-describedby={id}>
        {children}
      </a>
      <span className="note-pop">
        <span role="tooltip" id={id}>
          <span className="note-pop-title">{preview.title}</span>
          <span className="note-pop-summary">{preview.summary}</span>
          {preview.topics.length > 0 ? <span className="note-pop-topics">{preview.topics.join(' · ')}</span> : null}
        </span>
        {/* Only shown in the touch sheet; out of the tab order (the link itself is the keyboard's way in). */}
        <a href={href} className="note-pop-open" tabIndex={-1}>
          Open the note →
        </a>
      </span>
    </span>
  );
}

type AnchorProps = AnchorHTMLAttributes<HTMLAnchorElement>;

/**
 * The MDX `a` component for one page: links to other notes get a preview, every other link
 * (external, footnotes, the note's own sections) stays a plain link.
 */
export function noteLinkComponent(previews: Record<string, NotePreview>, currentSlug: string): ComponentType<AnchorProps> {
  function NoteAwareLink({ href, children, ...rest }: AnchorProps) {
    const slug = noteSlugOfHref(href);
    const preview = slug && slug !== currentSlug ? previews[slug] : undefined;
    if (!preview || !href) {
      return (
        <a href={href} {...rest}>
          {children}
        </a>
      );
    }
    return (
      <NoteLinkPreview href={href} preview={preview}>
        {children}
      </NoteLinkPreview>
    );
  }
  return NoteAwareLink;
}
