/**
 * The one list of remark plugins a note goes through, shared by the checker (analyze.ts,
 * which stops after them) and the page compile (compile.ts, which goes on to HTML and code):
 * syntax (GFM, math), the note-language, math and recorded-number checks, the facts the site reads (headings
 * with their ids, citations, links, demos, text), then citations turned into <Cite>. Both
 * therefore see the same tree and report the same problems at the same positions.
 */
import type { PluggableList } from 'unified';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { FormattedReference } from './bibtex';
import { remarkNoteLanguage } from './remark-note-language';
import { remarkMathCheck } from './remark-math-check';
import { remarkNoteFacts, type NoteFactsOptions } from './remark-note-facts';
import { remarkCitations } from './remark-citations';
import { remarkRecorded } from './remark-recorded';

export interface PipelineOptions extends NoteFactsOptions {
  /** Formatted references for the <Cite> previews (the checker may leave them out). */
  references?: Map<string, FormattedReference>;
}

export function noteRemarkPlugins(options: PipelineOptions): PluggableList {
  const { references = new Map(), ...facts } = options;
  return [remarkGfm, remarkMath, remarkNoteLanguage, remarkMathCheck, remarkRecorded, [remarkNoteFacts, facts], [remarkCitations, { references }]];
}
