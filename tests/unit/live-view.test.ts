/**
 * The live view's rules: it keeps its last snapshot, renders are coalesced to one per frame,
 * snapshots are throttled without ever being lost, and static arrays cross the worker once.
 */
import { describe, expect, it } from 'vitest';
import { applyWorkerMessage, INITIAL_RUN_STATE, type DemoRunState } from '@/components/demo/run-state';
import { createFrameBatcher } from '@/components/demo/frame-batcher';
import { describeWorkerFailure } from '@/components/demo/worker-failure';
import { createSnapshotDecoder, createSnapshotEncoder, SHARE_MIN_LENGTH } from '@/lib/runtime/snapshot-codec';
import { createRunner, type RunnerEvent } from '@/lib/runtime/runner';
import { defineExperiment } from '@/lib/core/contract';
import { fakeTf } from './fake-experiments';

const identity = (v: unknown) => v;
type Snap = { step: number };
const progress = (step: number, snapshot?: Snap) => ({ type: 'progress' as const, runId: 1, progress: { step, totalSteps: 10, ...(snapshot ? { snapshot } : {}) } });

describe('run state', () => {
  it('keeps the last snapshot while progress events carry none', () => {
    let s: DemoRunState<Snap> = { ...INITIAL_RUN_STATE, status: 'running' };
    s = applyWorkerMessage(s, progress(1, { step: 1 }), identity, 0.1);
    s = applyWorkerMessage(s, progress(2), identity, 0.2);
    s = applyWorkerMessage(s, progress(3), identity, 0.3);
    expect(s.snapshot).toEqual({ step: 1 });
    expect(s.progress?.step).toBe(3);
    s = applyWorkerMessage(s, progress(4, { step: 4 }), identity, 0.4);
    expect(s.snapshot).toEqual({ step: 4 });
  });

  it('shows the final snapshot when done, and the state the worker reports', () => {
    let s: DemoRunState<Snap> = { ...INITIAL_RUN_STATE, status: 'running' };
    s = applyWorkerMessage(s, progress(1, { step: 1 }), identity, 0.1);
    s = applyWorkerMessage(s, { type: 'state', runId: 1, state: 'paused' }, identity, 0.2);
    expect(s.status).toBe('paused');
    s = applyWorkerMessage(s, { type: 'done', runId: 1, metrics: { a: 1 }, snapshot: { step: 9 }, claim: { holds: true, summary: 'ok', numbers: {} }, seconds: 2, backend: 'wasm' }, identity, 2);
    expect(s.status).toBe('done');
    expect(s.snapshot).toEqual({ step: 9 });
    expect(s.result?.snapshot).toEqual({ step: 9 });
  });
});

describe('frame batcher', () => {
  function manualFrames() {
    const queue: (() => void)[] = [];
    return {
      schedulers: { nextFrame: (cb: () => void) => (queue.push(cb), { cancel: () => queue.splice(queue.indexOf(cb), 1) }) },
      frame: () => queue.splice(0).forEach((cb) => cb()),
      pending: () => queue.length,
    };
  }

  it('coalesces any number of changes between two frames into one flush', () => {
    const frames = manualFrames();
    let flushes = 0;
    const b = createFrameBatcher(() => flushes++, frames.schedulers);
    for (let i = 0; i < 50; i++) b.schedule();
    expect(frames.pending()).toBe(1);
    expect(flushes).toBe(0);
    frames.frame();
    expect(flushes).toBe(1);
    b.schedule();
    frames.frame();
    expect(flushes).toBe(2);
  });

  it('flushes at once for urgent changes and cancels the scheduled flush', () => {
    const frames = manualFrames();
    let flushes = 0;
    const b = createFrameBatcher(() => flushes++, frames.schedulers);
    b.schedule();
    b.flushNow();
    expect(flushes).toBe(1);
    expect(frames.pending()).toBe(0);
    b.schedule();
    b.cancel();
    frames.frame();
    expect(flushes).toBe(1);
  });
});

describe('snapshot codec', () => {
  it('sends a large typed array once, then a reference, and the page gets the same data back', () => {
    const enc = createSnapshotEncoder();
    const dec = createSnapshotDecoder();
    const images = new Float32Array(SHARE_MIN_LENGTH * 4).map((_, i) => i % 7);
    const first = enc.encode({ images, curve: [1, 2] }) as { images: unknown };
    const second = enc.encode({ images, curve: [1, 2, 3] }) as { images: unknown };
    expect(first.images).toMatchObject({ $new: 1 });
    expect(second.images).toEqual({ $sent: 1 });
    expect(JSON.stringify(second).length).toBeLessThan(100);
    const a = dec.decode(first) as { images: Float32Array };
    const b = dec.decode(second) as { images: Float32Array; curve: number[] };
    expect(b.images).toBe(a.images);
    expect(Array.from(b.images.slice(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    expect(b.curve).toEqual([1, 2, 3]);
  });

  it('sends an array again when it was refilled in place, and small arrays always as they are', () => {
    const enc = createSnapshotEncoder();
    const buffer = new Float32Array(SHARE_MIN_LENGTH);
    enc.encode({ buffer });
    buffer[3] = 42;
    expect(enc.encode({ buffer })).toMatchObject({ buffer: { $new: 2 } });
    const small = new Float32Array(4);
    expect((enc.encode({ small }) as { small: unknown }).small).toBe(small);
  });

  it('decodes a reference it never saw to null instead of throwing', () => {
    expect(createSnapshotDecoder().decode({ x: { $sent: 7 } })).toEqual({ x: null });
  });
});

describe('runner snapshot throttle', () => {
  it('sends snapshots at most every interval, never loses the newest, and always sends it before a stop', async () => {
    let clock = 0;
    const experiment = defineExperiment({
      id: 'snaps',
      title: 'snaps',
      description: 'test double',
      params: { steps: { kind: 'int', label: 'Steps', default: 20, min: 1, max: 100 } } as const,
      defaultSeed: 1,
      component: 'FakeDemo',
      version: 1,
      headline: [],
      async *run(p) {
        for (let step = 1; step <= p.steps; step++) {
          clock += 30; // each step takes 30 ms of the fake clock
          yield { step, totalSteps: p.steps, snapshot: step % 2 === 1 ? { step } : undefined };
        }
        return { metrics: {} };
      },
      claim: () => ({ holds: true, summary: '', numbers: {} }),
    });
    const runner = createRunner({ experiment, tf: fakeTf(), progressIntervalMs: 0, snapshotIntervalMs: 100, now: () => clock });
    const events: RunnerEvent[] = [];
    runner.subscribe((e) => events.push(e));
    await runner.start();
    await new Promise<void>((resolve) => runner.subscribe((e) => e.type === 'done' && resolve()));
    const progress = events.filter((e): e is Extract<RunnerEvent, { type: 'progress' }> => e.type === 'progress');
    expect(progress.map((e) => e.progress.step)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const withSnap = progress.filter((e) => e.progress.snapshot !== undefined);
    // 20 steps x 30 ms = 600 ms: about one snapshot per 100 ms, not ten of them on odd steps only.
    expect(withSnap.length).toBeGreaterThanOrEqual(4);
    expect(withSnap.length).toBeLessThan(10);
    const times = withSnap.map((e) => e.progress.step * 30);
    for (let i = 1; i < times.length; i++) expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(100);
    // A snapshot rides on the event allowed to carry it: the newest one, even if that step had none.
    for (const e of withSnap) expect((e.progress.snapshot as Snap).step).toBe(e.progress.step % 2 === 1 ? e.progress.step : e.progress.step - 1);
  });
});

describe('worker failures in words', () => {
  it('turns a failed chunk download into advice and asks for a fresh worker', () => {
    const f = describeWorkerFailure("the worker could not start the run: Failed to load chunk /_next/static/chunks/abc.js from module 123: importScripts failed");
    expect(f.message).toBe("The demo's code could not be downloaded: check your connection, then press Run again (no reload needed).");
    expect(f.workerIsBroken).toBe(true);
    expect(describeWorkerFailure('worker failed to load (unknown error)').workerIsBroken).toBe(true);
  });

  it('passes other errors through as a sentence and keeps the worker', () => {
    const f = describeWorkerFailure('the loss became NaN at step 40: lower the learning rate');
    expect(f.message).toBe('The loss became NaN at step 40: lower the learning rate');
    expect(f.workerIsBroken).toBe(false);
  });
});

describe('verdict numbers', () => {
  it('print a value that rounds to zero without a minus sign', async () => {
    const { fixed } = await import('@/lib/core/format');
    expect(fixed(-0.003)).toBe('0.00');
    expect(fixed(-0.0049, 2)).toBe('0.00');
    expect(fixed(-0.006)).toBe('-0.01');
    expect(fixed(0.834, 1)).toBe('0.8');
    expect(fixed(-0.04, 1)).toBe('0.0');
  });
});

describe('snapshot clock', () => {
  it('is due at most once per interval', async () => {
    const { createSnapshotClock } = await import('@/lib/core/snapshot-clock');
    let t = 0;
    const clock = createSnapshotClock(100, () => t);
    const due: boolean[] = [];
    for (; t <= 300; t += 25) due.push(clock.due());
    expect(due.filter(Boolean).length).toBe(4); // t = 0, 100, 200, 300
    expect(due[0]).toBe(true);
    expect(due[1]).toBe(false);
  });
});

describe('snapshot codec, plain arrays', () => {
  it('sends a long number[] once while it is the same array with the same values', () => {
    const enc = createSnapshotEncoder();
    const dec = createSnapshotDecoder();
    const image = Array.from({ length: SHARE_MIN_LENGTH }, (_, i) => i / SHARE_MIN_LENGTH);
    const a = dec.decode(enc.encode({ samples: [{ image }] })) as { samples: { image: number[] }[] };
    const second = enc.encode({ samples: [{ image }] }) as { samples: { image: unknown }[] };
    expect(second.samples[0].image).toEqual({ $sent: 1 });
    const b = dec.decode(second) as { samples: { image: number[] }[] };
    expect(b.samples[0].image).toBe(a.samples[0].image);
    image[5] = 42;
    expect((enc.encode({ image }) as { image: unknown }).image).toMatchObject({ $new: 2 });
    const short = [1, 2, 3];
    expect((enc.encode({ short }) as { short: unknown }).short).toEqual([1, 2, 3]);
  });
});
