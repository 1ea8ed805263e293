import { expect, test } from '../support/web-shell';

// A trigger whose function throws was reached, but did not handle the event: the developer must see
// that it failed and why, not a "delivered" that reads like success.
test('a product event whose function throws shows as failed with the error, never as delivered', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Triggers' }).click();
  const events = page.getByRole('region', { name: 'Product events' });
  await expect(events.getByLabel('Event payload')).toHaveValue(/"eventType": "avi:jira:created:issue"/);
  // No issue in the payload: the sample's onIssueCreated reads event.issue.key and throws.
  await events.getByLabel('Event payload').fill('{"eventType": "avi:jira:created:issue"}');
  await events.getByRole('button', { name: 'Fire event' }).click();
  const deliveries = events.getByRole('list', { name: 'Deliveries' });
  await expect(deliveries).toContainText('failed at issue-created-listener');
  await expect(deliveries).toContainText("Cannot read properties of undefined (reading 'key')");
  await expect(deliveries).not.toContainText('delivered');

  // The same event with an issue is handled: that one does say delivered.
  await events.getByLabel('Event payload').fill('{"eventType": "avi:jira:created:issue", "issue": {"key": "DEMO-1", "fields": {"summary": "x"}}}');
  await events.getByRole('button', { name: 'Fire event' }).click();
  await expect(deliveries).toContainText('delivered to issue-created-listener');
  await expect(deliveries).not.toContainText('failed');
});
