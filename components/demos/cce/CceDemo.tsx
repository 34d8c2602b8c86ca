'use client';
/**
 * The CCE demo: the classifier's training loss, then its accuracy with and without the shortcut,
 * a grid of its mistakes on the shifted test set, and for the mistake the reader picks, the
 * concept weights of its conceptual counterfactual (largest first). Below, how often each concept
 * came first over all explained mistakes, against chance.
 */
import { useState } from 'react';
import { cceManifest } from '@/lib/experiments/cce/manifest';
import type { CceFinal, CceSnapshot } from '@/lib/experiments/cce/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart } from '@/components/charts/LineChart';
import { ImageGrid } from '@/components/charts/ImageGrid';

const GRID_SIZE = 24;
const f2 = (v: number) => v.toFixed(2);

function WeightBars({ weights, ranking, names }: { weights: number[]; ranking: number[]; names: string[] }) {
  const top = Math.max(1e-9, ...weights.map(Math.abs));
  return (
    <ul style={{ listStyle: 'none', padding: 0, margin: 0, fontSize: '0.85rem' }} aria-label="Concept weights of the counterfactual, largest first">
      {ranking.map((i, r) => (
        <li key={names[i]} style={{ display: 'grid', gridTemplateColumns: '9rem 1fr 3.5rem', alignItems: 'center', gap: '0.4rem', marginBottom: '0.2rem' }}>
          <span style={{ fontWeight: r === 0 ? 700 : 400 }}>{names[i]}</span>
          <span style={{ position: 'relative', height: '0.8rem', background: 'var(--bg-soft)' }}>
            <span
              style={{
                position: 'absolute',
                top: 0,
                bottom: 0,
                left: weights[i] >= 0 ? '50%' : `${50 - (50 * Math.abs(weights[i])) / top}%`,
                width: `${(50 * Math.abs(weights[i])) / top}%`,
                background: weights[i] >= 0 ? 'var(--accent)' : 'var(--muted)',
              }}
            />
          </span>
          <span style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{weights[i] >= 0 ? '+' : '−'}{f2(Math.abs(weights[i]))}</span>
        </li>
      ))}
    </ul>
  );
}

function Mistakes({ final, classNames, side }: { final: CceFinal; classNames: string[]; side: number }) {
  const [which, setWhich] = useState(0);
  const shown = final.mistakes.slice(0, GRID_SIZE);
  const m = final.mistakes[Math.min(which, final.mistakes.length - 1)];
  if (!m) return <p className="demo-empty-small">The model made no mistakes on the shifted test set.</p>;
  return (
    <div className="demo-panels">
      <div>
        <p className="demo-rule">Its mistakes on the shifted test set (pick one):</p>
        <div role="group" aria-label="Pick a mistake" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.25rem' }}>
          {shown.map((x, i) => (
            <button
              key={i}
              type="button"
              aria-pressed={i === which}
              aria-label={`Mistake ${i + 1}: a ${classNames[x.label]} called a ${classNames[x.prediction]}`}
              onClick={() => setWhich(i)}
              style={{ padding: 2, border: `2px solid ${i === which ? 'var(--accent)' : 'transparent'}`, background: 'none', cursor: 'pointer', lineHeight: 0 }}
            >
              <ImageGrid images={[[x.image]]} width={side} height={side} scale={3} label={`mistake ${i + 1}`} />
            </button>
          ))}
        </div>
      </div>
      <div>
        <ImageGrid images={[[m.image]]} width={side} height={side} scale={8} label={`The chosen mistake: a ${classNames[m.label]} called a ${classNames[m.prediction]}`} />
        <p className="demo-rule">
          A <strong>{classNames[m.label]}</strong> on a {m.label === 1 ? (m.misleadingBackground ? 'plain' : 'striped') : m.misleadingBackground ? 'striped' : 'plain'} background,
          called a <strong>{classNames[m.prediction]}</strong>. The edit that would have made it right{m.flipped ? '' : ' (it does not flip the prediction within the validity limits)'}:
        </p>
        <WeightBars weights={m.weights} ranking={m.ranking} names={final.bank} />
      </div>
    </div>
  );
}

function Panels({ snapshot }: { snapshot: CceSnapshot | null }) {
  if (!snapshot) {
    return (
      <p className="demo-empty">
        Press Run: a small network learns to tell squares from triangles on images where faint background stripes come with squares. Then it is tested
        where the stripes come with triangles, and each of its mistakes is explained by the smallest concept edit that would have fixed it.
      </p>
    );
  }
  const f = snapshot.final;
  return (
    <div className="demo-stack">
      <LineChart series={[{ name: 'training loss', x: snapshot.losses.steps, y: snapshot.losses.values, color: 0 }]} xLabel="step" yLabel="cross-entropy" ariaLabel="Training loss of the classifier" height={150} />
      {f ? (
        <>
          <p className="demo-rule">
            <strong>Accuracy:</strong> {f2(f.iidAccuracy)} where stripes come with squares, as in training; {f2(f.shiftedAccuracy)} where they come with triangles
            ({f.mistakeCount} mistakes out of 1000; the first {f.mistakes.length} are explained).
          </p>
          <Mistakes final={f} classNames={snapshot.classNames} side={snapshot.side} />
          <p className="demo-rule">
            <strong>The test:</strong> in {f.spuriousMistakes} of the explained mistakes the background is the one the other class had in training. For{' '}
            {f2(f.spuriousTop1)} of them the explanation puts first the background the true class had in training (stripes for a square, a plain background
            for a triangle); in {f2(f.spuriousTop2)} it is in the top two. Chance would be {f.chance.toFixed(3)}.
          </p>
          <div className="results-table-wrap">
            <table className="results-table">
              <caption>Which concept comes first, over all {f.mistakes.length} explained mistakes (chance: {f.chance.toFixed(3)} each)</caption>
              <thead>
                <tr>
                  <th scope="col">concept</th>
                  <th scope="col">ranked first</th>
                  <th scope="col">concept vector AUC (held out)</th>
                </tr>
              </thead>
              <tbody>
                {f.bank.map((name, i) => (
                  <tr key={name}>
                    <th scope="row">{name}</th>
                    <td>{f2(f.topCounts[i] / Math.max(1, f.mistakes.length))}</td>
                    <td>{f2(f.bankAuc[i])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}
    </div>
  );
}

export default function CceDemo() {
  return (
    <DemoShell<CceSnapshot>
      experiment={cceManifest}
      caption="Conceptual counterfactuals for a model that learned a shortcut. The verdict checks that the shortcut is learned, that the background the true class had in training tops the explanation for the mistakes it causes (far above the 1-in-8 chance), and that the edits fix the predictions."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
