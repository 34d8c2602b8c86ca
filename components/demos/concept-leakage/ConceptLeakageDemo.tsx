'use client';
/**
 * The leakage demo (Mahinpei et al. 2021). Part 1: parity of digits that are neither 4 nor 5,
 * predicted from the soft and the hard outputs of an is-4 / is-5 concept model. Part 2: purity
 * matrices (how well each concept's representation predicts every true concept).
 */
import { conceptLeakageManifest } from '@/lib/experiments/concept-leakage/manifest';
import type { LeakageSnapshot } from '@/lib/experiments/concept-leakage/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { DotPlot } from '@/components/charts/DotPlot';
import { Heatmap } from '@/components/charts/Heatmap';
import { ImageGrid } from '@/components/charts/ImageGrid';
import { ScatterPlot } from '@/components/charts/ScatterPlot';

const pct = (v: number | null) => (v === null ? '…' : `${(v * 100).toFixed(1)}%`);

function Panels({ snapshot }: { snapshot: LeakageSnapshot | null }) {
  if (!snapshot) return <p className="demo-empty">Press Run: a model learns only “is it a 4?” and “is it a 5?”, and we ask whether its outputs still tell odd from even digits that are neither.</p>;
  const { parity, impurity } = snapshot;
  const names = impurity.conceptNames;
  return (
    <div className="demo-stack">
      {parity.samples.length > 0 ? (
        <div>
          <p className="panel-title">The data: 8×8 seven-segment digits</p>
          <ImageGrid images={[parity.samples.map((s) => s.image)]} width={parity.samples[0].side} height={parity.samples[0].side} scale={5} label="Sample digits" />
        </div>
      ) : null}
      <div className="demo-panels">
        <div>
          <p className="panel-title">
            Parity of digits that are neither 4 nor 5 — from soft outputs: <strong>{pct(parity.meanSoft)}</strong>, from 0/1 outputs: <strong>{pct(parity.meanHard)}</strong> (chance {pct(parity.chance)})
          </p>
          <DotPlot
            groups={['soft probabilities', 'hard 0/1 concepts']}
            points={parity.repeats.flatMap((r) => [
              { group: 'soft probabilities', value: r.soft },
              { group: 'hard 0/1 concepts', value: r.hard },
            ])}
            valueLabel="parity accuracy"
            ariaLabel="Parity accuracy of each repetition, from soft and from hard concept outputs"
          />
        </div>
        {parity.scatter ? (
          <div>
            <p className="panel-title">Where the digits land in the soft outputs (standardised logits)</p>
            <ScatterPlot
              x={parity.scatter.x}
              y={parity.scatter.y}
              cls={parity.scatter.odd}
              classNames={['even', 'odd']}
              xLabel="“is 4” logit"
              yLabel="“is 5” logit"
              ariaLabel="Test digits placed by their soft is-4 and is-5 outputs, coloured odd or even; the two colours separate partly, which is the leak."
            />
          </div>
        ) : null}
      </div>
      {impurity.soft && impurity.hard && impurity.oracle ? (
        <div>
          <p className="panel-title">
            Purity: AUC of concept i’s representation (row) for true concept j (column). Off the diagonal, the true concepts score 0.5; the largest excess of the soft probabilities is {impurity.softSummary?.maxExcess.toFixed(2)} ({names[impurity.softSummary?.argmax[0] ?? 0]} → {names[impurity.softSummary?.argmax[1] ?? 0]}), of the hard concepts {impurity.hardSummary?.maxExcess.toFixed(2)}.
          </p>
          <div className="heatmap-pair">
            <Heatmap values={impurity.soft} rowLabels={names} colLabels={names.map((n) => n.slice(0, 3))} range={[0.5, 1]} cellSize={26} title="soft probabilities" />
            <Heatmap values={impurity.hard} rowLabels={names} colLabels={names.map((n) => n.slice(0, 3))} range={[0.5, 1]} cellSize={26} title="hard 0/1 concepts" />
            <Heatmap values={impurity.oracle} rowLabels={names} colLabels={names.map((n) => n.slice(0, 3))} range={[0.5, 1]} cellSize={26} title="true concepts (oracle)" />
          </div>
        </div>
      ) : null}
    </div>
  );
}

export default function ConceptLeakageDemo() {
  return (
    <DemoShell<LeakageSnapshot>
      experiment={conceptLeakageManifest}
      caption="Soft concept probabilities carry more than their concepts. The verdict checks that parity is predicted clearly above chance from the soft outputs and not from the hard ones."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
