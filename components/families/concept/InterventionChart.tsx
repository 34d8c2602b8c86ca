'use client';
/** Task accuracy against the number of concepts set to their true values, one line per model. */
import type { ConceptModelRow } from '@/lib/experiments/families/concept-run';
import { LineChart, type Series } from '../../charts/LineChart';

export function InterventionChart({ rows, title, reference }: { rows: ConceptModelRow[]; title: string; reference?: ConceptModelRow }) {
  const curves = rows.filter((r) => r.interventionCurve && r.interventionCurve.length > 0);
  const maxK = Math.max(0, ...curves.map((r) => r.interventionCurve!.length - 1));
  const series: Series[] = curves.map((r, i) => ({ name: r.label, x: r.interventionCurve!.map((_, k) => k), y: r.interventionCurve!, color: i % 5 }));
  if (reference?.taskAccuracy != null && maxK > 0) {
    series.push({ name: `${reference.label}`, x: [0, maxK], y: [reference.taskAccuracy, reference.taskAccuracy], color: 5, dashed: true });
  }
  return (
    <div>
      <p className="panel-title">{title}</p>
      {curves.length === 0 ? (
        <p className="demo-empty-small">Curves appear as each model finishes training.</p>
      ) : (
        <LineChart series={series} xLabel="concepts set to their true value" yLabel="task accuracy" ariaLabel={`${title}: task accuracy as more concepts are corrected, one line per model.`} />
      )}
    </div>
  );
}
