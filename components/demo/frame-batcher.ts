/**
 * Coalesces many "something changed" signals into one flush per animation frame: a worker
 * can send dozens of events between two frames, and rendering each would block the page.
 * Falls back to a timer where requestAnimationFrame does not run (hidden tabs, tests).
 */
export interface FrameBatcher {
  /** Flush on the next frame (once, however often this is called before it). */
  schedule(): void;
  /** Flush now, cancelling a scheduled flush. */
  flushNow(): void;
  cancel(): void;
}

export function createFrameBatcher(flush: () => void, schedulers = defaultSchedulers()): FrameBatcher {
  let pending: { cancel: () => void } | null = null;
  const run = () => {
    pending = null;
    flush();
  };
  return {
    schedule() {
      if (pending) return;
      pending = schedulers.nextFrame(run);
    },
    flushNow() {
      pending?.cancel();
      pending = null;
      flush();
    },
    cancel() {
      pending?.cancel();
      pending = null;
    },
  };
}

export interface Schedulers {
  nextFrame(callback: () => void): { cancel: () => void };
}

function defaultSchedulers(): Schedulers {
  return {
    nextFrame(callback) {
      // A hidden tab gets no frames: the timer makes sure state still lands (at most 250 ms late).
      let done = false;
      const once = () => {
        if (done) return;
        done = true;
        cancelAnimationFrame(frame);
        clearTimeout(timer);
        callback();
      };
      const frame = requestAnimationFrame(once);
      const timer = setTimeout(once, 250);
      return {
        cancel() {
          done = true;
          cancelAnimationFrame(frame);
          clearTimeout(timer);
        },
      };
    },
  };
}
