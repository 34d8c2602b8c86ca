'use client';
/**
 * The VAE demo: the ELBO split into reconstruction and KL as it trains, inputs next to their
 * reconstructions, and latent traversals (one row per latent dimension, largest KL first)
 * with each dimension's KL, plus MIG and the FactorVAE score against the true factors.
 */
import { vaeManifest } from '@/lib/experiments/vae/manifest';
import type { VaeSnapshot } from '@/lib/experiments/vae/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { LineChart } from '@/components/charts/LineChart';
import { ImageGrid } from '@/components/charts/ImageGrid';

const PIXELS_PER_IMAGE = (side: number) => side * side;

function split(images: Float32Array, count: number, side: number): Float32Array[] {
  const n = PIXELS_PER_IMAGE(side);
  return Array.from({ length: count }, (_, i) => images.subarray(i * n, (i + 1) * n));
}

function Panels({ snapshot }: { snapshot: VaeSnapshot | null }) {
  if (!snapshot) return <p className="demo-empty">Press Run: a small VAE learns to compress 16×16 shape images into a few numbers. Traversals show what each number controls.</p>;
  const { side, curve, view } = snapshot;
  const steps = curve.map((c) => c.step);
  const samples = split(snapshot.dataset.images, snapshot.dataset.count, side);
  const t = view?.traversal;
  const T = t?.values.length ?? 0;
  const traversalRows = t ? t.order.map((j) => split(t.images.subarray(j * T * PIXELS_PER_IMAGE(side), (j + 1) * T * PIXELS_PER_IMAGE(side)), T, side)) : [];
  return (
    <div className="demo-stack">
      <div>
        <p className="panel-title">The data: sample images (shape, scale, x and y are the true factors)</p>
        <ImageGrid images={[samples.slice(0, 16)]} width={side} height={side} scale={3} label="Sixteen sample images from the procedurally drawn dataset" />
      </div>
      <div className="demo-panels">
        <div>
          <p className="panel-title">−ELBO = reconstruction + KL (nats per image)</p>
          <LineChart
            series={[
              { name: 'reconstruction', x: steps, y: curve.map((c) => c.reconstruction), color: 0 },
              { name: 'KL', x: steps, y: curve.map((c) => c.kl), color: 1 },
              { name: '−ELBO', x: steps, y: curve.map((c) => c.negElbo), color: 2, dashed: true },
              { name: 'mean-image baseline', x: steps.length ? [steps[0], steps[steps.length - 1]] : [], y: [snapshot.baselineNll, snapshot.baselineNll], color: 5, dashed: true },
            ]}
            xLabel="step"
            yLabel="nats"
            ariaLabel="Reconstruction loss, KL and negative ELBO over training steps, with the mean-image baseline."
          />
        </div>
        {view ? (
          <div>
            <p className="panel-title">Inputs (top) and reconstructions from the mean code (bottom), step {view.step}</p>
            <ImageGrid images={[split(view.inputs, view.examples, side), split(view.reconstructions, view.examples, side)]} width={side} height={side} scale={3} rowLabels={['input', 'output']} label="Eight input images and the VAE's reconstructions of them" />
            <p className="demo-scores">
              MIG <strong>{view.scores.mig.toFixed(3)}</strong> · FactorVAE score <strong>{view.scores.factorVae.toFixed(3)}</strong> (1 = perfectly disentangled)
            </p>
          </div>
        ) : null}
      </div>
      {t ? (
        <div>
          <p className="panel-title">Latent traversals: each row sweeps one dimension from −2.5 to 2.5 (others at an image’s mean code); rows sorted by their KL in nats, “off” = inactive</p>
          <ImageGrid
            images={traversalRows}
            width={side}
            height={side}
            scale={3}
            rowLabels={t.order.map((j) => `z${j + 1}  ${t.klPerDim[j].toFixed(2)}${t.activeDims[j] ? '' : ' off'}`)}
            label={`Latent traversals; ${t.activeDims.filter(Boolean).length} of ${t.activeDims.length} dimensions are active`}
          />
        </div>
      ) : null}
    </div>
  );
}

export default function VaeDemo() {
  return (
    <DemoShell<VaeSnapshot>
      experiment={vaeManifest}
      caption="A β-VAE with an MLP encoder and decoder on 16×16 images. Raise β and watch the KL term switch latent dimensions off. The verdict checks that the code reconstructs far better than the mean image while using only some of its dimensions."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
