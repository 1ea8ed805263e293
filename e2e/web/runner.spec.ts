import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('running the sample resolver from the Runner pane returns fixture data and streams its calls', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('getIssueRadar');
  await page.getByLabel('Function').selectOption('getIssueRadar');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const invocation = page.getByRole('region', { name: 'Invocation' });
  await expect(invocation).toContainText('ok');
  await expect(invocation).toContainText('"summary": "Show the newest Node.js release next to each issue"');
  await expect(invocation.getByRole('list', { name: 'Calls' })).toContainText('allowed product GET');

  // The web trigger's function writes to storage; the scheduled one is refused nothing but is offline.
  await page.getByLabel('Function').selectOption('check-releases');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('GitHub answered 502');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'runner.png') });
});
