import { memo } from 'react';
import type { DemoResult } from './useDemoRun';

/** The claim's verdict as a plain sentence, with each sub-check underneath (memoised: its props change only when a run starts or ends). */
export const VerdictLine = memo(function VerdictLine({ result, stale, busy = false }: { result: DemoResult<unknown> | null; stale: boolean; busy?: boolean }) {
  if (!result) {
    return (
      <p className="demo-verdict demo-verdict-empty" aria-live="polite">
        {busy ? 'The verdict on the paper’s claim appears here when the run ends.' : 'Press Run to train the models and check the paper’s claim on this run.'}
      </p>
    );
  }
  const { claim } = result;
  return (
    <div className={`demo-verdict ${claim.holds ? 'demo-verdict-holds' : 'demo-verdict-fails'}`} data-verdict={claim.holds ? 'holds' : 'fails'} data-seconds={result.seconds} aria-live="polite">
      <p>
        <strong>{claim.holds ? 'Claim reproduced.' : 'Claim not reproduced on this run.'}</strong> {claim.summary}{' '}
        <span className="demo-seconds">({result.seconds.toFixed(1)} s)</span>
        {stale ? <em> Settings changed since this run.</em> : null}
      </p>
      {claim.checks && claim.checks.length > 0 ? (
        <ul className="demo-checks">
          {claim.checks.map((c) => (
            <li key={c.name} data-check-kind={c.kind ?? 'test'}>
              <span aria-hidden="true">{c.holds ? '✓' : '✗'}</span> <span className="visually-hidden">{c.holds ? 'holds:' : 'fails:'}</span>{' '}
              {c.kind === 'illustration' ? (
                <>
                  <a className="demo-check-kind" href="/about/demos#illustrated">illustrated</a>{' '}
                </>
              ) : null}
              {c.detail}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
});
