/**
 * Runs an experiment's tasks (see Task in lib/core/contract.ts) on the executors at hand: this
 * worker, one task at a time, and any helpers (a second worker, see task-client.ts). Each executor
 * takes the next call from the queue when it is free, and the tasks' events are merged as they
 * arrive. Nothing runs unasked: a local task advances only when the consumer pulls, and a helper
 * runs at most a couple of events ahead of what was consumed, so a paused run soon stops
 * everywhere. A helper that cannot take a task (no TF.js there, another backend) gives it back,
 * and it runs here: a task's numbers never depend on where it ran.
 */
import type { Task, TaskCall, TaskContext, TaskEvent } from '../core/contract';
import { startTask } from '../core/tasks';

/** Thrown by a helper's task before its first event when the helper cannot run it. */
export class TaskNotStarted extends Error {
  override name = 'TaskNotStarted';
}

/** An executor in another worker. */
export interface RemoteTasks {
  /** Starts `call` there: its events, then (done) its result. return() stops it. */
  run(call: TaskCall): AsyncIterator<unknown, unknown, void>;
}

interface Job {
  index: number;
  iterator: AsyncIterator<unknown, unknown, void>;
  pending: Promise<Outcome> | null;
}

interface Slot {
  remote: RemoteTasks | null;
  job: Job | null;
  /** A helper that gave a task back takes no more. */
  retired: boolean;
}

type Outcome = { slot: Slot; result: IteratorResult<unknown, unknown> } | { slot: Slot; error: unknown };

export type RunTasks = <E, O>(calls: TaskCall[]) => AsyncGenerator<TaskEvent<E, O>, void, void>;

export function createTaskScheduler(tasks: Record<string, Task> | undefined, ctx: Pick<TaskContext, 'tf' | 'backend'>, remotes: RemoteTasks[]): RunTasks {
  return async function* runTasks<E, O>(calls: TaskCall[]): AsyncGenerator<TaskEvent<E, O>, void, void> {
    const queue = calls.map((_, index) => index);
    // This worker first: with one call and a helper, the call runs here, with no start-up to wait for.
    const slots: Slot[] = [null, ...remotes].map((remote) => ({ remote, job: null, retired: false }));
    try {
      for (;;) {
        for (const slot of slots) {
          if (slot.job || slot.retired || queue.length === 0) continue;
          const index = queue.shift()!;
          const iterator = slot.remote ? slot.remote.run(calls[index]) : startTask(tasks, calls[index], ctx);
          slot.job = { index, iterator, pending: null };
        }
        const active = slots.filter((s) => s.job);
        if (active.length === 0) return;
        // Ask every idle executor for its next event; a local task computes its step right here.
        for (const slot of active) {
          const job = slot.job!;
          job.pending ??= job.iterator.next().then(
            (result) => ({ slot, result }),
            (error: unknown) => ({ slot, error }),
          );
        }
        const outcome = await Promise.race(active.map((s) => s.job!.pending!));
        const { slot } = outcome;
        const job = slot.job!;
        job.pending = null;
        if ('error' in outcome) {
          slot.job = null;
          if (!(outcome.error instanceof TaskNotStarted)) throw outcome.error;
          slot.retired = true;
          queue.unshift(job.index);
          continue;
        }
        if (outcome.result.done) {
          slot.job = null;
          yield { index: job.index, done: true, value: outcome.result.value as O };
        } else yield { index: job.index, done: false, value: outcome.result.value as E };
      }
    } finally {
      // Stopped (the run was aborted, or a task failed): local tasks dispose in their finally
      // blocks, helpers are told to stop.
      for (const slot of slots) {
        const job = slot.job;
        slot.job = null;
        if (job) await job.iterator.return?.(undefined)?.catch(() => undefined);
      }
    }
  };
}
