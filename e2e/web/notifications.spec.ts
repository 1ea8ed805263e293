import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

test('a save is told in a notice that closes by itself, stays while the pointer is on it, and never takes the focus', async ({ page, shell }) => {
  // The page's clock is the test's: the notice's time passes only when the test says so.
  await page.clock.install();
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('storage:app');
  await page.clock.pauseAt(Date.now() + 60_000);
  const notices = page.locator('.notifications');

  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('Control+s');
  const saved = notices.getByRole('status').filter({ hasText: 'manifest.yml saved.' });
  await expect(saved).toBeVisible();
  // The focus stayed in the editor: typing goes on where it was.
  await expect(editor.locator('textarea, .native-edit-context').first()).toBeFocused();

  // The pointer on it holds it, however long.
  await saved.hover();
  await page.clock.runFor(60_000);
  await expect(saved).toBeVisible();
  // Away from it, it goes after its time.
  await page.mouse.move(5, 5);
  await page.clock.runFor(5_000);
  await expect(saved).toBeVisible();
  await page.clock.runFor(1_500);
  await expect(saved).toHaveCount(0);

  // Its close button closes it at once.
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('Control+s');
  await expect(saved).toBeVisible();
  await saved.getByRole('button', { name: 'Close notification' }).click();
  await expect(saved).toHaveCount(0);
});

test('"Notifications: Clear All" in the palette closes every notice', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('storage:app');
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('Control+s');
  await page.keyboard.press('Control+s');
  const toasts = page.locator('.notifications .toast');
  await expect(toasts).toHaveCount(2);
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type('Notifications: Clear All');
  await page.keyboard.press('Enter');
  await expect(toasts).toHaveCount(0);
});

test('a run that ends while the Runner pane is hidden is told in an alert whose Show opens the pane', async ({ page, shell }) => {
  // A function stuck in a loop ends at its time limit, long after the pane has been left.
  await writeFile(path.join(shell.appFolder, 'src', 'spin.js'), 'export async function spin() {\n  for (;;) {}\n}\n');
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('  function:\n', '  function:\n    - key: spin\n      handler: spin.spin\n'));

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('spin');
  await page.getByLabel('Function').selectOption('spin');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Stop', exact: true })).toBeVisible();
  await page.getByRole('tab', { name: 'Scopes' }).click();

  const alert = page.locator('.notifications').getByRole('alert');
  await expect(alert).toContainText('spin timed out after', { timeout: 60_000 });
  await alert.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByRole('tab', { name: 'Runner' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Invocation' })).toContainText('timeout');
  await expect(alert).toHaveCount(0);
});

test('a run that ends in sight of its pane is not announced twice', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await page.getByLabel('Function').selectOption('check-releases');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Invocation' })).toContainText('ok check-releases');
  await expect(page.locator('.notifications .toast')).toHaveCount(0);
});
