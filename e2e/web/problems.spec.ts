import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type RunningWebShell } from '../support/web-shell';

// The sample with problems in three files: a scope the code needs is gone, two scopes nothing needs
// are declared, and the frontend invokes a misspelt resolver key, so the real one goes unused.
async function breakTheSample(shell: RunningWebShell): Promise<void> {
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('    - read:jira-work\n    - storage:app\n', '    - storage:app\n    - write:confluence-content\n    - read:confluence-space.summary\n'));
}

// Once the workbench follows the app's files: the change is picked up as a developer's edit would be.
async function misspellTheResolverKey(shell: RunningWebShell): Promise<void> {
  const frontendPath = path.join(shell.appFolder, 'src', 'frontend', 'index.jsx');
  await writeFile(frontendPath, (await readFile(frontendPath, 'utf8')).replace("invoke('getIssueRadar')", "invoke('getIssueRadars')"));
}

test('Problems are filtered by severity and words, sorted, and grouped by file', async ({ page, shell }) => {
  await breakTheSample(shell);
  await page.goto(shell.url);
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('[data-code="scope-unused"]')).toHaveCount(2);
  await expect(problems.locator('[data-code="scope-missing"]')).toHaveCount(1);
  await misspellTheResolverKey(shell);
  await expect(problems.locator('[data-code="resolver-undefined"]')).toHaveCount(1);
  await expect(problems.locator('[data-code="resolver-unused"]')).toHaveCount(1);

  // Grouped by file, files with errors first (the manifest before others), then the rest; a group folds away and back.
  await expect
    .poll(() => problems.getByRole('group').evaluateAll((groups) => groups.map((group) => group.getAttribute('aria-label'))))
    .toEqual(['manifest.yml', 'src/frontend/index.jsx', 'src/index.js']);
  const manifestGroup = problems.getByRole('group', { name: 'manifest.yml' });
  const frontendGroup = problems.getByRole('group', { name: 'src/frontend/index.jsx' });
  await expect(manifestGroup.locator('.problem')).toHaveCount(3);
  await expect(frontendGroup.locator('[data-code="resolver-undefined"]')).toBeVisible();
  await manifestGroup.getByRole('heading').getByRole('button').click();
  await expect(manifestGroup.locator('.problem')).toHaveCount(0);
  await manifestGroup.getByRole('heading').getByRole('button').click();
  await expect(manifestGroup.locator('.problem')).toHaveCount(3);

  // Sorted by severity (the default): the error before the warnings.
  await expect(manifestGroup.locator('.problem').first()).toHaveAttribute('data-code', 'scope-missing');

  // Warnings off: only errors are left, and the list says how many are hidden.
  const warnings = problems.getByRole('button', { name: /^Warnings/ });
  await warnings.click();
  await expect(warnings).toHaveAttribute('aria-pressed', 'false');
  await expect(problems.locator('[data-code="scope-unused"]')).toHaveCount(0);
  await expect(problems).toContainText('Showing 2 of 5.');
  await warnings.click();

  // Words typed narrow it down; "!word" leaves out what holds it.
  const filter = problems.getByRole('searchbox', { name: 'Filter problems' });
  await filter.fill('confluence');
  await expect(problems.locator('.problem')).toHaveCount(2);
  await filter.fill('scope !confluence');
  await expect(problems.locator('.problem')).toHaveCount(1);
  await expect(problems.locator('.problem')).toHaveAttribute('data-code', 'scope-missing');
  await problems.getByRole('button', { name: 'Clear filter' }).click();
  await expect(problems.locator('.problem')).toHaveCount(5);

  // Not grouped, sorted by kind: one list, in code order.
  await problems.getByRole('checkbox', { name: 'Group by file' }).uncheck();
  await expect(problems.getByRole('group')).toHaveCount(0);
  await problems.getByRole('combobox', { name: 'Sort problems' }).selectOption('code');
  await expect
    .poll(() => problems.locator('.problem').evaluateAll((items) => items.map((item) => item.getAttribute('data-code'))))
    .toEqual(['resolver-undefined', 'resolver-unused', 'scope-missing', 'scope-unused', 'scope-unused']);
});

test('"Fix all" removes every unused scope in one undoable edit, leaving the file unsaved', async ({ page, shell }) => {
  await breakTheSample(shell);
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems.locator('[data-code="scope-unused"]')).toHaveCount(2);

  await problems.locator('[data-code="scope-unused"]').first().getByRole('button', { name: 'Fix all 2 scope-unused' }).click();
  await expect(editor.locator('.view-lines')).not.toContainText('write:confluence-content');
  await expect(editor.locator('.view-lines')).not.toContainText('read:confluence-space.summary');
  await expect(problems.getByRole('status')).toContainText('Fixed 2 scope-unused problems in one edit');
  await expect(problems.locator('[data-code="scope-unused"]')).toHaveCount(0);
  await expect(page.getByLabel('unsaved changes')).toBeVisible();
  // The one-by-one fix of another kind is untouched.
  await expect(problems.locator('[data-code="scope-missing"]')).toHaveCount(1);

  // One undo brings both back.
  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('Control+Z');
  await expect(editor.locator('.view-lines')).toContainText('write:confluence-content');
  await expect(editor.locator('.view-lines')).toContainText('read:confluence-space.summary');
  await expect(problems.locator('[data-code="scope-unused"]')).toHaveCount(2);
  expect(await readFile(path.join(shell.appFolder, 'manifest.yml'), 'utf8')).toContain('write:confluence-content');
});
