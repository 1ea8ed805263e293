import { expect, test } from '../support/web-shell';

// Each storage row's actions are separate targets a reader can tell apart (not "EditDelete").
test('a storage row shows its key, value and actions apart from each other', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await page.getByLabel('Function').selectOption('record-deployment');
  await page.getByLabel('Payload', { exact: true }).fill('{"method":"POST","body":"{\\"version\\":\\"3.1.4\\"}"}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const storage = page.getByRole('list', { name: 'Storage' });
  const row = storage.getByRole('listitem').filter({ hasText: 'last-deployment' });
  await expect(row).toContainText('3.1.4');

  const text = await row.innerText();
  expect(text).not.toMatch(/EditDelete/);
  const edit = (await row.getByRole('button', { name: 'Edit last-deployment' }).boundingBox())!;
  const remove = (await row.getByRole('button', { name: 'Delete last-deployment' }).boundingBox())!;
  const value = (await row.getByText('3.1.4').boundingBox())!;
  // Apart by at least a readable gap, and the value does not run into the first action.
  expect(remove.x - (edit.x + edit.width)).toBeGreaterThanOrEqual(8);
  expect(edit.x - (value.x + value.width)).toBeGreaterThanOrEqual(8);
  // Actions are buttons a pointer can hit: at least 20 px high.
  expect(edit.height).toBeGreaterThanOrEqual(20);
  expect(remove.height).toBeGreaterThanOrEqual(20);
});
