/**
 * The experiment worker: the page posts a `start` (experiment id, params, seed, backend
 * preference, wasm path), the worker loads TF.js once, finds the experiment in the registry,
 * drives it with createRunner and posts the runner's events back (see worker-protocol.ts).
 *
 * Create it from page code with
 *   new Worker(new URL('../lib/runtime/experiment.worker.ts', import.meta.url), { type: 'module' })
 * so the bundler emits it as its own chunk. Only worker globals are used here: no DOM.
 */
import { loadExperiment, experimentIds } from '../experiments/registry';
import { parseParams, parseSeed } from '../core/params';
import { loadTf } from './backend';
import { createRunner, type Runner } from './runner';
import { createSnapshotEncoder } from './snapshot-codec';
import { isPageToWorkerMessage, type PageToWorkerMessage, type WorkerToPageMessage } from './worker-protocol';

interface WorkerScope {
  postMessage(message: WorkerToPageMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
}
const scope = self as unknown as WorkerScope;

let current: { runId: number; runner: Runner; unsubscribe: () => void } | null = null;
let backendName = 'unknown';

const post = (message: WorkerToPageMessage) => scope.postMessage(message);

async function start(message: Extract<PageToWorkerMessage, { type: 'start' }>): Promise<void> {
  if (current) {
    const old = current;
    current = null;
    old.unsubscribe();
    await old.runner.abort();
  }
  const { runId } = message;
  // Only this experiment's code is fetched, on its first run: the worker bundles no other demo.
  const experiment = await loadExperiment(message.experimentId);
  if (!experiment) {
    post({ type: 'error', runId, message: `there is no experiment called "${message.experimentId}"; known experiments: ${experimentIds.join(', ')}` });
    return;
  }
  // The page validated these already; parsing again keeps a hand-edited URL or a stale page safe.
  const raw: Record<string, string> = {};
  for (const [key, value] of Object.entries(message.params)) raw[key] = String(value);
  const { values } = parseParams(experiment.params, raw);
  const { seed } = parseSeed(String(message.seed), experiment.defaultSeed);

  const runner = createRunner({
    experiment,
    params: values,
    seed,
    tf: () => loadTf({ preferred: message.backends, wasmPath: message.wasmPath }),
    progressIntervalMs: message.progressIntervalMs,
    // Charts redraw from snapshots: five a second look live and leave the page's main thread idle.
    snapshotIntervalMs: message.snapshotIntervalMs ?? 200,
  });
  const encoder = createSnapshotEncoder();
  const unsubscribe = runner.subscribe((event) => {
    if (current?.runId !== runId) return;
    switch (event.type) {
      case 'ready':
        backendName = event.backend;
        post({ type: 'ready', runId, backend: event.backend, fallbacks: event.fallbacks });
        break;
      case 'state':
        post({ type: 'state', runId, state: event.state });
        break;
      case 'progress':
        post({ type: 'progress', runId, progress: event.progress.snapshot === undefined ? event.progress : { ...event.progress, snapshot: encoder.encode(event.progress.snapshot) } });
        break;
      case 'done':
        post({ type: 'done', runId, metrics: event.metrics, snapshot: encoder.encode(event.snapshot), claim: event.claim, seconds: event.seconds, backend: backendName });
        break;
      case 'error':
        post({ type: 'error', runId, message: event.message });
        break;
      case 'reset':
        break;
    }
  });
  current = { runId, runner, unsubscribe };
  if (message.mode === 'step') await runner.step();
  else await runner.start();
}

function handle(message: PageToWorkerMessage): void {
  if (message.type === 'start') {
    start(message).catch((err: unknown) => {
      post({ type: 'error', runId: message.runId, message: `the worker could not start the run: ${err instanceof Error ? err.message : String(err)}` });
    });
    return;
  }
  // Controls for a run that is no longer current are stale: ignore them.
  if (!current || current.runId !== message.runId) return;
  const { runner } = current;
  switch (message.type) {
    case 'pause':
      runner.pause();
      break;
    case 'resume':
      runner.resume();
      break;
    case 'step':
      void runner.step();
      break;
    case 'abort':
      void runner.abort();
      break;
  }
}

scope.addEventListener('message', (event) => {
  if (isPageToWorkerMessage(event.data)) handle(event.data);
});
