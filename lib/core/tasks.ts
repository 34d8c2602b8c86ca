/**
 * Running an experiment's tasks (see Task in contract.ts) in this process. Experiments call
 * `runTasks`: it uses the runtime's `ctx.runTasks` where there is one (the browser worker, which
 * may hand tasks to a second worker) and otherwise runs the tasks here, one after another, in
 * call order. The runtime's scheduler starts its in-process tasks with `startTask` too, so a task
 * gets the same context wherever it runs.
 */
import type { RunContext, Task, TaskCall, TaskContext, TaskEvent } from './contract';
import { createRng } from './rng';

/** Starts one call of `tasks` here: its generator, with the RNG its seed gives. */
export function startTask<E, O>(tasks: Record<string, Task> | undefined, call: TaskCall, ctx: Pick<TaskContext, 'tf' | 'backend'>): AsyncGenerator<E, O, void> {
  const task = tasks?.[call.task];
  if (!task) throw new Error(`the experiment has no task called "${call.task}"`);
  return task(call.input, { tf: ctx.tf, backend: ctx.backend, seed: call.seed, rng: createRng(call.seed) }) as AsyncGenerator<E, O, void>;
}

/** The calls one after another in this process, each task's events then its result. */
export async function* runTasksInProcess<E, O>(
  tasks: Record<string, Task> | undefined,
  ctx: Pick<TaskContext, 'tf' | 'backend'>,
  calls: TaskCall[],
): AsyncGenerator<TaskEvent<E, O>, void, void> {
  for (const [index, call] of calls.entries()) {
    const gen = startTask<E, O>(tasks, call, ctx);
    let finished = false;
    try {
      let next = await gen.next();
      while (!next.done) {
        yield { index, done: false, value: next.value };
        next = await gen.next();
      }
      finished = true;
      yield { index, done: true, value: next.value };
    } finally {
      // Stopped early (the consumer returned, or threw): the task's own finally blocks dispose.
      if (!finished) await gen.return(undefined as O);
    }
  }
}

/** The tasks' events as they come: through the runtime when it offers to run them, else here. */
export function runTasks<E, O>(ctx: RunContext, tasks: Record<string, Task> | undefined, calls: TaskCall[]): AsyncGenerator<TaskEvent<E, O>, void, void> {
  return ctx.runTasks ? ctx.runTasks<E, O>(calls) : runTasksInProcess<E, O>(tasks, ctx, calls);
}
