/**
 * "Copy citation" buttons: `<button data-copy-target="<id>" hidden>` copies the text of the
 * element with that id and says so in `#<id>-status`. The buttons stay hidden without
 * JavaScript (the text is plain, selectable text); if the clipboard is refused, the text is
 * selected instead so the reader can copy it themselves.
 */
const STATUS_MS = 4000;

export function installCopyButtons(): () => void {
  document.querySelectorAll<HTMLElement>('[data-copy-target]').forEach((b) => (b.hidden = false));
  const timers = new Map<string, number>();
  const say = (targetId: string, message: string) => {
    const status = document.getElementById(`${targetId}-status`);
    if (!status) return;
    status.textContent = message;
    window.clearTimeout(timers.get(targetId));
    timers.set(targetId, window.setTimeout(() => (status.textContent = ''), STATUS_MS));
  };
  const onClick = async (e: MouseEvent) => {
    const button = e.target instanceof Element ? e.target.closest<HTMLElement>('[data-copy-target]') : null;
    const targetId = button?.dataset.copyTarget;
    const target = targetId ? document.getElementById(targetId) : null;
    if (!targetId || !target) return;
    try {
      await navigator.clipboard.writeText(target.textContent ?? '');
      say(targetId, 'Copied');
    } catch {
      window.getSelection()?.selectAllChildren(target);
      say(targetId, 'Selected: press Ctrl+C (⌘C) to copy');
    }
  };
  document.addEventListener('click', onClick);
  return () => {
    document.removeEventListener('click', onClick);
    timers.forEach((t) => window.clearTimeout(t));
  };
}
