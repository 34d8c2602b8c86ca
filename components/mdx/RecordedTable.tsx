/**
 * A small table of recorded numbers: for each metric, its median and range over an experiment's
 * recorded seeds, with how often the claim held. Rendered at build time.
 *   <RecordedTable experiment="cbm" metrics="independent.accuracy, joint.accuracy" labels="Independent, Joint" />
 */
import { fixed } from '@/lib/core/format';
import { claimRate, spreadOf } from '@/lib/calibration/summary';
import { splitList } from '@/lib/calibration/quote';
import { recordFor } from './recorded-data';

export interface RecordedTableProps {
  experiment: string;
  metrics: string;
  labels?: string;
  digits?: string;
  caption?: string;
}

export function RecordedTable({ experiment, metrics, labels, digits = '2', caption }: RecordedTableProps) {
  const record = recordFor(experiment);
  if (!record) return <p className="recorded-missing">[no calibration record for “{experiment}”]</p>;
  const keys = splitList(metrics);
  const names = labels ? splitList(labels) : keys;
  const d = Number(digits);
  const rate = claimRate(record);
  const seeds = record.seeds.map((s) => s.seed);
  return (
    <figure className="recorded-table" data-recorded={experiment}>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <th scope="col">median</th>
            <th scope="col">range</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key, i) => {
            const s = spreadOf(record, key);
            return (
              <tr key={key}>
                <th scope="row">{names[i] ?? key}</th>
                <td>{s ? fixed(s.median, d) : '—'}</td>
                <td>{s ? `${fixed(s.min, d)}–${fixed(s.max, d)}` : '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <figcaption>
        {caption ? `${caption} ` : ''}Over {rate.total} recorded seeds ({Math.min(...seeds)}–{Math.max(...seeds)}) of the demo at its default settings; the claim held on {rate.held} of {rate.total}.
      </figcaption>
    </figure>
  );
}
