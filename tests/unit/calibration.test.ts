/**
 * The calibration record's arithmetic and its staleness rules, on small made-up records (the
 * committed records themselves are checked in tests/content/calibration-records.test.ts).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Manifest } from '@/lib/core/contract';
import { defaultParams } from '@/lib/core/params';
import { changedParams, recordShapeProblems, stalenessProblems, type CalibrationRecord } from '@/lib/calibration/record';
import { checkRates, claimRate, median, placeAmong, spreadOf } from '@/lib/calibration/summary';
import { quote } from '@/lib/calibration/quote';
import { calibrationSeeds, seedIndexForDay } from '@/lib/calibration/seeds';
import { toSeedContext } from '@/lib/calibration/context';
import { allRecordProblems } from '@/lib/content/calibration-records';
import { getManifest } from '@/lib/experiments/registry';

const manifest: Manifest = {
  id: 'toy',
  title: 'Toy',
  description: 'A toy experiment.',
  params: { steps: { kind: 'int', label: 'Steps', default: 10, min: 1, max: 100 }, mode: { kind: 'enum', label: 'Mode', default: 'a', options: ['a', 'b'] } },
  defaultSeed: 1,
  component: 'ToyDemo',
  version: 3,
  headline: [{ metric: 'acc', label: 'accuracy' }],
};

function record(overrides: Partial<CalibrationRecord> = {}): CalibrationRecord {
  return {
    id: 'toy',
    version: 3,
    params: { steps: 10, mode: 'a' },
    backend: 'wasm',
    seeds: [
      { seed: 1001, metrics: { acc: 0.8, loss: 0.1 }, holds: true, checks: [{ name: 'beats chance', holds: true }, { name: 'beats baseline', holds: true }] },
      { seed: 1002, metrics: { acc: 0.6, loss: 0.3 }, holds: false, checks: [{ name: 'beats chance', holds: true }, { name: 'beats baseline', holds: false }] },
      { seed: 1003, metrics: { acc: 0.9, loss: 0.05 }, holds: true, checks: [{ name: 'beats chance', holds: true }, { name: 'beats baseline', holds: true }] },
    ],
    ...overrides,
  };
}

describe('record arithmetic', () => {
  it('counts the seeds the claim and each check held on', () => {
    expect(claimRate(record())).toEqual({ held: 2, total: 3 });
    expect(checkRates(record())).toEqual([
      { name: 'beats chance', held: 3, total: 3 },
      { name: 'beats baseline', held: 2, total: 3 },
    ]);
  });

  it('summarises a metric by median and range, and places a value among the seeds', () => {
    expect(spreadOf(record(), 'acc')).toEqual({ median: 0.8, min: 0.6, max: 0.9, values: [0.8, 0.6, 0.9] });
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(spreadOf(record(), 'missing')).toBeUndefined();
    expect(placeAmong(0.7, [0.8, 0.6, 0.9])).toEqual({ below: 1, above: 2, total: 3 });
  });

  it('gives the page the rate and headline values of the record', () => {
    const context = toSeedContext(record(), manifest);
    expect(context.rate).toEqual({ held: 2, total: 3 });
    expect(context.seeds).toEqual([1001, 1002, 1003]);
    expect(context.headline).toEqual([{ metric: 'acc', label: 'accuracy', values: [0.8, 0.6, 0.9] }]);
  });
});

describe('quotes for notes', () => {
  it('renders medians, ranges, one seed and rates as text', () => {
    expect(quote(record(), { metric: 'acc' })).toMatchObject({ ok: true, text: '0.80 (range 0.60–0.90)' });
    expect(quote(record(), { metric: 'acc', show: 'median', digits: '1' })).toMatchObject({ ok: true, text: '0.8' });
    expect(quote(record(), { metric: 'loss', show: 'range', digits: '3' })).toMatchObject({ ok: true, text: '0.050–0.300' });
    expect(quote(record(), { metric: 'acc', show: 'seed', seed: '1002' })).toMatchObject({ ok: true, text: '0.60' });
    expect(quote(record(), { show: 'rate' })).toMatchObject({ ok: true, text: '2 of 3' });
    expect(quote(record(), { show: 'check-rate', check: 'beats baseline' })).toMatchObject({ ok: true, text: '2 of 3' });
  });

  it('says what is wrong with a quote the record cannot give', () => {
    expect(quote(record(), { metric: 'accuracy' })).toEqual({ ok: false, problem: 'metric="accuracy" is not recorded for toy; did you mean acc' });
    expect(quote(record(), { metric: 'acc', show: 'seed', seed: '7' })).toMatchObject({ ok: false, problem: expect.stringContaining('not a recorded seed') });
    expect(quote(record(), { show: 'check-rate', check: 'nope' })).toMatchObject({ ok: false, problem: expect.stringContaining('beats chance; beats baseline') });
    expect(quote(record(), { metric: 'acc', digits: '-1' })).toMatchObject({ ok: false });
    expect(quote(record(), { show: 'median' })).toMatchObject({ ok: false, problem: 'show="median" needs metric="..."' });
  });
});

describe('staleness', () => {
  it('accepts a record made at the current version and defaults', () => {
    expect(stalenessProblems(record(), manifest)).toEqual([]);
    expect(defaultParams(manifest.params)).toEqual({ steps: 10, mode: 'a' });
  });

  it('names the experiment and the command that refreshes a stale record', () => {
    expect(stalenessProblems(record({ version: 2 }), manifest)).toEqual([
      'the toy record is stale: it was made at version 2, the experiment is at version 3; run `npm run calibrate -- toy` to refresh it',
    ]);
    expect(stalenessProblems(record({ params: { steps: 20, mode: 'a' } }), manifest)).toEqual([
      "the toy record ran with other settings than today's defaults (steps); run `npm run calibrate -- toy` to refresh it",
    ]);
    expect(stalenessProblems(record(), { ...manifest, headline: [{ metric: 'f1', label: 'F1' }] })[0]).toContain('lacks the headline metric "f1"');
  });

  it('compares settings as the URL spells them, and lists what changed', () => {
    expect(changedParams({ steps: 10, mode: 'a' }, { steps: '10', mode: 'b' })).toEqual(['mode']);
  });

  it('refuses malformed records with reasons', () => {
    expect(recordShapeProblems([])).toEqual(['is not a JSON object']);
    expect(recordShapeProblems({ id: 'x', version: 1, params: {}, backend: 'wasm', seeds: [{ seed: 1, metrics: { a: '1' }, holds: true, checks: [] }] })).toEqual(['seeds[0].metrics.a is not a number']);
  });

  it('reports a stale or missing record under a content root with the command to run', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'calibration-'));
    fs.mkdirSync(path.join(root, 'content', 'calibration'), { recursive: true });
    const ntk = getManifest('ntk')!;
    const stale = { id: 'ntk', version: ntk.version + 1, params: defaultParams(ntk.params), backend: 'js', seeds: [{ seed: 1001, metrics: Object.fromEntries(ntk.headline.map((h) => [h.metric, 0.1])), holds: true, checks: [] }] };
    fs.writeFileSync(path.join(root, 'content', 'calibration', 'ntk.json'), JSON.stringify(stale));
    const problems = allRecordProblems(root);
    expect(problems).toContain(`the ntk record is stale: it was made at version ${ntk.version + 1}, the experiment is at version ${ntk.version}; run \`npm run calibrate -- ntk\` to refresh it`);
    expect(problems).toContain('vae has no calibration record (content/calibration/vae.json); run `npm run calibrate -- vae` to make it');
    fs.rmSync(root, { recursive: true, force: true });
  });
});

describe('seeds', () => {
  it('are disjoint from the claims tests seeds (1-3) and the threshold-fitting seeds (100-229)', () => {
    const seeds = calibrationSeeds(20);
    expect(seeds[0]).toBe(1001);
    expect(seeds.every((s) => s > 229)).toBe(true);
  });

  it('the determinism test checks one seed per day, the same all day, a different one the next', () => {
    const morning = new Date('2026-12-02T01:00:00Z');
    const evening = new Date('2026-12-02T23:00:00Z');
    const next = new Date('2026-12-03T01:00:00Z');
    expect(seedIndexForDay(morning, 'cbm', 20)).toBe(seedIndexForDay(evening, 'cbm', 20));
    expect(seedIndexForDay(next, 'cbm', 20)).toBe((seedIndexForDay(morning, 'cbm', 20) + 1) % 20);
    const days = Array.from({ length: 20 }, (_, d) => seedIndexForDay(new Date(Date.UTC(2026, 0, 1 + d)), 'cbm', 20));
    expect(new Set(days).size).toBe(20);
  });
});
