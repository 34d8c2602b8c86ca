/**
 * Marks the section being read in the sticky contents (`nav.note-toc[data-toc-spy]`): the last
 * heading above the top third of the viewport gets aria-current. The links work without
 * JavaScript; this is an enhancement. Reads layout at most once per animation frame.
 */
export function installTocHighlight(): () => void {
  const nav = document.querySelector<HTMLElement>('[data-toc-spy]');
  if (!nav) return () => {};
  const links = [...nav.querySelectorAll<HTMLAnchorElement>('a[href^="#"]')];
  const targets = links
    .map((a) => ({ a, el: document.getElementById(decodeURIComponent(a.hash.slice(1))) }))
    .filter((t): t is { a: HTMLAnchorElement; el: HTMLElement } => t.el !== null);
  if (targets.length === 0) return () => {};
  let frame = 0;
  const update = () => {
    frame = 0;
    const line = window.innerHeight / 3;
    let current = targets[0];
    for (const t of targets) if (t.el.getBoundingClientRect().top <= line) current = t;
    for (const t of targets) {
      if (t === current) t.a.setAttribute('aria-current', 'true');
      else t.a.removeAttribute('aria-current');
    }
  };
  const onScroll = () => {
    if (!frame) frame = window.requestAnimationFrame(update);
  };
  // First mark after the first frame: reading positions now would force the whole note's layout
  // inside this script's task instead of the frame that lays it out anyway.
  frame = window.requestAnimationFrame(update);
  window.addEventListener('scroll', onScroll, { passive: true });
  return () => {
    window.removeEventListener('scroll', onScroll);
    if (frame) window.cancelAnimationFrame(frame);
  };
}
