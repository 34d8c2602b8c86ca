'use client';
/**
 * The NTK demo: nets of growing width trained side by side. Panels: each width's fit; how
 * far each width's kernel and weights move from initialisation (log scale); and the widest
 * trained net against kernel regression with its initial kernel.
 */
import { ntkManifest } from '@/lib/experiments/ntk/manifest';
import type { NtkSnapshot } from '@/lib/experiments/ntk/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart, type Series } from '@/components/charts/LineChart';

function Panels({ snapshot }: { snapshot: NtkSnapshot | null }) {
  if (!snapshot) {
    return <p className="demo-empty">Press Run: nets of width 16 to 4096 train on the eight black points, and the panels fill in as they go.</p>;
  }
  const widest = snapshot.widths[snapshot.widths.length - 1];
  const fits: Series[] = snapshot.widths
    .filter((w) => w.fit.length > 0)
    .map((w) => ({ name: `width ${w.width}`, x: snapshot.grid, y: w.fit, color: snapshot.widths.indexOf(w) }));
  const recorded = (values: number[]) => ({ x: snapshot.recordSteps.slice(1, values.length), y: values.slice(1) });
  const kernel: Series[] = snapshot.widths.map((w, i) => ({ name: `width ${w.width}`, ...recorded(w.kernelChange), color: i }));
  const weights: Series[] = snapshot.widths.map((w, i) => ({ name: `width ${w.width}`, ...recorded(w.weightChange), color: i }));
  const versus: Series[] = [
    { name: `trained net, width ${widest.width}`, x: snapshot.grid, y: widest.fit, color: 0, width: 3 },
    ...(widest.linearFit ? [{ name: 'linearised dynamics (fixed K₀)', x: snapshot.grid, y: widest.linearFit, color: 1, dashed: true }] : []),
    { name: 'kernel regression with K₀ (t → ∞)', x: snapshot.grid, y: snapshot.kernelRegression, color: 2, dashed: true },
  ];
  const points = { name: 'training data', x: snapshot.data.x, y: snapshot.data.y };
  return (
    <div className="demo-panels">
      <div>
        <p className="panel-title">The fit of each width</p>
        <LineChart series={fits} points={points} xLabel="x" yLabel="f(x)" yDomain={[-2, 2]} ariaLabel="Each width's network output across x, with the eight training points of sin 3x." />
      </div>
      <div>
        <p className="panel-title">How far the kernel moves: ‖K_t − K₀‖ / ‖K₀‖</p>
        <LineChart series={kernel} xLabel="step" yLabel="relative change" logY ariaLabel="Relative change of the empirical neural tangent kernel over training, one line per width; wider nets stay lower." />
      </div>
      <div>
        <p className="panel-title">How far the weights move: ‖θ_t − θ₀‖ / ‖θ₀‖</p>
        <LineChart series={weights} xLabel="step" yLabel="relative change" logY ariaLabel="Relative change of the weights over training, one line per width; wider nets move less." />
      </div>
      <div>
        <p className="panel-title">Widest net vs. the kernel it started with</p>
        <LineChart series={versus} points={points} xLabel="x" yLabel="f(x)" yDomain={[-2, 2]} ariaLabel="The widest trained network against the linearised dynamics and kernel regression with its initial NTK; the curves nearly coincide." />
      </div>
    </div>
  );
}

export default function NtkDemo() {
  return (
    <DemoShell<NtkSnapshot>
      experiment={ntkManifest}
      caption={
        <>
          One-hidden-layer ReLU nets in the NTK parametrisation, trained by full-batch gradient descent on eight points of sin 3x. The verdict checks that the kernel moves less as width grows and that the widest net ends close to kernel regression with its initial kernel.
        </>
      }
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
