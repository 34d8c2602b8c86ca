'use client';
/**
 * Runs one experiment in a Web Worker and exposes its state to React. The worker (and
 * with it TF.js) is created only when the reader first presses Run or Step, and is
 * terminated when the demo unmounts (navigating away), so nothing keeps training.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Claim, Metrics, Progress } from '@/lib/core/contract';
import type { PageToWorkerMessage, WorkerToPageMessage } from '@/lib/runtime/worker-protocol';
import type { BackendName } from '@/lib/runtime/backend';

export type DemoStatus = 'idle' | 'loading' | 'running' | 'paused' | 'done' | 'error';

export interface DemoResult<S> {
  metrics: Metrics;
  snapshot: S;
  claim: Claim;
  seconds: number;
}

export interface DemoRunState<S> {
  status: DemoStatus;
  progress: Progress<S> | null;
  result: DemoResult<S> | null;
  backend: string | null;
  fallbacks: string[];
  error: string | null;
  /** Seconds spent running (pauses excluded), for the time-left estimate. */
  elapsed: number;
}

const INITIAL: DemoRunState<never> = { status: 'idle', progress: null, result: null, backend: null, fallbacks: [], error: null, elapsed: 0 };

export function useDemoRun<S>(experimentId: string) {
  const [state, setState] = useState<DemoRunState<S>>(INITIAL);
  const workerRef = useRef<Worker | null>(null);
  const runIdRef = useRef(0);
  const clockRef = useRef<{ startedAt: number; accumulated: number; running: boolean }>({ startedAt: 0, accumulated: 0, running: false });

  const elapsedNow = () => {
    const c = clockRef.current;
    return (c.accumulated + (c.running ? performance.now() - c.startedAt : 0)) / 1000;
  };
  const setClock = (running: boolean) => {
    const c = clockRef.current;
    if (running && !c.running) c.startedAt = performance.now();
    if (!running && c.running) c.accumulated += performance.now() - c.startedAt;
    c.running = running;
  };

  const onMessage = useCallback((event: MessageEvent<WorkerToPageMessage>) => {
    const msg = event.data;
    if (msg.runId !== runIdRef.current) return; // a late event from an aborted run
    switch (msg.type) {
      case 'ready':
        setState((s) => ({ ...s, backend: msg.backend, fallbacks: msg.fallbacks }));
        break;
      case 'state': {
        const status: DemoStatus = msg.state === 'idle' ? 'idle' : msg.state;
        setClock(status === 'running');
        setState((s) => ({ ...s, status, elapsed: elapsedNow() }));
        break;
      }
      case 'progress':
        setState((s) => ({ ...s, progress: msg.progress as Progress<S>, elapsed: elapsedNow() }));
        break;
      case 'done':
        setClock(false);
        setState((s) => ({
          ...s,
          status: 'done',
          backend: msg.backend,
          result: { metrics: msg.metrics, snapshot: msg.snapshot as S, claim: msg.claim, seconds: msg.seconds },
          elapsed: elapsedNow(),
        }));
        break;
      case 'error':
        setClock(false);
        setState((s) => ({ ...s, status: 'error', error: msg.message }));
        break;
    }
  }, []);

  const ensureWorker = useCallback((): Worker | null => {
    if (workerRef.current) return workerRef.current;
    try {
      const worker = new Worker(new URL('../../lib/runtime/experiment.worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (e) => {
        setClock(false);
        setState((s) => ({ ...s, status: 'error', error: `The demo's worker failed to load (${e.message || 'unknown error'}). Reload the page to try again.` }));
      });
      workerRef.current = worker;
      return worker;
    } catch (err) {
      setState((s) => ({ ...s, status: 'error', error: `This browser could not start a Web Worker for the demo (${err instanceof Error ? err.message : String(err)}).` }));
      return null;
    }
  }, [onMessage]);

  const post = (message: PageToWorkerMessage) => workerRef.current?.postMessage(message);

  const start = useCallback(
    (params: Record<string, string | number | boolean>, seed: number, mode: 'run' | 'step' = 'run', backend: BackendName | null = null) => {
      const worker = ensureWorker();
      if (!worker) return;
      const runId = ++runIdRef.current;
      clockRef.current = { startedAt: performance.now(), accumulated: 0, running: false };
      setState((s) => ({ ...INITIAL, backend: s.backend, fallbacks: s.fallbacks, status: 'loading' }));
      worker.postMessage({
        type: 'start',
        runId,
        experimentId,
        params,
        seed,
        mode,
        // The preferred backend first, then the default order as fallbacks.
        backends: backend ? [backend, ...(['wasm', 'cpu'] as BackendName[]).filter((b) => b !== backend)] : undefined,
        wasmPath: `${window.location.origin}/tfjs-wasm/`,
      } satisfies PageToWorkerMessage);
    },
    [ensureWorker, experimentId],
  );

  const pause = useCallback(() => post({ type: 'pause', runId: runIdRef.current }), []);
  const resume = useCallback(() => post({ type: 'resume', runId: runIdRef.current }), []);
  const step = useCallback(() => post({ type: 'step', runId: runIdRef.current }), []);
  const reset = useCallback(() => {
    post({ type: 'abort', runId: runIdRef.current });
    runIdRef.current++; // drop anything the aborted run still sends
    setClock(false);
    setState((s) => ({ ...INITIAL, backend: s.backend, fallbacks: s.fallbacks }));
  }, []);

  useEffect(
    () => () => {
      workerRef.current?.terminate();
      workerRef.current = null;
    },
    [],
  );

  return { state, start, pause, resume, step, reset };
}
