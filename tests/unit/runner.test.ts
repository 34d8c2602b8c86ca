import { describe, expect, it, vi } from 'vitest';
import { createRunner, type RunnerEvent } from '@/lib/runtime/runner';
import type { PageToWorkerMessage, WorkerToPageMessage } from '@/lib/runtime/worker-protocol';
import { countingExperiment, fakeTf } from './fake-experiments';

function record(runner: ReturnType<typeof createRunner>) {
  const events: RunnerEvent[] = [];
  runner.subscribe((e) => events.push(e));
  const of = <K extends RunnerEvent['type']>(type: K) => events.filter((e): e is Extract<RunnerEvent, { type: K }> => e.type === type);
  const until = (pred: (e: RunnerEvent) => boolean, ms = 5000) =>
    new Promise<RunnerEvent>((resolve, reject) => {
      const hit = events.find(pred);
      if (hit) return resolve(hit);
      const timer = setTimeout(() => reject(new Error('timed out waiting for an event')), ms);
      const off = runner.subscribe((e) => {
        if (pred(e)) {
          clearTimeout(timer);
          off();
          resolve(e);
        }
      });
    });
  return { events, of, until };
}

const tick = () => new Promise<void>((r) => setTimeout(r, 5));

describe('createRunner', () => {
  it('runs to done: ready, running, progress, done with the claim and seconds', async () => {
    const runner = createRunner({ experiment: countingExperiment('fake'), params: { steps: 12 }, seed: 5, tf: fakeTf(), progressIntervalMs: 0 });
    const log = record(runner);
    expect(runner.state).toBe('idle');
    await runner.start();
    const done = (await log.until((e) => e.type === 'done')) as Extract<RunnerEvent, { type: 'done' }>;
    expect(log.of('ready')[0]).toMatchObject({ backend: 'fake', fallbacks: [] });
    expect(log.of('state').map((e) => e.state)).toEqual(['running', 'done']);
    expect(log.of('progress').map((e) => e.progress.step)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(done.claim).toEqual({ holds: true, summary: 'ran 12 steps', numbers: { total: 12 } });
    expect(done.metrics).toEqual({ total: 12, seed: 5 });
    expect(done.seconds).toBeGreaterThanOrEqual(0);
    expect(runner.state).toBe('done');
  });

  it('accepts a loader and reports a loader failure as an error in words', async () => {
    let loads = 0;
    const ok = createRunner({ experiment: countingExperiment('fake'), params: { steps: 2 }, tf: async () => (loads++, fakeTf()) });
    const okLog = record(ok);
    await ok.start();
    await okLog.until((e) => e.type === 'done');
    await ok.start(); // a second run reuses the loaded TF.js
    await okLog.until((e) => e.type === 'done' && okLog.of('done').length === 2);
    expect(loads).toBe(1);

    const broken = createRunner({ experiment: countingExperiment('fake'), tf: async () => Promise.reject(new Error('No TensorFlow.js backend could start')) });
    const log = record(broken);
    await broken.start();
    expect(log.of('error')[0].message).toContain('No TensorFlow.js backend could start');
    expect(broken.state).toBe('error');
  });

  it('never loads TF.js for an experiment that declares usesTf: false', async () => {
    let loads = 0;
    const runner = createRunner({ experiment: { ...countingExperiment('plain'), usesTf: false }, params: { steps: 3 }, tf: async () => (loads++, fakeTf()) });
    const log = record(runner);
    await runner.start();
    await log.until((e) => e.type === 'done');
    expect(loads).toBe(0);
    expect(log.of('ready')[0]).toMatchObject({ backend: 'js' });
  });

  it('pauses between steps and resumes where it stopped', async () => {
    const runner = createRunner({ experiment: countingExperiment('fake'), params: { steps: 1000 }, tf: fakeTf(), progressIntervalMs: 0 });
    const log = record(runner);
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.progress.step === 5) runner.pause();
    });
    await runner.start();
    await log.until((e) => e.type === 'state' && e.state === 'paused');
    for (let i = 0; i < 5; i++) await tick();
    const stepsWhilePaused = log.of('progress').length;
    expect(stepsWhilePaused).toBe(5);
    expect(runner.state).toBe('paused');

    runner.resume();
    await log.until((e) => e.type === 'done');
    const steps = log.of('progress').map((e) => e.progress.step);
    expect(steps).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(log.of('state').map((e) => e.state)).toEqual(['running', 'paused', 'running', 'done']);
  });

  it('single-steps: from idle one step then paused, each step() exactly one next()', async () => {
    const runner = createRunner({ experiment: countingExperiment('fake'), params: { steps: 3 }, tf: fakeTf(), progressIntervalMs: 10_000 });
    const log = record(runner);
    await runner.step();
    expect(runner.state).toBe('paused');
    // Stepping always shows the step, however recent the last progress event was.
    expect(log.of('progress').map((e) => e.progress.step)).toEqual([1]);
    await runner.step();
    await runner.step();
    expect(log.of('progress').map((e) => e.progress.step)).toEqual([1, 2, 3]);
    expect(runner.state).toBe('paused');
    await runner.step(); // the generator returns: the run is done
    expect(runner.state).toBe('done');
    expect(log.of('done')).toHaveLength(1);
  });

  it('aborts: back to idle, the generator cleans up, no events afterwards', async () => {
    const finallyRan = { value: false };
    const runner = createRunner({ experiment: countingExperiment('fake', { finallyRan }), params: { steps: 100_000 }, tf: fakeTf(), progressIntervalMs: 0 });
    const log = record(runner);
    await runner.start();
    await log.until((e) => e.type === 'progress' && e.progress.step >= 3);
    await runner.abort();
    expect(runner.state).toBe('idle');
    expect(finallyRan.value).toBe(true);
    const count = log.events.length;
    for (let i = 0; i < 5; i++) await tick();
    expect(log.events.length).toBe(count);
    expect(log.of('done')).toHaveLength(0);
  });

  it('resets to idle with a reset event, and the next start uses the new params and seed', async () => {
    const runner = createRunner({ experiment: countingExperiment('fake'), params: { steps: 100_000 }, tf: fakeTf(), progressIntervalMs: 0 });
    const log = record(runner);
    await runner.start();
    await log.until((e) => e.type === 'progress');
    await runner.reset({ params: { steps: 4 }, seed: 99 });
    expect(runner.state).toBe('idle');
    expect(log.of('reset')).toHaveLength(1);
    await runner.start();
    const done = (await log.until((e) => e.type === 'done')) as Extract<RunnerEvent, { type: 'done' }>;
    expect(done.metrics).toEqual({ total: 4, seed: 99 });
  });

  it('throttles progress to the interval but always delivers the last one', async () => {
    let clock = 0;
    const experiment = countingExperiment('fake', { onStep: () => (clock += 10) });
    const runner = createRunner({ experiment, params: { steps: 95 }, tf: fakeTf(), progressIntervalMs: 60, now: () => clock });
    const log = record(runner);
    await runner.start();
    await log.until((e) => e.type === 'done');
    const steps = log.of('progress').map((e) => e.progress.step);
    // 10 ms per step, 60 ms apart: steps 1, 7, 13, ..., 91, then the last one (95) before done.
    expect(steps).toEqual([1, 7, 13, 19, 25, 31, 37, 43, 49, 55, 61, 67, 73, 79, 85, 91, 95]);
    const types = log.events.map((e) => e.type);
    expect(types.indexOf('done')).toBeGreaterThan(types.lastIndexOf('progress'));
  });

  it('delivers the throttled last progress when paused', async () => {
    let clock = 0;
    const experiment = countingExperiment('fake', { onStep: () => (clock += 1) });
    const runner = createRunner({ experiment, params: { steps: 1000 }, tf: fakeTf(), progressIntervalMs: 60, now: () => clock });
    const log = record(runner);
    let pausedAfter = -1;
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.progress.step === 61 && pausedAfter < 0) {
        // Pause from outside the step, like a worker message would.
        setTimeout(() => runner.pause(), 0);
        pausedAfter = 61;
      }
    });
    await runner.start();
    await log.until((e) => e.type === 'state' && e.state === 'paused');
    for (let i = 0; i < 3; i++) await tick();
    const progress = log.of('progress');
    const lastShown = progress[progress.length - 1].progress.step;
    // Whatever step the pause landed on, it is the one on screen.
    expect(lastShown).toBeGreaterThan(61);
    expect(lastShown).toBe(clock);
    await runner.abort();
  });

  it('sends the current count before it says paused: only the step in flight may report after', async () => {
    let clock = 0;
    const experiment = countingExperiment('fake', { onStep: () => (clock += 1) });
    const runner = createRunner({ experiment, params: { steps: 1000 }, tf: fakeTf(), progressIntervalMs: 60, now: () => clock });
    const log = record(runner);
    let asked = false;
    runner.subscribe((e) => {
      if (e.type === 'progress' && e.progress.step === 61 && !asked) {
        asked = true;
        setTimeout(() => runner.pause(), 0);
      }
    });
    await runner.start();
    await log.until((e) => e.type === 'state' && e.state === 'paused');
    for (let i = 0; i < 3; i++) await tick();
    const at = log.events.findIndex((e) => e.type === 'state' && e.state === 'paused');
    const steps = (events: RunnerEvent[]) => events.flatMap((e) => (e.type === 'progress' ? [e.progress.step] : []));
    const before = steps(log.events.slice(0, at));
    const after = steps(log.events.slice(at + 1));
    // Throttled to one event per 60 steps, the count before 'paused' would otherwise lag by up to 59.
    expect(before[before.length - 1]).toBeGreaterThan(61);
    expect(after.length).toBeLessThanOrEqual(1);
    expect((after[0] ?? before[before.length - 1]) - before[before.length - 1]).toBeLessThanOrEqual(1);
    expect(after[0] ?? before[before.length - 1]).toBe(clock);
    await runner.abort();
  });

  it('turns an exception in the experiment into an error event in words', async () => {
    const experiment = countingExperiment('fake', {
      onStep: (step) => {
        if (step === 3) throw new Error('matrix shapes do not match');
      },
    });
    const runner = createRunner({ experiment, params: { steps: 10 }, tf: fakeTf() });
    const log = record(runner);
    await runner.start();
    const error = (await log.until((e) => e.type === 'error')) as Extract<RunnerEvent, { type: 'error' }>;
    expect(error.message).toBe('the fake experiment stopped with an error: matrix shapes do not match');
    expect(runner.state).toBe('error');
  });
});

// The worker entry, driven through a stand-in for the worker global scope. loadTf is replaced
// by the fake TF.js so no TF.js is loaded (the NTK experiment does not use it anyway).
vi.mock('@/lib/runtime/backend', async (importOriginal) => {
  const { fakeTf } = await import('./fake-experiments');
  return { ...(await importOriginal<typeof import('@/lib/runtime/backend')>()), loadTf: async () => fakeTf() };
});

describe('experiment.worker', () => {
  it('runs a registered experiment from a start message and posts the events back', async () => {
    const posted: WorkerToPageMessage[] = [];
    let listener: ((e: { data: unknown }) => void) | null = null;
    (globalThis as Record<string, unknown>).self = {
      postMessage: (m: WorkerToPageMessage) => posted.push(m),
      addEventListener: (_type: string, fn: (e: { data: unknown }) => void) => (listener = fn),
    };
    await import('@/lib/runtime/experiment.worker');
    expect(listener).not.toBeNull();
    const send = (data: PageToWorkerMessage | Record<string, unknown>) => listener!({ data });
    const waitFor = async (pred: (m: WorkerToPageMessage) => boolean) => {
      for (let i = 0; i < 500 && !posted.some(pred); i++) await tick();
      return posted.find(pred);
    };

    send({ type: 'start', runId: 1, experimentId: 'no-such', params: {}, seed: 1 });
    const unknown = await waitFor((m) => m.type === 'error' && m.runId === 1);
    expect(unknown).toMatchObject({ type: 'error', message: expect.stringMatching(/^there is no experiment called "no-such"; known experiments: .*\bntk\b/) });

    // Params arrive as the page has them (strings or typed) and are re-validated.
    send({ type: 'start', runId: 2, experimentId: 'ntk', params: { maxWidth: '1024', steps: '1000', learningRate: 1 }, seed: 4, progressIntervalMs: 0 });
    send({ type: 'pause', runId: 1 }); // stale: ignored
    const done = await waitFor((m) => m.type === 'done' && m.runId === 2);
    expect(done).toBeDefined();
    const mine = posted.filter((m) => m.runId === 2);
    // 'running' comes first (TF.js may take seconds to load), then 'ready' with the backend.
    expect(mine.slice(0, 2).map((m) => m.type)).toEqual(['state', 'ready']);
    // ntk is plain TypeScript (usesTf: false): the worker loads no TF.js for it.
    expect(mine[1]).toEqual({ type: 'ready', runId: 2, backend: 'js', fallbacks: [] });
    expect(mine.filter((m) => m.type === 'state').map((m) => (m as { state: string }).state)).toEqual(['running', 'done']);
    const progress = mine.filter((m) => m.type === 'progress') as Extract<WorkerToPageMessage, { type: 'progress' }>[];
    expect(progress.length).toBeGreaterThan(2);
    expect(progress[progress.length - 1].progress.step).toBe(1000);
    const d = done as Extract<WorkerToPageMessage, { type: 'done' }>;
    expect(d.claim.summary).toContain('width-1024');
    expect(d.metrics.kernel_change_w1024).toBeGreaterThan(0);
    expect(d.backend).toBe('js');
    // Everything posted survives structured clone (what postMessage does).
    expect(() => structuredClone(posted)).not.toThrow();

    // mode 'step': one step, then paused; abort goes back to idle. 99999 steps is clamped to 10000.
    send({ type: 'start', runId: 3, experimentId: 'ntk', params: { maxWidth: '1024', steps: '99999' }, seed: 4, mode: 'step' });
    await waitFor((m) => m.runId === 3 && m.type === 'progress');
    const states3 = () => posted.filter((m) => m.runId === 3 && m.type === 'state').map((m) => (m as { state: string }).state);
    expect(states3()).toEqual(['paused']);
    const first = posted.find((m) => m.runId === 3 && m.type === 'progress') as Extract<WorkerToPageMessage, { type: 'progress' }>;
    expect(first.progress.totalSteps).toBe(10_000);
    send({ type: 'abort', runId: 3 });
    await waitFor((m) => m.runId === 3 && m.type === 'state' && m.state === 'idle');
    expect(states3()).toEqual(['paused', 'idle']);
  }, 30_000);
});
