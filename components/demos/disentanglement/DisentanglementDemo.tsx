'use client';
/**
 * The Locatello et al. demo: correlation heat maps of the mean and sampled codes for three
 * objectives with their total correlations, each model's losses as it trains; the rotation study (same ELBO, different MIG);
 * and the opt-in seeds-vs-objective sweep.
 */
import { disentanglementManifest } from '@/lib/experiments/disentanglement/manifest';
import type { DisentanglementSnapshot, ModelReport, SweepReport } from '@/lib/experiments/disentanglement/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { Heatmap } from '@/components/charts/Heatmap';
import { DotPlot } from '@/components/charts/DotPlot';
import { LineChart } from '@/components/charts/LineChart';

function toRows(flat: Float32Array, d: number): number[][] {
  return Array.from({ length: d }, (_, i) => Array.from(flat.subarray(i * d, (i + 1) * d)));
}

function ModelPanel({ model, d }: { model: ModelReport; d: number }) {
  const m = model.measurement;
  const labels = Array.from({ length: d }, (_, i) => `z${i + 1}`);
  const steps = model.curve.map((c) => c.step);
  return (
    <div className="model-panel">
      <p className="panel-title">{model.label}</p>
      {model.curve.length > 0 ? (
        <LineChart
          series={[
            { name: 'reconstruction', x: steps, y: model.curve.map((c) => c.reconstruction), color: 0 },
            { name: 'KL', x: steps, y: model.curve.map((c) => c.kl), color: 1 },
          ]}
          xLabel="step"
          yLabel="nats"
          height={150}
          ariaLabel={`${model.label}: reconstruction loss and KL per image over training.`}
        />
      ) : null}
      {m ? (
        <>
          <div className="heatmap-pair">
            <Heatmap values={toRows(m.corrMean, d)} rowLabels={labels} colLabels={labels} range={[-1, 1]} cellSize={20} showValues={false} title={`means μ(x): TC ${m.tcMean.toFixed(2)}, mean |corr| ${m.absCorrMean.toFixed(2)}`} />
            <Heatmap values={toRows(m.corrSampled, d)} rowLabels={labels} colLabels={labels} range={[-1, 1]} cellSize={20} showValues={false} title={`samples z: TC ${m.tcSampled.toFixed(2)}, mean |corr| ${m.absCorrSampled.toFixed(2)}`} />
          </div>
          <p className="demo-scores">
            ELBO {m.elbo.toFixed(1)} · MIG {m.mig.toFixed(3)} · FactorVAE {m.factorVae.toFixed(2)}
          </p>
        </>
      ) : (
        <p className="demo-empty-small">{model.trained ? 'measuring…' : model.curve.length ? `training… step ${model.curve[model.curve.length - 1].step}` : 'waiting'}</p>
      )}
    </div>
  );
}

function Sweep({ sweep }: { sweep: SweepReport }) {
  const groups = sweep.modelMeans.map((m) => m.label);
  return (
    <div>
      <p className="panel-title">
        Seeds vs objective: MIG of each run ({sweep.runs.length} of {sweep.totalRuns}); η² = {Number.isFinite(sweep.etaSquaredMig) ? sweep.etaSquaredMig.toFixed(2) : '…'} of MIG’s variance is explained by the objective
      </p>
      <DotPlot groups={groups} points={sweep.runs.map((r) => ({ group: r.label, value: r.mig }))} valueLabel="MIG" ariaLabel="MIG of every sweep run, grouped by objective" />
      <p className="demo-caveat">At this scale every MIG is low and there are only a few seeds per objective: read this as weak evidence, not as the paper’s result.</p>
    </div>
  );
}

function Panels({ snapshot, startWith, busy, sweepOn }: { snapshot: DisentanglementSnapshot | null; startWith: (o: Record<string, boolean>) => void; busy: boolean; sweepOn: boolean }) {
  if (!snapshot) return <p className="demo-empty">Press Run: three VAEs train (β = 1, a strong β, DIP-VAE-I), then we compare how correlated their mean and sampled codes are, and rotate a trained latent space.</p>;
  const d = snapshot.latentDim;
  const rotation = snapshot.rotation;
  return (
    <div className="demo-stack">
      <div className="demo-panels demo-panels-3">
        {snapshot.models.map((m) => (
          <ModelPanel key={m.id} model={m} d={d} />
        ))}
      </div>
      {rotation ? (
        <div>
          <p className="panel-title">Rotating the latent space of the β = 1 model: the ELBO does not notice, the disentanglement score does</p>
          <table className="results-table">
            <thead>
              <tr>
                <th scope="col">Latent space</th>
                <th scope="col">ELBO (nats)</th>
                <th scope="col">MIG</th>
              </tr>
            </thead>
            <tbody>
              {rotation.variants.map((v) => (
                <tr key={v.name}>
                  <th scope="row">{v.name}</th>
                  <td>
                    {v.elbo.toFixed(2)}
                    {v.elboStdError > 0 ? ` ± ${v.elboStdError.toFixed(2)}` : ''}
                  </td>
                  <td>{v.mig.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {snapshot.sweep ? (
        <Sweep sweep={snapshot.sweep} />
      ) : !sweepOn ? (
        <p>
          <button type="button" className="demo-button" disabled={busy} onClick={() => startWith({ sweep: true })}>
            Run again with the seeds-vs-objective sweep
          </button>{' '}
          <span className="demo-empty-small">(about a minute: each objective with several seeds)</span>
        </p>
      ) : null}
    </div>
  );
}

export default function DisentanglementDemo() {
  return (
    <DemoShell<DisentanglementSnapshot>
      experiment={disentanglementManifest}
      caption="Locatello et al.’s §5.1 at toy scale: correlation matrices of the mean and sampled codes for three objectives, then a rotation of the latent space. The verdict checks each sub-claim from this run’s numbers."
    >
      {({ snapshot, startWith, busy, params }) => <Panels snapshot={snapshot} startWith={startWith} busy={busy} sweepOn={Boolean(params.sweep)} />}
    </DemoShell>
  );
}
