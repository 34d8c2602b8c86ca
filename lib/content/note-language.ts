/**
 * The language a note may be written in: Markdown, math, citations, the site's components
 * with literal props, and a few inline HTML elements. A note arrives by pull request and is
 * compiled to code that runs at build time and in the reader's browser, so anything that
 * could run code, load from another host or restyle the page is outside the language.
 * docs/authoring.md ("What a note may contain") explains each rule to authors.
 */
import { DEMO_COMPONENTS, PROSE_COMPONENTS } from './known-components';

export type PropKind = 'string' | 'boolean';

/** Every prop each component accepts, with its kind. Anything else is reported. */
export const COMPONENT_PROPS: Record<string, Record<string, PropKind>> = {
  Callout: { kind: 'string', title: 'string' },
  Figure: { src: 'string', alt: 'string', caption: 'string', wide: 'boolean' },
  Sidenote: {},
  Recorded: { experiment: 'string', metric: 'string', show: 'string', seed: 'string', check: 'string', digits: 'string' },
  RecordedTable: { experiment: 'string', metrics: 'string', labels: 'string', digits: 'string', caption: 'string' },
  ...Object.fromEntries(Object.keys(DEMO_COMPONENTS).map((name) => [name, { caption: 'string' }])),
};

// Fails to type-check if a component is added to known-components.ts without its props here.
const _everyComponentHasProps: Record<(typeof PROSE_COMPONENTS)[number], unknown> = COMPONENT_PROPS;
void _everyComponentHasProps;

/**
 * Inline HTML a note may use: text-level elements with no behaviour, for what Markdown
 * cannot say (superscripts, abbreviations, keys). No element that loads, embeds, submits,
 * scripts, styles or redirects (script, style, iframe, form, input, meta, base, link, object,
 * embed, img, svg, ...). Block layout is Markdown's job.
 */
export const HTML_ELEMENTS = [
  'abbr', 'b', 'br', 'cite', 'code', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'u', 'var', 'wbr',
] as const;

/** The only attributes those elements may carry (abbr and dfn need a title; lang marks a quote's language). */
export const HTML_ATTRIBUTES = ['title', 'lang'] as const;
