import { editorTab, expectCursorLine, expectEditorFocused } from '../support/editor-tabs';
import { expect, test } from '../support/web-shell';

// A code location opens the app file in an editor tab at its line; closing that tab must leave the
// workbench (and the unsaved manifest edits in it) exactly as it was.
test('a code location opens its file in a tab at the line; closing the tab keeps the workbench and unsaved edits', async ({ page, shell }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(shell.url);
  const manifest = page.getByTestId('manifest-editor');
  await expect(manifest.locator('.view-lines')).toContainText('jira:issuePanel');
  await manifest.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# not saved yet\n');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();

  await page.getByRole('tab', { name: 'Scopes' }).click();
  const location = page
    .getByRole('tabpanel', { name: 'Scopes' })
    .getByRole('button', { name: /^src\/index\.js:\d+$/ })
    .first();
  const line = Number(/:(\d+)$/.exec((await location.textContent()) ?? '')?.[1]);
  await location.click();
  const tab = editorTab(page, 'src/index.js');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const shown = await expectCursorLine(page, 'requestJira');
  await expect(
    page
      .getByTestId('app-file-editor')
      .locator('.line-numbers')
      .filter({ hasText: new RegExp(`^${line}$`) }),
  ).toBeInViewport();
  await expect(shown).toBeVisible();
  // The focus is in the file's editor, at the line, ready to edit.
  await expectEditorFocused(page);

  // Escape in the editor leaves everything where it is.
  await page.keyboard.press('Escape');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  // Closing the tab shows the manifest again, with the edit in it.
  await page.keyboard.press('Control+w');
  await expect(tab).toHaveCount(0);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(manifest).toBeVisible();
  await expect(manifest.locator('.view-lines')).toContainText('# not saved yet');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();

  // By keyboard: Enter on the location opens the file at the line again; the close button closes it.
  await location.focus();
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expectCursorLine(page, 'requestJira');
  await page.getByTestId('close-src/index.js').click();
  await expect(tab).toHaveCount(0);
  await expect(manifest.locator('.view-lines')).toContainText('# not saved yet');
  expect(pageErrors).toEqual([]);
});
