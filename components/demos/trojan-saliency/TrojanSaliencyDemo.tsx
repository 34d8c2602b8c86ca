'use client';
/**
 * The trojan-saliency demo: the reader paints a trigger, retrains, and sees whether each saliency
 * method's map lands on it (trigger mass), against a model-free edge detector, and whether each map
 * changes when the model is replaced by a random one (the sanity check).
 */
import { useEffect, useState } from 'react';
import { DEFAULT_TRIGGER, TRIGGER_SIDE, decodeTrigger, encodeTrigger, trojanSaliencyManifest } from '@/lib/experiments/trojan-saliency/manifest';
import type { MethodRow, TrojanSnapshot } from '@/lib/experiments/trojan-saliency/experiment';
import { DemoShell, type DemoRenderProps } from '@/components/demo/DemoShell';
import { LineChart } from '@/components/charts/LineChart';
import { TriggerPainter } from './TriggerPainter';
import { MapTile } from './MapTile';

/** Two decimals, with a real minus sign. */
const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(2).replace('-', '−') : '–');
const pct = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `${Math.round(100 * v)}%`);

function Painter({ params, startWith, busy }: Pick<DemoRenderProps<TrojanSnapshot>, 'params' | 'startWith' | 'busy'>) {
  const current = String(params.trigger ?? DEFAULT_TRIGGER);
  const [draft, setDraft] = useState(() => decodeTrigger(current));
  // A trigger from the URL or the settings form replaces the drawing.
  useEffect(() => setDraft(decodeTrigger(current)), [current]);
  const code = encodeTrigger(draft);
  const painted = draft.reduce((a, v) => a + v, 0);
  const changed = code !== current.toLowerCase();
  return (
    <div>
      <p className="panel-title">Paint the trigger</p>
      <TriggerPainter side={TRIGGER_SIDE} mask={draft} onChange={setDraft} disabled={busy} />
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4rem', marginTop: '0.4rem' }}>
        <button type="button" className="demo-button demo-primary" disabled={busy || painted === 0} onClick={() => startWith({ trigger: code })}>
          Retrain with this trigger
        </button>
        <button type="button" className="demo-button demo-small" disabled={busy || painted === 0} onClick={() => setDraft(new Array(draft.length).fill(0))}>
          Clear
        </button>
        <button type="button" className="demo-button demo-small" disabled={busy || code === DEFAULT_TRIGGER} onClick={() => setDraft(decodeTrigger(DEFAULT_TRIGGER))}>
          2×2 corner
        </button>
      </div>
      <p className="demo-rule" role="status" style={{ marginTop: '0.3rem' }}>
        {painted === 0
          ? 'Paint at least one pixel.'
          : `${painted} pixel${painted === 1 ? '' : 's'} (${Math.round((100 * painted) / draft.length)}% of the image)` + (changed ? ': not trained yet.' : ': the trigger of the current settings.')}
      </p>
    </div>
  );
}

function Training({ snapshot, poisonRate }: { snapshot: TrojanSnapshot | null; poisonRate: number }) {
  if (!snapshot || snapshot.losses.length === 0) {
    return <p className="demo-empty">Press Run (or Retrain): a small network trains on digits where {Math.round(100 * poisonRate)}% of the images carry the trigger and are relabelled 0; then each saliency method explains its “0” on triggered digits.</p>;
  }
  return (
    <div>
      <p className="panel-title">Training loss on the poisoned digits</p>
      <LineChart series={[{ name: 'loss', x: snapshot.lossSteps, y: snapshot.losses, color: 0 }]} xLabel="step" yLabel="cross-entropy" height={150} ariaLabel="Training loss over the Adam steps." />
      <p className="demo-scores">
        Clean accuracy {pct(snapshot.cleanAccuracy)} · triggered digits 1–9 classified as 0: <strong>{pct(snapshot.attackSuccess)}</strong>
      </p>
    </div>
  );
}

const pressedStyle = (on: boolean) => (on ? { borderColor: 'var(--accent)', color: 'var(--accent)', fontWeight: 700 } : undefined);

function Maps({ snapshot }: { snapshot: TrojanSnapshot }) {
  const [view, setView] = useState<'example' | 'mean'>('example');
  const methods = snapshot.methods!;
  const side = snapshot.side;
  const example = snapshot.example;
  const mapOf = (m: MethodRow, random: boolean) => (view === 'example' ? (random ? m.exampleMapRandom : m.exampleMap) : random ? m.meanMapRandom : m.meanMap);
  return (
    <div>
      <p className="panel-title">Where each method points (trigger outlined)</p>
      <div role="group" aria-label="Which maps to show" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.4rem', margin: '0.2rem 0 0.5rem' }}>
        <button type="button" className="demo-button demo-small" aria-pressed={view === 'example'} style={pressedStyle(view === 'example')} onClick={() => setView('example')}>
          One triggered digit
        </button>
        <button type="button" className="demo-button demo-small" aria-pressed={view === 'mean'} style={pressedStyle(view === 'mean')} onClick={() => setView('mean')}>
          Average over {snapshot.evalCount} digits
        </button>
      </div>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.6rem 0.8rem', alignItems: 'flex-start' }}>
        {example ? (
          <div style={{ width: 84 }}>
            <MapTile side={side} values={example.image} trigger={snapshot.trigger} max={1.5} color="var(--fg)" label={`A triggered test image of the digit ${example.digit}`} />
            <p className="demo-rule" style={{ fontSize: '0.75rem' }}>
              Input: digit {example.digit}
            </p>
          </div>
        ) : null}
        {methods.map((m) => (
          <div key={m.id} style={{ width: 84 }} data-method={m.id}>
            <MapTile side={side} values={mapOf(m, false)} trigger={snapshot.trigger} label={`${m.label}, trained model${view === 'mean' ? `: ${fmt(m.triggerMass)} of its mass on the trigger on average` : ''}`} />
            <MapTile side={side} values={mapOf(m, true)} trigger={snapshot.trigger} label={`${m.label}, random model`} color="var(--fig-muted)" />
            <p className="demo-rule" style={{ fontSize: '0.75rem', lineHeight: 1.25 }}>
              {m.label}
            </p>
          </div>
        ))}
      </div>
      <p className="demo-rule" style={{ fontSize: '0.8rem' }}>
        Top: the trained model. Below, in grey: the same method on a randomly initialised copy. A map that looks the same in both rows is not telling you about the model.
      </p>
    </div>
  );
}

function Scores({ snapshot }: { snapshot: TrojanSnapshot }) {
  const methods = snapshot.methods!;
  return (
    <div className="results-table-wrap">
      <table className="results-table" data-scores="">
        <caption>
          Scored against the known answer, averaged over {snapshot.evalCount} triggered digits. A uniform map would put {fmt(snapshot.areaShare)} on the trigger; ✓ marks a method that beats the edge map.
        </caption>
        <thead>
          <tr>
            <th scope="col">Method</th>
            <th scope="col">On trigger</th>
            <th scope="col">vs edge map</th>
            <th scope="col">ρ vs random</th>
          </tr>
        </thead>
        <tbody>
          {methods.map((m) => (
            <tr key={m.id} data-method={m.id}>
              <th scope="row">{m.label}</th>
              <td>{fmt(m.triggerMass)}</td>
              <td style={{ whiteSpace: 'nowrap' }}>
                {m.id === 'edge' ? (
                  '–'
                ) : (
                  <>
                    {`${m.marginOverEdge >= 0 ? '+' : '−'}${fmt(Math.abs(m.marginOverEdge))} `}
                    <span aria-hidden="true">{m.beatsBaseline ? '✓' : '✗'}</span>
                    <span className="visually-hidden">{m.beatsBaseline ? 'beats the baseline' : 'does not beat the baseline'}</span>
                  </>
                )}
              </td>
              <td>{fmt(m.rankCorrelation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Panels(props: DemoRenderProps<TrojanSnapshot>) {
  const { snapshot } = props;
  return (
    <div className="demo-stack">
      <div className="demo-panels">
        <Painter params={props.params} startWith={props.startWith} busy={props.busy} />
        <Training snapshot={snapshot} poisonRate={Number(props.params.poisonRate)} />
      </div>
      {snapshot?.methods ? (
        <>
          <Maps snapshot={snapshot} />
          <Scores snapshot={snapshot} />
        </>
      ) : null}
    </div>
  );
}

export default function TrojanSaliencyDemo() {
  return (
    <DemoShell<TrojanSnapshot>
      experiment={trojanSaliencyManifest}
      caption={
        <>
          8×8 digits, a 64-64-10 network, and a trojan planted by poisoning, so the reason for the model’s “0” on a triggered digit is known. Mass on trigger: the share of each map’s absolute attribution on the trigger pixels, averaged over 48 triggered digits. ρ: Spearman rank correlation between the maps of the trained and a randomly initialised model.
        </>
      }
    >
      {(props) => <Panels {...props} />}
    </DemoShell>
  );
}
