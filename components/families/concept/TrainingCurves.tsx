'use client';
/**
 * Each model's training loss as it trains: the first thing a concept demo draws, within a
 * second of Run, and the way to see which model is training now (the thick line).
 */
import type { LossCurve } from '@/lib/experiments/families/concept-run';
import { LineChart, type Series } from '../../charts/LineChart';

export function TrainingCurves({ curves }: { curves: LossCurve[] }) {
  const drawn = curves.filter((c) => c.values.length > 0);
  if (drawn.length === 0) return <p className="demo-empty-small">Loss curves appear as the first model trains.</p>;
  const series: Series[] = drawn.map((c, i) => ({
    name: c.name.replace(/^training /, ''),
    x: c.values.map((_, k) => (k + 1) * c.every),
    y: c.values,
    color: i % 6,
    width: i === drawn.length - 1 ? 3 : 1.5,
  }));
  return (
    <div>
      <p className="panel-title">Training loss of each model (the thick line is training now)</p>
      <LineChart series={series} xLabel="training step" yLabel="loss" logY ariaLabel="Training loss against step for each model trained so far; every curve falls as its model learns." />
    </div>
  );
}
