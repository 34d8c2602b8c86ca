/**
 * Who may import whom is the architecture (see README, "Layout"):
 *   core      <- everything (the contract, params, rng); imports nothing else in lib
 *   runtime   <- backend, runner, guards, worker: knows no paper (only the registry, to load by id)
 *   ml, metrics, data <- reusable pieces: never the runtime or an experiment
 *   calibration <- what a record says (rates, spreads, quotes): imports only core, so the page,
 *                  the checker and the tests read records with the same functions
 *   experiments/<id>/manifest.ts imports only core, so a page that imports it ships no model code
 *   experiments/<id>/* never imports another experiment's folder (shared code goes to families/)
 *   components import an experiment's code only as types; values come from its manifest
 * and the rules that let one experiment run in the worker, the tests, the bench and the CLI:
 * lib/ holds no React, DOM-only or Node-only import, and TF.js is imported at runtime only by
 * the backend loader (experiments receive it as ctx.tf).
 */
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_COMPONENTS, KNOWN_COMPONENTS } from '@/lib/content/known-components';
import { demoLoaders } from '@/components/demos/loaders';
import { experimentIds, getManifest, loadExperiment, manifests } from '@/lib/experiments/registry';
import { mdxComponents } from '@/components/mdx';

const ROOT = path.resolve(__dirname, '../..');
const walk = (dir: string): string[] =>
  fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((d) => {
    const rel = path.join(dir, d.name);
    return d.isDirectory() ? walk(rel) : /\.tsx?$/.test(d.name) ? [rel] : [];
  });

interface ImportRef {
  file: string;
  spec: string;
  /** Repo-relative path without extension, for relative and '@/' imports; null for packages. */
  target: string | null;
  typeOnly: boolean;
}

function importsOf(file: string): ImportRef[] {
  const src = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const refs: ImportRef[] = [];
  const re = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const m of src.matchAll(re)) {
    const spec = m[3] ?? m[4];
    const typeOnly = Boolean(m[2]);
    let target: string | null = null;
    if (spec.startsWith('@/')) target = spec.slice(2);
    else if (spec.startsWith('.')) target = path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec));
    refs.push({ file, spec, target: target?.replace(/\.(tsx?|js)$/, '') ?? null, typeOnly });
  }
  return refs;
}

const LIB_DIRS = ['lib/core', 'lib/runtime', 'lib/ml', 'lib/metrics', 'lib/data', 'lib/experiments', 'lib/calibration'];
const libFiles = LIB_DIRS.flatMap(walk);
const layer = (p: string) => LIB_DIRS.find((d) => p === d || p.startsWith(d + '/')) ?? null;
const violations = (files: string[], allowed: (ref: ImportRef) => boolean) =>
  files.flatMap(importsOf).filter((r) => r.target !== null && !allowed(r)).map((r) => `${r.file} imports ${r.spec}`);

describe('layers', () => {
  it('has files to check', () => expect(libFiles.length).toBeGreaterThan(30));

  it('core imports nothing else in lib', () => {
    expect(violations(walk('lib/core'), (r) => layer(r.target!) === 'lib/core')).toEqual([]);
  });

  it('the runtime knows no paper: core, runtime, and the registry to load experiments by id', () => {
    const ok = (r: ImportRef) => ['lib/core', 'lib/runtime'].includes(layer(r.target!) ?? '') || r.target === 'lib/experiments/registry';
    expect(violations(walk('lib/runtime'), ok)).toEqual([]);
  });

  it('ml, metrics and data never import the runtime or an experiment', () => {
    const ok = (r: ImportRef) => ['lib/core', 'lib/ml', 'lib/metrics', 'lib/data'].includes(layer(r.target!) ?? '');
    expect(violations([...walk('lib/ml'), ...walk('lib/metrics'), ...walk('lib/data')], ok)).toEqual([]);
  });

  it('calibration imports only core (and itself)', () => {
    expect(violations(walk('lib/calibration'), (r) => ['lib/core', 'lib/calibration'].includes(layer(r.target!) ?? ''))).toEqual([]);
  });

  it('a manifest imports only core', () => {
    const files = walk('lib/experiments').filter((f) => f.endsWith('/manifest.ts'));
    expect(files.length).toBe(experimentIds.length);
    expect(violations(files, (r) => layer(r.target!) === 'lib/core')).toEqual([]);
  });

  it("an experiment never imports another experiment's folder or the runtime", () => {
    const files = walk('lib/experiments').filter((f) => f.split(path.sep).length > 3 && !f.includes('/families/'));
    const own = (f: string) => f.split('/').slice(0, 3).join('/');
    const ok = (r: ImportRef) => {
      const l = layer(r.target!);
      if (l === 'lib/experiments') return r.target!.startsWith(own(r.file) + '/') || r.target!.startsWith('lib/experiments/families/');
      return ['lib/core', 'lib/ml', 'lib/metrics', 'lib/data'].includes(l ?? '');
    };
    expect(violations(files, ok)).toEqual([]);
  });

  it('components and app import experiment code only as types (values come from manifests)', () => {
    const files = [...walk('components'), ...walk('app')];
    const bad = files
      .flatMap(importsOf)
      .filter((r) => r.target?.startsWith('lib/experiments/') && !r.typeOnly && !r.target.endsWith('/manifest') && r.target !== 'lib/experiments/registry')
      .map((r) => `${r.file} imports ${r.spec}`);
    expect(bad).toEqual([]);
  });
});

describe('pure library code', () => {
  it('imports no React, DOM helpers or Node-only modules', () => {
    const bad = libFiles
      .filter((f) => !f.startsWith('lib/content') && !f.startsWith('lib/search'))
      .flatMap(importsOf)
      .filter((r) => /^(react|react-dom|next(\/.*)?|node:.*|fs|path|os|child_process)$/.test(r.spec))
      .map((r) => `${r.file}: ${r.spec}`);
    expect(bad).toEqual([]);
  });

  it('imports TF.js only as types, except the backend loader', () => {
    const bad = libFiles
      .filter((f) => f !== 'lib/runtime/backend.ts')
      .flatMap(importsOf)
      .filter((r) => r.spec.startsWith('@tensorflow') && !r.typeOnly)
      .map((r) => `${r.file}: ${r.spec}`);
    expect(bad).toEqual([]);
  });
});

describe('demo wiring', () => {
  it('every manifest names a demo component with a lazy loader, and every loader a manifest', () => {
    for (const m of manifests) {
      expect(DEMO_COMPONENTS[m.component], `${m.component} -> ${m.id}`).toBe(m.id);
      expect(demoLoaders[m.id], `loader for ${m.id}`).toBeTypeOf('function');
    }
    expect(Object.keys(demoLoaders).sort()).toEqual([...experimentIds].sort());
  });

  it('loads every experiment by id, and its code carries the same manifest', async () => {
    for (const id of experimentIds) {
      const experiment = await loadExperiment(id);
      expect(experiment?.id).toBe(id);
      expect(experiment?.params).toBe(getManifest(id)!.params);
      expect(typeof experiment?.run).toBe('function');
    }
    expect(await loadExperiment('no-such-demo')).toBeUndefined();
    expect(await loadExperiment('constructor')).toBeUndefined();
  });

  it('the MDX component map provides exactly the components the checker allows (plus Cite)', () => {
    expect(Object.keys(mdxComponents).sort()).toEqual([...KNOWN_COMPONENTS, 'Cite'].sort());
  });
});
