'use client';
/**
 * The seed box. Typed freely and applied on Enter or when focus leaves, never per keystroke
 * (so clearing the box on the way to typing a new seed does not silently run seed 0). A value
 * that is not a whole number in range is explained and the previous seed kept, or clamped
 * with a message when it is a number out of range.
 */
import { useEffect, useId, useState, memo } from 'react';
import { SEED_MAX, SEED_MIN, parseSeed } from '@/lib/core/params';

/** Memoised: while a demo trains its props stay put, so progress frames skip it. */
export const SeedField = memo(function SeedField({ seed, disabled, onChange }: { seed: number; disabled: boolean; onChange: (seed: number) => void }) {
  const id = useId();
  const [draft, setDraft] = useState(String(seed));
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => setDraft(String(seed)), [seed]);

  const commit = () => {
    const text = draft.trim();
    if (text === String(seed)) return setMessage(null);
    const number = text === '' ? NaN : Number(text);
    if (!Number.isFinite(number)) {
      setMessage(`A seed is a whole number from ${SEED_MIN} to ${SEED_MAX}; kept ${seed}.`);
      setDraft(String(seed));
      return;
    }
    const parsed = parseSeed(text, seed);
    setMessage(parsed.notice ? parsed.notice.message : null);
    setDraft(String(parsed.seed));
    if (parsed.seed !== seed) onChange(parsed.seed);
  };

  return (
    <span className="demo-seed">
      <label htmlFor={id}>Seed</label>{' '}
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        maxLength={12}
        value={draft}
        disabled={disabled}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-msg` : undefined}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      {message ? (
        <span id={`${id}-msg`} className="param-message demo-seed-message" role="status">
          {message}
        </span>
      ) : null}
    </span>
  );
});
