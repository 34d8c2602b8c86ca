import { describe, expect, it } from 'vitest';
import { ECHO_LENGTH, MAX_QUERY, clampQuery, echoQuery } from '@/app/search/query';

describe('search query limits', () => {
  const huge = 'x'.repeat(5000);

  it('cuts a 5,000-character query to the longest one searched', () => {
    expect(clampQuery(huge)).toHaveLength(MAX_QUERY);
    expect(clampQuery('kernel')).toBe('kernel');
  });

  it('repeats only the start of a long query back to the reader', () => {
    const shown = echoQuery(huge);
    expect(shown).toHaveLength(ECHO_LENGTH);
    expect(shown.endsWith('…')).toBe(true);
    expect(echoQuery('intervention')).toBe('intervention');
  });
});
