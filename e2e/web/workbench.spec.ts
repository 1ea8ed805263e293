import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('opens the sample app, edits and saves the manifest, and follows an outside edit', async ({ page, shell }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const foreignRequests: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(shell.origin) && !request.url().startsWith(`ws://127.0.0.1:${shell.port}`) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
  });

  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(page.getByLabel('Environment', { exact: true })).toContainText('production');
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  // Highlighted as YAML: keys and values get different token classes.
  await expect(editor.locator('.view-lines span[class*="mtk"]').first()).toBeVisible();
  for (const pane of ['Scopes', 'Consent', 'Runner', 'Logs', 'Credentials']) await expect(page.getByRole('tab', { name: pane })).toBeVisible();
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('Anvil runner');

  // Type at the top of the manifest and save with the keyboard.
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# edited in Anvil\n');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/^Saved /)).toBeVisible();
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const saved = await readFile(manifestPath, 'utf8');
  expect(saved.startsWith('# edited in Anvil\n# Issue Radar')).toBe(true);
  await expect(page.getByLabel('unsaved changes')).toHaveCount(0);

  // Another program changes the file: the clean editor shows it.
  await writeFile(manifestPath, saved.replace('title: Issue Radar', 'title: Issue Radar Pro'));
  await expect(editor.locator('.view-lines')).toContainText('title: Issue Radar Pro');

  await page.screenshot({ path: path.join(OUTPUT_DIR, 'workbench.png') });
  expect(consoleErrors).toEqual([]);
  expect(foreignRequests).toEqual([]);
});

test('unsaved edits are not overwritten by an outside change', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('# mine\n');
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const original = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, '# theirs\n' + original);
  await expect(page.getByText('changed on disk while you have unsaved edits')).toBeVisible();
  await expect(editor.locator('.view-lines')).toContainText('# mine');
  await page.getByRole('button', { name: 'Keep mine and save' }).click();
  await expect(page.getByText(/^Saved /)).toBeVisible();
  expect(await readFile(manifestPath, 'utf8')).toBe('# mine\n' + original);
});

test('opening a folder that is not a Forge app says so and keeps the current app', async ({ page, shell, shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop shell picks folders with the native dialog, which a test cannot drive');
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await page.getByRole('button', { name: 'Open app folder…' }).click();
  await page.getByRole('dialog', { name: 'Open app folder' }).getByRole('textbox').fill(path.dirname(shell.appFolder));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('alert')).toContainText('has no manifest.yml');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
});
