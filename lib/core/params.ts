/**
 * Declarative parameter tables. One table per experiment drives the demo's form, the URL
 * state and the CLI's --set flags, so the three can never disagree (the TensorFlow
 * Playground idea, without its globals).
 */
export type ParamSpec =
  | {
      kind: 'int' | 'number';
      label: string;
      default: number;
      min: number;
      max: number;
      step?: number;
      help?: string;
    }
  | { kind: 'enum'; label: string; default: string; options: readonly string[]; help?: string }
  | { kind: 'boolean'; label: string; default: boolean; help?: string }
  | {
      /**
       * A short text whose whole value must match `pattern` (e.g. a painted mask as hex
       * digits). `format` says in words what the pattern accepts, for notices and --help.
       * Kept short by `maxLength`, because it travels in the URL.
       */
      kind: 'string';
      label: string;
      default: string;
      pattern: RegExp;
      format: string;
      maxLength: number;
      help?: string;
    };

export type ParamTable = Record<string, ParamSpec>;

/** The typed values of a parameter table. */
export type ParamValues<T extends ParamTable> = {
  [K in keyof T]: T[K] extends { kind: 'enum' | 'string' } ? string : T[K] extends { kind: 'boolean' } ? boolean : number;
};

export const SEED_MIN = 0;
export const SEED_MAX = 2_147_483_647;

export function defaultParams<T extends ParamTable>(table: T): ParamValues<T> {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(table)) out[key] = spec.default;
  return out as ParamValues<T>;
}

/** A value that was changed while parsing, and why: shown to the reader, printed by the CLI. */
export interface ParamNotice {
  key: string;
  message: string;
}

export interface ParsedParams<T extends ParamTable> {
  values: ParamValues<T>;
  notices: ParamNotice[];
  /** Keys present in the input that the table does not know. */
  unknown: string[];
}

function describeRange(spec: ParamSpec): string {
  if (spec.kind === 'enum') return `one of ${spec.options.join(', ')}`;
  if (spec.kind === 'boolean') return 'true or false';
  if (spec.kind === 'string') return spec.format;
  return `${spec.kind === 'int' ? 'an integer' : 'a number'} from ${spec.min} to ${spec.max}`;
}

/**
 * Parse one raw string against its spec. Out-of-range numbers are clamped, malformed
 * values reset to the default; either way a notice says what happened.
 */
/**
 * A value as messages echo it: at most 40 characters, so an 8 KB URL parameter cannot fill the
 * page (or the terminal) with itself.
 */
export function shown(raw: string): string {
  const oneLine = raw.replace(/\s+/g, ' ');
  return oneLine.length > 40 ? `${oneLine.slice(0, 40)}…` : oneLine;
}

export function parseParamValue(
  key: string,
  spec: ParamSpec,
  raw: string,
): { value: number | string | boolean; notice?: ParamNotice } {
  const reset = (why: string) => ({
    value: spec.default,
    notice: { key, message: `${spec.label} (${key}): ${why}; expected ${describeRange(spec)}, using the default ${String(spec.default)}.` },
  });
  const text = raw.trim();
  if (spec.kind === 'boolean') {
    if (/^(true|1|yes|on)$/i.test(text)) return { value: true };
    if (/^(false|0|no|off)$/i.test(text)) return { value: false };
    return reset(`"${shown(raw)}" is not a yes/no value`);
  }
  if (spec.kind === 'enum') {
    const match = spec.options.find((o) => o.toLowerCase() === text.toLowerCase());
    return match !== undefined ? { value: match } : reset(`"${shown(raw)}" is not a known option`);
  }
  if (spec.kind === 'string') {
    if (text.length > spec.maxLength) return reset(`"${shown(raw)}" is longer than ${spec.maxLength} characters`);
    // Anchored here so a pattern written without ^...$ cannot accept a value with extra text around it.
    const whole = new RegExp(`^(?:${spec.pattern.source})$`, spec.pattern.flags.replace(/[gy]/g, ''));
    return whole.test(text) ? { value: text } : reset(`"${shown(raw)}" is not in the expected format`);
  }
  const num = text === '' ? NaN : Number(text);
  if (!Number.isFinite(num)) return reset(`"${shown(raw)}" is not a number`);
  let value = spec.kind === 'int' ? Math.round(num) : num;
  if (value < spec.min || value > spec.max) {
    const clamped = Math.min(spec.max, Math.max(spec.min, value));
    return {
      value: clamped,
      notice: { key, message: `${spec.label} (${key}): ${shown(raw)} is out of range ${spec.min}–${spec.max}; using ${clamped}.` },
    };
  }
  if (spec.kind === 'int' && value !== num) {
    return { value, notice: { key, message: `${spec.label} (${key}): ${shown(raw)} is not a whole number; using ${value}.` } };
  }
  return { value };
}

/** Parse raw strings (URL query, CLI --set) into complete, valid parameter values. */
export function parseParams<T extends ParamTable>(table: T, raw: Record<string, string | undefined>): ParsedParams<T> {
  const values = defaultParams(table) as Record<string, unknown>;
  const notices: ParamNotice[] = [];
  const unknown: string[] = [];
  for (const [key, text] of Object.entries(raw)) {
    if (text === undefined) continue;
    // Own keys only: "constructor", "toString" or "__proto__" are not parameters of any table.
    const spec = Object.hasOwn(table, key) ? table[key] : undefined;
    if (!spec) {
      unknown.push(key);
      continue;
    }
    const parsed = parseParamValue(key, spec, text);
    values[key] = parsed.value;
    if (parsed.notice) notices.push(parsed.notice);
  }
  return { values: values as ParamValues<T>, notices, unknown };
}

/** Parse a seed: integers in [SEED_MIN, SEED_MAX]; anything else falls back with a notice. */
export function parseSeed(raw: string | undefined, fallback: number): { seed: number; notice?: ParamNotice } {
  if (raw === undefined) return { seed: fallback };
  const spec: ParamSpec = { kind: 'int', label: 'Seed', default: fallback, min: SEED_MIN, max: SEED_MAX };
  const parsed = parseParamValue('seed', spec, raw);
  return { seed: parsed.value as number, notice: parsed.notice };
}
