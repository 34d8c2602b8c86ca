'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * Copies the text of another element (by id) to the clipboard and says so. It appears only
 * once JavaScript runs (without it the text is plain, selectable text); if the clipboard is
 * refused, the text is selected instead so the reader can copy it themselves.
 */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState('');
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => {
    setReady(true);
    return () => window.clearTimeout(timer.current);
  }, []);

  const say = (message: string) => {
    setStatus(message);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setStatus(''), 4000);
  };

  const copy = async () => {
    const target = document.getElementById(targetId);
    if (!target) return;
    try {
      await navigator.clipboard.writeText(target.textContent ?? '');
      say('Copied');
    } catch {
      window.getSelection()?.selectAllChildren(target);
      say('Selected: press Ctrl+C (⌘C) to copy');
    }
  };

  return (
    <span className="copy-control">
      <span className="copy-status" role="status" id={`${targetId}-status`}>
        {status}
      </span>
      <button type="button" className="copy-button" hidden={!ready} onClick={copy} aria-describedby={`${targetId}-status`}>
        {label}
      </button>
    </span>
  );
}
