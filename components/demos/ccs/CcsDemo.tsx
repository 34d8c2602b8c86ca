'use client';
/**
 * The CCS demo: accuracy of CCS and its baselines as a distractor feature grows more salient;
 * a slider picks one salience, shown as the held-out pairs in the truth/distractor plane with
 * the learned directions, and as a table of every method's numbers.
 */
import { useState } from 'react';
import { ccsManifest } from '@/lib/experiments/ccs/manifest';
import type { CcsLevel, CcsSnapshot } from '@/lib/experiments/ccs/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart, type Series } from '@/components/charts/LineChart';
import { PairPlane } from './PairPlane';
import { MethodsTable } from './MethodsTable';

const times = (r: number) => `${r} × truth`;

function Sweep({ snapshot, selected }: { snapshot: CcsSnapshot; selected: CcsLevel }) {
  const x = snapshot.levels.map((l) => l.ratio);
  const line = (name: string, y: number[], color: number, extra: Partial<Series> = {}): Series => ({ name, x, y, color, ...extra });
  const series: Series[] = [
    line('CCS (no labels)', snapshot.levels.map((l) => l.ccs.truth), 0, { width: 3 }),
    line('CCS, scored on the distractor', snapshot.levels.map((l) => l.ccs.distractor), 0, { dashed: true }),
    line('supervised probe', snapshot.levels.map((l) => l.supervised.truth), 1),
    line('top principal component', snapshot.levels.map((l) => l.pca.truth), 4),
    line('model’s own answers', snapshot.levels.map((l) => l.zeroShot.truth), 5),
    line('random directions', snapshot.levels.map((l) => l.random.truth), 3, { dashed: true }),
  ];
  return (
    <div>
      <p className="panel-title">Accuracy on the truth as the distractor grows</p>
      <LineChart
        series={series}
        points={{ name: 'selected below', x: [selected.ratio], y: [selected.ccs.truth] }}
        xLabel="distractor salience (× truth salience)"
        yLabel="held-out accuracy"
        yDomain={[0.4, 1]}
        ariaLabel="Held-out accuracy on the truth of CCS and its baselines against the distractor's salience. CCS stays near the supervised probe while the distractor is weaker than the truth, then drops to chance while its accuracy on the distractor rises to 100%."
      />
    </div>
  );
}

function Selected({ level }: { level: CcsLevel }) {
  return (
    <div>
      <p className="panel-title">Held-out pairs at distractor salience {times(level.ratio)}</p>
      <PairPlane
        truth={level.plane.truth}
        distractor={level.plane.distractor}
        label={level.plane.label}
        arrows={[
          { name: 'CCS', direction: level.arrows.ccs, color: 0 },
          { name: 'supervised', direction: level.arrows.supervised, color: 1, dashed: true },
        ]}
        ariaLabel={`Each held-out question as a dot: its contrast difference along the truth direction and along the distractor, coloured by the true answer, with the directions CCS and the supervised probe learned. CCS points ${level.ccs.alignment!.truth > level.ccs.alignment!.distractor ? 'along the truth' : 'along the distractor'} here.`}
      />
    </div>
  );
}

function Panels({ snapshot }: { snapshot: CcsSnapshot | null }) {
  const [picked, setPicked] = useState<number | null>(null);
  if (!snapshot || snapshot.levels.length === 0) {
    return (
      <p className="demo-empty">
        Press Run: CCS and four baselines are fitted at eight settings of the distractor, from absent to three times as salient as the truth. It takes about a second.
      </p>
    );
  }
  const last = snapshot.levels.length - 1;
  // Follow the newest setting while the sweep runs; after that, whatever the reader picked.
  const index = picked === null ? last : Math.min(picked, last);
  const level = snapshot.levels[index];
  return (
    <div className="demo-stack">
      <div className="demo-panels">
        <Sweep snapshot={snapshot} selected={level} />
        <Selected level={level} />
      </div>
      <label className="ccs-slider" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: '0.4rem 0.8rem' }}>
        <span>
          Distractor salience: <strong>{times(level.ratio)}</strong>
        </span>
        <input
          type="range"
          min={0}
          max={last}
          step={1}
          value={index}
          onChange={(e) => setPicked(Number(e.target.value))}
          aria-valuetext={times(level.ratio)}
          style={{ flex: '1 1 12rem', accentColor: 'var(--chart-1)' }}
        />
      </label>
      <MethodsTable level={level} trainPairs={snapshot.trainPairs} testPairs={snapshot.testPairs} />
    </div>
  );
}

export default function CcsDemo() {
  return (
    <DemoShell<CcsSnapshot>
      experiment={ccsManifest}
      caption={
        <>
          Synthetic hidden states of yes/no contrast pairs with three planted features that all flip with the answer: the truth, what the model would say (wrong on the misconception items), and a distractor. Nothing here is a language model; the point is what CCS can and cannot tell apart. The verdict checks the weak (0.5 × truth) and strong (2 × truth) settings.
        </>
      }
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
