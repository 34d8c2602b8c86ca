import { describe, expect, it } from 'vitest';
import { readDemoUrlState, writeDemoUrlState } from '@/components/demo/useDemoParams';
import type { ParamTable } from '@/lib/core/params';

const table = {
  steps: { kind: 'int', label: 'Steps', default: 400, min: 100, max: 3000 },
  beta: { kind: 'number', label: 'β', default: 4, min: 0.25, max: 32 },
  model: { kind: 'enum', label: 'Model', default: 'cem', options: ['cbm', 'cem'] },
  sweep: { kind: 'boolean', label: 'Sweep', default: false },
} satisfies ParamTable;

describe('demo URL state', () => {
  it('reads prefixed values, ignoring other demos and unrelated keys', () => {
    const s = readDemoUrlState('?vae.steps=800&vae.beta=8&vae.model=CBM&vae.sweep=yes&ntk.steps=5&q=x', 'vae', table, 1);
    expect(s.values).toEqual({ steps: 800, beta: 8, model: 'cbm', sweep: true });
    expect(s.seed).toBe(1);
    expect(s.notices).toEqual([]);
    expect(s.backend).toBeNull();
  });

  it('clamps out-of-range values, resets malformed ones, and says so', () => {
    const s = readDemoUrlState('?vae.steps=99999&vae.beta=lots&vae.seed=-3&vae.model=gan&backend=tpu', 'vae', table, 7);
    expect(s.values).toEqual({ steps: 3000, beta: 4, model: 'cem', sweep: false });
    expect(s.seed).toBe(0);
    expect(s.notices.map((n) => n.key).sort()).toEqual(['backend', 'beta', 'model', 'seed', 'steps']);
    expect(s.notices.find((n) => n.key === 'steps')!.message).toContain('out of range 100–3000; using 3000');
    expect(s.notices.find((n) => n.key === 'beta')!.message).toContain('"lots" is not a number');
  });

  it('reads a page-wide worker count of 1 or 2, and reports anything else', () => {
    expect(readDemoUrlState('?workers=2', 'vae', table, 1).workers).toBe(2);
    expect(readDemoUrlState('?workers=1', 'vae', table, 1).workers).toBe(1);
    expect(readDemoUrlState('', 'vae', table, 1).workers).toBeNull();
    const bad = readDemoUrlState('?workers=8', 'vae', table, 1);
    expect(bad.workers).toBeNull();
    expect(bad.notices.map((n) => n.key)).toEqual(['workers']);
  });

  it('accepts a known backend preference', () => {
    expect(readDemoUrlState('?backend=webgl', 'vae', table, 1).backend).toBe('webgl');
  });

  it('writes only non-default values, and a round trip gives the same state', () => {
    const href = writeDemoUrlState('https://x.test/notes/a?q=keep&vae.steps=900', 'vae', table, { steps: 400, beta: 8, model: 'cem', sweep: true }, 5, 1);
    const url = new URL(href);
    expect(url.searchParams.get('q')).toBe('keep');
    expect(url.searchParams.has('vae.steps')).toBe(false);
    expect(url.searchParams.get('vae.beta')).toBe('8');
    expect(url.searchParams.get('vae.seed')).toBe('5');
    const back = readDemoUrlState(url.search, 'vae', table, 1);
    expect(back.values).toEqual({ steps: 400, beta: 8, model: 'cem', sweep: true });
    expect(back.seed).toBe(5);
  });
});
