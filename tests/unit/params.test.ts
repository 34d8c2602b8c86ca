import { describe, expect, it } from 'vitest';
import { defaultParams, parseParamValue, parseParams, parseSeed, SEED_MAX, type ParamTable } from '@/lib/core/params';

const table = {
  steps: { kind: 'int', label: 'Steps', default: 100, min: 10, max: 1000 },
  lr: { kind: 'number', label: 'Learning rate', default: 0.1, min: 0.001, max: 1 },
  model: { kind: 'enum', label: 'Model', default: 'joint', options: ['independent', 'sequential', 'joint'] },
  noise: { kind: 'boolean', label: 'Noise', default: false },
} as const satisfies ParamTable;

describe('parseParams', () => {
  it('returns the defaults for empty input', () => {
    const parsed = parseParams(table, {});
    expect(parsed.values).toEqual(defaultParams(table));
    expect(parsed.values).toEqual({ steps: 100, lr: 0.1, model: 'joint', noise: false });
    expect(parsed.notices).toEqual([]);
    expect(parsed.unknown).toEqual([]);
  });

  it('accepts valid values of every kind without notices', () => {
    const parsed = parseParams(table, { steps: '250', lr: ' 0.5 ', model: 'SEQUENTIAL', noise: 'yes' });
    expect(parsed.values).toEqual({ steps: 250, lr: 0.5, model: 'sequential', noise: true });
    expect(parsed.notices).toEqual([]);
  });

  it('clamps out-of-range numbers and says so', () => {
    const parsed = parseParams(table, { steps: '5000', lr: '-3' });
    expect(parsed.values.steps).toBe(1000);
    expect(parsed.values.lr).toBe(0.001);
    expect(parsed.notices.map((n) => n.key)).toEqual(['steps', 'lr']);
    expect(parsed.notices[0].message).toContain('out of range 10–1000');
    expect(parsed.notices[0].message).toContain('using 1000');
  });

  it('resets malformed values to the default with a notice naming the expected range', () => {
    const parsed = parseParams(table, { steps: 'many', lr: '', model: 'hybrid', noise: 'maybe' });
    expect(parsed.values).toEqual(defaultParams(table));
    expect(parsed.notices).toHaveLength(4);
    expect(parsed.notices[0].message).toContain('"many" is not a number');
    expect(parsed.notices[0].message).toContain('an integer from 10 to 1000');
    expect(parsed.notices[2].message).toContain('one of independent, sequential, joint');
    expect(parsed.notices[3].message).toContain('true or false');
  });

  it('rounds non-integers for int parameters, with a notice', () => {
    const { value, notice } = parseParamValue('steps', table.steps, '12.6');
    expect(value).toBe(13);
    expect(notice?.message).toContain('not a whole number');
  });

  it('parses the boolean spellings', () => {
    for (const t of ['true', '1', 'on', 'YES']) expect(parseParamValue('noise', table.noise, t).value).toBe(true);
    for (const f of ['false', '0', 'off', 'No']) expect(parseParamValue('noise', table.noise, f).value).toBe(false);
  });

  it('collects unknown keys and ignores undefined values', () => {
    const parsed = parseParams(table, { stpes: '10', extra: 'x', lr: undefined });
    expect(parsed.unknown).toEqual(['stpes', 'extra']);
    expect(parsed.values.lr).toBe(0.1);
  });
});

describe('parseSeed', () => {
  it('uses the fallback when absent and parses integers', () => {
    expect(parseSeed(undefined, 7)).toEqual({ seed: 7 });
    expect(parseSeed('123', 7)).toEqual({ seed: 123 });
  });

  it('clamps, rounds and rejects with notices', () => {
    expect(parseSeed('-5', 7).seed).toBe(0);
    expect(parseSeed('-5', 7).notice).toBeDefined();
    expect(parseSeed('99999999999', 7).seed).toBe(SEED_MAX);
    expect(parseSeed('1.5', 7).seed).toBe(2);
    const bad = parseSeed('abc', 7);
    expect(bad.seed).toBe(7);
    expect(bad.notice?.message).toContain('not a number');
  });
});

describe('string parameters', () => {
  const mask = {
    kind: 'string',
    label: 'Mask',
    default: '0f',
    pattern: /[0-9a-f]{2}/i,
    format: 'two hex digits',
    maxLength: 2,
  } as const satisfies ParamTable[string];
  const strings = { mask } as const satisfies ParamTable;

  it('defaults and accepts a matching value, trimmed', () => {
    expect(defaultParams(strings)).toEqual({ mask: '0f' });
    expect(parseParamValue('mask', mask, ' A3 ')).toEqual({ value: 'A3' });
  });

  it('matches the whole value, not a part of it', () => {
    const { value, notice } = parseParamValue('mask', mask, 'xa3');
    expect(value).toBe('0f');
    expect(notice?.message).toContain('two hex digits');
  });

  it('resets malformed and over-long values with a notice naming the format', () => {
    const bad = parseParams(strings, { mask: 'zz' });
    expect(bad.values.mask).toBe('0f');
    expect(bad.notices[0].message).toContain('not in the expected format');
    expect(bad.notices[0].message).toContain('using the default 0f');
    const long = parseParamValue('mask', mask, 'a3a3a3');
    expect(long.value).toBe('0f');
    expect(long.notice?.message).toContain('longer than 2 characters');
  });
});
