'use client';
import { memo, useEffect, useId, useState } from 'react';
import { parseParamValue, type ParamSpec, type ParamTable } from '@/lib/core/params';
import type { ParamRecord } from './useDemoParams';

/**
 * The settings form, generated from the experiment's parameter table. Memoised: its props do
 * not change while a demo trains, so the progress frames that re-render the shell skip it.
 */
export const ParamForm = memo(function ParamForm({ table, values, disabled, onChange }: { table: ParamTable; values: ParamRecord; disabled: boolean; onChange: (key: string, value: string | number | boolean) => void }) {
  return (
    <div className="param-grid">
      {Object.entries(table).map(([key, spec]) => (
        <ParamField key={key} name={key} spec={spec} value={values[key]} disabled={disabled} onChange={(v) => onChange(key, v)} />
      ))}
    </div>
  );
});

function ParamField({ name, spec, value, disabled, onChange }: { name: string; spec: ParamSpec; value: string | number | boolean; disabled: boolean; onChange: (v: string | number | boolean) => void }) {
  const id = useId();
  const helpId = `${id}-help`;
  const [draft, setDraft] = useState(String(value));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDraft(String(value)), [value]);

  const help = spec.help ? (
    <span id={helpId} className="param-help">
      {spec.help}
    </span>
  ) : null;

  if (spec.kind === 'boolean') {
    return (
      <div className="param-field param-check">
        <input id={id} type="checkbox" checked={Boolean(value)} disabled={disabled} aria-describedby={spec.help ? helpId : undefined} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={id}>{spec.label}</label>
        {help}
      </div>
    );
  }
  if (spec.kind === 'enum') {
    return (
      <div className="param-field">
        <label htmlFor={id}>{spec.label}</label>
        <select id={id} value={String(value)} disabled={disabled} aria-describedby={spec.help ? helpId : undefined} onChange={(e) => onChange(e.target.value)}>
          {spec.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {help}
      </div>
    );
  }
  // Numbers and strings: typed freely, validated on commit (blur / Enter), with a visible message.
  const commit = () => {
    const parsed = parseParamValue(name, spec, draft);
    setMessage(parsed.notice ? parsed.notice.message : null);
    setDraft(String(parsed.value));
    if (parsed.value !== value) onChange(parsed.value);
  };
  // Strings and numbers share one text input: numbers too, because type="number" would hand over ""
  // for 1e309 or "1e", hiding what was typed.
  const isString = spec.kind === 'string';
  return (
    <div className="param-field">
      <label htmlFor={id}>
        {spec.label}
        {isString ? null : (
          <>
            {' '}
            <span className="param-range">
              ({spec.min}–{spec.max})
            </span>
          </>
        )}
      </label>
      <input
        id={id}
        type="text"
        inputMode={isString ? undefined : spec.kind === 'int' ? 'numeric' : 'decimal'}
        autoComplete="off"
        spellCheck={false}
        maxLength={isString ? spec.maxLength : 24}
        value={draft}
        disabled={disabled}
        aria-describedby={[spec.help ? helpId : '', message ? `${id}-msg` : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={message ? true : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {message ? (
        <span id={`${id}-msg`} className="param-message" role="status">
          {message}
        </span>
      ) : null}
      {help}
    </div>
  );
}
