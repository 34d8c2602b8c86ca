/**
 * A remark plugin that holds a note to the note language (note-language.ts): the site's
 * components with literal props, a few inline HTML elements, no JavaScript, no imports, and
 * only safe link targets. It reports every problem through the file's messages, at the node's
 * position, and changes nothing: the checker reads the messages, and the page compile refuses
 * the note (remark-refuse-problems.ts) before any of its code could be bundled or evaluated.
 */
import { visit } from 'unist-util-visit';
import type { Root, Node } from 'mdast';
import type { VFile } from 'vfile';
import { KNOWN_COMPONENTS, CALLOUT_KINDS } from './known-components';
import { COMPONENT_PROPS, HTML_ELEMENTS, HTML_ATTRIBUTES } from './note-language';
import { isSafeLink, isSitePath } from './url-safety';

type Position = Node['position'];

interface Estree {
  body: { type: string; expression?: EsExpression }[];
}
interface EsExpression {
  type: string;
  value?: unknown;
  regex?: unknown;
  bigint?: unknown;
  operator?: string;
  argument?: EsExpression;
  expressions?: unknown[];
  quasis?: { value: { cooked: string } }[];
}

interface JsxAttribute {
  type: 'mdxJsxAttribute' | 'mdxJsxExpressionAttribute';
  name?: string;
  value?: string | null | { type: string; value: string; data?: { estree?: Estree } };
  position?: Position;
}

interface JsxElement extends Node {
  name: string | null;
  attributes: JsxAttribute[];
}

type Literal = { kind: 'empty' } | { kind: 'string'; value: string } | { kind: 'number'; value: number } | { kind: 'boolean'; value: boolean } | { kind: 'code' };

/** What a `{...}` holds, if it is a plain literal; anything else is code. */
export function literalOf(estree: Estree | undefined): Literal {
  if (!estree) return { kind: 'code' };
  if (estree.body.length === 0) return { kind: 'empty' }; // only a comment: {/* ... */}
  if (estree.body.length !== 1 || estree.body[0].type !== 'ExpressionStatement') return { kind: 'code' };
  const e = estree.body[0].expression!;
  if (e.type === 'Literal' && !e.regex && e.bigint === undefined) {
    if (typeof e.value === 'string') return { kind: 'string', value: e.value };
    if (typeof e.value === 'number') return { kind: 'number', value: e.value };
    if (typeof e.value === 'boolean') return { kind: 'boolean', value: e.value };
  }
  if (e.type === 'UnaryExpression' && e.operator === '-' && e.argument?.type === 'Literal' && typeof e.argument.value === 'number') {
    return { kind: 'number', value: -e.argument.value };
  }
  if (e.type === 'TemplateLiteral' && e.expressions?.length === 0) return { kind: 'string', value: e.quasis![0].value.cooked };
  return { kind: 'code' };
}

function shorten(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const ELEMENT_LIST = HTML_ELEMENTS.join(', ');

export function remarkNoteLanguage() {
  return (tree: Root, file: VFile) => {
    const report = (place: Position, reason: string, ruleId: string) => {
      file.message(reason, { place: place ?? undefined, ruleId, source: 'note-language' });
    };

    const checkProps = (el: JsxElement) => {
      const name = el.name!;
      const props = COMPONENT_PROPS[name];
      for (const attr of el.attributes) {
        const at = attr.position ?? el.position;
        if (attr.type === 'mdxJsxExpressionAttribute') {
          report(at, `<${name}>: spread props {${shorten(String(attr.value ?? ''))}} are not allowed; write each prop as name="text"`, 'spread-prop');
          continue;
        }
        const prop = attr.name!;
        const allowed = props ? props[prop] : undefined;
        if (!allowed) {
          const list = props ? Object.keys(props) : [];
          report(at, `<${name}>: unknown prop "${prop}"; <${name}> takes ${list.length ? list.join(', ') : 'no props'}`, 'unknown-prop');
          continue;
        }
        const v = attr.value;
        const literal: Literal = v === null || v === undefined ? { kind: 'boolean', value: true } : typeof v === 'string' ? { kind: 'string', value: v } : literalOf(v.data?.estree);
        if (literal.kind === 'code' || literal.kind === 'empty') {
          report(at, `<${name} ${prop}={${shorten(typeof v === 'object' && v ? v.value : '')}}>: props must be literal text (${prop}="...")${allowed === 'boolean' ? ' or true/false' : ''}, not code`, 'expression-prop');
        } else if (literal.kind !== allowed) {
          report(at, allowed === 'boolean' ? `<${name} ${prop}>: must be true or false (write ${prop} or ${prop}={false})` : `<${name} ${prop}>: must be text (${prop}="...")`, 'prop-kind');
        }
      }
      if (name === 'Callout') {
        const kind = el.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'kind');
        if (!kind || typeof kind.value !== 'string' || !(CALLOUT_KINDS as readonly string[]).includes(kind.value)) {
          report(el.position, `<Callout> needs kind="${CALLOUT_KINDS.join('" | "')}"`, 'callout-kind');
        }
      }
    };

    const checkHtml = (el: JsxElement) => {
      const name = el.name!;
      if (!(HTML_ELEMENTS as readonly string[]).includes(name)) {
        report(el.position, `<${name}> is not allowed in a note: HTML is limited to ${ELEMENT_LIST} (see "What a note may contain" in docs/authoring.md)`, 'html-element');
        return;
      }
      for (const attr of el.attributes) {
        const at = attr.position ?? el.position;
        if (attr.type === 'mdxJsxExpressionAttribute' || !(HTML_ATTRIBUTES as readonly string[]).includes(attr.name!)) {
          const shown = attr.type === 'mdxJsxExpressionAttribute' ? `{${shorten(String(attr.value ?? ''))}}` : `"${attr.name}"`;
          report(at, `<${name}>: attribute ${shown} is not allowed; HTML elements may carry only ${HTML_ATTRIBUTES.join(', ')}`, 'html-attribute');
        } else if (typeof attr.value !== 'string') {
          report(at, `<${name} ${attr.name}>: must be literal text (${attr.name}="..."), not code`, 'expression-prop');
        }
      }
    };

    visit(tree, (node: Node) => {
      const at = node.position;
      switch (node.type) {
        case 'mdxjsEsm':
          report(at, 'notes may not import or export: the site components are available without importing', 'esm');
          break;
        case 'mdxFlowExpression':
        case 'mdxTextExpression': {
          const n = node as Node & { value: string; data?: { estree?: Estree } };
          const literal = literalOf(n.data?.estree);
          if (literal.kind !== 'empty' && literal.kind !== 'string') {
            report(at, `{${shorten(n.value)}} is code, and notes are content: write the text itself (only {' '}-style text and {/* comments */} are allowed)`, 'expression');
          }
          break;
        }
        case 'mdxJsxFlowElement':
        case 'mdxJsxTextElement': {
          const el = node as JsxElement;
          if (el.name === null) break; // a fragment <>...</> only groups
          if (/[.:]/.test(el.name)) report(at, `<${el.name}> is not allowed in a note: use the site's components or ${ELEMENT_LIST}`, 'html-element');
          else if (/^[A-Z]/.test(el.name)) {
            if (!KNOWN_COMPONENTS.includes(el.name)) report(at, `unknown component <${el.name}>; available: ${KNOWN_COMPONENTS.join(', ')}`, 'unknown-component');
            else checkProps(el);
          } else checkHtml(el);
          break;
        }
        case 'link':
        case 'definition': {
          const url = (node as Node & { url: string }).url;
          if (!isSafeLink(url)) report(at, `link to "${shorten(url)}" is not allowed: link to a site path (/notes/..., #heading) or an http(s) or mailto address`, 'link-url');
          break;
        }
        case 'image': {
          const url = (node as Node & { url: string }).url;
          if (!isSitePath(url)) report(at, `image "${shorten(url)}" is not allowed: images are files on this site (/figures/...), best placed with <Figure>`, 'image-url');
          break;
        }
      }
    });
  };
}
