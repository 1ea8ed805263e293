import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';

/**
 * What every modal dialog of the workbench does with the keyboard: it takes the focus when it opens
 * (so Escape and Tab act on it, not on the editor behind it), Escape closes it, and the focus goes
 * back to whatever had it before (the link or button that opened it) when it closes.
 */
export function useDialogFocus<T extends HTMLElement>(onClose: () => void): { ref: RefObject<T | null>; onKeyDown: (event: KeyboardEvent) => void } {
  const ref = useRef<T | null>(null);
  // Read while rendering, before an autoFocus field inside the dialog takes the focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(() => {
    const dialog = ref.current;
    const initial = () => dialog?.querySelector<HTMLElement>('[autofocus], [data-initial-focus]') ?? dialog;
    if (dialog && !dialog.contains(document.activeElement)) initial()?.focus();
    // A modal keeps the focus while it is open: a pane behind it that finishes loading and focuses
    // itself (the terminal does) would otherwise take the keys typed into the dialog. The focus goes
    // back to where it was inside the dialog (React's autoFocus leaves no attribute to find it by).
    // A dialog opened over this one keeps its own focus.
    let lastInside = document.activeElement instanceof HTMLElement && dialog?.contains(document.activeElement) ? document.activeElement : null;
    const keepFocus = (event: FocusEvent) => {
      const target = event.target;
      if (!dialog || !(target instanceof HTMLElement)) return;
      if (dialog.contains(target)) {
        lastInside = target;
        return;
      }
      if (target.closest('[aria-modal="true"]')) return;
      (lastInside?.isConnected ? lastInside : initial())?.focus();
    };
    document.addEventListener('focusin', keepFocus);
    return () => {
      document.removeEventListener('focusin', keepFocus);
      // Only when the opener is still on the page: a pane that went away cannot take the focus.
      if (opener?.isConnected) opener.focus();
    };
  }, [opener]);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    // One Escape closes one dialog, the innermost.
    event.stopPropagation();
    event.preventDefault();
    onClose();
  };
  return { ref, onKeyDown };
}
