/**
 * Touch and Escape for the note-link previews (components/note/NoteLinkPreview.tsx), as one
 * set of document listeners: hover and focus need no JavaScript, but a tap would follow the
 * link before its preview could be read. So on a touch screen the first tap on a note link
 * opens its preview sheet and a second tap (or "Open the note") follows it; a tap elsewhere
 * closes it. Escape hides a preview shown by hover or focus, as a tooltip should allow.
 */
const OPEN = 'data-open';
const DISMISSED = 'data-dismissed';

export function installNoteLinkTouch(): () => void {
  let pointer = 'mouse';
  const onPointerDown = (e: PointerEvent) => {
    pointer = e.pointerType || 'mouse';
  };
  const onClick = (e: MouseEvent) => {
    const target = e.target instanceof Element ? e.target : null;
    const open = document.querySelector(`.note-link[${OPEN}]`);
    const link = target?.closest('.note-link > a');
    const wrapper = link?.parentElement;
    if (link && wrapper && pointer !== 'mouse' && !wrapper.hasAttribute(OPEN)) {
      e.preventDefault();
      open?.removeAttribute(OPEN);
      wrapper.removeAttribute(DISMISSED);
      wrapper.setAttribute(OPEN, '');
      return;
    }
    if (open && !(target && open.contains(target))) open.removeAttribute(OPEN);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    pointer = 'mouse'; // a key press (Enter on a link) is never a tap
    if (e.key !== 'Escape') return;
    document.querySelectorAll(`.note-link[${OPEN}]`).forEach((el) => el.removeAttribute(OPEN));
    const shown = [document.activeElement?.closest('.note-link'), ...document.querySelectorAll('.note-link:hover')];
    shown.forEach((el) => el?.setAttribute(DISMISSED, ''));
  };
  // A dismissed preview may show again once the pointer or focus has left it.
  const onLeave = (e: Event) => {
    const from = e.target instanceof Element ? e.target.closest(`.note-link[${DISMISSED}]`) : null;
    const to = (e as FocusEvent | MouseEvent).relatedTarget;
    if (from && !(to instanceof Node && from.contains(to))) from.removeAttribute(DISMISSED);
  };
  document.addEventListener('pointerdown', onPointerDown, true);
  document.addEventListener('click', onClick, true);
  document.addEventListener('keydown', onKeyDown);
  document.addEventListener('focusout', onLeave);
  document.addEventListener('mouseout', onLeave);
  return () => {
    document.removeEventListener('pointerdown', onPointerDown, true);
    document.removeEventListener('click', onClick, true);
    document.removeEventListener('keydown', onKeyDown);
    document.removeEventListener('focusout', onLeave);
    document.removeEventListener('mouseout', onLeave);
  };
}
