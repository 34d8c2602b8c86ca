/**
 * Every method's numbers at one distractor salience: accuracy on the truth and on the
 * distractor, how well its direction lines up with each planted direction, and the losses that
 * show what CCS's objective prefers.
 */
import type { CcsLevel, MethodScores } from '@/lib/experiments/ccs/experiment';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const cos = (v: number | undefined) => (v === undefined ? '—' : v.toFixed(2));

function Row({ name, scores }: { name: string; scores: MethodScores }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td>{pct(scores.truth)}</td>
      <td>{pct(scores.distractor)}</td>
      <td>{cos(scores.alignment?.truth)}</td>
      <td>{cos(scores.alignment?.distractor)}</td>
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
            At {level.ratio} × truth: {testPairs} held-out questions (CCS and PCA fitted on {trainPairs} unlabelled pairs)
          </caption>
          <thead>
            <tr>
              <th scope="col">Method</th>
              <th scope="col">Acc. on truth</th>
              <th scope="col">Acc. on distractor</th>
              <th scope="col">|cos| with truth</th>
              <th scope="col">|cos| with distractor</th>
            </tr>
          </thead>
          <tbody>
            <Row name="CCS (no labels)" scores={level.ccs} />
            <Row name="Supervised probe (labels)" scores={level.supervised} />
            <Row name="Model’s own answers" scores={level.zeroShot} />
            <Row name="Top principal component" scores={level.pca} />
            <Row name="Random directions (mean of 20)" scores={level.random} />
          </tbody>
        </table>
      </div>
      <p className="demo-empty-small">
        Label-free methods are scored as max(acc, 1 − acc): nothing in their objective says which end of the direction means “true”. Of {level.restarts.length} CCS restarts, {orientations} landed on one orientation and {level.restarts.length - orientations} on the other; the kept probe’s raw accuracy is {pct(level.ccs.signedTruth)}, and refitting from its negation gives {pct(level.loss.flippedSignedTruth)} at loss {level.loss.flippedRefit.toFixed(4)} (kept: {level.loss.ccs.toFixed(4)}).
      </p>
      <p className="demo-empty-small">
        CCS loss of the kept probe: <strong>{level.loss.ccs.toFixed(4)}</strong>; the best probe CCS finds with the distractor direction removed: <strong>{level.loss.truthOnly.toFixed(4)}</strong> ({pct(level.loss.truthOnlyAccuracy)} on truth).{' '}
        {tracksTruth
          ? 'Here CCS tracks the truth.'
          : level.loss.ccs <= level.loss.truthOnly
            ? 'Here CCS tracks the distractor, and its loss is lower than any truth-tracking probe’s: the objective itself prefers the distractor.'
            : 'Here CCS tracks the distractor even though a truth-tracking probe reaches a lower loss: the restarts missed it.'}
      </p>
    </div>
  );
}
