import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('adding a scope in the editor changes the install screen and makes the upgrade major', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('storage:app');
  await page.getByRole('tab', { name: 'Consent' }).click();
  const install = page.getByRole('region', { name: 'issue-radar wants to be installed' });
  await expect(install).toContainText('View Jira issue data');
  await expect(install).toContainText('api.github.com');
  await expect(install).toContainText('Runs on a schedule (every day)');
  await expect(install).toContainText('sees the whole HTTP request');

  // What is installed today: the manifest as it is now.
  await page.getByRole('button', { name: 'Save as installed version' }).click();
  const upgrade = page.getByRole('region', { name: 'Upgrade', exact: true });
  await expect(upgrade).toContainText('Minor version');

  // Add an admin-level scope in the editor, without saving.
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- manage:jira-configuration');

  await expect(install.locator('li[data-scope="manage:jira-configuration"]')).toContainText('admin');
  await expect(install.locator('li[data-scope="manage:jira-configuration"]')).toHaveClass(/powerful/);
  await expect(upgrade).toContainText('Major version: site admins must approve this upgrade');
  await expect(upgrade.getByRole('list', { name: 'Why it needs approval' })).toContainText('It adds the scope manage:jira-configuration.');
  await expect(upgrade.getByRole('region', { name: 'The upgrade screen asks only for what is new' })).toContainText('manage:jira-configuration');
  await expect(upgrade.getByRole('region', { name: 'The upgrade screen asks only for what is new' })).not.toContainText('read:jira-work');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'consent-upgrade.png') });
});

test('a Jira app that also searches Confluence opens on the Jira screen; the Confluence screen has titles and no Jira event', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('storage:app');
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  // The scope completion opens after each scope typed (later on a loaded machine): wait for it and close
  // it, so the next Enter starts a new line instead of accepting a suggestion.
  const completion = editor.locator('.suggest-widget.visible');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- search:confluence');
  await expect(completion).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(completion).toBeHidden();
  await page.keyboard.press('Enter');
  await page.keyboard.type('- read:confluence-content.summary');
  await expect(completion).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(completion).toBeHidden();
  await expect(editor.locator('.view-line', { hasText: '- search:confluence' })).toHaveCount(1);
  await expect(editor.locator('.view-line', { hasText: '- read:confluence-content.summary' })).toHaveCount(1);

  await page.getByRole('tab', { name: 'Consent' }).click();
  const install = page.getByRole('region', { name: 'issue-radar wants to be installed' });
  // The Triggers pane has a Product picker of its own (for events): take the consent pane's.
  const product = page.locator('.consent-pane').getByLabel('Product');
  await expect(product.locator('option')).toHaveText(['Confluence', 'Jira']);
  await expect(product).toHaveValue('jira');
  await expect(install).toContainText('View Jira issue data');
  await expect(install).toContainText('avi:jira:created:issue');

  await product.selectOption('confluence');
  await expect(install).toContainText('installs into Confluence');
  await expect(install.locator('li[data-scope="search:confluence"] strong')).toHaveText('Search Confluence content and space summaries');
  await expect(install.locator('li[data-scope="read:confluence-content.summary"] strong')).toHaveText('Read Confluence content summaries');
  await expect(install).not.toContainText('avi:jira:');
});
