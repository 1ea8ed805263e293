import path from 'node:path';
import type { Page } from '@playwright/test';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

const SECRET = 'env-secret-q7w8e9r0t1y2-5u6i';

/** Pick production in the header and deploy it from the Environments pane; returns the pane. */
async function deployProduction(page: Page) {
  await page.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('production');
  await page.getByRole('tab', { name: 'Environments', exact: true }).click();
  const pane = page.getByRole('region', { name: 'Environment production', exact: true });
  await expect(pane).toContainText('Runs only deployed versions, as on the platform: no hot reload.');
  await pane.getByRole('button', { name: 'Deploy locally', exact: true }).click();
  await expect(pane.getByRole('region', { name: 'Versions', exact: true })).toContainText('version 1.0');
  return pane;
}

test('production runs only deployed versions: refused before a deploy, ok after it', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('production');

  // Before any deploy there is nothing to run in production, and the refusal names the fix.
  await page.getByRole('tab', { name: 'Runner', exact: true }).click();
  const runner = page.getByRole('tabpanel', { name: 'Runner', exact: true });
  await expect(runner.getByLabel('Function')).toContainText('getIssueRadar');
  await runner.getByLabel('Function').selectOption('getIssueRadar');
  await runner.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(runner.getByRole('alert')).toContainText('runs only deployed versions');

  const pane = await deployProduction(page);
  await expect(pane.getByRole('table', { name: 'Installations', exact: true }).locator('tr[data-installation="local-jira"]')).toContainText('version 1.0');

  await page.getByRole('tab', { name: 'Runner', exact: true }).click();
  await runner.getByRole('button', { name: 'Run', exact: true }).click();
  const invocation = runner.getByRole('region', { name: 'Invocation', exact: true });
  await expect(invocation.locator('.run-status')).toHaveText('ok');
  await expect(invocation).toContainText('"key": "DEMO-1"');
});

test('a secret variable is listed by name only; its value never comes back to the page', async ({ page, shell }) => {
  test.skip(process.env.ANVIL_PRIVATE_SECRET_SERVICE !== '1', 'needs the private Secret Service that npm test starts');
  const frames: string[] = [];
  page.on('websocket', (socket) => {
    socket.on('framereceived', (frame) => frames.push(String(frame.payload)));
  });
  await page.goto(shell.url);
  const pane = await deployProduction(page);

  await pane.getByLabel('Variable name', { exact: true }).fill('RADAR_TOKEN');
  await pane.getByLabel('Secret', { exact: true }).check();
  await pane.getByLabel('Variable value', { exact: true }).fill(SECRET);
  await pane.getByRole('button', { name: 'Set variable', exact: true }).click();

  const variables = pane.getByRole('list', { name: 'Variables', exact: true });
  await expect(variables).toContainText('RADAR_TOKEN');
  await expect(variables).toContainText('••• (in keychain)');
  await expect(variables).not.toContainText(SECRET);
  await expect(pane.getByLabel('Variable value', { exact: true })).toHaveValue('');
  expect(frames.some((frame) => frame.includes(SECRET))).toBe(false);
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'environments.png') });
});
