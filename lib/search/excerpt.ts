/**
 * The passage of a note's text around the first match of any query term, split into plain
 * and matched pieces so the page can highlight them without injecting HTML.
 */
export interface ExcerptPiece {
  text: string;
  match: boolean;
}

export function excerpt(text: string, terms: string[], radius = 90): ExcerptPiece[] | null {
  const words = terms.map((t) => t.toLowerCase()).filter((t) => t.length >= 2);
  if (words.length === 0 || !text) return null;
  const lower = text.toLowerCase();
  let at = -1;
  for (const w of words) {
    const i = lower.indexOf(w);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  if (at < 0) return null;
  let start = Math.max(0, at - radius);
  let end = Math.min(text.length, at + radius);
  // Start and end on word boundaries.
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  if (end < text.length) end = text.lastIndexOf(' ', end) > at ? text.lastIndexOf(' ', end) : end;
  const slice = text.slice(start, end);
  const pattern = new RegExp(`(${words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi');
  const pieces: ExcerptPiece[] = [];
  if (start > 0) pieces.push({ text: '… ', match: false });
  let last = 0;
  for (const m of slice.matchAll(pattern)) {
    if (m.index! > last) pieces.push({ text: slice.slice(last, m.index), match: false });
    pieces.push({ text: m[0], match: true });
    last = m.index! + m[0].length;
  }
  if (last < slice.length) pieces.push({ text: slice.slice(last), match: false });
  if (end < text.length) pieces.push({ text: ' …', match: false });
  return pieces;
}
