'use client';
/**
 * The post-hoc CBM demo: the backbone's training loss, the accuracies of the original model, the
 * PCBM and PCBM-h, how well each borrowed concept vector reads its concept on the task's images,
 * the sparse head's weights (a class x concept map and each class's largest weights, named), and
 * an editor: scale or delete a concept in the head and the class accuracies are recomputed at once
 * on the page from the final snapshot (lib/ml/concept-edit.ts, no retraining, no worker).
 */
import { useMemo, useState } from 'react';
import { posthocCbmManifest } from '@/lib/experiments/posthoc-cbm/manifest';
import type { PosthocCbmSnapshot } from '@/lib/experiments/posthoc-cbm/experiment';
import { editedAccuracy, topWeights, type ConceptHead, type ConceptTestSet } from '@/lib/ml/concept-edit';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart } from '@/components/charts/LineChart';
import { Heatmap } from '@/components/charts/Heatmap';

const pct = (v: number | null | undefined) => (v === null || v === undefined || Number.isNaN(v) ? '—' : `${(v * 100).toFixed(1)}%`);
const signed = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(2)}`;

function Accuracies({ snapshot }: { snapshot: PosthocCbmSnapshot }) {
  const a = snapshot.accuracy;
  const rows: Array<[string, string, number | null]> = [
    ['Original model', 'a linear head on the frozen embedding', a.original],
    ['PCBM', `a sparse head on ${snapshot.conceptNames.length} concept scores`, a.pcbm],
    ['PCBM-h', 'the PCBM plus a residual on the embedding', a.pcbmH],
  ];
  return (
    <div className="results-table-wrap">
      <table className="results-table">
        <caption>Test accuracy (4 classes)</caption>
        <tbody>
          {rows.map(([name, what, acc]) => (
            <tr key={name} data-status={acc === null ? 'waiting' : 'done'}>
              <th scope="row">
                <strong>{name}</strong>: {what}
              </th>
              <td>{pct(acc)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {snapshot.residual ? (
        <p className="demo-scores">
          The residual changes {pct(snapshot.residual.changed)} of the PCBM’s test predictions: it fixes {pct(snapshot.residual.fixed)} and breaks{' '}
          {pct(snapshot.residual.broken)}. On those inputs the decision is not explained by the concepts.
        </p>
      ) : null}
    </div>
  );
}

function CavQuality({ snapshot }: { snapshot: PosthocCbmSnapshot }) {
  if (!snapshot.cavAuc) return null;
  return (
    <div className="results-table-wrap">
      <table className="results-table">
        <caption>Concept vectors, learned on the bank, read on the task’s images</caption>
        <thead>
          <tr>
            <th scope="col">Concept</th>
            <th scope="col">AUC</th>
          </tr>
        </thead>
        <tbody>
          {snapshot.cavAuc.map((v, c) => (
            <tr key={snapshot.conceptNames[c]}>
              <th scope="row">{snapshot.conceptNames[c]}</th>
              <td>{v.toFixed(3)}</td>
            </tr>
          ))}
          <tr>
            <th scope="row">{snapshot.missing === 'none' ? '(none missing)' : `${snapshot.missing} (not in the bank)`}</th>
            <td>—</td>
          </tr>
        </tbody>
      </table>
    </div>
  );
}

function HeadWeights({ head }: { head: ConceptHead }) {
  const C = head.conceptNames.length;
  const values = head.classNames.map((_, k) => head.weights.slice(k * C, (k + 1) * C));
  const tops = topWeights(head, 3);
  const nonZero = head.weights.filter((w) => w !== 0).length;
  return (
    <div>
      <Heatmap values={values} rowLabels={head.classNames} colLabels={head.conceptNames} title="The sparse head’s weights (class × concept)" cellSize={38} />
      <p className="demo-scores">
        Orange pushes towards the class, blue away; .00 is exactly zero. {nonZero} of {head.weights.length} weights are non-zero. Largest per class:
      </p>
      <ul className="demo-scores">
        {tops.map((list, k) => (
          <li key={head.classNames[k]}>
            <strong>{head.classNames[k]}</strong>: {list.length ? list.map((w) => `${w.concept} ${signed(w.weight)}`).join(', ') : 'no concept'}
          </li>
        ))}
      </ul>
    </div>
  );
}

const SCALE_STEPS = [0, 0.5, 1, 1.5, 2];

function Editor({ head, test }: { head: ConceptHead; test: ConceptTestSet }) {
  const C = head.conceptNames.length;
  const [scale, setScale] = useState<number[]>(() => new Array<number>(C).fill(1));
  const [hybrid, setHybrid] = useState(false);
  const original = useMemo(() => editedAccuracy(head, test, new Array<number>(C).fill(1), hybrid), [head, test, C, hybrid]);
  const edited = useMemo(() => editedAccuracy(head, test, scale, hybrid), [head, test, scale, hybrid]);
  const changed = scale.some((s) => s !== 1);
  return (
    <div className="intervene">
      <p className="panel-title">Edit the model: scale a concept’s weights in the head (0 deletes it)</p>
      <p className="intervene-help">
        A global edit changes the model for every input, with no retraining: the page re-scores the {test.labels.length} test images with the edited head.
      </p>
      <div className="intervene-body">
        <ul className="concept-toggles" aria-label="Concept weights">
          {head.conceptNames.map((name, c) => (
            <li key={name} style={{ display: 'flex', alignItems: 'center', gap: '0.5rem', flexWrap: 'wrap' }}>
              <span className="concept-name" style={{ minWidth: '4.5rem' }}>{name}</span>
              <span role="group" aria-label={`Scale of ${name}`} className="intervene-pick" style={{ display: 'inline-flex', gap: '0.2rem', marginTop: 0 }}>
                {SCALE_STEPS.map((s) => (
                  <button
                    key={s}
                    type="button"
                    className="demo-button demo-small"
                    aria-pressed={scale[c] === s}
                    aria-label={`${name} × ${s}`}
                    onClick={() => setScale((old) => old.map((v, j) => (j === c ? s : v)))}
                  >
                    ×{s}
                  </button>
                ))}
              </span>
            </li>
          ))}
        </ul>
        <div className="results-table-wrap" style={{ flex: '1 1 16rem' }}>
          <table className="results-table" data-edited={changed ? 'true' : 'false'}>
            <caption>{hybrid ? 'PCBM-h' : 'PCBM'} test accuracy, before and after the edit</caption>
            <thead>
              <tr>
                <th scope="col">Class</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {head.classNames.map((name, k) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>{pct(original.perClass[k])}</td>
                  <td>{pct(edited.perClass[k])}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">
                  <strong>all</strong>
                </th>
                <td>{pct(original.overall)}</td>
                <td data-testid="edited-accuracy">
                  <strong>{pct(edited.overall)}</strong>
                </td>
              </tr>
            </tbody>
          </table>
          <p className="demo-controls">
            <label style={{ display: 'inline-flex', gap: '0.3rem', alignItems: 'center' }}>
              <input type="checkbox" checked={hybrid} onChange={(e) => setHybrid(e.target.checked)} /> with the residual (PCBM-h)
            </label>
            <button type="button" className="demo-button demo-small" disabled={!changed} onClick={() => setScale(new Array<number>(C).fill(1))}>
              Undo edits
            </button>
          </p>
        </div>
      </div>
    </div>
  );
}

function Panels({ snapshot }: { snapshot: PosthocCbmSnapshot | null }) {
  if (!snapshot) {
    return (
      <p className="demo-empty">
        Press Run: a backbone learns to answer other questions about small shape images, then is frozen and explained with concept vectors borrowed from a separate
        concept-labelled set.
      </p>
    );
  }
  const steps = snapshot.lossHistory.map((_, i) => (i + 1) * 50);
  return (
    <div className="demo-stack">
      <p className="demo-rule">
        <strong>The task’s rule:</strong> {snapshot.labelRule}
        {snapshot.missing !== 'none' ? ` The concept bank has no vector for “${snapshot.missing}”.` : ''}
      </p>
      <div className="demo-panels">
        <div style={{ minWidth: 0 }}>
          <p className="panel-title">Backbone training (its own task, not this one)</p>
          <LineChart
            series={[{ name: 'loss on the 8 other questions', x: steps, y: snapshot.lossHistory, color: 0 }]}
            xLabel="step"
            yLabel="binary cross-entropy"
            height={160}
            ariaLabel="The backbone's training loss on its own yes/no questions, falling as it trains."
          />
        </div>
        <div style={{ minWidth: 0 }}>
          <CavQuality snapshot={snapshot} />
        </div>
      </div>
      <Accuracies snapshot={snapshot} />
      {snapshot.head ? <HeadWeights head={snapshot.head} /> : null}
      {snapshot.head && snapshot.test ? <Editor head={snapshot.head} test={snapshot.test} /> : null}
    </div>
  );
}

export default function PosthocCbmDemo() {
  return (
    <DemoShell<PosthocCbmSnapshot>
      experiment={posthocCbmManifest}
      caption="A post-hoc concept bottleneck on 16×16 shape images: a frozen backbone trained for another task, concept vectors from a separate concept-labelled set, a sparse head on the concept scores (PCBM) and a residual on the embedding (PCBM-h). After the run, edit the head and watch the class accuracies."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
