import { describe, expect, it } from 'vitest';
import { checkMetricsFinite, checkProgressFinite, createLeakGuard } from '@/lib/runtime/guards';
import { runToEnd } from '@/lib/runtime/run-to-end';
import { createRunner, type RunnerEvent } from '@/lib/runtime/runner';
import { countingExperiment, fakeTf } from './fake-experiments';

/** Feed a sequence of tensor counts; return the first message and the step it came at. */
function feed(counts: number[], id = 'demo') {
  const guard = createLeakGuard(id);
  for (let i = 0; i < counts.length; i++) {
    const message = guard.observe(counts[i]);
    if (message) return { message, at: i + 1 };
  }
  return null;
}

describe('leak guard', () => {
  it('flags a steady leak with the growth and the experiment file', () => {
    // 120 tensors after warm-up, then 3 more every step.
    const counts = [10, 40, 80, 120, 120, ...Array.from({ length: 40 }, (_, i) => 120 + 3 * (i + 1))];
    const hit = feed(counts, 'leaky');
    expect(hit).not.toBeNull();
    expect(hit!.message).toBe(
      'tensor count grew from 123 to 183 over 20 steps: the experiment is leaking tensors; this is a bug in lib/experiments/leaky/experiment.ts (dispose what each step creates, e.g. with tf.tidy)',
    );
    expect(hit!.at).toBe(26);
  });

  it('flags a slow leak (one tensor every few steps) through the rising floor', () => {
    const counts = Array.from({ length: 200 }, (_, i) => 50 + Math.floor(i / 4));
    const hit = feed(counts);
    expect(hit).not.toBeNull();
    expect(hit!.message).toMatch(/^tensor count grew from \d+ to \d+ over 80 steps/);
  });

  it('ignores warm-up growth, one-off jumps, plateaus and noise', () => {
    const warmup = [0, 30, 60, 90, 100];
    const flat = Array.from({ length: 60 }, () => 100);
    // A new model's weights appear once (+50) and stay; a per-step temporary goes up and down.
    const jump = Array.from({ length: 60 }, (_, i) => (i < 30 ? 100 : 150));
    const noisy = Array.from({ length: 200 }, (_, i) => 100 + ((i * 7) % 5) - 2 + (i % 10 === 0 ? 30 : 0));
    // Models trained one after another, each kept for display: +20 every 40 steps, 5 times.
    const sequential = Array.from({ length: 200 }, (_, i) => 100 + 20 * Math.floor(i / 40));
    expect(feed([...warmup, ...flat])).toBeNull();
    expect(feed([...warmup, ...jump])).toBeNull();
    expect(feed([...warmup, ...noisy])).toBeNull();
    expect(feed([...warmup, ...sequential])).toBeNull();
  });

  it('fails a run-to-end of a leaking experiment with the message', async () => {
    const loaded = fakeTf(120);
    const leaky = countingExperiment('leaky', { onStep: () => (loaded.counter.numTensors += 3) });
    await expect(runToEnd(leaky, { loaded, params: { steps: 500 } })).rejects.toThrow(
      /^tensor count grew from \d+ to \d+ over 20 steps: the experiment is leaking tensors; this is a bug in lib\/experiments\/leaky\/experiment\.ts/,
    );
  });

  it('puts the interactive runner into the error state with the message', async () => {
    const loaded = fakeTf(0);
    const finallyRan = { value: false };
    const leaky = countingExperiment('leaky', { onStep: () => (loaded.counter.numTensors += 1), finallyRan });
    const runner = createRunner({ experiment: leaky, params: { steps: 500 }, tf: loaded });
    const errors: string[] = [];
    const finished = new Promise<void>((resolve) =>
      runner.subscribe((e: RunnerEvent) => {
        if (e.type === 'error') errors.push(e.message);
        if (e.type === 'state' && (e.state === 'error' || e.state === 'done')) resolve();
      }),
    );
    await runner.start();
    await finished;
    expect(runner.state).toBe('error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('the experiment is leaking tensors; this is a bug in lib/experiments/leaky/experiment.ts');
    // Stopped long before the end, and the generator was closed.
    expect(loaded.counter.numTensors).toBeLessThan(40);
    await new Promise((r) => setTimeout(r, 10));
    expect(finallyRan.value).toBe(true);
  });

  it('lets a clean experiment finish', async () => {
    const run = await runToEnd(countingExperiment('clean'), { loaded: fakeTf(42), params: { steps: 300 } });
    expect(run.claim.holds).toBe(true);
    expect(run.peakTensors).toBe(42);
    expect(run.generatorSteps).toBe(300);
  });
});

describe('NaN guard', () => {
  it('describes NaN and infinite losses and metrics', () => {
    expect(checkProgressFinite({ step: 3, totalSteps: 10, loss: 0.5, metrics: { acc: 0.9 } })).toBeNull();
    expect(checkProgressFinite({ step: 412, totalSteps: 1000, loss: NaN })).toBe(
      'the loss diverged to NaN at step 412; try a lower learning rate or another seed',
    );
    expect(checkProgressFinite({ step: 9, totalSteps: 10, loss: -Infinity })).toContain('diverged to -Infinity at step 9');
    expect(checkProgressFinite({ step: 7, totalSteps: 10, loss: 1, metrics: { accuracy: 0.5, kl: Infinity } })).toBe(
      'the metric "kl" became Infinity at step 7; try a lower learning rate or another seed',
    );
    expect(checkMetricsFinite({ a: 1, b: NaN })).toBe('the metric "b" became NaN at the end of the run; try a lower learning rate or another seed');
  });

  it('stops run-to-end when the loss becomes NaN, with the message', async () => {
    const finallyRan = { value: false };
    const diverging = countingExperiment('diverging', { loss: (step) => (step < 412 ? 1 / step : NaN), finallyRan });
    await expect(runToEnd(diverging, { loaded: fakeTf(), params: { steps: 1000 } })).rejects.toThrow(
      'the loss diverged to NaN at step 412; try a lower learning rate or another seed',
    );
    expect(finallyRan.value).toBe(true);
  });

  it('stops the interactive runner when the loss becomes NaN, with the message', async () => {
    const diverging = countingExperiment('diverging', { loss: (step) => (step < 50 ? 1 : Infinity) });
    const runner = createRunner({ experiment: diverging, params: { steps: 1000 }, tf: fakeTf(), progressIntervalMs: 0 });
    const events: RunnerEvent[] = [];
    const finished = new Promise<void>((resolve) =>
      runner.subscribe((e) => {
        events.push(e);
        if (e.type === 'state' && (e.state === 'error' || e.state === 'done')) resolve();
      }),
    );
    await runner.start();
    await finished;
    const error = events.find((e) => e.type === 'error') as Extract<RunnerEvent, { type: 'error' }>;
    expect(error.message).toBe('the loss diverged to Infinity at step 50; try a lower learning rate or another seed');
    // The bad step is not drawn.
    const steps = events.filter((e) => e.type === 'progress').map((e) => (e as Extract<RunnerEvent, { type: 'progress' }>).progress.step);
    expect(Math.max(...steps)).toBe(49);
  });
});
