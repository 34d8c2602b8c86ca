/**
 * Every method's numbers at one distractor salience: accuracy on the truth and on the
 * distractor, how well its direction lines up with each planted direction, and the losses that
 * show what CCS's objective prefers.
 */
import type { CcsLevel, MethodScores } from '@/lib/experiments/ccs/experiment';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const cos = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));
/** Losses span 0.1 to 1e-4: small ones in scientific notation rather than rounded to 0.0000. */
const loss = (v: number) => (v < 1e-3 ? v.toExponential(1) : v.toFixed(4));

function Row({ name, scores }: { name: string; scores: MethodScores }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{pct(scores.truth)}</td>
      <td>{pct(scores.distractor)}</td>
      <td>{scores.alignment ? `${cos(scores.alignment.truth)} / ${cos(scores.alignment.distractor)}` : '—'}</td>
    </tr>
  );
}

export function MethodsTable({ level, trainPairs, testPairs }: { level: CcsLevel; trainPairs: number; testPairs: number }) {
  const orientations = level.restarts.filter((r) => r.signedTruth > 0.5).length;
  const tracksTruth = level.ccs.alignment!.truth > level.ccs.alignment!.distractor;
  return (
    <div>
      <div className="results-table-wrap">
        <table className="results-table">
          <caption>
            At {level.ratio} × truth, on {testPairs} held-out questions
          </caption>
          <thead>
            <tr>
              <th scope="col" rowSpan={2}>
                Method
              </th>
              <th scope="colgroup" colSpan={2} style={{ textAlign: 'center' }}>
                Accuracy on
              </th>
              <th scope="col" rowSpan={2}>
                |cos| with truth / distractor
              </th>
            </tr>
            <tr>
              <th scope="col">truth</th>
              <th scope="col">distractor</th>
            </tr>
          </thead>
          <tbody>
            <Row name="CCS (no labels)" scores={level.ccs} />
            <Row name="Supervised (labels)" scores={level.supervised} />
            <Row name="Model’s answers" scores={level.zeroShot} />
            <Row name="Top PC (no labels)" scores={level.pca} />
            <Row name="Random (mean of 20)" scores={level.random} />
          </tbody>
        </table>
      </div>
      <p className="demo-empty-small">
        CCS and the top PC were fitted on {trainPairs} unlabelled pairs. Label-free methods are scored as max(acc, 1 − acc): nothing in their objective says which end of the direction means “true”. Of {level.restarts.length} CCS restarts, {orientations} landed on one orientation and {level.restarts.length - orientations} on the other; the kept probe’s raw accuracy is {pct(level.ccs.signedTruth)}, and refitting from its negation gives {pct(level.loss.flippedSignedTruth)} at loss {loss(level.loss.flippedRefit)} (kept: {loss(level.loss.ccs)})
        {level.loss.flippedRefit < 0.9 * level.loss.ccs ? ', lower only because the refit carries on training an already confident probe, whose loss keeps falling as its weights grow' : ''}.
      </p>
      <p className="demo-empty-small">
        CCS loss of the kept probe: <strong>{loss(level.loss.ccs)}</strong>; the best probe CCS finds with the distractor direction removed: <strong>{loss(level.loss.truthOnly)}</strong> ({pct(level.loss.truthOnlyAccuracy)} on truth).{' '}
        {tracksTruth
          ? 'Here CCS tracks the truth.'
          : level.loss.ccs <= level.loss.truthOnly
            ? 'Here CCS tracks the distractor, and its loss is lower than any truth-tracking probe’s: the objective itself prefers the distractor.'
            : 'Here CCS tracks the distractor even though a truth-tracking probe reaches a lower loss: the restarts missed it.'}
      </p>
    </div>
  );
}
