import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyAppFolder } from '../support/app-copy';
import { SAMPLE_APP } from '../support/paths';
import { expect, test } from '../support/web-shell';

// Paths typed in the Open dialog are resolved where a developer expects: `~` is their home folder,
// and a relative path is taken beside the open app (not in whatever folder Anvil was started from).
test('the Open dialog resolves ~ and paths beside the open app, shows where it will open, and names the input when it is no app', async ({ page, shell, shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop shell picks folders with the native dialog, which a test cannot drive');
  const sibling = path.join(path.dirname(shell.appFolder), 'sibling-app');
  copyAppFolder(SAMPLE_APP, sibling);
  const packageJson = JSON.parse(await readFile(path.join(sibling, 'package.json'), 'utf8')) as { name: string };
  await writeFile(path.join(sibling, 'package.json'), JSON.stringify({ ...packageJson, name: 'sibling-radar' }));

  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await page.getByRole('button', { name: 'Open app folder…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Open app folder' });
  const input = dialog.getByRole('textbox');

  // The home folder.
  await input.fill('~');
  await expect(dialog.getByTestId('resolved-folder')).toHaveText(os.homedir());
  await input.fill('~/anvil-e2e-no-such-app');
  await expect(dialog.getByTestId('resolved-folder')).toHaveText(path.join(os.homedir(), 'anvil-e2e-no-such-app'));
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  const problem = dialog.getByRole('alert');
  await expect(problem).toContainText('~/anvil-e2e-no-such-app');
  await expect(problem).toContainText(path.join(os.homedir(), 'anvil-e2e-no-such-app'));
  await expect(problem).toContainText('is not a folder');
  await expect(problem).toContainText('manifest.yml');
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');

  // A relative path: beside the open app.
  await input.fill('sibling-app');
  await expect(dialog.getByTestId('resolved-folder')).toHaveText(sibling);
  await dialog.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('app-name')).toHaveText('sibling-radar');
});
