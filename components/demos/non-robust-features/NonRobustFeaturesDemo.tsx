'use client';
/**
 * The non-robust-features demo: the perturbations as images (one training image per class,
 * attacked towards the next class on the standard and on the robust model), test accuracy of the
 * four models as they train, and a table of clean and attacked accuracy.
 */
import { nonRobustFeaturesManifest } from '@/lib/experiments/non-robust-features/manifest';
import type { NonRobustFeaturesSnapshot, PerturbationView } from '@/lib/experiments/non-robust-features/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart, type Series } from '@/components/charts/LineChart';
import { ImageGrid } from '@/components/charts/ImageGrid';

const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);
/** Feature values to grey levels: 0 is mid-grey, ±2.5 black / white, as for every image row. */
const IMAGE_RANGE = 2.5;
const toImage = (values: number[]) => values.map((v) => 0.5 + v / (2 * IMAGE_RANGE));

function Perturbations({ view, epsilon }: { view: PerturbationView; epsilon: number }) {
  // Both δ rows share one contrast, so the two models' perturbations compare directly.
  const largest = Math.max(1e-9, ...view.standardDelta.flat().map(Math.abs), ...view.robustDelta.flat().map(Math.abs));
  const toDelta = (values: number[]) => values.map((v) => 0.5 + (0.5 * v) / largest);
  const plus = (x: number[], d: number[]) => x.map((v, i) => v + d[i]);
  const gain = (0.5 * 2 * IMAGE_RANGE) / largest;
  const rows = [
    view.clean.map(toImage),
    view.standardDelta.map(toDelta),
    view.clean.map((x, k) => toImage(plus(x, view.standardDelta[k]))),
    view.robustDelta.map(toDelta),
    view.clean.map((x, k) => toImage(plus(x, view.robustDelta[k]))),
  ];
  const hits = (predicted: number[]) => predicted.filter((p, k) => p === view.targets[k]).length;
  const share = (v: number[]) => pct(v.reduce((a, b) => a + b, 0) / v.length);
  return (
    <div>
      <p className="panel-title">
        What the attack changes: each column is a training image of class 0, 1, 2, 3, pushed towards the next class (ε = {epsilon})
      </p>
      <ImageGrid
        images={rows}
        width={view.width}
        height={view.height}
        scale={7}
        rowLabels={['image', `δ, standard ×${gain.toFixed(0)}`, 'image + δ', `δ, robust ×${gain.toFixed(0)}`, 'image + δ']}
        label={`Four training images, one per class, with the perturbation that pushes each towards the next class on the standard model and on the robust model. The standard model's perturbation puts ${share(view.standardTextureShare)} of its energy in the faint texture rows; the robust model's only ${share(view.robustTextureShare)}.`}
      />
      <p className="demo-scores">
        Top row of each image: the <strong>shape</strong> (class c lights pixels 2c and 2c+1, under heavy noise). The four rows below: the faint <strong>texture</strong>. Grey is 0; δ rows are magnified. The
        standard model’s δ puts <strong>{share(view.standardTextureShare)}</strong> of its squared size into the texture and turns{' '}
        {hits(view.standardPrediction)} of 4 images into the next class, which no one would see; the robust model’s δ puts only{' '}
        <strong>{share(view.robustTextureShare)}</strong> there, must change the shape instead, and succeeds on {hits(view.robustPrediction)} of 4.
      </p>
    </div>
  );
}

function Panels({ snapshot }: { snapshot: NonRobustFeaturesSnapshot | null }) {
  if (!snapshot) {
    return (
      <p className="demo-empty">
        Press Run: a standard and a robust model train on shape-and-texture images, an attack relabels the training set, and two fresh models learn from the relabelled images alone.
      </p>
    );
  }
  const { curves } = snapshot;
  const longest = Math.max(1, ...Object.values(curves).flatMap((c) => c.steps));
  const series: Series[] = [
    { name: 'standard', x: curves.standard.steps, y: curves.standard.accuracy, color: 0 },
    { name: 'robust (adversarial training)', x: curves.robust.steps, y: curves.robust.accuracy, color: 1 },
    { name: 'trained on D_rand', x: curves.dRand.steps, y: curves.dRand.accuracy, color: 2 },
    { name: 'trained on D_det', x: curves.dDet.steps, y: curves.dDet.accuracy, color: 3, width: 3 },
    { name: 'chance', x: [0, longest], y: [0.25, 0.25], color: 5, dashed: true },
  ];
  return (
    <div className="demo-stack">
      {snapshot.perturbations ? <Perturbations view={snapshot.perturbations} epsilon={snapshot.epsilon} /> : null}
      <div className="demo-panels">
        <div>
          <p className="panel-title">Accuracy on the clean test set while training</p>
          <LineChart
            series={series}
            xLabel="training step"
            yLabel="test accuracy"
            yDomain={[0, 1]}
            ariaLabel="Clean test accuracy of the four models over their training steps, with chance at 25%. The models trained on the relabelled sets are trained after the first two."
          />
        </div>
        <div className="results-table-wrap">
          <table className="results-table">
            <caption>Test accuracy, clean and under attack (untargeted L2 PGD, ε = {snapshot.epsilon}, on the first two models)</caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Clean</th>
                <th scope="col">Attacked</th>
              </tr>
            </thead>
            <tbody>
              {snapshot.rows.map((r) => (
                <tr key={r.key} data-status={r.cleanAccuracy === null ? 'waiting' : 'done'}>
                  <th scope="row">{r.label}</th>
                  <td>{pct(r.cleanAccuracy)}</td>
                  <td>{r.key === 'standard' || r.key === 'robust' ? pct(r.attackedAccuracy) : '—'}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">the shape alone (best possible rule, no model)</th>
                <td>{pct(snapshot.shapeOnlyAccuracy)}</td>
                <td>—</td>
              </tr>
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}

export default function NonRobustFeaturesDemo() {
  return (
    <DemoShell<NonRobustFeaturesSnapshot>
      experiment={nonRobustFeaturesManifest}
      caption={
        <>
          Four classes of 8×5 images: a bright pair in the top row (the shape, robust but noisy) and a faint texture below (non-robust: nearly noise-free, but within ε of the other classes). D_det relabels every training image as the next class after a targeted attack on the standard model; D_rand as a random class. The verdict checks that a model trained on D_det alone beats chance on clean images, and that the robust model survives attacks that break the standard one.
        </>
      }
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
