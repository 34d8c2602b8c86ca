/**
 * A results table that fills in as models finish: one row per model with its status,
 * task accuracy, concept accuracy and accuracy with every concept corrected.
 */
import type { ConceptModelRow } from '@/lib/experiments/families/concept-run';

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

export function ResultsTable({ rows, caption }: { rows: ConceptModelRow[]; caption: string }) {
  return (
    <div className="results-table-wrap">
      <table className="results-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">Task acc.</th>
            <th scope="col">Concept acc.</th>
            <th scope="col">All concepts fixed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} data-status={r.status}>
              <th scope="row">
                {r.label}
                {r.status !== 'done' ? <span className="row-status"> · {r.status}</span> : null}
              </th>
              <td>{pct(r.taskAccuracy)}</td>
              <td>{pct(r.conceptAccuracy)}</td>
              <td>{pct(r.intervenedAccuracy)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
