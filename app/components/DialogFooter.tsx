/**
 * The foot of a dialog whose actions report what they did (Share, Export figure): the action buttons,
 * Close, and one status line that screen readers announce ("Copied the link.", "Saved inspector.svg.").
 */
import type { ReactNode } from 'react';

export function DialogFooter({
  children,
  status,
  onClose,
}: {
  /** The dialog's own action buttons, before Close. */
  children: ReactNode;
  status: string;
  onClose: () => void;
}) {
  return (
    <>
      <div className="buttons">
        {children}
        <button onClick={onClose}>Close</button>
      </div>
      <p role="status" className="muted">
        {status}
      </p>
    </>
  );
}
