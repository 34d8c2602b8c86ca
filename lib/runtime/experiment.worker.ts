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
import { createTaskClient, type TaskClient } from './task-client';
import { createTaskHost } from './task-host';
import {
  isPageToWorkerMessage,
  isParentToHelperMessage,
  type HelperToParentMessage,
  type PageToWorkerMessage,
  type WorkerToPageMessage,
} from './worker-protocol';

interface WorkerScope {
  postMessage(message: WorkerToPageMessage | HelperToParentMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  location?: { href: string };
}
const scope = self as unknown as WorkerScope;

let current: { runId: number; runner: Runner; unsubscribe: () => void } | null = null;
let backendName = 'unknown';

const post = (message: WorkerToPageMessage) => scope.postMessage(message);

/**
 * A second copy of this worker, started for the first experiment that has tasks (see Task in
 * lib/core/contract.ts): it runs some of them on another core. Kept for later runs; null where a
 * worker cannot start workers (the tasks then all run here).
 */
let helper: TaskClient | null | undefined;
function ensureHelper(): TaskClient | null {
  if (helper !== undefined) return helper;
  helper = null;
  const href = scope.location?.href;
  if (typeof Worker === 'undefined' || !href) return helper;
  try {
    helper = createTaskClient(new Worker(href, { type: 'module' }));
  } catch {
    helper = null;
  }
  return helper;
}

/**
 * Whether a run gets a helper. Measured on a 2-core machine (disentanglement, 8 interleaved runs
 * each): median time to verdict 8.0 -> 7.8 s, but a frame over 50 ms in 6 runs of 8 instead of 4
 * (median longest frame 25 -> 72 ms): with one core for the page and one for training there is
 * none to spare. From four cores up there is.
 */
function wantsHelper(requested: number | undefined): boolean {
  if (requested !== undefined) return requested > 0;
  const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return cores >= 4;
}

/** When this worker is the helper: runs the tasks its parent sends. */
const taskHost = createTaskHost({ post: (message) => scope.postMessage(message), loadTf, loadExperiment });

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

  let tasksHelper: TaskClient | null = null;
  const runner = createRunner({
    experiment,
    params: values,
    seed,
    tf: () => loadTf({ preferred: message.backends, wasmPath: message.wasmPath }),
    remoteTasks: (backend) => (tasksHelper ? [tasksHelper.tasksFor({ experimentId: experiment.id, backend, backends: message.backends, wasmPath: message.wasmPath })] : []),
    // Eight progress events a second move the bar smoothly; sixteen cost the page's main thread
    // (each is a render and a paint) a quarter more time, which the training needs on two cores.
    progressIntervalMs: message.progressIntervalMs ?? 120,
    // Charts redraw from snapshots: five a second look live and leave the page's main thread idle.
    snapshotIntervalMs: message.snapshotIntervalMs ?? 200,
  });
  const encoder = createSnapshotEncoder();
  const unsubscribe = runner.subscribe((event) => {
    if (current?.runId !== runId) return;
    switch (event.type) {
      case 'ready':
        backendName = event.backend;
        // The helper starts and loads TF.js and the experiment while this worker starts training
        // (loading both at once would delay the first chart the reader sees).
        tasksHelper = experiment.tasks && wantsHelper(message.helpers) ? ensureHelper() : null;
        tasksHelper?.prepare({ experimentId: experiment.id, backends: message.backends, wasmPath: message.wasmPath });
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
  else if (isParentToHelperMessage(event.data)) taskHost.handle(event.data);
});
