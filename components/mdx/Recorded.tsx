/**
 * A number a note quotes from an experiment's calibration record, rendered at build time as
 * plain text (no JavaScript needed):
 *   <Recorded experiment="cbm" metric="independent.accuracy" />           0.78 (range 0.74–0.84)
 *   <Recorded experiment="cbm" metric="independent.accuracy" show="median" />
 *   <Recorded experiment="cbm" show="rate" />                             19 of 20
 * The checker validates the same props with the same function (lib/calibration/quote.ts).
 */
import { quote } from '@/lib/calibration/quote';
import { recordFor } from './recorded-data';

export interface RecordedProps {
  experiment: string;
  metric?: string;
  show?: string;
  seed?: string;
  check?: string;
  digits?: string;
}

export function Recorded({ experiment, ...request }: RecordedProps) {
  const record = recordFor(experiment);
  const q = record ? quote(record, request) : { ok: false as const, problem: `no calibration record for "${experiment}"` };
  if (!q.ok) return <span className="recorded recorded-missing">[{q.problem}]</span>;
  return (
    <span className="recorded" title={q.title} data-recorded={experiment}>
      {q.text}
    </span>
  );
}
