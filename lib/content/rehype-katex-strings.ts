/**
 * Typesets each formula with KaTeX into ONE element whose content is KaTeX's own HTML string
 * (`<span className="katex" dangerouslySetInnerHTML={{ __html }} />`), instead of the tree of
 * 20-200 spans per formula that rehype-katex hands to MDX. Math is 63-86% of a note's elements:
 * as one element per formula, React creates, checks and streams several times fewer elements
 * for every page render (each `next dev` request walks them twice, with dev-mode checks), and
 * the compiled code is smaller. The page shows the same markup: the string is KaTeX's, rendered
 * with the site's options (trust off, HTML output), so it holds no author script.
 *
 * Runs before rehype-katex and leaves alone any formula KaTeX cannot typeset cleanly: rehype-katex
 * then reports and renders it exactly as before (the checks refuse such a note anyway).
 */
import katex, { type KatexOptions } from 'katex';
import type { Element, ElementContent, Parent, Root } from 'hast';
import type { Program } from 'estree';

/** KaTeX's outer element, with nothing but a class on it (HTML output always starts so). */
const OUTER = /^<span class="(katex|katex-display)">([\s\S]*)<\/span>$/;

function classesOf(element: Element): unknown[] {
  const className = element.properties?.className;
  return Array.isArray(className) ? className : [];
}

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  return 'children' in node ? node.children.map(textOf).join('') : '';
}

/** `{ __html: html }` as the expression MDX turns into the attribute's value. */
function htmlObject(html: string): Program {
  return {
    type: 'Program',
    sourceType: 'module',
    body: [
      {
        type: 'ExpressionStatement',
        expression: {
          type: 'ObjectExpression',
          properties: [
            { type: 'Property', kind: 'init', method: false, shorthand: false, computed: false, key: { type: 'Identifier', name: '__html' }, value: { type: 'Literal', value: html } },
          ],
        },
      },
    ],
  };
}

/** One `<span className={outer} dangerouslySetInnerHTML={{ __html: inner }} />`, or null when the string is not KaTeX's usual shape. */
export function katexElement(rendered: string): ElementContent | null {
  const match = OUTER.exec(rendered);
  if (!match) return null;
  const [, outerClass, html] = match;
  // Written as React wrote the elements before: a style without KaTeX's final ';', and an SVG
  // path or line with a closing tag. The page's HTML stays byte for byte what it was.
  const inner = html.replace(/ style="([^"]*);"/g, ' style="$1"').replace(/<(path|line)( [^>]*)\/>/g, '<$1$2></$1>');
  const node = {
    type: 'mdxJsxTextElement',
    name: 'span',
    attributes: [
      { type: 'mdxJsxAttribute', name: 'className', value: outerClass },
      { type: 'mdxJsxAttribute', name: 'dangerouslySetInnerHTML', value: { type: 'mdxJsxAttributeValueExpression', value: '', data: { estree: htmlObject(inner) } } },
    ],
    children: [],
  };
  // An MDX JSX node inside the HTML tree: hast's own types do not list it, MDX's compiler takes it.
  return node as unknown as ElementContent;
}

/** The math element remark-math produced, and whether it is display math; null for any other element. */
function mathIn(element: Element, parent: Parent): { scope: Element; display: boolean } | null {
  const classes = classesOf(element);
  const languageMath = classes.includes('language-math');
  if (!languageMath && !classes.includes('math-display') && !classes.includes('math-inline')) return null;
  // ```math fences and $$ blocks arrive as <pre><code class="language-math">: the <pre> is replaced.
  if (element.tagName === 'code' && languageMath && (parent as Element).tagName === 'pre') return { scope: parent as Element, display: true };
  return { scope: element, display: classes.includes('math-display') };
}

export function rehypeKatexStrings(options: Omit<KatexOptions, 'displayMode' | 'throwOnError'> = {}) {
  return (tree: Root) => {
    const visit = (parent: Parent) => {
      for (let i = 0; i < parent.children.length; i++) {
        const child = parent.children[i];
        if (child.type !== 'element') continue;
        const code = child.children.length === 1 && child.children[0].type === 'element' ? child.children[0] : null;
        const math = mathIn(child, parent) ?? (child.tagName === 'pre' && code ? mathIn(code, child) : null);
        if (!math) {
          visit(child);
          continue;
        }
        let rendered: string;
        try {
          rendered = katex.renderToString(textOf(math.scope), { ...options, displayMode: math.display, throwOnError: true });
        } catch {
          continue; // rehype-katex reports it and renders KaTeX's error markup, as it always has
        }
        const replacement = katexElement(rendered);
        if (replacement) parent.children[i] = replacement;
      }
    };
    visit(tree);
  };
}
