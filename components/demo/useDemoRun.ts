'use client';
/**
 * Runs one experiment in a Web Worker and exposes its state to React. The worker (and
 * with it TF.js) is created only when the reader first presses Run or Step, and is
 * terminated when the demo unmounts (navigating away), so nothing keeps training.
 *
 * Smoothness: worker messages are folded into one state object as they arrive, and React
 * sees it at most once per animation frame (a burst of events costs one render). The last
 * snapshot is kept until a newer one arrives, so the live view never falls back to empty
 * between events that carry none. Snapshots arrive encoded (large static arrays are sent
 * once per run, see lib/runtime/snapshot-codec.ts) and are decoded here.
 *
 * Failures: a worker that fails to load, or a chunk that cannot be downloaded inside it, is
 * reported in words and the worker is dropped, so the next Run starts a fresh one and works
 * as soon as the network is back, without a reload.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PageToWorkerMessage, WorkerToPageMessage } from '@/lib/runtime/worker-protocol';
import type { BackendName } from '@/lib/runtime/backend';
import { createSnapshotDecoder } from '@/lib/runtime/snapshot-codec';
import { describeWorkerFailure } from './worker-failure';
import { createFrameBatcher } from './frame-batcher';
import { applyWorkerMessage, INITIAL_RUN_STATE as INITIAL, type DemoRunState } from './run-state';

export type { DemoStatus, DemoResult, DemoRunState } from './run-state';

export function useDemoRun<S>(experimentId: string) {
  const [state, setState] = useState<DemoRunState<S>>(INITIAL);
  /** The state as of the last message; React gets it once per frame. */
  const liveRef = useRef<DemoRunState<S>>(INITIAL);
  const batcherRef = useRef<ReturnType<typeof createFrameBatcher> | null>(null);
  const workerRef = useRef<Worker | null>(null);
  const runIdRef = useRef(0);
  const decoderRef = useRef(createSnapshotDecoder());
  const clockRef = useRef<{ startedAt: number; accumulated: number; running: boolean }>({ startedAt: 0, accumulated: 0, running: false });

  const batcher = () => (batcherRef.current ??= createFrameBatcher(() => setState(liveRef.current)));
  /** Folds a change into the live state; React sees it on the next frame, or now if `urgent`. */
  const update = useCallback((change: (s: DemoRunState<S>) => DemoRunState<S>, urgent = false) => {
    liveRef.current = change(liveRef.current);
    if (urgent) batcher().flushNow();
    else batcher().schedule();
  }, []);

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

  const dropWorker = useCallback(() => {
    workerRef.current?.terminate();
    workerRef.current = null;
  }, []);

  const fail = useCallback(
    (raw: string) => {
      setClock(false);
      const { message, workerIsBroken } = describeWorkerFailure(raw);
      // A worker whose code failed to download may have cached the failure: start afresh next time.
      if (workerIsBroken) dropWorker();
      update((s) => ({ ...s, status: 'error', error: message }), true);
    },
    [dropWorker, update],
  );

  const onMessage = useCallback(
    (event: MessageEvent<WorkerToPageMessage>) => {
      const msg = event.data;
      if (msg.runId !== runIdRef.current) return; // a late event from an aborted run
      if (msg.type === 'error') return fail(msg.message);
      if (msg.type === 'state') setClock(msg.state === 'running');
      if (msg.type === 'done') setClock(false);
      const decode = decoderRef.current.decode;
      // Pause and resume are the reader's clicks: show them without waiting for a frame.
      update((s) => applyWorkerMessage(s, msg, decode, elapsedNow()), msg.type === 'state' && msg.state === 'paused');
    },
    [fail, update],
  );

  const ensureWorker = useCallback((): Worker | null => {
    if (workerRef.current) return workerRef.current;
    try {
      // Under `npm run dev` the launcher bundles the worker itself (scripts/dev-worker.mjs) so that Next
      // never compiles TF.js and every experiment before a note's first render; the check on NODE_ENV
      // lets production bundles drop this branch. The built site's export rewrites the `new URL` form.
      const devWorkerUrl = process.env.NODE_ENV === 'development' ? process.env.NEXT_PUBLIC_DEV_WORKER_URL : undefined;
      const worker = devWorkerUrl
        ? new Worker(devWorkerUrl, { type: 'module' })
        : new Worker(new URL('../../lib/runtime/experiment.worker.ts', import.meta.url), { type: 'module' });
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', (e) => {
        e.preventDefault();
        if (workerRef.current === worker) fail(`worker failed to load (${e.message || 'unknown error'})`);
      });
      workerRef.current = worker;
      return worker;
    } catch (err) {
      update((s) => ({ ...s, status: 'error', error: `This browser could not start a Web Worker for the demo (${err instanceof Error ? err.message : String(err)}).` }), true);
      return null;
    }
  }, [fail, onMessage, update]);

  const post = (message: PageToWorkerMessage) => workerRef.current?.postMessage(message);

  const start = useCallback(
    (params: Record<string, string | number | boolean>, seed: number, mode: 'run' | 'step' = 'run', backend: BackendName | null = null, workers: 1 | 2 | null = null) => {
      const worker = ensureWorker();
      if (!worker) return;
      const runId = ++runIdRef.current;
      decoderRef.current = createSnapshotDecoder();
      clockRef.current = { startedAt: performance.now(), accumulated: 0, running: false };
      update((s) => ({ ...INITIAL, backend: s.backend, fallbacks: s.fallbacks, status: 'loading' }), true);
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
        helpers: workers === null ? undefined : workers - 1,
      } satisfies PageToWorkerMessage);
    },
    [ensureWorker, experimentId, update],
  );

  const pause = useCallback(() => post({ type: 'pause', runId: runIdRef.current }), []);
  const resume = useCallback(() => post({ type: 'resume', runId: runIdRef.current }), []);
  const step = useCallback(() => post({ type: 'step', runId: runIdRef.current }), []);
  const reset = useCallback(() => {
    post({ type: 'abort', runId: runIdRef.current });
    runIdRef.current++; // drop anything the aborted run still sends
    setClock(false);
    update((s) => ({ ...INITIAL, backend: s.backend, fallbacks: s.fallbacks }), true);
  }, [update]);

  useEffect(
    () => () => {
      batcherRef.current?.cancel();
      workerRef.current?.terminate();
      workerRef.current = null;
    },
    [],
  );

  return { state, start, pause, resume, step, reset };
}
