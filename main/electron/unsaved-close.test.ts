import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { askBeforeClosingWithUnsavedEdits, CLOSE_PROMPT_BUTTONS } from './unsaved-close';

// Electron cannot start here; a stand-in dialog answers the prompt as the developer would.
const prompt = vi.hoisted(() => ({ answer: 0, asked: [] as { buttons: string[]; message: string }[] }));
vi.mock('electron', () => ({
  dialog: {
    showMessageBoxSync: (_window: unknown, options: { buttons: string[]; message: string }) => {
      prompt.asked.push(options);
      return prompt.answer;
    },
  },
}));

/** A window whose page blocked its unload: what the close does once the developer answered. */
function closeWithUnsavedEdits(answer: string): { closed: boolean } {
  const handlers = new Map<string, (event: { preventDefault(): void }) => void>();
  const window = { webContents: { on: (name: string, handler: (event: { preventDefault(): void }) => void) => handlers.set(name, handler) } } as unknown as BrowserWindow;
  askBeforeClosingWithUnsavedEdits(window);
  prompt.answer = CLOSE_PROMPT_BUTTONS.indexOf(answer as (typeof CLOSE_PROMPT_BUTTONS)[number]);
  let closed = false;
  // In Electron, preventDefault on will-prevent-unload means "ignore the page's objection and unload".
  handlers.get('will-prevent-unload')!({ preventDefault: () => (closed = true) });
  return { closed };
}

describe('closing the desktop window with unsaved manifest edits', () => {
  it('asks, keeps the window open on Keep editing, and closes on Close without saving', () => {
    expect(closeWithUnsavedEdits('Keep editing').closed).toBe(false);
    expect(prompt.asked.at(-1)).toMatchObject({ message: 'The manifest has unsaved edits.', buttons: ['Keep editing', 'Close without saving'] });
    expect(closeWithUnsavedEdits('Close without saving').closed).toBe(true);
  });
});
