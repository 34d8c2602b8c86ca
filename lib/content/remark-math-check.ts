/**
 * A remark plugin that typesets every math node with KaTeX as the page will, and reports
 * through the file's messages: LaTeX errors at the exact character, and the commands that
 * would let math link or write HTML (\href, \url, \includegraphics, \htmlClass, \htmlId,
 * \htmlStyle, \htmlData). The page renders math with trust: false, which would only show those
 * as red text; reporting them tells the author why.
 */
import katex from 'katex';
import { visit } from 'unist-util-visit';
import type { Root, Node } from 'mdast';
import type { VFile } from 'vfile';

/** KaTeX options shared by the check and the page compile, so both typeset the same way. */
export const KATEX_OPTIONS = { strict: 'ignore', trust: false, maxSize: 20, maxExpand: 1000 } as const;

function offsetToPoint(source: string, offset: number): { line: number; column: number; offset: number } {
  let line = 1;
  let lastBreak = -1;
  for (let i = 0; i < offset && i < source.length; i++) {
    if (source.charCodeAt(i) === 10) {
      line++;
      lastBreak = i;
    }
  }
  return { line, column: offset - lastBreak, offset };
}

export function remarkMathCheck() {
  return (tree: Root, file: VFile) => {
    const source = String(file.value);
    visit(tree, (node: Node) => {
      if (node.type !== 'math' && node.type !== 'inlineMath') return;
      const value = (node as Node & { value: string }).value;
      const pos = node.position?.start;
      // Where the TeX itself starts in the file (after $, $$ and any newline).
      const start = source.indexOf(value, pos?.offset ?? 0);
      const at = (index: number) => (start >= 0 ? offsetToPoint(source, start + index) : pos);
      const untrusted: string[] = [];
      try {
        katex.renderToString(value, {
          ...KATEX_OPTIONS,
          throwOnError: true,
          displayMode: node.type === 'math',
          trust: (context: { command: string }) => {
            untrusted.push(context.command);
            return false;
          },
        });
      } catch (err) {
        const e = err as { rawMessage?: string; message: string; position?: number };
        const place = typeof e.position === 'number' ? at(e.position) : pos;
        file.message(`LaTeX error: ${e.rawMessage ?? e.message}`, { place, ruleId: 'latex', source: 'math' });
      }
      let from = 0;
      for (const command of untrusted) {
        const index = value.indexOf(command, from);
        from = index >= 0 ? index + command.length : from;
        file.message(`LaTeX ${command} is not allowed: math may not link, load images or set HTML attributes`, {
          place: index >= 0 ? at(index) : pos,
          ruleId: 'latex-untrusted',
          source: 'math',
        });
      }
    });
  };
}
