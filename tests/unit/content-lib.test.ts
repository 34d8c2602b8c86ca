import { describe, expect, it } from 'vitest';
import { parseBibtex, citationLabel, formatReference, cleanTex } from '@/lib/content/bibtex';
import { lineOfKeyPath } from '@/lib/content/frontmatter';
import { prefixSvgIds } from '@/components/mdx/Figure';

describe('bibtex', () => {
  const bib = `@inproceedings{koh2020concept,
  author = {Koh, Pang Wei and Nguyen, Thao and Tang, Yew Siang},
  title = {Concept Bottleneck {M}odels},
  booktitle = {ICML},
  year = {2020},
  eprint = {2007.04612}
}

@article{kingma2014auto, author = "Kingma, Diederik P. and Welling, Max", title = {Auto-Encoding {V}ariational {B}ayes}, year = 2014, doi = {10.1/x}}
@misc{koh2020concept, title = {dup}}
@article{broken, title = {never closed`;

  const parsed = parseBibtex(bib);

  it('reads entries with braced, quoted and bare values', () => {
    expect([...parsed.entries.keys()]).toEqual(['koh2020concept', 'kingma2014auto']);
    expect(parsed.entries.get('kingma2014auto')!.fields.year).toBe('2014');
    expect(cleanTex(parsed.entries.get('koh2020concept')!.fields.title)).toBe('Concept Bottleneck Models');
  });

  it('reports duplicates and unclosed entries with their lines', () => {
    expect(parsed.errors).toEqual([
      { line: 10, message: 'duplicate BibTeX key "koh2020concept" (first defined on line 1)' },
      { line: 11, message: 'BibTeX entry "broken" is not closed properly' },
    ]);
  });

  it('formats labels and links', () => {
    expect(citationLabel(parsed.entries.get('koh2020concept')!)).toBe('Koh et al., 2020');
    expect(citationLabel(parsed.entries.get('kingma2014auto')!)).toBe('Kingma & Welling, 2014');
    expect(formatReference(parsed.entries.get('koh2020concept')!).url).toBe('https://arxiv.org/abs/2007.04612');
    expect(formatReference(parsed.entries.get('kingma2014auto')!).url).toBe('https://doi.org/10.1/x');
    expect(formatReference(parsed.entries.get('kingma2014auto')!).authors).toBe('Diederik P. Kingma and Max Welling');
  });
});

describe('frontmatter key lines', () => {
  const src = '---\ntitle: "x"\npaper:\n  title: "t"\n  year: 2020\ntopics:\n  - a\n  - b\n---\nbody';
  it('finds nested keys and list items', () => {
    expect(lineOfKeyPath(src, ['paper', 'year'])).toEqual({ line: 5, column: 3 });
    expect(lineOfKeyPath(src, ['topics', 1])).toEqual({ line: 8, column: 3 });
    expect(lineOfKeyPath(src, ['title'])).toEqual({ line: 2, column: 1 });
  });
});

describe('inlined SVG ids', () => {
  it('prefixes ids and every reference to them, so two figures on a page never clash', () => {
    const svg = '<svg aria-labelledby="t d"><title id="t">T</title><desc id="d">D</desc><marker id="arrow"/><path marker-end="url(#arrow)"/><use href="#arrow"/></svg>';
    expect(prefixSvgIds(svg, 'fig')).toBe(
      '<svg aria-labelledby="fig-t fig-d"><title id="fig-t">T</title><desc id="fig-d">D</desc><marker id="fig-arrow"/><path marker-end="url(#fig-arrow)"/><use href="#fig-arrow"/></svg>',
    );
  });
});
