import type { DemoRunState } from './useDemoRun';

/**
 * One formatter for the page: `Number.prototype.toLocaleString('en')` builds a new formatter
 * on every call, and two calls per progress frame were the largest single cost of a demo's
 * re-render (a CPU profile of the concept-purity demo at 4x CPU throttling: 105 of ~300 ms).
 */
const STEP_FORMAT = new Intl.NumberFormat('en');

function formatSeconds(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '';
  if (s < 1) return 'under a second';
  if (s < 60) return `${Math.round(s)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

/** Step count, a bar, and a time-left estimate from the steps done so far. */
export function ProgressBar({ run }: { run: DemoRunState<unknown> }) {
  const p = run.progress;
  if (run.status === 'idle') return null;
  if (run.status === 'loading' && !p) return <span className="demo-progress-text" role="status">Loading TensorFlow.js…</span>;
  if (!p) return null;
  const fraction = p.totalSteps > 0 ? Math.min(1, p.step / p.totalSteps) : 0;
  const left = fraction > 0.02 && run.status !== 'done' ? (run.elapsed * (1 - fraction)) / fraction : NaN;
  return (
    <span className="demo-progress">
      <progress value={p.step} max={p.totalSteps} aria-label="Training progress" />
      <span className="demo-progress-text">
        {run.status === 'done' ? 'done' : `step ${STEP_FORMAT.format(p.step)} / ${STEP_FORMAT.format(p.totalSteps)}`}
        {p.phase && run.status !== 'done' ? ` · ${p.phase}` : ''}
        {Number.isFinite(left) ? ` · about ${formatSeconds(left)} left` : ''}
        {run.status === 'paused' ? ' · paused' : ''}
      </span>
    </span>
  );
}
