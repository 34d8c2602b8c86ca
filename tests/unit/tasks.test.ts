/**
 * An experiment's tasks: in-process (Node: tests, CLI), through the scheduler with a helper worker
 * (the browser), and the helper's message protocol, with fake workers and a fake experiment whose
 * tasks draw from their seeded RNG. What must hold: the same results wherever a task ran, every
 * task's events in order, a helper that cannot take a call hands it back, a stopped run stops
 * every task, and a helper never runs more than a few events ahead of the parent.
 */
import { describe, expect, it } from 'vitest';
import type { Task, TaskCall, TaskEvent } from '@/lib/core/contract';
import { runTasksInProcess } from '@/lib/core/tasks';
import { createRng } from '@/lib/core/rng';
import { createTaskScheduler, TaskNotStarted, type RemoteTasks } from '@/lib/runtime/task-scheduler';
import { createTaskClient, type HelperWorker } from '@/lib/runtime/task-client';
import { createTaskHost, EVENTS_AHEAD } from '@/lib/runtime/task-host';
import type { HelperToParentMessage, ParentToHelperMessage } from '@/lib/runtime/worker-protocol';
import type { LoadedTf } from '@/lib/runtime/backend';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Draws `input.steps` numbers from the task's RNG, one event each; returns their sum. */
function counterTask(log: { started: number[]; stopped: number[] }): Task<{ id: number; steps: number }, number, { id: number; sum: number }> {
  return async function* (input, ctx) {
    log.started.push(input.id);
    let sum = 0;
    let finished = false;
    try {
      for (let i = 0; i < input.steps; i++) {
        const x = ctx.rng.next();
        sum += x;
        yield x;
      }
      finished = true;
      return { id: input.id, sum };
    } finally {
      if (!finished) log.stopped.push(input.id);
    }
  };
}

const calls = (n: number, steps = 4): TaskCall[] => Array.from({ length: n }, (_, id) => ({ task: 'count', input: { id, steps }, seed: 100 + id }));
const CTX = { tf: null as never, backend: 'wasm' };

async function collect<E, O>(gen: AsyncGenerator<TaskEvent<E, O>, void, void>): Promise<TaskEvent<E, O>[]> {
  const out: TaskEvent<E, O>[] = [];
  for await (const e of gen) out.push(e);
  return out;
}

/** Per call: its events in the order seen, and its result. */
function byCall(events: TaskEvent<number, { sum: number }>[]) {
  const out = new Map<number, { events: number[]; result?: number }>();
  for (const e of events) {
    const entry = out.get(e.index) ?? { events: [] };
    if (e.done) entry.result = e.value.sum;
    else entry.events.push(e.value);
    out.set(e.index, entry);
  }
  return [...out.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** A remote executor that runs the task here but through an async boundary, like a worker. */
function fakeRemote(tasks: Record<string, Task>, log: { remoteCalls: number[] }): RemoteTasks {
  return {
    run(call) {
      log.remoteCalls.push((call.input as { id: number }).id);
      const gen = tasks[call.task](call.input, { ...CTX, seed: call.seed, rng: createRng(call.seed) });
      return {
        next: async () => {
          await tick();
          return gen.next();
        },
        return: async () => gen.return(undefined),
      };
    },
  };
}

describe('tasks in one process', () => {
  it('run one after another in call order, each from its own seed', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const events = await collect(runTasksInProcess<number, { sum: number }>({ count: counterTask(log) }, CTX, calls(3)));
    expect(events.map((e) => `${e.index}${e.done ? 'r' : 'e'}`).join(' ')).toBe('0e 0e 0e 0e 0r 1e 1e 1e 1e 1r 2e 2e 2e 2e 2r');
    const rng = createRng(101);
    const expected = Array.from({ length: 4 }, () => rng.next());
    expect(byCall(events)[1].events).toEqual(expected);
  });

  it('stop the running task when the consumer stops', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    for await (const e of runTasksInProcess({ count: counterTask(log) }, CTX, calls(3))) if (e.index === 1) break;
    expect(log).toEqual({ started: [0, 1], stopped: [1] });
  });
});

describe('the task scheduler', () => {
  it('gives the same events and results with a helper as without, and uses the helper', async () => {
    const log = { started: [] as number[], stopped: [] as number[], remoteCalls: [] as number[] };
    const tasks = { count: counterTask(log) };
    const alone = byCall(await collect(createTaskScheduler(tasks, CTX, [])<number, { sum: number }>(calls(5, 6))));
    const helped = byCall(await collect(createTaskScheduler(tasks, CTX, [fakeRemote(tasks, log)])<number, { sum: number }>(calls(5, 6))));
    expect(helped).toEqual(alone);
    expect(alone.map((c) => c.events.length)).toEqual([6, 6, 6, 6, 6]);
    // The first call runs here; the helper took some of the others.
    expect(log.remoteCalls.length).toBeGreaterThan(0);
    expect(log.remoteCalls).not.toContain(0);
  });

  it('runs a call here when the helper refuses it, and gives the helper no more', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const tasks = { count: counterTask(log) };
    let asked = 0;
    const refusing: RemoteTasks = {
      run: () => {
        asked++;
        return { next: async () => Promise.reject(new TaskNotStarted('no TF.js here')) };
      },
    };
    const events = await collect(createTaskScheduler(tasks, CTX, [refusing])<number, { sum: number }>(calls(3)));
    expect(asked).toBe(1);
    expect(byCall(events)).toEqual(byCall(await collect(runTasksInProcess<number, { sum: number }>(tasks, CTX, calls(3)))));
  });

  it('fails the run with a task error from the helper, and stops the local task', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const tasks = { count: counterTask(log) };
    const failing: RemoteTasks = { run: () => ({ next: async () => Promise.reject(new Error('matrix shapes do not match')) }) };
    await expect(collect(createTaskScheduler(tasks, CTX, [failing])(calls(2, 50)))).rejects.toThrow('matrix shapes do not match');
    expect(log.stopped).toEqual([0]);
  });

  it('stops every running task, here and in the helper, when the consumer stops', async () => {
    const log = { started: [] as number[], stopped: [] as number[], remoteCalls: [] as number[] };
    const tasks = { count: counterTask(log) };
    let seen = 0;
    // Like the runner, give the event loop a turn between events (the helper's replies come in then).
    for await (const _ of createTaskScheduler(tasks, CTX, [fakeRemote(tasks, log)])(calls(4, 20))) {
      if (++seen === 10) break;
      await tick();
    }
    expect(log.started).toEqual([0, 1]);
    expect([...log.stopped].sort()).toEqual([0, 1]);
  });
});

/** A parent and its helper, talking through structured clones a turn of the event loop apart. */
function workerPair(experiment: { tasks?: Record<string, Task>; usesTf?: boolean }, helperBackend = 'wasm') {
  const toParent: ((e: { data: unknown }) => void)[] = [];
  const sent: ParentToHelperMessage[] = [];
  const received: HelperToParentMessage[] = [];
  const host = createTaskHost({
    post: (m) => {
      received.push(m);
      setTimeout(() => toParent.forEach((l) => l({ data: structuredClone(m) })), 0);
    },
    loadTf: async () => ({ tf: null as never, backend: helperBackend, fallbacks: [] }) as unknown as LoadedTf,
    loadExperiment: async (id) => (id === 'fake' ? ({ id: 'fake', ...experiment } as never) : undefined),
  });
  const worker: HelperWorker = {
    postMessage: (m) => {
      sent.push(m);
      setTimeout(() => host.handle(structuredClone(m)), 0);
    },
    addEventListener: (type: string, listener: (e: never) => void) => {
      if (type === 'message') toParent.push(listener as (e: { data: unknown }) => void);
    },
    terminate: () => undefined,
  };
  return { client: createTaskClient(worker), sent, received };
}

describe('a helper worker', () => {
  const run = { experimentId: 'fake', backend: 'wasm' };

  it('runs a call and sends back its events and result, the same as here', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const tasks = { count: counterTask(log) };
    const { client } = workerPair({ tasks });
    const remote = byCall(await collect(createTaskScheduler(tasks, CTX, [client.tasksFor(run)])<number, { sum: number }>(calls(3, 5))));
    expect(remote).toEqual(byCall(await collect(runTasksInProcess<number, { sum: number }>(tasks, CTX, calls(3, 5)))));
  });

  it(`computes at most ${EVENTS_AHEAD} events ahead of what the parent consumed, and stops on return()`, async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const { client, received, sent } = workerPair({ tasks: { count: counterTask(log) } });
    const it = client.tasksFor(run).run({ task: 'count', input: { id: 7, steps: 100 }, seed: 1 });
    expect((await it.next()).done).toBe(false);
    for (let i = 0; i < 50; i++) await tick();
    // One consumed (and pulled for), so one more than the lead.
    expect(received.filter((m) => m.type === 'task-event').length).toBe(EVENTS_AHEAD + 1);
    await it.return!();
    for (let i = 0; i < 20; i++) await tick();
    expect(sent.map((m) => m.type)).toContain('task-cancel');
    expect(log.stopped).toEqual([7]);
  });

  it('refuses a call on another backend (its numbers could differ), so the parent runs it', async () => {
    const log = { started: [] as number[], stopped: [] as number[] };
    const { client } = workerPair({ tasks: { count: counterTask(log) } }, 'cpu');
    const it = client.tasksFor(run).run(calls(1)[0]);
    await expect(it.next()).rejects.toBeInstanceOf(TaskNotStarted);
    expect(log.started).toEqual([]);
  });

  it('counts a helper that never answers as unable to run the call', async () => {
    const silent: HelperWorker = { postMessage: () => undefined, addEventListener: () => undefined, terminate: () => undefined };
    const it = createTaskClient(silent, { firstAnswerMs: 20 }).tasksFor(run).run(calls(1)[0]);
    await expect(it.next()).rejects.toBeInstanceOf(TaskNotStarted);
  });
});
