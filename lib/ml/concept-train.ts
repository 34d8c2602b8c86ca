/**
 * Drive a Trainer in small chunks from an experiment's async generator: a chunk is a few
 * minibatch steps (tens of milliseconds), so pause / step / abort stay responsive, and the loss
 * is read (asynchronously, once per chunk) only every `readEvery` steps.
 */
import type { Trainer } from './concept-mlp';

export interface ChunkReport {
  /** Steps done in this chunk. */
  steps: number;
  /** Steps done so far by this trainer. */
  done: number;
  /** The last loss read, if one was read in this chunk. */
  loss?: number;
}

export async function* trainInChunks(
  trainer: Trainer,
  steps: number,
  chunk = 10,
  readEvery = 50,
): AsyncGenerator<ChunkReport, number, void> {
  let done = 0;
  let lastLoss = NaN;
  while (done < steps) {
    const size = Math.min(chunk, steps - done);
    let lossTensor = null;
    for (let i = 0; i < size; i++) {
      const stepIndex = done + i + 1;
      const read = stepIndex % readEvery === 0 || stepIndex === steps;
      const out = trainer.step(read && lossTensor === null);
      if (out) lossTensor = out;
    }
    done += size;
    let loss: number | undefined;
    if (lossTensor) {
      loss = (await lossTensor.data())[0];
      lossTensor.dispose();
      lastLoss = loss;
    }
    yield { steps: size, done, loss };
  }
  return lastLoss;
}
