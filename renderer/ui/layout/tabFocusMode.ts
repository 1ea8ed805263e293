import { useSyncExternalStore } from 'react';

/**
 * Whether Tab moves the focus out of the editor instead of typing a tab (Monaco's tab focus mode,
 * Ctrl+M). The editor traps Tab by default; the status bar says when it does not and how to switch,
 * and the editor's accessible name says which key switches.
 */

/** What is used of a Monaco editor; typed here so the workbench does not load Monaco for it. */
export interface TabFocusEditor {
  getOption(id: number): unknown;
  onDidChangeConfiguration(listener: (event: { hasChanged(id: number): boolean }) => void): { dispose(): void };
  onDidDispose(listener: () => void): { dispose(): void };
  updateOptions(options: { ariaLabel?: string; tabFocusMode?: boolean }): void;
}

export const TAB_FOCUS_KEY = 'Ctrl+M';
const HINT = `${TAB_FOCUS_KEY} switches whether Tab moves the focus`;

// The workbench owns the mode (the editors' tabFocusMode option), so every editor and the status bar agree.
let on = false;
const editors = new Set<TabFocusEditor>();
const listeners = new Set<() => void>();

export function setTabFocusMode(next: boolean): void {
  if (next === on) return;
  on = next;
  for (const editor of editors) editor.updateOptions({ tabFocusMode: on });
  for (const listener of listeners) listener();
}

/** Switches the mode, as Ctrl+M does. */
export function toggleTabFocusMode(): void {
  setTabFocusMode(!on);
}

/** Follows one editor: it takes the workbench's mode, and its accessible name tells of the key. */
export function followTabFocusMode(editor: TabFocusEditor, options: { ariaLabel: number }): void {
  // Also when the editor is renamed later (another file in the same editor).
  const hint = () => {
    const label = editor.getOption(options.ariaLabel);
    if (typeof label === 'string' && !label.includes(TAB_FOCUS_KEY)) editor.updateOptions({ ariaLabel: `${label}. ${HINT}` });
  };
  hint();
  editors.add(editor);
  editor.updateOptions({ tabFocusMode: on });
  const changes = editor.onDidChangeConfiguration((event) => {
    if (event.hasChanged(options.ariaLabel)) hint();
  });
  editor.onDidDispose(() => {
    changes.dispose();
    editors.delete(editor);
  });
}

export function useTabFocusMode(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => on,
  );
}
