'use client';
/** The CEM demo: results table, intervention curves (CEM + RandInt rising, hybrid flat), sample images, training losses. */
import { cemManifest } from '@/lib/experiments/cem/manifest';
import type { CemSnapshot } from '@/lib/experiments/cem/experiment';
import { DemoShell } from '@/components/demo/DemoShell';
import { ResultsTable } from '@/components/charts/ResultsTable';
import { InterventionChart } from '@/components/families/concept/InterventionChart';
import { ImageGrid } from '@/components/charts/ImageGrid';
import { TrainingCurves } from '@/components/families/concept/TrainingCurves';

function Panels({ snapshot }: { snapshot: CemSnapshot | null }) {
  if (!snapshot) {
    return <p className="demo-empty">Press Run: a black box, three kinds of CBM and a concept embedding model train on shape images, but two of the concepts the label needs are never labelled.</p>;
  }
  const blackBox = snapshot.rows.find((r) => r.id === 'black-box');
  return (
    <div className="demo-stack">
      <p className="demo-rule">
        <strong>Labelled concepts:</strong> {snapshot.labelledConcepts.join(', ')}. <strong>Never labelled:</strong> {snapshot.unlabelledConcepts.join(', ')}. <strong>The rule:</strong> {snapshot.labelRule}
      </p>
      {snapshot.samples.length > 0 ? (
        <ImageGrid images={[snapshot.samples.map((s) => s.image)]} width={snapshot.samples[0].side} height={snapshot.samples[0].side} scale={4} label="Sample test images from the dataset" />
      ) : null}
      <div className="demo-panels">
        <ResultsTable rows={snapshot.rows} caption="Models (task accuracy without and with interventions)" />
        <InterventionChart rows={snapshot.rows.filter((r) => r.id !== 'black-box')} reference={blackBox} title="Interventions on the labelled concepts" />
      </div>
      <TrainingCurves curves={snapshot.curves} />
    </div>
  );
}

export default function CemDemo() {
  return (
    <DemoShell<CemSnapshot>
      experiment={cemManifest}
      caption="Concept embedding models under incomplete concepts. The verdict checks that the CEM stays close to the black box in accuracy while, unlike the hybrid CBM, still responding to interventions."
    >
      {({ snapshot }) => <Panels snapshot={snapshot} />}
    </DemoShell>
  );
}
