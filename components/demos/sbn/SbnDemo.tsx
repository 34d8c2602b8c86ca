'use client';
/**
 * The semantic-bottleneck demo: training losses of the three stages, accuracy of the original
 * network and the SBN (plus the SBN with its channels rounded to 0/1 and fed the true concepts),
 * per concept the SB channel's AUC against the best and the typical channel of the original's wide
 * layer, AUiC, the intervention test and the purity measurement, and a few test images with
 * their 8 channel values.
 */
import { sbnManifest } from '@/lib/experiments/sbn/manifest';
import type { SbnSnapshot } from '@/lib/experiments/sbn/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart, type Series } from '@/components/charts/LineChart';
import { Heatmap } from '@/components/charts/Heatmap';
import { ImageGrid } from '@/components/charts/ImageGrid';

const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)}%`);

function Losses({ snapshot }: { snapshot: SbnSnapshot }) {
  const h = snapshot.lossHistory;
  const at = (values: number[], offset: number) => values.map((_, i) => offset + (i + 1) * 50);
  const o = h.original.length * 50;
  const b = o + h.bottleneck.length * 50;
  const series: Series[] = [
    { name: 'original network: task loss', x: at(h.original, 0), y: h.original, color: 0 },
    { name: '8 named channels: concept loss', x: at(h.bottleneck, o), y: h.bottleneck, color: 1 },
    { name: 'head on the channels: task loss', x: at(h.head, b), y: h.head, color: 2 },
  ].filter((s) => s.y.length > 0);
  return (
    <div>
      <p className="panel-title">Training, stage by stage</p>
      <LineChart series={series} xLabel="step (all stages in a row)" yLabel="cross-entropy" height={170} ariaLabel="Training losses: the original network on the task, then the bottleneck channels on the concept labels, then the head on the channels." />
    </div>
  );
}

function Accuracies({ snapshot }: { snapshot: SbnSnapshot }) {
  const a = snapshot.accuracy;
  const rows: Array<[string, number | null]> = [
    ['Original network (64 unnamed channels)', a.original],
    ['SBN (8 named channels)', a.sbn],
    ['SBN, channels rounded to 0/1', a.sbnBinary],
    ['SBN head fed the 8 true concepts', a.sbnIntervened],
  ];
  return (
    <div className="results-table-wrap">
      <table className="results-table">
        <caption>Test accuracy (4 classes)</caption>
        <tbody>
          {rows.map(([name, acc]) => (
            <tr key={name} data-status={acc === null ? 'waiting' : 'done'}>
              <th scope="row">{name}</th>
              <td>{pct(acc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {snapshot.auic ? (
        <p className="demo-scores">
          Area under the inspectability curve (mean IoU of each concept with its channel): SB <strong>{snapshot.auic.sbn.toFixed(2)}</strong>, original wide layer{' '}
          {snapshot.auic.original.toFixed(2)} (each concept matched to its best free channel).
        </p>
      ) : null}
    </div>
  );
}

function Channels({ snapshot }: { snapshot: SbnSnapshot }) {
  if (!snapshot.channels) return null;
  return (
    <div className="results-table-wrap">
      <table className="results-table">
        <caption>Does a channel read its concept? (AUC on test images)</caption>
        <thead>
          <tr>
            <th scope="col">Concept</th>
            <th scope="col">SB channel</th>
            <th scope="col">Best of 64</th>
            <th scope="col">Typical of 64</th>
            <th scope="col">Flip test</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.channels.map((c) => (
            <tr key={c.concept}>
              <th scope="row">{c.concept}</th>
              <td>{c.sbAuc.toFixed(3)}</td>
              <td title={`channel ${c.bestOriginalChannel}`}>{c.bestOriginalAuc.toFixed(3)}</td>
              <td>{c.meanOriginalAuc.toFixed(3)}</td>
              <td>{pct(c.flipConsistency)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="demo-scores">
        Original channels are scored either way up (an unnamed channel may fire for a concept’s absence). Flip test: feed the head the true concepts with this one flipped;
        how often does its answer change the way the label rule says?
      </p>
    </div>
  );
}

function Purity({ snapshot }: { snapshot: SbnSnapshot }) {
  const p = snapshot.purity;
  if (!p) return null;
  return (
    <p className="demo-caveat" data-testid="sbn-purity">
      What the paper did not check: the “{p.channel}” channel, read on its own, predicts whether the shape is {p.concept} with AUC {p.learnedAuc.toFixed(2)}; the true {p.channel}{' '}
      concept predicts it with AUC {p.oracleAuc.toFixed(2)}. Its graded values carry more than its name.
    </p>
  );
}

function Examples({ snapshot }: { snapshot: SbnSnapshot }) {
  const ex = snapshot.examples;
  if (!ex || ex.length === 0) return null;
  const side = ex[0].side;
  return (
    <div>
      <p className="panel-title">Six test images and their 8 channels</p>
      <ImageGrid
        images={[ex.map((e) => e.image)]}
        width={side}
        height={side}
        scale={3}
        label={`Six test images, left to right: ${ex.map((e, i) => `image ${i + 1} is ${snapshot.classNames[e.label]}, the SBN says ${snapshot.classNames[e.predicted]}`).join('; ')}.`}
      />
      <Heatmap
        values={snapshot.conceptNames.map((_, k) => ex.map((e) => e.channels[k]))}
        rowLabels={snapshot.conceptNames}
        colLabels={ex.map((e, i) => `${i + 1} ${e.predicted === e.label ? '✓' : '✗'}`)}
        range={[0, 1]}
        title="Their channel values (columns: images 1-6; ✓ where the SBN is right)"
        cellSize={40}
      />
    </div>
  );
}

function Panels({ snapshot }: { snapshot: SbnSnapshot | null }) {
  if (!snapshot) {
    return (
      <p className="demo-empty">
        Press Run: an ordinary network learns the task, then its 64-channel layer is squeezed into 8 channels named after concepts, and a new head reads only those.
      </p>
    );
  }
  return (
    <div className="demo-stack">
      <p className="demo-rule">
        <strong>The rule:</strong> {snapshot.labelRule}
      </p>
      <div className="demo-panels">
        <div style={{ minWidth: 0 }}>
          <Losses snapshot={snapshot} />
        </div>
        <div style={{ minWidth: 0 }}>
          <Accuracies snapshot={snapshot} />
        </div>
      </div>
      <Channels snapshot={snapshot} />
      <Examples snapshot={snapshot} />
      <Purity snapshot={snapshot} />
    </div>
  );
}

export default function SbnDemo() {
  return (
    <DemoShell<SbnSnapshot>
      experiment={sbnManifest}
      caption="A semantic bottleneck on 16×16 shape images: the original network’s 64-channel layer is followed by 8 channels, each trained to be one named concept, and a head that sees only them. Compare accuracy, how well channels line up with concepts, and what happens when the channels are set by hand."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
