import type { Locator, Page } from '@playwright/test';
import { expect } from './chromium';

/** The editor tab of an app file, by its path (its name in the strip, the path in its tooltip). */
export function editorTab(page: Page, file: string): Locator {
  return page.getByRole('tablist', { name: 'Open editors' }).locator(`[role="tab"][title="${file}"]`);
}

/** The app-file editor has the keyboard focus (Monaco marks its root element). */
export async function expectEditorFocused(page: Page): Promise<void> {
  await expect(page.getByTestId('app-file-editor').locator('.monaco-editor').first()).toHaveClass(/\bfocused\b/);
}

/** The app-file editor's line holding `text` is on screen, and it is the line the cursor is on. */
export async function expectCursorLine(page: Page, text: string): Promise<Locator> {
  const editor = page.getByTestId('app-file-editor');
  const line = editor.locator('.view-line', { hasText: text }).first();
  await expect(line).toBeInViewport();
  const highlight = editor.locator('.view-overlays .current-line').first();
  await expect(highlight).toBeVisible();
  await expect
    .poll(async () => {
      const [marked, shown] = [await highlight.boundingBox(), await line.boundingBox()];
      return marked && shown ? Math.abs(marked.y - shown.y) : Infinity;
    })
    .toBeLessThan(3);
  return line;
}
