import { dialog, type BrowserWindow } from 'electron';

/** The buttons of the close prompt, Keep editing first so Enter and Escape never lose work. */
export const CLOSE_PROMPT_BUTTONS = ['Keep editing', 'Close without saving'] as const;

/**
 * The workbench page blocks unloading while the manifest has unsaved edits (`beforeunload`). In a
 * browser the browser asks; in Electron a blocked unload silently cancels the close, so the desktop
 * shell asks instead, with a native box, and closes only when told to.
 */
export function askBeforeClosingWithUnsavedEdits(window: BrowserWindow): void {
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'warning',
      buttons: [...CLOSE_PROMPT_BUTTONS],
      defaultId: 0,
      cancelId: 0,
      message: 'The manifest has unsaved edits.',
      detail: 'Close Anvil and lose them? Keep editing, then save with Ctrl+S (Cmd+S on macOS).',
    });
    if (CLOSE_PROMPT_BUTTONS[choice] === 'Close without saving') event.preventDefault();
  });
}
