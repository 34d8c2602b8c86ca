'use client';
/**
 * The CBM demo: a results table that fills in as models train, test-time intervention curves
 * for both parts (all concepts labelled / one unlabelled), and an example the reader can edit:
 * click a concept to flip it and the independent model's prediction updates instantly (the
 * trained head runs in plain TypeScript on the page).
 */
import { useEffect, useState } from 'react';
import { cbmManifest } from '@/lib/experiments/cbm/manifest';
import type { CbmSnapshot } from '@/lib/experiments/cbm/experiment';
import { predictFromConcepts } from '@/lib/ml/concept-head';
import { TrainingCurves } from '@/components/families/concept/TrainingCurves';
import { DemoShell } from '@/components/demo/DemoShell';
import { ResultsTable } from '@/components/charts/ResultsTable';
import { InterventionChart } from '@/components/families/concept/InterventionChart';
import { ImageGrid } from '@/components/charts/ImageGrid';

function InterveneOnExample({ snapshot }: { snapshot: CbmSnapshot }) {
  const examples = snapshot.examples ?? [];
  const [which, setWhich] = useState(0);
  const example = examples[Math.min(which, examples.length - 1)];
  const [concepts, setConcepts] = useState<number[]>(() => example?.probs ?? []);
  const [edited, setEdited] = useState<boolean[]>([]);
  useEffect(() => {
    setConcepts(example?.probs ?? []);
    setEdited([]);
  }, [example]);
  if (!example || !snapshot.heads) return null;
  const prediction = predictFromConcepts(snapshot.heads.independent, concepts);
  const correct = prediction.label === example.label;
  return (
    <div className="intervene">
      <p className="panel-title">Intervene on one test image (independent CBM)</p>
      <div className="intervene-body">
        <div>
          <ImageGrid images={[[example.image]]} width={example.side} height={example.side} scale={6} label={`Test image ${which + 1}: true label ${snapshot.classNames[example.label]}`} />
          <div className="intervene-pick" role="group" aria-label="Choose an example">
            {examples.map((_, i) => (
              <button key={i} type="button" className="demo-button demo-small" aria-pressed={i === which} onClick={() => setWhich(i)}>
                {i + 1}
              </button>
            ))}
          </div>
        </div>
        <div>
          <p className="intervene-help">The concept model’s probabilities for this image. Click a concept to set it to 0 or 1 (a test-time intervention); the prediction follows.</p>
          <ul className="concept-toggles">
            {snapshot.conceptNames.map((name, j) => {
              const v = concepts[j] ?? 0;
              const truth = example.concepts[j];
              return (
                <li key={name}>
                  <button
                    type="button"
                    className={`concept-toggle${edited[j] ? ' concept-edited' : ''}`}
                    aria-label={`${name}: ${edited[j] ? `set to ${v}` : `predicted ${(v * 100).toFixed(0)}%`}, true value ${truth}. Click to flip.`}
                    onClick={() => {
                      setConcepts((c) => c.map((x, k) => (k === j ? (x >= 0.5 ? 0 : 1) : x)));
                      setEdited((e) => {
                        const next = [...e];
                        next[j] = true;
                        return next;
                      });
                    }}
                  >
                    <span className="concept-name">{name}</span>
                    <span className="concept-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round(v * 100)}%` }} />
                    </span>
                    <span className="concept-value">{edited[j] ? String(v) : `${(v * 100).toFixed(0)}%`}</span>
                    <span className="concept-truth">true {truth}</span>
                  </button>
                </li>
              );
            })}
          </ul>
          <p className="intervene-result" aria-live="polite" data-prediction={snapshot.classNames[prediction.label]}>
            Prediction: <strong>{snapshot.classNames[prediction.label]}</strong> ({(prediction.probs[prediction.label] * 100).toFixed(0)}%) · true label: {snapshot.classNames[example.label]} {correct ? '✓' : '✗'}
          </p>
          <button
            type="button"
            className="demo-button demo-small"
            onClick={() => {
              setConcepts(example.probs);
              setEdited([]);
            }}
          >
            Undo interventions
          </button>
        </div>
      </div>
    </div>
  );
}

function Panels({ snapshot }: { snapshot: CbmSnapshot | null }) {
  if (!snapshot) {
    return <p className="demo-empty">Press Run: a black box and several concept bottleneck models train on small images whose label is a rule over 8 visible concepts.</p>;
  }
  const all = snapshot.rows.filter((r) => r.part === 'all-labelled');
  const missing = snapshot.rows.filter((r) => r.part === 'one-unlabelled');
  const blackBox = all.find((r) => r.id === 'black-box');
  return (
    <div className="demo-stack">
      <p className="demo-rule">
        <strong>The rule:</strong> {snapshot.labelRule}
      </p>
      <div className="demo-panels">
        <ResultsTable rows={all} caption="Part 1: every concept labelled" />
        <ResultsTable rows={missing} caption={`Part 2: “${snapshot.unlabelledConcept}” left unlabelled`} />
        <InterventionChart rows={all.filter((r) => r.id !== 'black-box')} reference={blackBox} title="Part 1: interventions" />
        <InterventionChart rows={missing} reference={blackBox} title="Part 2: interventions" />
      </div>
      <TrainingCurves curves={snapshot.curves} />
      <InterveneOnExample snapshot={snapshot} />
    </div>
  );
}

export default function CbmDemo() {
  return (
    <DemoShell<CbmSnapshot>
      experiment={cbmManifest}
      caption="Concept bottleneck models on 16×16 shape images. Part 1 labels all 8 concepts; part 2 withholds one that the label depends on, which a plain CBM cannot recover but a hybrid's free units can. The verdict checks the three claims on this run."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
