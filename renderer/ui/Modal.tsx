import type { ReactNode } from 'react';
import { useDialogFocus } from './useDialogFocus';

interface Props {
  /** `alertdialog` when it asks before something is lost. */
  role?: 'dialog' | 'alertdialog';
  /** Its accessible name, or the id of the heading that names it. */
  label?: string;
  labelledBy?: string;
  describedBy?: string;
  className?: string;
  /** Escape, a click beside it, or the dialog's own Close/Cancel. */
  onClose: () => void;
  children: ReactNode;
}

/**
 * Every modal dialog of the workbench: drawn over a dimmed workbench, it takes the focus when it
 * opens, Escape or a click beside it closes it, and the focus goes back where it was (useDialogFocus).
 */
export function Modal({ role = 'dialog', label, labelledBy, describedBy, className, onClose, children }: Props) {
  const dialog = useDialogFocus<HTMLDivElement>(onClose);
  return (
    <div className="dialog-backdrop" onClick={onClose} onKeyDown={dialog.onKeyDown}>
      <div
        ref={dialog.ref}
        tabIndex={-1}
        className={className ? `dialog ${className}` : 'dialog'}
        role={role}
        aria-modal="true"
        aria-label={label}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        onClick={(event) => event.stopPropagation()}
      >
        {children}
      </div>
    </div>
  );
}
