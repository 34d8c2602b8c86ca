/**
 * Where the reader's run falls among the recorded seeds: how often the claim held over them,
 * and for each headline number a strip of the recorded values with the reader's marked. When the
 * run used other settings than the recorded ones it says so instead of comparing.
 */
import { memo } from 'react';
import type { SeedContext } from '@/lib/calibration/context';
import { changedParams } from '@/lib/calibration/record';
import { median, placeAmong } from '@/lib/calibration/summary';
import { fixed } from '@/lib/core/format';
import type { Metrics } from '@/lib/core/contract';

export interface RunInContextProps {
  context: SeedContext;
  /** The finished run's metrics, seed and settings; null before a run ends. */
  run: { metrics: Metrics; seed: number; params: Record<string, unknown> } | null;
  /** The setting labels, to name what the reader changed. */
  labels: Record<string, string>;
}

function seedRange(seeds: number[]): string {
  return seeds.length > 1 ? `seeds ${Math.min(...seeds)}–${Math.max(...seeds)}` : `seed ${seeds[0]}`;
}

export const RunInContext = memo(function RunInContext({ context, run, labels }: RunInContextProps) {
  const { rate } = context;
  const weakChecks = context.checks.filter((c) => c.held < c.total);
  const changed = run ? changedParams(context.params, run.params) : [];
  const recordedIndex = run ? context.seeds.indexOf(run.seed) : -1;
  return (
    <section className="demo-context" data-claim-rate={`${rate.held}/${rate.total}`} aria-label="This run among the recorded seeds">
      <p className="demo-context-rate">
        <a href="/about/demos#recorded">Recorded in advance</a> at the default settings: the claim held on{' '}
        <strong>
          {rate.held} of {rate.total}
        </strong>{' '}
        {seedRange(context.seeds)}
        {weakChecks.length > 0 ? (
          <>
            {' '}
            (
            {weakChecks.map((c, i) => (
              <span key={c.name}>
                {i > 0 ? '; ' : ''}
                {c.name}: {c.held} of {c.total}
              </span>
            ))}
            )
          </>
        ) : null}
        .
      </p>
      {run && changed.length > 0 ? (
        <p className="demo-context-note" data-context="settings-changed">
          This run changed {changed.map((k) => labels[k] ?? k).join(', ')}, so it is not compared with the recorded seeds, which all ran at the defaults.
        </p>
      ) : null}
      {run && changed.length === 0 && context.headline.length > 0 ? (
        <div className="demo-context-strips">
          {context.headline.map((h) => {
            const yours = run.metrics[h.metric];
            const digits = h.digits ?? 2;
            if (typeof yours !== 'number' || !Number.isFinite(yours)) return null;
            const place = placeAmong(yours, h.values);
            return (
              <div className="demo-context-row" key={h.metric} data-metric={h.metric}>
                <span className="demo-context-label">{h.label}</span>
                <Strip values={h.values} yours={yours} label={h.label} />
                <span className="demo-context-figures">
                  <strong>yours {fixed(yours, digits)}</strong> · median {fixed(median(h.values), digits)} · range {fixed(Math.min(...h.values), digits)}–{fixed(Math.max(...h.values), digits)}
                  <span className="visually-hidden">
                    {' '}
                    ({place.below} recorded seeds below yours, {place.above} above)
                  </span>
                </span>
              </div>
            );
          })}
        </div>
      ) : null}
      {run && recordedIndex >= 0 && changed.length === 0 ? (
        <p className="demo-context-note" data-context="recorded-seed">
          Seed {run.seed} is one of the recorded seeds: the same seed gives the same numbers
          {context.headline[0] ? ` (${context.headline[0].label}: recorded ${fixed(context.headline[0].values[recordedIndex], context.headline[0].digits ?? 2)})` : ''}
          {run && context.backend !== 'js' ? `, on the ${context.backend} backend it was recorded on` : ''}.
        </p>
      ) : null}
    </section>
  );
});

/** The recorded values as small dots on a line, the reader's value as a tall mark. */
function Strip({ values, yours, label }: { values: number[]; yours: number; label: string }) {
  const W = 200;
  const H = 20;
  const lo = Math.min(yours, ...values);
  const hi = Math.max(yours, ...values);
  const span = hi - lo || Math.abs(hi) || 1;
  const x = (v: number) => 6 + ((v - lo) / span) * (W - 12);
  return (
    <svg className="demo-context-strip" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${label}: ${values.length} recorded seeds and your run`}>
      <line x1={4} x2={W - 4} y1={H / 2} y2={H / 2} className="strip-axis" />
      {values.map((v, i) => (
        <circle key={i} cx={x(v)} cy={H / 2} r={3} className="strip-seed" />
      ))}
      <rect x={x(yours) - 1.5} y={2} width={3} height={H - 4} className="strip-yours" />
    </svg>
  );
}
