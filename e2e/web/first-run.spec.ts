import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

test.use({ firstRunGuide: true });

test('on the sample app a getting-started guide opens once, without taking the focus, and walks through the workbench', async ({ page, shell }) => {
  await page.goto(shell.url);
  const guide = page.getByRole('dialog', { name: 'Getting started' });
  await expect(guide).toBeVisible();
  await expect(guide).toContainText('Step 1 of 5: The manifest');
  // It opened by itself: the focus is not in it, and the rest of the workbench works as before.
  await expect(guide.locator(':focus')).toHaveCount(0);

  // Keyboard: Tab into it, Enter on Next, the arrow keys go back and forth.
  await guide.getByRole('button', { name: 'Next' }).focus();
  await page.keyboard.press('Enter');
  await expect(guide).toContainText('Step 2 of 5: Scopes');
  await guide.getByRole('button', { name: 'Show Scopes' }).click();
  await expect(page.getByRole('tab', { name: 'Scopes' })).toHaveAttribute('aria-selected', 'true');
  await guide.getByRole('button', { name: 'Next' }).click();
  await expect(guide).toContainText('Step 3 of 5: Runner');
  await guide.getByRole('button', { name: 'Show Runner' }).click();
  await expect(page.getByRole('tab', { name: 'Runner' })).toHaveAttribute('aria-selected', 'true');
  await guide.getByRole('button', { name: 'Next' }).click();
  await expect(guide).toContainText('Step 4 of 5: Logs');
  await guide.getByRole('button', { name: 'Next' }).click();
  await expect(guide).toContainText('Step 5 of 5: The command palette');
  await expect(guide).toContainText('Help: Show Getting Started');
  await guide.getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(guide).toContainText('Step 4 of 5: Logs');
  await page.keyboard.press('Escape');
  await expect(guide).toHaveCount(0);

  // Remembered: a reload does not open it again.
  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(page.getByTestId('manifest-editor').locator('.view-lines')).toContainText('storage:app');
  await expect(guide).toHaveCount(0);
});

test('"Help: Show Getting Started" in the palette opens the guide with the focus in it; Escape gives the focus back', async ({ page, shell }) => {
  await page.goto(shell.url);
  const guide = page.getByRole('dialog', { name: 'Getting started' });
  await guide.getByRole('button', { name: 'Close the guide' }).click();
  await expect(guide).toHaveCount(0);

  const opener = page.getByRole('button', { name: 'Open app folder…' });
  await opener.focus();
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Show Getting Started');
  await expect(page.getByRole('listbox', { name: 'Commands' }).getByRole('option').first()).toContainText('Help: Show Getting Started');
  await page.keyboard.press('Enter');
  await expect(guide).toContainText('Step 1 of 5: The manifest');
  await expect(guide.getByRole('heading', { name: 'Getting started' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(guide).toHaveCount(0);
  await expect(opener).toBeFocused();
});

test('empty panes tell a new user what they are for and what to do first', async ({ page, shell }) => {
  // An app that declares no function yet.
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, `permissions:\n  scopes: []\nmodules: {}\n${manifest.slice(manifest.indexOf('app:\n'))}`);
  await page.goto(shell.url);
  await page.getByRole('dialog', { name: 'Getting started' }).getByRole('button', { name: 'Close the guide' }).click();

  await page.getByRole('tab', { name: 'Runner' }).click();
  const runner = page.getByRole('tabpanel', { name: 'Runner' });
  await expect(runner.getByRole('region', { name: 'Nothing to run yet' })).toContainText('Declare one under modules in manifest.yml');
  await expect(runner).toContainText('handler: index.run');

  await page.getByRole('tab', { name: 'Terminal' }).click();
  const terminal = page.getByRole('tabpanel', { name: 'Terminal' });
  await expect(terminal.getByRole('region', { name: 'No terminal open' })).toContainText('New terminal carries no Forge credentials');
  await terminal.getByRole('button', { name: 'New terminal', exact: true }).click();
  await expect(terminal.getByRole('region', { name: 'No terminal open' })).toHaveCount(0);

  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = page.getByRole('tabpanel', { name: 'Logs' });
  await expect(logs.getByRole('region', { name: 'No log lines in development yet' })).toContainText('run a function in the Runner pane or fire a trigger');
  await logs.getByRole('button', { name: 'Open the Runner' }).click();
  await expect(page.getByRole('tab', { name: 'Runner' })).toHaveAttribute('aria-selected', 'true');
});
