/**
 * A button that copies the text of another element (by id) and says so. Server-rendered and
 * hidden until components/enhance/copy-button.ts wires it up: without JavaScript the text is
 * plain, selectable text and no dead button shows.
 */
export function CopyButton({ targetId, label }: { targetId: string; label: string }) {
  return (
    <span className="copy-control">
      <span className="copy-status" role="status" id={`${targetId}-status`} />
      <button type="button" className="copy-button" hidden data-copy-target={targetId} aria-describedby={`${targetId}-status`}>
        {label}
      </button>
    </span>
  );
}
