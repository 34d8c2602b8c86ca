import { describe, expect, it } from 'vitest';
import { excerpt } from '@/lib/search/excerpt';

describe('search excerpt', () => {
  const text = 'Concept bottleneck models route the prediction through concepts. A reader can intervene on a concept and see the label change. Later text about kernels and widths.';

  it('centres on the first match and marks every match, case-insensitively', () => {
    const pieces = excerpt(text, ['Intervene'], 40)!;
    expect(pieces.filter((p) => p.match).map((p) => p.text)).toEqual(['intervene']);
    const joined = pieces.map((p) => p.text).join('');
    expect(joined.startsWith('… ')).toBe(true);
    expect(joined).toContain('can intervene on a concept');
  });

  it('returns null when nothing matches or there are no usable terms', () => {
    expect(excerpt(text, ['zebra'])).toBeNull();
    expect(excerpt(text, ['a'])).toBeNull();
  });

  it('treats regex characters in terms literally', () => {
    expect(excerpt('cost (a+b) here', ['(a+b)'])!.some((p) => p.match && p.text === '(a+b)')).toBe(true);
  });
});
