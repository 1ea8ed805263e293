import { expect, test } from '../support/web-shell';

// The source viewer opens over the workbench from a code location; closing it must leave the
// workbench (and the unsaved manifest edits in it) exactly as it was.
test('closing the source viewer keeps the workbench and unsaved edits; Escape closes it and focus returns', async ({ page, shell }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# not saved yet\n');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();

  await page.getByRole('tab', { name: 'Scopes' }).click();
  const location = page.getByRole('tabpanel', { name: 'Scopes' }).getByRole('button', { name: /^src\/index\.js:\d+$/ }).first();
  await location.click();
  const viewer = page.getByRole('dialog', { name: /^src\/index\.js:\d+$/ });
  await expect(viewer).toBeVisible();
  await expect(viewer.locator('li.current')).toBeInViewport();
  await viewer.getByRole('button', { name: 'Close' }).click();
  await expect(viewer).toHaveCount(0);
  // The workbench is still drawn, with the edit in it.
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(editor.locator('.view-lines')).toContainText('# not saved yet');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();

  // By keyboard: open, Escape closes, focus goes back to the link that opened it.
  await location.focus();
  await page.keyboard.press('Enter');
  await expect(viewer).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);
  await expect(location).toBeFocused();
  await expect(editor.locator('.view-lines')).toContainText('# not saved yet');
  expect(pageErrors).toEqual([]);
});
