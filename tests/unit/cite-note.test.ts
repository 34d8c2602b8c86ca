import { describe, expect, it } from 'vitest';
import { bibtexKey, escapeBibtex, noteBibtex, noteCitationText } from '@/lib/content/cite-note';
import { parseBibtex } from '@/lib/content/bibtex';
import { PLACEHOLDER_SITE_URL, siteUrlFrom } from '@/lib/site';

const note = {
  slug: 'concept-bottleneck-models',
  title: 'Concept bottleneck models',
  author: 'Interpretability notes',
  siteName: 'Interpretability notes',
  url: 'https://notes.example.org/notes/concept-bottleneck-models',
  updated: '2026-11-30',
};

describe('BibTeX entry for a note', () => {
  it('is a @misc entry with the site as one corporate author and the title kept as written', () => {
    expect(noteBibtex(note)).toBe(
      [
        '@misc{interpretability-notes:concept-bottleneck-models,',
        '  author       = {{Interpretability notes}},',
        '  title        = {{Concept bottleneck models}},',
        '  howpublished = {Interpretability notes},',
        '  year         = {2026},',
        '  url          = {https://notes.example.org/notes/concept-bottleneck-models},',
        '  note         = {Last updated 2026-11-30}',
        '}',
      ].join('\n'),
    );
  });

  it("escapes LaTeX's special characters in titles and authors", () => {
    expect(escapeBibtex('R&D: 50% of $x_i$ {braces} #1 ^ ~ \\')).toBe('R\\&D: 50\\% of \\$x\\_i\\$ \\{braces\\} \\#1 \\^{} \\~{} \\textbackslash{}');
    const entry = noteBibtex({ ...note, title: 'Saliency & sanity: 100% {sure}?', author: 'A_B & Co' });
    expect(entry).toContain('title        = {{Saliency \\& sanity: 100\\% \\{sure\\}?}}');
    expect(entry).toContain('author       = {{A\\_B \\& Co}}');
  });

  it('stays one well-formed entry whatever the title holds (the project parser reads it back)', () => {
    const nasty = noteBibtex({ ...note, title: 'Unbalanced } and { braces, a "quote" and a\nnewline' });
    const parsed = parseBibtex(nasty);
    expect(parsed.errors).toEqual([]);
    expect([...parsed.entries.keys()]).toEqual(['interpretability-notes:concept-bottleneck-models']);
    expect(parsed.entries.get('interpretability-notes:concept-bottleneck-models')!.fields.year).toBe('2026');
    expect(nasty).not.toContain('\nnewline');
  });

  it('takes the year from a date-time too, and makes keys from any site name', () => {
    expect(noteBibtex({ ...note, updated: '2025-01-02T10:00:00.000Z' })).toContain('year         = {2025}');
    expect(bibtexKey('Notes & Co.', 'a-b')).toBe('notes-co:a-b');
  });
});

describe('formatted citation', () => {
  it('names the site once when it is the author, and ends with the address', () => {
    expect(noteCitationText(note, '30 November 2026')).toBe(
      '“Concept bottleneck models.” Interpretability notes, last updated 30 November 2026. https://notes.example.org/notes/concept-bottleneck-models',
    );
    expect(noteCitationText({ ...note, author: 'A. Writer', title: 'Why?' }, '1 May 2026')).toBe(
      'A. Writer. “Why?” Interpretability notes, last updated 1 May 2026. https://notes.example.org/notes/concept-bottleneck-models',
    );
  });
});

describe('site base URL', () => {
  it('comes from SITE_URL without a trailing slash, and falls back to the placeholder for anything else', () => {
    expect(siteUrlFrom('https://notes.example.org/')).toBe('https://notes.example.org');
    expect(siteUrlFrom(undefined)).toBe(PLACEHOLDER_SITE_URL);
    expect(siteUrlFrom('  ')).toBe(PLACEHOLDER_SITE_URL);
    expect(siteUrlFrom('javascript:alert(1)')).toBe(PLACEHOLDER_SITE_URL);
    expect(siteUrlFrom('not a url')).toBe(PLACEHOLDER_SITE_URL);
  });
});
