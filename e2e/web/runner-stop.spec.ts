import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

// A function stuck in an endless loop runs until its time limit (25 s by default); the developer can
// end it at once, and the next run gets a fresh runner.
test('Stop ends a running invocation, which shows as stopped by the developer in the pane and the logs', async ({ page, shell }) => {
  await writeFile(path.join(shell.appFolder, 'src', 'spin.js'), 'export async function spin() {\n  console.log("spinning");\n  for (;;) {}\n}\n');
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('  function:\n', '  function:\n    - key: spin\n      handler: spin.spin\n      timeoutSeconds: 900\n'));

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('spin');
  const stop = page.getByRole('button', { name: 'Stop', exact: true });
  await expect(stop).toHaveCount(0);
  await page.getByLabel('Function').selectOption('spin');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('spinning');
  await stop.click();
  const invocation = page.getByRole('region', { name: 'Invocation' });
  await expect(invocation).toContainText('stopped');
  await expect(invocation).toContainText('Stopped by the developer');
  await expect(stop).toHaveCount(0);

  // The next invocation runs on a fresh runner.
  await page.getByLabel('Function').selectOption('getIssueRadar');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"summary": "Show the newest Node.js release next to each issue"');

  await page.getByRole('tab', { name: 'Logs' }).click();
  await expect(page.getByRole('tabpanel', { name: 'Logs' })).toContainText('Stopped by the developer');
});
