/**
 * The messages between a demo page and its experiment worker (experiment.worker.ts).
 * Everything here must survive structured clone: plain objects, arrays, typed arrays.
 *
 * Snapshots are encoded with snapshot-codec.ts: a large typed array already sent in this run
 * arrives as a reference, so decode them with a per-run decoder.
 *
 * Every message about a run carries the `runId` the page chose in `start`, so a page that
 * aborted one run and started another can drop late events of the old one.
 */
import type { Claim, Metrics, Progress, TaskCall } from '../core/contract';
import type { BackendName } from './backend';
import type { RunnerState } from './runner';

/** Page -> worker. */
export type PageToWorkerMessage =
  | {
      type: 'start';
      runId: number;
      experimentId: string;
      /** Parameter values (typed or as strings); the worker re-validates them against the table. */
      params: Record<string, string | number | boolean>;
      seed: number;
      /** Backends to try, in order (default wasm, then cpu). Only the first start of a worker picks one. */
      backends?: BackendName[];
      /** Absolute URL of the folder with the tfjs-backend-wasm .wasm files, e.g. `${origin}/tfjs-wasm/`. */
      wasmPath?: string;
      /** 'step' loads, takes one step and pauses (the Step button pressed before Run). Default 'run'. */
      mode?: 'run' | 'step';
      /** Least milliseconds between progress events (default 120). */
      progressIntervalMs?: number;
      /** Least milliseconds between progress events that carry a snapshot (default 200). */
      snapshotIntervalMs?: number;
      /**
       * Helper workers for an experiment's tasks: 0 or 1. Default 1 on a machine with four or more
       * logical cores, else 0 (on two, a second training thread takes the core the page draws with).
       */
      helpers?: number;
    }
  | { type: 'pause'; runId: number }
  | { type: 'resume'; runId: number }
  | { type: 'step'; runId: number }
  | { type: 'abort'; runId: number };

/** Worker -> page. */
export type WorkerToPageMessage =
  /** TF.js is loaded; `fallbacks` says, in words, why earlier-preferred backends were skipped. */
  | { type: 'ready'; runId: number; backend: string; fallbacks: string[] }
  | { type: 'state'; runId: number; state: RunnerState }
  | { type: 'progress'; runId: number; progress: Progress }
  | { type: 'done'; runId: number; metrics: Metrics; snapshot: unknown; claim: Claim; seconds: number; backend: string }
  /** A message in words, fit to show the reader (never a stack trace). */
  | { type: 'error'; runId: number; message: string };

export type PageToWorkerType = PageToWorkerMessage['type'];
export type WorkerToPageType = WorkerToPageMessage['type'];

/** A narrow check for messages arriving at the worker, which may come from anywhere. */
export function isPageToWorkerMessage(value: unknown): value is PageToWorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; runId?: unknown };
  if (typeof v.runId !== 'number') return false;
  switch (v.type) {
    case 'start': {
      const s = value as { experimentId?: unknown; seed?: unknown; params?: unknown };
      return typeof s.experimentId === 'string' && typeof s.seed === 'number' && typeof s.params === 'object' && s.params !== null;
    }
    case 'pause':
    case 'resume':
    case 'step':
    case 'abort':
      return true;
    default:
      return false;
  }
}

/**
 * An experiment worker and its helper (a second experiment worker it started, which runs some of
 * a run's tasks on another core: task-client.ts, task-host.ts). `taskId` is chosen by the parent.
 */
export type ParentToHelperMessage =
  /** Load TF.js and the experiment's code now, so the first task does not wait for them. */
  | { type: 'task-prepare'; experimentId: string; backends?: BackendName[]; wasmPath?: string }
  /** Run one call; `backend` is the parent's: a helper on another backend refuses (its numbers could differ). */
  | { type: 'task-start'; taskId: number; experimentId: string; backend: string; backends?: BackendName[]; wasmPath?: string; call: TaskCall }
  /** The parent consumed one event: the helper may compute one more. */
  | { type: 'task-pull'; taskId: number }
  | { type: 'task-cancel'; taskId: number };

export type HelperToParentMessage =
  | { type: 'task-event'; taskId: number; value: unknown }
  | { type: 'task-result'; taskId: number; value: unknown }
  /** Before any event: the helper cannot run this call (the parent runs it itself). */
  | { type: 'task-refused'; taskId: number; message: string }
  | { type: 'task-error'; taskId: number; message: string };

export function isParentToHelperMessage(value: unknown): value is ParentToHelperMessage {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { type?: unknown; taskId?: unknown; experimentId?: unknown; call?: unknown };
  if (v.type === 'task-prepare') return typeof v.experimentId === 'string';
  if (typeof v.taskId !== 'number') return false;
  if (v.type === 'task-start') return typeof v.experimentId === 'string' && typeof v.call === 'object' && v.call !== null;
  return v.type === 'task-pull' || v.type === 'task-cancel';
}
