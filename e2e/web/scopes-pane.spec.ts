import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

test('the Scopes pane lists missing and unused scopes first, and adds or removes them in the editor, unsaved and undoable', async ({ page, shell }) => {
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('    - read:jira-work\n    - storage:app\n', '    - storage:app\n    - write:confluence-content\n'));
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await page.getByRole('tab', { name: 'Scopes' }).click();
  const scopes = page.getByRole('table', { name: 'Scopes' });
  const rows = scopes.locator('tbody tr');

  // What needs a decision comes first: the missing scope, then the unused one, then the used one.
  await expect
    .poll(() => rows.evaluateAll((items) => items.map((item) => `${item.getAttribute('data-scope')} ${item.className}`)))
    .toEqual(['read:jira-work status-missing', 'write:confluence-content status-unused', 'storage:app status-used']);
  // A used scope offers nothing to do.
  await expect(rows.nth(2).getByRole('button', { name: /Add|Remove/ })).toHaveCount(0);

  await scopes.getByRole('button', { name: 'Add read:jira-work to the manifest' }).click();
  await expect(editor.locator('.view-lines')).toContainText('- read:jira-work');
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  await expect(scopes.locator('tr[data-scope="read:jira-work"]')).toHaveClass(/status-used/);
  await expect(page.getByRole('tabpanel', { name: 'Scopes' }).getByRole('status')).toContainText('Added read:jira-work to the manifest: unsaved in manifest.yml');

  await scopes.getByRole('button', { name: 'Remove write:confluence-content from the manifest' }).click();
  await expect(editor.locator('.view-lines')).not.toContainText('write:confluence-content');
  await expect(scopes.locator('tr[data-scope="write:confluence-content"]')).toHaveCount(0);

  // Each was one edit: undo in the editor puts the removed scope back first.
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('Control+Z');
  await expect(editor.locator('.view-lines')).toContainText('write:confluence-content');
  await expect(scopes.locator('tr[data-scope="write:confluence-content"]')).toHaveClass(/status-unused/);
  // Nothing was written to disk.
  expect(await readFile(manifestPath, 'utf8')).not.toContain('read:jira-work');
});

test('a domain a fetch Anvil cannot read may still use gets no Remove button, only a note', async ({ page, shell }) => {
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('        - address: api.github.com\n', '        - address: api.github.com\n        - address: hooks.example.com\n'));
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Scopes' }).click();
  const egress = page.getByRole('list', { name: 'Egress domains' });
  const unused = egress.locator('li[data-domain="hooks.example.com"]');
  // Nothing fetches from it: it can go, with one click.
  await expect(unused.getByRole('button', { name: 'Remove hooks.example.com from the manifest' })).toBeVisible();
  // The unused domain is listed before the used one.
  await expect(egress.locator('li').first()).toHaveAttribute('data-domain', 'hooks.example.com');

  // Then a fetch whose URL is only known at run time appears: any declared domain may be the one it reaches.
  await writeFile(path.join(shell.appFolder, 'src', 'relay.js'), "import { fetch } from '@forge/api';\n\nexport async function relay(url) {\n  return fetch(url);\n}\n");
  await expect(unused).toContainText('may still be needed');
  await expect(unused.getByRole('button')).toHaveCount(0);
  await expect(unused).toHaveClass(/status-unused/);
});
