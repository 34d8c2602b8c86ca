/**
 * How a demo's run state follows the worker's messages: a pure function, so the rules the
 * reader sees are unit-tested (tests/unit/run-state.test.ts):
 * - the live view keeps the newest snapshot until a newer one arrives (events without one,
 *   about half of them, never blank it);
 * - a finished run shows its final snapshot;
 * - messages of an earlier run (after Reset or Run again) are ignored by the caller via runId.
 */
import type { Claim, Metrics, Progress } from '@/lib/core/contract';
import type { WorkerToPageMessage } from '@/lib/runtime/worker-protocol';

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
  /** The newest snapshot seen in this run (kept while later events carry none). */
  snapshot: S | null;
  result: DemoResult<S> | null;
  backend: string | null;
  fallbacks: string[];
  error: string | null;
  /** Seconds spent running (pauses excluded), for the time-left estimate. */
  elapsed: number;
}

export const INITIAL_RUN_STATE: DemoRunState<never> = { status: 'idle', progress: null, snapshot: null, result: null, backend: null, fallbacks: [], error: null, elapsed: 0 };

/** The next state after one worker message (errors are turned into words by the caller). */
export function applyWorkerMessage<S>(s: DemoRunState<S>, msg: Exclude<WorkerToPageMessage, { type: 'error' }>, decode: (v: unknown) => unknown, elapsed: number): DemoRunState<S> {
  switch (msg.type) {
    case 'ready':
      return { ...s, backend: msg.backend, fallbacks: msg.fallbacks };
    case 'state':
      return { ...s, status: msg.state === 'idle' ? 'idle' : msg.state, elapsed };
    case 'progress': {
      const progress = msg.progress as Progress<S>;
      const snapshot = progress.snapshot === undefined ? undefined : (decode(progress.snapshot) as S);
      return { ...s, progress: { ...progress, snapshot }, snapshot: snapshot ?? s.snapshot, elapsed };
    }
    case 'done': {
      const snapshot = decode(msg.snapshot) as S;
      return {
        ...s,
        status: 'done',
        backend: msg.backend,
        snapshot: snapshot ?? s.snapshot,
        result: { metrics: msg.metrics, snapshot, claim: msg.claim, seconds: msg.seconds },
        elapsed,
      };
    }
  }
}
