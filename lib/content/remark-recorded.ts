/**
 * Checks every <Recorded> and <RecordedTable> in a note against the calibration records: the
 * experiment exists and has a fresh record, the metric, seed or check is in it. Problems are
 * reported at the element, through the file's messages, like every other note problem; the
 * components render with the same functions (lib/calibration/quote.ts), so what passes renders.
 */
import { visit } from 'unist-util-visit';
import type { Root, Node } from 'mdast';
import type { VFile } from 'vfile';
import { quote, tableProblems } from '../calibration/quote';
import { experimentIds, getManifest } from '../experiments/registry';
import { readRecord } from './calibration-records';

interface JsxElement extends Node {
  name: string | null;
  attributes: { type: string; name?: string; value?: unknown }[];
}

/** The element's literal string props (the note-language check reports any other kind). */
function stringProps(el: JsxElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const a of el.attributes) if (a.type === 'mdxJsxAttribute' && a.name && typeof a.value === 'string') out[a.name] = a.value;
  return out;
}

export function remarkRecorded() {
  return (tree: Root, file: VFile) => {
    visit(tree, (node: Node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const el = node as JsxElement;
      if (el.name !== 'Recorded' && el.name !== 'RecordedTable') return;
      const report = (reason: string) => file.message(`<${el.name}>: ${reason}`, { place: el.position ?? undefined, ruleId: 'recorded', source: 'calibration' });
      const props = stringProps(el);
      const manifest = props.experiment ? getManifest(props.experiment) : undefined;
      if (!manifest) {
        report(`experiment="${props.experiment ?? ''}" is not an experiment; experiments: ${experimentIds.join(', ')}`);
        return;
      }
      const { record, problems } = readRecord(manifest);
      for (const problem of problems) report(problem);
      if (!record) return;
      if (el.name === 'Recorded') {
        const q = quote(record, props);
        if (!q.ok) report(q.problem);
      } else {
        for (const problem of tableProblems(record, props)) report(problem);
      }
    });
  };
}
