/**
 * When an experiment should build its next snapshot. Building one can cost more than the
 * training step it follows (the NTK demo evaluates every width on the whole grid), while the
 * page redraws at most five times a second: an experiment asks `due()` and skips the work
 * otherwise. Snapshots only feed the charts, so skipping them changes no result.
 */
export interface SnapshotClock {
  /** True at most once per interval (and on the first call). */
  due(): boolean;
}

export function createSnapshotClock(intervalMs = 150, now: () => number = () => performance.now()): SnapshotClock {
  let last = -Infinity;
  return {
    due() {
      const t = now();
      if (t - last < intervalMs) return false;
      last = t;
      return true;
    },
  };
}
