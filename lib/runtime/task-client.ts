/**
 * The parent's side of a helper worker (see task-host.ts for the other side): each call sent to
 * the helper comes back as an async iterator of its events, then its result. Each event the
 * consumer takes is acknowledged with a pull, so the helper computes at most a few events ahead
 * of the consumer and stops when the run is paused. A helper that never answers, fails to load
 * or refuses a call makes that call throw TaskNotStarted before its first event, and the
 * scheduler runs it here instead.
 */
import type { TaskCall } from '../core/contract';
import type { BackendName } from './backend';
import { TaskNotStarted, type RemoteTasks } from './task-scheduler';
import type { HelperToParentMessage, ParentToHelperMessage } from './worker-protocol';

/** What the client needs of a Worker (tests pass a fake). */
export interface HelperWorker {
  postMessage(message: ParentToHelperMessage): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  addEventListener(type: 'error', listener: (event: { preventDefault?: () => void; message?: string }) => void): void;
  terminate(): void;
}

export interface HelperRun {
  experimentId: string;
  /** The parent's backend: the helper must run on the same one. */
  backend: string;
  backends?: BackendName[];
  wasmPath?: string;
}

export interface TaskClient {
  /** Have the helper load TF.js and the experiment's code ahead of its first task. */
  prepare(run: Omit<HelperRun, 'backend'>): void;
  /** An executor for the scheduler that sends calls to this helper. */
  tasksFor(run: HelperRun): RemoteTasks;
  terminate(): void;
}

/** How long a call may wait for the helper's first answer before it runs here instead. */
const FIRST_ANSWER_MS = 20_000;

/** A helper's message, or word that it is gone (it crashed, or never answered). */
type Incoming = HelperToParentMessage | { type: 'lost'; message: string };

export function createTaskClient(worker: HelperWorker, options: { firstAnswerMs?: number } = {}): TaskClient {
  const firstAnswerMs = options.firstAnswerMs ?? FIRST_ANSWER_MS;
  const channels = new Map<number, (message: Incoming) => void>();
  let nextTaskId = 1;
  let lost: string | null = null;

  worker.addEventListener('message', (event) => {
    const message = event.data as HelperToParentMessage;
    if (typeof message?.taskId === 'number') channels.get(message.taskId)?.(message);
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault?.();
    lost = `the helper worker stopped (${event.message || 'it failed to load'})`;
    for (const deliver of [...channels.values()]) deliver({ type: 'lost', message: lost });
  });

  function open(run: HelperRun, call: TaskCall): AsyncIterator<unknown, unknown, void> {
    const taskId = nextTaskId++;
    const inbox: Incoming[] = [];
    let waiting: (() => void) | null = null;
    let answered = false;
    let closed = false;
    const close = () => {
      closed = true;
      channels.delete(taskId);
      clearTimeout(timer);
      waiting?.();
    };
    const deliver = (message: Incoming) => {
      if (message.type !== 'lost') clearTimeout(timer);
      inbox.push(message);
      waiting?.();
    };
    const timer = setTimeout(() => deliver({ type: 'lost', message: `the helper worker did not answer within ${firstAnswerMs / 1000} s` }), firstAnswerMs);
    channels.set(taskId, deliver);
    if (lost) deliver({ type: 'lost', message: lost });
    else worker.postMessage({ type: 'task-start', taskId, call, ...run });

    return {
      async next(): Promise<IteratorResult<unknown, unknown>> {
        while (!closed && inbox.length === 0) await new Promise<void>((resolve) => (waiting = resolve));
        waiting = null;
        if (closed) return { done: true, value: undefined };
        const message = inbox.shift()!;
        const first = !answered;
        answered = true;
        switch (message.type) {
          case 'task-event':
            worker.postMessage({ type: 'task-pull', taskId });
            return { done: false, value: message.value };
          case 'task-result':
            close();
            return { done: true, value: message.value };
          case 'task-refused':
            close();
            throw new TaskNotStarted(message.message);
          case 'lost':
            close();
            if (!lost) worker.postMessage({ type: 'task-cancel', taskId });
            if (first) throw new TaskNotStarted(message.message);
            throw new Error(message.message);
          case 'task-error':
            close();
            throw new Error(message.message);
        }
      },
      async return(): Promise<IteratorResult<unknown, unknown>> {
        if (!closed) {
          close();
          if (!lost) worker.postMessage({ type: 'task-cancel', taskId });
        }
        return { done: true, value: undefined };
      },
    };
  }

  return {
    prepare(run) {
      if (!lost) worker.postMessage({ type: 'task-prepare', ...run });
    },
    tasksFor: (run) => ({ run: (call) => open(run, call) }),
    terminate: () => worker.terminate(),
  };
}
