'use client';
/**
 * The frame every demo uses: its visuals first (children), then compact controls (Run /
 * Pause / Step / Reset, seed, settings), a progress bar with time left, the backend in use,
 * and the verdict as a plain sentence with the numbers. Testing hooks: data-demo, data-state
 * on the root, a real button labelled Run, data-verdict on the verdict.
 */
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Manifest } from '@/lib/core/contract';
import type { ParamTable } from '@/lib/core/params';
import { SeedField } from './SeedField';
import { useDemoRun, type DemoRunState } from './useDemoRun';
import { useDemoParams, type ParamRecord } from './useDemoParams';
import { ParamForm } from './ParamForm';
import { VerdictLine } from './VerdictLine';
import { ProgressBar } from './ProgressBar';
import { RunInContext } from './RunInContext';
import { useSeedContext } from './seed-context';

export interface DemoRenderProps<S> {
  run: DemoRunState<S>;
  /** The latest snapshot: the final one when done, else the newest one seen (never reset to null mid-run). */
  snapshot: S | null;
  params: ParamRecord;
  /** Start a run with some settings changed (e.g. an opt-in sweep button inside the visuals). */
  startWith: (overrides: ParamRecord) => void;
  busy: boolean;
}

export interface DemoShellProps<S> {
  /** The experiment's manifest: the page never loads its training code (the worker does). */
  experiment: Manifest<ParamTable>;
  /** A sentence or two under the demo: what the reader is looking at. */
  caption: ReactNode;
  children: (props: DemoRenderProps<S>) => ReactNode;
}

export function DemoShell<S>({ experiment, caption, children }: DemoShellProps<S>) {
  const { state, start, pause, resume, step, reset } = useDemoRun<S>(experiment.id);
  const form = useDemoParams(experiment.id, experiment.params, experiment.defaultSeed);
  const [ranWith, setRanWith] = useState<string | null>(null);
  const status = state.status;
  const busy = status === 'running' || status === 'loading' || status === 'paused';
  const snapshot = (state.result?.snapshot ?? state.snapshot ?? null) as S | null;
  // The visuals redraw only when what they draw changes (a new snapshot, the result, the settings),
  // not on every progress tick, and at low priority: React renders them in slices between frames,
  // so a chart redraw never holds up the Pause button or the progress bar.
  const deferredSnapshot = useDeferredValue(snapshot);
  const visualRun = useMemo(() => state, [state.status, state.result, state.error, state.backend, deferredSnapshot]); // eslint-disable-line react-hooks/exhaustive-deps
  const settingsKey = JSON.stringify([form.values, form.seed]);
  const seedContext = useSeedContext();
  // The setting labels, for naming what a reader changed: fixed per experiment, not per progress frame.
  const paramLabels = useMemo(() => Object.fromEntries(Object.entries(experiment.params).map(([k, spec]) => [k, spec.label])), [experiment.params]);
  // A new object only when a run ends, so the memoised context panel skips progress frames.
  const ranRun = useMemo(() => (state.result && ranWith ? ranFrom(ranWith, state.result.metrics) : null), [state.result, ranWith]);
  const stale = ranWith !== null && ranWith !== settingsKey && (status === 'done' || status === 'error');

  // After Reset there is no run whose settings could be stale.
  useEffect(() => {
    if (status === 'idle') setRanWith(null);
  }, [status]);

  const begin = (mode: 'run' | 'step') => {
    setRanWith(settingsKey);
    start(form.values, form.seed, mode, form.backend, form.workers);
  };
  // Stable between renders, so the memoised visuals do not redraw on every progress tick.
  const startWith = useCallback((overrides: ParamRecord) => {
    const values = { ...form.values, ...overrides };
    for (const [key, value] of Object.entries(overrides)) form.setParam(key, value);
    setRanWith(JSON.stringify([values, form.seed]));
    start(values, form.seed, 'run', form.backend, form.workers);
  }, [form.values, form.seed, form.backend, form.workers, form.setParam, start]); // eslint-disable-line react-hooks/exhaustive-deps

  return (
    <figure className="demo" data-demo={experiment.id} data-state={status === 'loading' ? 'running' : status} data-backend={state.backend ?? undefined} data-total-steps={state.progress?.totalSteps} aria-label={`Live demo: ${experiment.title}`}>
      <div className="demo-title-row">
        <span className="demo-badge">Live demo</span>
        <span className="demo-title">{experiment.title}</span>
      </div>
      <DemoVisual render={children} run={visualRun} snapshot={deferredSnapshot} params={form.values} startWith={startWith} busy={busy} />

      <div className="demo-controls" role="group" aria-label="Demo controls">
        {status === 'running' || status === 'loading' ? (
          <button type="button" className="demo-button" onClick={pause} disabled={status === 'loading'}>
            Pause
          </button>
        ) : status === 'paused' ? (
          <button type="button" className="demo-button demo-primary" onClick={resume}>
            Resume
          </button>
        ) : (
          <button type="button" className="demo-button demo-primary" onClick={() => begin('run')}>
            {status === 'done' || status === 'error' ? 'Run again' : 'Run'}
          </button>
        )}
        <button type="button" className="demo-button" onClick={() => (status === 'paused' ? step() : begin('step'))} disabled={status === 'running' || status === 'loading'} title="Advance one step, then pause">
          Step
        </button>
        <button type="button" className="demo-button" onClick={reset} disabled={status === 'idle'}>
          Reset
        </button>
        <SeedField seed={form.seed} disabled={busy} onChange={form.setSeed} />
        <button type="button" className="demo-button demo-small" disabled={busy} onClick={() => form.setSeed(Math.floor(Math.random() * 10_000))} aria-label="Pick a random seed">
          ⚄
        </button>
        <ProgressBar run={state} />
      </div>

      {form.notices.length > 0 ? (
        <div className="demo-notice" role="status">
          <p>Some settings in the link were adjusted:</p>
          <ul>
            {form.notices.map((n) => (
              <li key={n.key}>{n.message}</li>
            ))}
          </ul>
          <button type="button" className="demo-button demo-small" onClick={form.dismissNotices}>
            OK
          </button>
        </div>
      ) : null}

      <details className="demo-settings">
        <summary>Settings{busy ? ' (locked while running: Reset to change)' : ''}</summary>
        <ParamForm table={experiment.params} values={form.values} disabled={busy} onChange={form.setParam} />
        <button type="button" className="demo-button demo-small" disabled={busy} onClick={form.resetToDefaults}>
          Restore defaults
        </button>
      </details>

      {state.error ? (
        <p className="demo-error" role="alert">
          {state.error}
        </p>
      ) : null}
      <VerdictLine result={state.result} stale={stale} busy={busy} />
      {seedContext ? (
        <RunInContext
          context={seedContext}
          run={ranRun}
          labels={paramLabels}
        />
      ) : null}
      <figcaption>
        {caption} <a href="/about/demos">How to read the demos</a>.
        {state.backend === 'js' ? (
          <span className="demo-backend"> Runs in plain JavaScript: this demo needs no TF.js.</span>
        ) : state.backend ? (
          <span className="demo-backend">
            {' '}
            Running on TF.js <strong>{state.backend}</strong>
            {state.fallbacks.length ? ` (fell back: ${state.fallbacks.join('; ')})` : ''}.
          </span>
        ) : null}
      </figcaption>
    </figure>
  );
}

/** The settings and seed a finished run used (kept as the JSON key the stale check compares). */
function ranFrom(ranWith: string, metrics: Record<string, number>) {
  const [params, seed] = JSON.parse(ranWith) as [Record<string, unknown>, number];
  return { metrics, seed, params };
}

interface DemoVisualProps<S> extends DemoRenderProps<S> {
  render: (props: DemoRenderProps<S>) => ReactNode;
}

/** The demo's own drawing, memoised on what it draws from. */
const DemoVisual = memo(function DemoVisual<S>({ render, ...props }: DemoVisualProps<S>) {
  return <div className="demo-visual">{render(props)}</div>;
}) as <S>(props: DemoVisualProps<S>) => ReactNode;
