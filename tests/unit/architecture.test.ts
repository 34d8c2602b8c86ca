/**
 * The rules that let one experiment file run in the browser worker, the tests, the bench and
 * the CLI: lib/experiments, lib/ml and lib/data import no React, DOM-only or Node-only module,
 * and nothing there imports TF.js at runtime except the backend loader (experiments receive
 * TF.js as ctx.tf, so a page can import them without shipping TF.js).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_COMPONENTS, KNOWN_COMPONENTS } from '@/lib/content/known-components';
import { demoLoaders } from '@/components/demos/loaders';
import { experimentIds, getExperiment } from '@/lib/experiments/registry';
import { mdxComponents } from '@/components/mdx';

const PURE_DIRS = ['lib/experiments', 'lib/ml', 'lib/data'];
const files = PURE_DIRS.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).map((f) => path.join(dir, f)));
const importLines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => /^\s*import\s/.test(l) || /\bimport\(/.test(l));

describe('pure library code', () => {
  it('has files to check', () => expect(files.length).toBeGreaterThan(10));

  it('imports no React, DOM helpers or Node-only modules', () => {
    const bad = files.flatMap((f) => importLines(f).filter((l) => /from\s+['"](react|react-dom|next\/.*|node:.*|fs|path|os|child_process)['"]/.test(l)).map((l) => `${f}: ${l.trim()}`));
    expect(bad).toEqual([]);
  });

  it('imports TF.js only as types, except the backend loader', () => {
    const bad = files
      .filter((f) => !f.endsWith('backend.ts'))
      .flatMap((f) => importLines(f).filter((l) => /@tensorflow/.test(l) && !/^\s*import\s+type\s/.test(l)).map((l) => `${f}: ${l.trim()}`));
    expect(bad).toEqual([]);
  });
});

describe('demo wiring', () => {
  it('every demo component names a registered experiment and has a lazy loader', () => {
    for (const [name, id] of Object.entries(DEMO_COMPONENTS)) {
      expect(getExperiment(id), `${name} -> ${id}`).toBeDefined();
      expect(demoLoaders[id], `loader for ${id}`).toBeTypeOf('function');
    }
    expect([...Object.values(DEMO_COMPONENTS)].sort()).toEqual([...experimentIds].sort());
  });

  it('the MDX component map provides exactly the components the checker allows (plus Cite)', () => {
    expect(Object.keys(mdxComponents).sort()).toEqual([...KNOWN_COMPONENTS, 'Cite'].sort());
  });
});
