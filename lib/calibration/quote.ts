/**
 * Turns a record into the text a note quotes: a median, a range, one seed's value, how often
 * the claim (or one of its checks) held. The note component renders it at build time; the note
 * checker calls the same function, so a quote the page could not render is reported with its
 * position instead.
 */
import { fixed } from '../core/format';
import type { CalibrationRecord } from './record';
import { checkRates, claimRate, spreadOf } from './summary';

export const QUOTE_KINDS = ['median', 'range', 'median-range', 'seed', 'rate', 'check-rate'] as const;
export type QuoteKind = (typeof QUOTE_KINDS)[number];

export interface QuoteRequest {
  metric?: string;
  show?: string;
  seed?: string;
  check?: string;
  digits?: string;
}

export type Quote = { ok: true; text: string; title: string } | { ok: false; problem: string };

function parseDigits(raw: string | undefined): number | undefined {
  if (raw === undefined) return 2;
  return /^[0-6]$/.test(raw) ? Number(raw) : undefined;
}

/** The closest names to `wanted`, for "did you mean" in messages. */
function suggest(wanted: string, names: string[]): string {
  const near = names.filter((n) => n.toLowerCase().includes(wanted.toLowerCase()) || wanted.toLowerCase().includes(n.toLowerCase()));
  const list = (near.length > 0 ? near : names).slice(0, 8);
  return `${near.length > 0 ? 'did you mean' : 'metrics include'} ${list.join(', ')}`;
}

export function quote(record: CalibrationRecord, request: QuoteRequest): Quote {
  const show = (request.show ?? (request.metric ? 'median-range' : 'rate')) as QuoteKind;
  if (!(QUOTE_KINDS as readonly string[]).includes(show)) return { ok: false, problem: `show="${request.show}" is not one of ${QUOTE_KINDS.join(', ')}` };
  const digits = parseDigits(request.digits);
  if (digits === undefined) return { ok: false, problem: `digits="${request.digits}" must be a whole number from 0 to 6` };
  const n = record.seeds.length;
  const over = `over ${n} recorded seeds of ${record.id}`;

  if (show === 'rate') {
    const rate = claimRate(record);
    return { ok: true, text: `${rate.held} of ${rate.total}`, title: `the claim held on ${rate.held} of ${rate.total} recorded seeds of ${record.id}` };
  }
  if (show === 'check-rate') {
    const rates = checkRates(record);
    const found = rates.find((r) => r.name === request.check);
    if (!found) return { ok: false, problem: `check="${request.check ?? ''}" is not a check of ${record.id}; its checks are: ${rates.map((r) => r.name).join('; ')}` };
    return { ok: true, text: `${found.held} of ${found.total}`, title: `"${found.name}" held on ${found.held} of ${found.total} recorded seeds of ${record.id}` };
  }

  if (!request.metric) return { ok: false, problem: `show="${show}" needs metric="..."` };
  const names = Object.keys(record.seeds[0].metrics);
  if (!names.includes(request.metric)) return { ok: false, problem: `metric="${request.metric}" is not recorded for ${record.id}; ${suggest(request.metric, names)}` };
  if (show === 'seed') {
    const seed = Number(request.seed);
    const found = record.seeds.find((s) => s.seed === seed);
    if (!found) return { ok: false, problem: `seed="${request.seed ?? ''}" is not a recorded seed of ${record.id} (recorded: ${record.seeds[0].seed}–${record.seeds[n - 1].seed})` };
    return { ok: true, text: fixed(found.metrics[request.metric], digits), title: `${request.metric} at seed ${seed} (${record.id})` };
  }
  const spread = spreadOf(record, request.metric);
  if (!spread) return { ok: false, problem: `metric="${request.metric}" is not a finite number on every recorded seed of ${record.id}` };
  const med = fixed(spread.median, digits);
  const range = `${fixed(spread.min, digits)}–${fixed(spread.max, digits)}`;
  const title = `${request.metric}: median ${med}, range ${range} ${over}`;
  if (show === 'median') return { ok: true, text: med, title };
  if (show === 'range') return { ok: true, text: range, title };
  return { ok: true, text: `${med} (range ${range})`, title };
}

/** "a, b,c" -> ["a", "b", "c"]: how a note lists metrics and labels in one text prop. */
export function splitList(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter(Boolean);
}

/** What is wrong with a <RecordedTable>'s props, in words ([] when it renders). */
export function tableProblems(record: CalibrationRecord, props: { metrics?: string; labels?: string; digits?: string }): string[] {
  if (!props.metrics) return ['needs metrics="a, b, ..." (recorded metric names)'];
  const problems: string[] = [];
  const keys = splitList(props.metrics);
  for (const key of keys) {
    const q = quote(record, { metric: key, show: 'median', digits: props.digits });
    if (!q.ok) problems.push(q.problem);
  }
  if (props.labels !== undefined && splitList(props.labels).length !== keys.length) {
    problems.push(`labels has ${splitList(props.labels).length} names for ${keys.length} metrics`);
  }
  return problems;
}
