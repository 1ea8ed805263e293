import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyAppFolder } from '../support/app-copy';
import { SAMPLE_APP } from '../support/paths';
import { expect, test } from '../support/web-shell';
import type { Page } from '@playwright/test';

async function editWithoutSaving(page: Page, line: string) {
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type(`${line}\n`);
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
}

test('opening another app with unsaved manifest edits asks first: Cancel keeps them, Save saves them, Discard drops them', async ({ page, shell, shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop shell picks folders with the native dialog, which a test cannot drive');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-e2e-other-'));
  const otherApp = path.join(scratch, 'other-app');
  copyAppFolder(SAMPLE_APP, otherApp);
  const otherPackage = JSON.parse(await readFile(path.join(otherApp, 'package.json'), 'utf8')) as { name: string };
  await writeFile(path.join(otherApp, 'package.json'), JSON.stringify({ ...otherPackage, name: 'other-radar' }));
  try {
    await page.goto(shell.url);
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    await editWithoutSaving(page, '# keep me');
    const editor = page.getByTestId('manifest-editor');

    const tryToOpenOther = async () => {
      await page.getByRole('button', { name: 'Open app folder…' }).click();
      await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('textbox').fill(otherApp);
      await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('button', { name: 'Open', exact: true }).click();
    };

    // Cancel (or Escape): nothing is opened and the edit stays.
    await tryToOpenOther();
    const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
    const openDialog = page.getByRole('dialog', { name: 'Open app folder' });
    await expect(ask).toContainText('manifest.yml');
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(openDialog.getByRole('button', { name: 'Open', exact: true })).toBeFocused();
    await openDialog.getByRole('textbox').press('Enter');
    await ask.getByRole('button', { name: 'Cancel' }).click();
    await expect(ask).toHaveCount(0);
    await page.keyboard.press('Escape');
    await expect(openDialog).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Open app folder…' })).toBeFocused();
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    await expect(editor.locator('.view-lines')).toContainText('# keep me');
    await expect(page.getByLabel('unsaved changes')).toBeVisible();
    expect(await readFile(path.join(shell.appFolder, 'manifest.yml'), 'utf8')).not.toContain('# keep me');

    // Save: the edit is written to the first app, then the other app opens.
    await tryToOpenOther();
    await ask.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('app-name')).toHaveText('other-radar');
    expect(await readFile(path.join(shell.appFolder, 'manifest.yml'), 'utf8')).toMatch(/^# keep me\n/);

    // Discard: an edit in the other app is dropped when the first app is opened again.
    await editWithoutSaving(page, '# drop me');
    await page.getByRole('button', { name: 'Open app folder…' }).click();
    await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('textbox').fill(shell.appFolder);
    await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('button', { name: 'Open', exact: true }).click();
    await ask.getByRole('button', { name: 'Discard' }).click();
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    expect(await readFile(path.join(otherApp, 'manifest.yml'), 'utf8')).not.toContain('# drop me');
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('reloading or closing the tab with unsaved manifest edits asks first; once saved it does not', async ({ page, shell, shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop window asks with a native message box, which Playwright cannot answer (main/electron/unsaved-close.test.ts covers it)');
  await page.goto(shell.url);
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.type());
    void dialog.dismiss(); // stay on the page
  });
  await editWithoutSaving(page, '# not saved');

  await page.close({ runBeforeUnload: true });
  await expect.poll(() => dialogs).toEqual(['beforeunload']);
  expect(page.isClosed()).toBe(false);
  await expect(page.getByTestId('manifest-editor').locator('.view-lines')).toContainText('# not saved');

  // Saved: nothing to lose, so the tab closes without asking.
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/^Saved /)).toBeVisible();
  await page.close({ runBeforeUnload: true });
  await expect.poll(() => page.isClosed()).toBe(true);
  expect(dialogs).toEqual(['beforeunload']);
});
