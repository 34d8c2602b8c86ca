/**
 * The helper's side (see task-client.ts): an experiment worker started by another one runs the
 * tasks it is sent. It loads TF.js on the parent's backend (or refuses the call: another backend
 * could give other numbers) and the experiment's code by id, then runs the task, posting each
 * event and waiting for the parent's pull once it is a few events ahead. Cancel stops the task
 * (its finally blocks dispose its tensors).
 */
import type { Experiment } from '../core/contract';
import { startTask } from '../core/tasks';
import type { ParamTable } from '../core/params';
import { PLAIN_JS, type LoadTfOptions, type LoadedTf } from './backend';
import { defaultYield } from './runner';
import type { HelperToParentMessage, ParentToHelperMessage } from './worker-protocol';

/**
 * Events a helper may compute ahead of what the parent consumed. The parent consumes between its
 * own steps, and some are long (a search of half a second): a short lead would leave the helper
 * idle meanwhile. Six events is about half a second of training, all a paused run still computes.
 */
export const EVENTS_AHEAD = 6;

export interface TaskHostDeps {
  post(message: HelperToParentMessage): void;
  loadTf(options: LoadTfOptions): Promise<LoadedTf>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  loadExperiment(id: string): Promise<Experiment<ParamTable, any, any> | undefined>;
}

interface Running {
  credit: number;
  cancelled: boolean;
  wake: (() => void) | null;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function createTaskHost(deps: TaskHostDeps): { handle(message: ParentToHelperMessage): void } {
  const running = new Map<number, Running>();

  async function load(experimentId: string, options: LoadTfOptions) {
    const experiment = await deps.loadExperiment(experimentId);
    if (!experiment) throw new Error(`there is no experiment called "${experimentId}"`);
    const loaded = experiment.usesTf === false ? PLAIN_JS : await deps.loadTf(options);
    return { experiment, loaded };
  }

  async function run(message: Extract<ParentToHelperMessage, { type: 'task-start' }>): Promise<void> {
    const { taskId, call } = message;
    const state: Running = { credit: EVENTS_AHEAD, cancelled: false, wake: null };
    running.set(taskId, state);
    const refuse = (why: string) => deps.post({ type: 'task-refused', taskId, message: why });
    try {
      let ready: Awaited<ReturnType<typeof load>>;
      try {
        ready = await load(message.experimentId, { preferred: message.backends, wasmPath: message.wasmPath });
      } catch (err) {
        return refuse(`the helper could not load the experiment: ${messageOf(err)}`);
      }
      const { experiment, loaded } = ready;
      if (loaded.backend !== message.backend) return refuse(`the helper runs on ${loaded.backend}, the run on ${message.backend}`);
      if (!experiment.tasks?.[call.task]) return refuse(`the ${message.experimentId} experiment has no task called "${call.task}"`);
      if (state.cancelled) return;
      const gen = startTask(experiment.tasks, call, loaded);
      let finished = false;
      try {
        for (;;) {
          while (state.credit <= 0 && !state.cancelled) await new Promise<void>((resolve) => (state.wake = resolve));
          if (state.cancelled) return;
          const next = await gen.next();
          if (state.cancelled) return;
          if (next.done) {
            finished = true;
            deps.post({ type: 'task-result', taskId, value: next.value });
            return;
          }
          state.credit--;
          deps.post({ type: 'task-event', taskId, value: next.value });
          // Let pull and cancel messages in between steps.
          await defaultYield();
        }
      } catch (err) {
        finished = true;
        deps.post({ type: 'task-error', taskId, message: messageOf(err) });
      } finally {
        if (!finished) await gen.return(undefined).catch(() => undefined);
      }
    } finally {
      running.delete(taskId);
    }
  }

  return {
    handle(message) {
      switch (message.type) {
        case 'task-prepare':
          // Errors surface when a task starts (and is refused); here it is only a head start.
          void load(message.experimentId, { preferred: message.backends, wasmPath: message.wasmPath }).catch(() => undefined);
          break;
        case 'task-start':
          void run(message);
          break;
        case 'task-pull':
        case 'task-cancel': {
          const state = running.get(message.taskId);
          if (!state) break;
          if (message.type === 'task-pull') state.credit++;
          else state.cancelled = true;
          state.wake?.();
          state.wake = null;
          break;
        }
      }
    },
  };
}
