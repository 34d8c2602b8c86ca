import { formatDiagnostic, type Diagnostic } from '@/lib/content/diagnostics';

/** Shown by `next dev` in place of a broken note, so the author sees what to fix. */
export function ContentErrors({ slug, diagnostics }: { slug: string; diagnostics: Diagnostic[] }) {
  return (
    <div className="page">
      <h1>This note has problems</h1>
      <p>
        The note <code>{slug}</code> did not pass the content check. Fix these and reload; other notes keep working.
      </p>
      <pre className="content-errors">{diagnostics.map(formatDiagnostic).join('\n')}</pre>
    </div>
  );
}
