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

  // The product call's answer comes from a fixture that can be edited right here.
  await invocation.getByRole('button', { name: 'Edit fixture' }).click();
  const fixture = page.getByLabel('Fixture JSON');
  await expect(fixture).toHaveValue(/Show the newest Node\.js release/);
  await fixture.fill((await fixture.inputValue()).replace('Show the newest Node.js release next to each issue', 'Edited in the Runner pane'));
  await page.getByRole('button', { name: 'Save fixture' }).click();
  await expect(page.getByRole('status')).toContainText('Saved .anvil/fixtures/jira/GET/rest/api/3/issue/{issueIdOrKey}.json');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"summary": "Edited in the Runner pane"');

  // The web trigger's function writes to storage, and the storage list shows it.
  await page.getByLabel('Function').selectOption('record-deployment');
  await page.getByLabel('Payload').fill('{"method":"POST","body":"{\\"version\\":\\"3.1.4\\"}"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"statusCode": 204');
  await page.getByText(/Storage in development/).click();
  await expect(page.getByRole('list', { name: 'Storage' })).toContainText('3.1.4');

  // The scheduled trigger's fetch is allowed, but this machine is offline: the app's own warning streams in.
  await page.getByLabel('Function').selectOption('check-releases');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('GitHub answered 502');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'runner.png') });
});
