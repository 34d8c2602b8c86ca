import { describe, expect, it } from 'vitest';
import { buildContentIndex, getCompiledNote } from '@/lib/content/index';
import { formatDiagnostic } from '@/lib/content/diagnostics';
import { TOPICS } from '@/lib/content/topics';

// The real notes: every one validates, compiles, and renders its math without KaTeX errors.
const index = buildContentIndex();

describe('the notes in content/notes', () => {
  it('pass the content check', () => {
    expect(index.diagnostics.map(formatDiagnostic)).toEqual([]);
  });

  it('every topic has at least one note', () => {
    for (const topic of TOPICS) expect(index.notes.some((n) => n.frontmatter.topics.includes(topic.id)), topic.id).toBe(true);
  });

  for (const note of index.notes) {
    it(`${note.slug} compiles to MDX code with typeset math and no KaTeX errors`, async () => {
      const code = await getCompiledNote(note, index);
      expect(code.length).toBeGreaterThan(1000);
      expect(code).not.toContain('katex-error');
      if (note.source.includes('$')) expect(code).toContain('katex');
    });
  }
});
