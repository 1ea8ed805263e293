import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('the sample app\u2019s web trigger answers real HTTP, its schedule runs now, and an issue event reaches the queue consumer', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Triggers' }).click();

  // Web trigger: a local URL with a curl line; a real client on loopback gets the function's answer.
  const url = (await page.getByTestId('webtrigger-url-deployment-webhook-local-jira').textContent())!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/x1\//);
  await expect(page.getByRole('region', { name: 'Web triggers' })).toContainText(`curl -i -X POST '${url}'`);
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ version: '7.1.0', environment: 'e2e' }) });
  expect(response.status).toBe(204);
  await expect(page.getByRole('region', { name: 'Trigger activity' })).toContainText('→ 204');

  // Scheduled trigger: interval and next run shown; run it now.
  const schedules = page.getByRole('region', { name: 'Scheduled triggers' });
  await expect(schedules).toContainText('daily-release-check');
  await expect(schedules).toContainText('every day');
  await expect(schedules).toContainText(/next run in (24 h|1 days)/);
  await schedules.getByRole('button', { name: 'Run now' }).click();
  await expect(schedules.getByLabel('Scheduled run')).toContainText('ok');
  await expect(schedules).toContainText('last: 204');

  // Product event: start from the template, fire, and the consumer stores the issue.
  const events = page.getByRole('region', { name: 'Product events' });
  await expect(events.getByLabel('Event type')).toHaveValue('avi:jira:created:issue');
  await expect(events.getByLabel('Event payload')).toHaveValue(/"eventType": "avi:jira:created:issue"/);
  await events.getByRole('button', { name: 'Fire event' }).click();
  await expect(events.getByRole('list', { name: 'Deliveries' })).toContainText('delivered to issue-created-listener');
  await expect(page.getByRole('region', { name: 'Queues' })).toContainText('done');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'triggers.png') });
});
