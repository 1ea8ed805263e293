import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { UnsavedChangesDialog } from './UnsavedChangesDialog';

/** Edits an editor holds that are not on disk yet, and how to save them. */
export interface UnsavedWork {
  file: string;
  /** Every file with unsaved edits when there is more than one (`save` saves them all). */
  files?: string[];
  save: () => Promise<boolean>;
}

/**
 * Keeps unsaved edits from being dropped without asking: `confirmLeave` asks (Save / Discard /
 * Cancel) before the workbench replaces the app, and a `beforeunload` prompt guards reloading or
 * closing the tab (or the desktop window, whose shell turns the blocked unload into a native prompt).
 */
export function useUnsavedGuard(promptOnUnload: boolean): {
  setUnsaved: (work: UnsavedWork | null) => void;
  confirmLeave: (action: string) => Promise<boolean>;
  dialog: ReactNode;
} {
  const [unsaved, setUnsaved] = useState<UnsavedWork | null>(null);
  const unsavedRef = useRef(unsaved);
  unsavedRef.current = unsaved;
  const [asking, setAsking] = useState<{ work: UnsavedWork; action: string; answer: (go: boolean) => void } | null>(null);

  // A layout effect: the prompt comes and goes in the same frame as the edits it guards, so a tab
  // closed the moment "Saved" shows is not asked about work that is already saved.
  useLayoutEffect(() => {
    if (!unsaved || !promptOnUnload) return undefined;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium shows the prompt only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [unsaved, promptOnUnload]);

  const confirmLeave = useCallback((action: string) => {
    const work = unsavedRef.current;
    if (!work) return Promise.resolve(true);
    return new Promise<boolean>((resolve) =>
      setAsking({
        work,
        action,
        answer: (go) => {
          setAsking(null);
          resolve(go);
        },
      }),
    );
  }, []);

  const dialog = asking ? (
    <UnsavedChangesDialog
      file={asking.work.file}
      files={asking.work.files}
      action={asking.action}
      onSave={async () => {
        const saved = await asking.work.save();
        if (saved) asking.answer(true);
        return saved;
      }}
      onDiscard={() => asking.answer(true)}
      onCancel={() => asking.answer(false)}
    />
  ) : null;

  return { setUnsaved, confirmLeave, dialog };
}
