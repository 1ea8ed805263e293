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
  await page.getByLabel('Payload', { exact: true }).fill('{"method":"POST","body":"{\\"version\\":\\"3.1.4\\"}"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"statusCode": 204');
  const storage = page.getByRole('list', { name: 'Storage' });
  await expect(storage).toContainText('3.1.4');

  // Storage can be edited: change the stored deployment, and the resolver reads the edited value.
  await storage.getByRole('button', { name: 'Edit' }).click();
  const value = page.getByLabel('Storage value');
  await value.fill((await value.inputValue()).replace('3.1.4', '9.9.9'));
  await page.getByRole('button', { name: 'Save entry' }).click();
  await expect(storage).toContainText('9.9.9');
  await page.getByLabel('Function').selectOption('getIssueRadar');
  await page.getByLabel('Payload', { exact: true }).fill('{}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"version": "9.9.9"');

  // The scheduled trigger's fetch is allowed, but this machine is offline: the app's own warning streams in.
  await page.getByLabel('Function').selectOption('check-releases');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('GitHub answered 502');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'runner.png') });
});

test('a second installation has its own storage, and a bad site name is refused with the fix', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Installation', { exact: true })).toContainText('local-jira');
  await page.getByRole('button', { name: 'Add installation' }).click();
  await page.getByLabel('Installation name').fill('globex');
  await page.getByLabel('Installation site').fill('globex.example.com');
  await page.getByLabel('Target').selectOption('site');
  await page.getByRole('button', { name: 'Save installation' }).click();
  await expect(page.getByText(/Calls to a real site go only to Atlassian sites/)).toBeVisible();
  await page.getByLabel('Installation site').fill('globex.atlassian.net');
  await page.getByLabel('Target').selectOption('fixtures');
  await page.getByRole('button', { name: 'Save installation' }).click();
  await expect(page.getByLabel('Installation', { exact: true })).toHaveValue('globex');

  await page.getByLabel('Function').selectOption('record-deployment');
  await page.getByLabel('Payload', { exact: true }).fill('{"method":"POST","body":"{\\"version\\":\\"4.0.0\\"}"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Invocation' })).toContainText('globex');
  await expect(page.getByRole('list', { name: 'Storage' })).toContainText('4.0.0');
  await page.getByLabel('Installation', { exact: true }).selectOption('local-jira');
  await expect(page.getByText('Storage of local-jira in development (0 entries)')).toBeVisible();
});
