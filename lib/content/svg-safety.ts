/**
 * Figure SVGs are inlined into the page (so they follow the theme), which means anything in
 * the file runs as part of the page. scanSvg reads an SVG the way a browser would and returns
 * (1) every problem with its line and column, for `npm run check`, and (2) a safe copy rebuilt
 * from an allow-list, for <Figure> to inline: drawing elements only (no script, style,
 * foreignObject, image, a, animate...), no event handlers, and no reference outside the
 * figure itself (href and url() may point only at #ids inside it).
 * The safe copy is re-serialised from what was parsed, never copied through, so a browser
 * cannot read it differently from this scanner.
 */

export const FIGURE_ELEMENTS = [
  'svg', 'g', 'defs', 'title', 'desc', 'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'marker', 'linearGradient', 'radialGradient', 'stop', 'clipPath', 'mask', 'pattern', 'use', 'symbol',
];
/** Lower-cased name -> the spelling SVG uses (the HTML parser lower-cases tag names). */
const ELEMENTS = new Map(FIGURE_ELEMENTS.map((n) => [n.toLowerCase(), n]));

const NAMESPACED_ATTRIBUTES = new Set(['xlink:href', 'xml:space', 'xml:lang', 'xmlns:xlink']);
const URL_ATTRIBUTES = new Set(['src', 'srcdoc', 'action', 'formaction', 'background', 'ping', 'poster', 'data']);
const SAFE_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export interface SvgProblem {
  line: number;
  column: number;
  message: string;
}

export interface SvgScan {
  problems: SvgProblem[];
  /** The figure rebuilt from what is allowed, ready to inline. */
  safe: string;
}

interface Attribute {
  name: string;
  value: string;
  offset: number;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Decode character references; null if one is not a plain &amp; &lt; &gt; &quot; &apos; or numeric one. */
function decodeEntities(value: string): string | null {
  let ok = true;
  const out = value.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z0-9]+);?/gi, (_, ref: string) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
    }
    const known = SAFE_ENTITIES[ref.toLowerCase()];
    if (known === undefined) ok = false;
    return known ?? '';
  });
  return ok ? out : null;
}

/** Why an attribute may not stay, or null if it may. */
function attributeProblem(element: string, attr: Attribute): string | null {
  const name = attr.name.toLowerCase();
  if (name.startsWith('on')) return `event handler ${attr.name}="..." is not allowed in a figure`;
  if (!/^[a-z][a-z0-9-]*$/i.test(attr.name) && !NAMESPACED_ATTRIBUTES.has(name)) return `attribute ${attr.name} is not allowed in a figure`;
  if (URL_ATTRIBUTES.has(name)) return `attribute ${attr.name} (a reference to another file) is not allowed in a figure`;
  const value = decodeEntities(attr.value);
  if (value === null) return `<${element} ${attr.name}>: use plain characters or numeric references, not named ones like &colon;`;
  // eslint-disable-next-line no-control-regex -- browsers ignore these inside a URL.
  const compact = value.replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase();
  if (name === 'href' || name === 'xlink:href') {
    return compact.startsWith('#') ? null : `<${element} ${attr.name}="${value.slice(0, 40)}">: a figure may refer only to its own parts (#id), not to other files or hosts`;
  }
  if (name === 'xmlns' || name === 'xmlns:xlink') return null;
  if (/(?:javascript|vbscript|data):/.test(compact)) return `<${element} ${attr.name}>: javascript:, vbscript: and data: URLs are not allowed in a figure`;
  for (const m of compact.matchAll(/url\(([^)]*)\)?/g)) {
    if (!m[1].replace(/^['"]/, '').startsWith('#')) return `<${element} ${attr.name}>: url(...) may refer only to the figure's own parts (url(#id))`;
  }
  if (name === 'style' && /[@\\]|expression\(|-moz-binding|behavior:/.test(compact)) return `<${element} style>: @-rules, escapes and expression() are not allowed in a figure's styles`;
  if (/^[a-z][a-z0-9+.-]*:\/\//.test(compact)) return `<${element} ${attr.name}>: a figure may not refer to another host`;
  return null;
}

const BARE_VALUE = /[^\s>]*/y;

const escapeAttr = (v: string) => v.replace(/&(?!(?:#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);)/gi, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
const escapeText = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function scanSvg(text: string): SvgScan {
  const starts = lineStarts(text);
  const problems: SvgProblem[] = [];
  const report = (offset: number, message: string) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    problems.push({ line: lo + 1, column: offset - starts[lo] + 1, message });
  };

  const out: string[] = [];
  const open: string[] = []; // allowed elements currently open, as emitted
  let skipping: { name: string; depth: number } | null = null;
  let strayText = false;
  let sawElement = false;
  let i = 0;

  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const textEnd = lt < 0 ? text.length : lt;
    if (textEnd > i && !skipping) {
      const piece = text.slice(i, textEnd);
      // Text belongs inside the drawing; outside it (a file that is not an SVG at all) it is dropped.
      if (open.length > 0) out.push(piece.replace(/>/g, '&gt;'));
      else if (piece.trim() && !strayText) {
        strayText = true;
        report(i + piece.search(/\S/), 'text outside the <svg> element: a figure file holds one <svg> drawing and nothing else');
      }
    }
    if (lt < 0) break;
    i = lt;
    const rest = text.slice(i, i + 9);
    if (rest.startsWith('<!--')) {
      const end = text.indexOf('-->', i + 4);
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (rest.startsWith('<![CDATA[')) {
      const end = text.indexOf(']]>', i + 9);
      if (!skipping) out.push(escapeText(text.slice(i + 9, end < 0 ? text.length : end)));
      i = end < 0 ? text.length : end + 3;
      continue;
    }
    if (rest.startsWith('<?') || rest.startsWith('<!')) {
      // XML declaration, DOCTYPE (with an internal subset in [...]): dropped.
      const bracket = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      const end = bracket >= 0 && bracket < close && rest.startsWith('<!') ? text.indexOf(']>', bracket) + 1 : close;
      i = end <= 0 ? text.length : end + 1;
      continue;
    }
    const endTag = /^<\/([a-zA-Z][^\s/>]*)\s*>/.exec(text.slice(i, i + 200));
    if (endTag) {
      const lower = endTag[1].toLowerCase();
      i += endTag[0].length;
      if (skipping) {
        if (lower === skipping.name && --skipping.depth === 0) skipping = null;
        continue;
      }
      const canonical = ELEMENTS.get(lower);
      if (canonical && open.includes(canonical)) {
        while (open.length > 0) {
          const top = open.pop()!;
          out.push(`</${top}>`);
          if (top === canonical) break;
        }
      }
      continue;
    }
    const startTag = /^<([a-zA-Z][^\s/>]*)/.exec(text.slice(i, i + 200));
    if (!startTag) {
      if (!skipping) out.push('&lt;');
      i += 1;
      continue;
    }
    // Attributes, read as the HTML tokenizer reads them.
    const tagOffset = i;
    const rawName = startTag[1];
    let j = i + startTag[0].length;
    const attrs: Attribute[] = [];
    let selfClosing = false;
    let closed = false;
    while (j < text.length) {
      while (j < text.length && /[\s/]/.test(text[j])) {
        if (text[j] === '/' && text[j + 1] === '>') selfClosing = true;
        j++;
      }
      if (text[j] === '>') {
        closed = true;
        j++;
        break;
      }
      selfClosing = false;
      const nameMatch = /^[^\s"'>/=]+/.exec(text.slice(j, j + 200));
      if (!nameMatch) {
        j++;
        continue;
      }
      const attr: Attribute = { name: nameMatch[0], value: '', offset: j };
      j += nameMatch[0].length;
      while (/\s/.test(text[j] ?? '')) j++;
      if (text[j] === '=') {
        j++;
        while (/\s/.test(text[j] ?? '')) j++;
        const quote = text[j];
        if (quote === '"' || quote === "'") {
          const end = text.indexOf(quote, j + 1);
          attr.value = text.slice(j + 1, end < 0 ? text.length : end);
          j = end < 0 ? text.length : end + 1;
        } else {
          BARE_VALUE.lastIndex = j; // sticky: no copy of the rest of the file per attribute
          const bare = BARE_VALUE.exec(text)![0];
          attr.value = bare;
          j += bare.length;
        }
      }
      attrs.push(attr);
    }
    i = j;
    const lower = rawName.toLowerCase();
    if (skipping) {
      if (lower === skipping.name && !selfClosing) skipping.depth++;
      continue;
    }
    if (!closed) {
      report(tagOffset, `<${rawName}> is not closed with >`);
      break;
    }
    if (!sawElement && lower !== 'svg') report(tagOffset, `a figure must be an SVG file: its first element is <${rawName}>, not <svg>`);
    sawElement = true;
    const canonical = ELEMENTS.get(lower);
    if (!canonical) {
      report(tagOffset, `<${rawName}> is not allowed in a figure: figures are drawings (${FIGURE_ELEMENTS.join(', ')})`);
      if (!selfClosing) skipping = { name: lower, depth: 1 };
      continue;
    }
    const kept: string[] = [];
    for (const attr of attrs) {
      const problem = attributeProblem(canonical, attr);
      if (problem) report(attr.offset, problem);
      else kept.push(` ${attr.name}="${escapeAttr(attr.value)}"`);
    }
    out.push(`<${canonical}${kept.join('')}${selfClosing ? '/>' : '>'}`);
    if (!selfClosing) open.push(canonical);
  }
  while (open.length > 0) out.push(`</${open.pop()}>`);
  if (!sawElement) report(0, 'a figure must be an SVG file: there is no <svg> element in it');
  return { problems, safe: out.join('').trim() };
}
