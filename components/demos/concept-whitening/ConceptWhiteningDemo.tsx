'use client';
/**
 * The concept-whitening demo: while the two networks train, their losses and how well each CW axis
 * points at its concept; at the end, the latent correlation matrices of BN and CW side by side,
 * each concept's AUC on its CW axis against BN's best axis, and the co-occurring pair's limit.
 */
import { conceptWhiteningManifest } from '@/lib/experiments/concept-whitening/manifest';
import type { CwSnapshot } from '@/lib/experiments/concept-whitening/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart } from '@/components/charts/LineChart';
import { Heatmap } from '@/components/charts/Heatmap';

const f2 = (v: number) => v.toFixed(2);

function Training({ snapshot }: { snapshot: CwSnapshot }) {
  const { losses, alignment, concepts } = snapshot;
  return (
    <div className="demo-panels">
      <LineChart
        series={[
          { name: 'batch norm', x: losses.steps, y: losses.bn, color: 0 },
          { name: 'concept whitening', x: losses.steps, y: losses.cw, color: 1 },
        ]}
        xLabel="step"
        yLabel="task loss"
        ariaLabel="Training loss of the batch-norm and the concept-whitening network"
      />
      <LineChart
        series={concepts.map((c, j) => ({ name: `${c} axis`, x: alignment.updates, y: alignment.cos[j], color: j + 2, dashed: j === 2 }))}
        xLabel="step"
        yLabel="cos(axis, concept mean)"
        yDomain={[0, 1]}
        ariaLabel="How well each concept-whitening axis points at the mean of its concept, after each rotation update"
      />
    </div>
  );
}

function Final({ snapshot }: { snapshot: CwSnapshot }) {
  const f = snapshot.final!;
  const d = snapshot.latentSize;
  const units = Array.from({ length: d }, (_, i) => `${i + 1}`);
  const cwLabels = units.map((u, i) => snapshot.concepts[i] ?? `free ${u}`);
  const [a, b] = snapshot.pair;
  return (
    <>
      <p className="demo-rule">
        <strong>Accuracy:</strong> batch norm {f2(f.bnAccuracy)}, concept whitening {f2(f.cwAccuracy)} (cost {(f.bnAccuracy - f.cwAccuracy).toFixed(3)}).{' '}
        <strong>Mean |correlation| between latent units:</strong> {f2(f.bnMeanAbsCorrelation)} with batch norm, {f.cwMeanAbsCorrelation.toFixed(3)} with concept whitening.
      </p>
      <div className="demo-panels">
        <Heatmap values={f.bnCorrelation} rowLabels={units} colLabels={units} range={[-1, 1]} title="Batch norm: latent correlations" cellSize={26} />
        <Heatmap values={f.cwCorrelation} rowLabels={cwLabels} colLabels={units} range={[-1, 1]} title="Concept whitening: latent correlations" cellSize={26} />
      </div>
      <div className="results-table-wrap">
        <table className="results-table">
          <caption>Does one axis read one concept? AUC on the test set (1 = perfect, 0.5 = chance); the best batch-norm unit is picked after the fact, either sign</caption>
          <thead>
            <tr>
              <th scope="col">concept</th>
              <th scope="col">its CW axis</th>
              <th scope="col">best BN unit (picked after)</th>
              <th scope="col">cos(axis, concept mean)</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.concepts.map((c, j) => (
              <tr key={c}>
                <th scope="row">{c}</th>
                <td>{f2(f.cwAuc[j])}</td>
                <td>{f2(f.bnBestAuc[j])}</td>
                <td>{f2(f.alignment[j])}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="demo-rule">
        <strong>The price of orthogonal axes.</strong> {a} and {b} co-occur (correlation {f2(f.pairLabelCorrelation)} in the labels). In the whitened space their
        mean directions are {f.pairAngle.toFixed(0)}° apart, not 90°, so two perpendicular axes cannot both point at them: the best possible mean cosine is{' '}
        {f2(f.pairAlignmentBound)}. This run reaches {f2(f.alignment[0])} and {f2(f.alignment[1])}, against {f2(f.alignment[2])} for {snapshot.concepts[2]}, which
        co-occurs with nothing.
      </p>
    </>
  );
}

function Panels({ snapshot }: { snapshot: CwSnapshot | null }) {
  if (!snapshot) {
    return (
      <p className="demo-empty">
        Press Run: two copies of one small network train side by side on data with three planted concepts (bed, person, window; bed and person usually
        appear together). One normalises its 8-unit latent layer with batch norm, the other with concept whitening, which rotates three of its axes onto the
        three concepts.
      </p>
    );
  }
  return (
    <div className="demo-stack">
      <Training snapshot={snapshot} />
      {snapshot.final ? <Final snapshot={snapshot} /> : null}
    </div>
  );
}

export default function ConceptWhiteningDemo() {
  return (
    <DemoShell<CwSnapshot>
      experiment={conceptWhiteningManifest}
      caption="Batch norm against concept whitening on the same network. The verdict checks the accuracy cost, that the whitened latent is decorrelated, and that each concept’s own axis separates it (AUC); the co-occurring pair’s weaker alignment is shown, not claimed."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
