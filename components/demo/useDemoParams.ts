'use client';
/**
 * A demo's parameters and seed, kept in the URL query (prefixed with the experiment id, so
 * two demos on one page never collide) so that a run can be shared. Values from the URL are
 * validated against the experiment's table: out-of-range ones are clamped, malformed ones
 * reset, and each change is reported as a notice the demo shows.
 */
import { useCallback, useEffect, useState } from 'react';
import { defaultParams, parseParams, parseSeed, shown, type ParamNotice, type ParamTable } from '@/lib/core/params';
import type { BackendName } from '@/lib/runtime/backend';

const BACKENDS = ['wasm', 'webgl', 'cpu'] as const;

export type ParamRecord = Record<string, string | number | boolean>;

export function readDemoUrlState(search: string, id: string, table: ParamTable, defaultSeed: number) {
  const query = new URLSearchParams(search);
  const raw: Record<string, string> = {};
  for (const key of Object.keys(table)) {
    const value = query.get(`${id}.${key}`);
    if (value !== null) raw[key] = value;
  }
  const parsed = parseParams(table, raw);
  const seed = parseSeed(query.get(`${id}.seed`) ?? undefined, defaultSeed);
  const notices: ParamNotice[] = [...parsed.notices, ...(seed.notice ? [seed.notice] : [])];
  // `?backend=webgl` (page-wide) asks every demo to try that TF.js backend first: for comparing
  // backends in the bench and for readers whose machine does better with another one.
  const backendRaw = query.get('backend');
  let backend: BackendName | null = null;
  if (backendRaw !== null) {
    if ((BACKENDS as readonly string[]).includes(backendRaw)) backend = backendRaw as BackendName;
    else notices.push({ key: 'backend', message: `Backend (backend): "${shown(backendRaw)}" is not one of ${BACKENDS.join(', ')}; using the default order (wasm, then cpu).` });
  }
  // `?workers=2` (page-wide) trains a demo's independent models in two workers even on a machine
  // with fewer than four cores, where the worker picks one by default (a second one there takes
  // the core the page needs to draw); `?workers=1` keeps one everywhere. For the tests and the bench.
  const workersRaw = query.get('workers');
  let workers: 1 | 2 | null = null;
  if (workersRaw !== null) {
    if (workersRaw === '1' || workersRaw === '2') workers = Number(workersRaw) as 1 | 2;
    else notices.push({ key: 'workers', message: `Workers (workers): "${shown(workersRaw)}" is not 1 or 2; the demo chooses from the number of cores.` });
  }
  return { values: parsed.values as ParamRecord, seed: seed.seed, notices, backend, workers };
}

export function writeDemoUrlState(href: string, id: string, table: ParamTable, values: ParamRecord, seed: number, defaultSeed: number): string {
  const url = new URL(href);
  const defaults = defaultParams(table) as ParamRecord;
  for (const key of Object.keys(table)) {
    if (values[key] === defaults[key]) url.searchParams.delete(`${id}.${key}`);
    else url.searchParams.set(`${id}.${key}`, String(values[key]));
  }
  if (seed === defaultSeed) url.searchParams.delete(`${id}.seed`);
  else url.searchParams.set(`${id}.seed`, String(seed));
  return url.toString();
}

export function useDemoParams(id: string, table: ParamTable, defaultSeed: number) {
  const [values, setValues] = useState<ParamRecord>(() => defaultParams(table) as ParamRecord);
  const [seed, setSeedState] = useState(defaultSeed);
  const [notices, setNotices] = useState<ParamNotice[]>([]);
  const [backend, setBackend] = useState<BackendName | null>(null);
  const [workers, setWorkers] = useState<1 | 2 | null>(null);

  // Read the URL after mount (the page is static HTML; the query is only known in the browser).
  useEffect(() => {
    const state = readDemoUrlState(window.location.search, id, table, defaultSeed);
    setValues(state.values);
    setSeedState(state.seed);
    setNotices(state.notices);
    setBackend(state.backend);
    setWorkers(state.workers);
  }, [id, table, defaultSeed]);

  const sync = useCallback(
    (nextValues: ParamRecord, nextSeed: number) => {
      const href = writeDemoUrlState(window.location.href, id, table, nextValues, nextSeed, defaultSeed);
      if (href !== window.location.href) window.history.replaceState(window.history.state, '', href);
    },
    [id, table, defaultSeed],
  );

  const setParam = useCallback(
    (key: string, value: string | number | boolean) => {
      setValues((prev) => {
        const next = { ...prev, [key]: value };
        sync(next, seed);
        return next;
      });
      setNotices((prev) => prev.filter((n) => n.key !== key));
    },
    [seed, sync],
  );

  const setSeed = useCallback(
    (next: number) => {
      setSeedState(next);
      sync(values, next);
      setNotices((prev) => prev.filter((n) => n.key !== 'seed'));
    },
    [values, sync],
  );

  const resetToDefaults = useCallback(() => {
    const defaults = defaultParams(table) as ParamRecord;
    setValues(defaults);
    setSeedState(defaultSeed);
    setNotices([]);
    sync(defaults, defaultSeed);
  }, [table, defaultSeed, sync]);

  return { values, seed, notices, backend, workers, setParam, setSeed, resetToDefaults, dismissNotices: () => setNotices([]) };
}
