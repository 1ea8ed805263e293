import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OUTPUT_DIR } from '../support/paths';
import { expect, test } from '../support/web-shell';

test('deleting a scope the code needs shows it missing; the quick fix puts it back', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(editor.locator('.view-lines')).toContainText('read:jira-work');
  await expect(problems).toContainText('0 errors');
  await page.getByRole('tab', { name: 'Scopes' }).click();
  const scopeRow = page.locator('tr[data-scope="read:jira-work"]');
  await expect(scopeRow).toHaveClass(/status-used/);
  await expect(scopeRow).toContainText('View Jira issue data');
  await expect(scopeRow).toContainText('src/index.js:');

  // Delete the scope's line in the editor (no save: the analysis follows the text as typed).
  await editor.locator('.view-line', { hasText: '- read:jira-work' }).click();
  await page.keyboard.press('Control+Shift+K');
  await expect(editor.locator('.view-lines')).not.toContainText('read:jira-work');

  const missing = problems.locator('[data-code="scope-missing"]');
  await expect(missing).toContainText('"read:jira-work" is needed by src/index.js');
  await expect(missing).toContainText('GET /rest/api/3/issue/{issueIdOrKey}');
  await expect(scopeRow).toHaveClass(/status-missing/);
  await expect(editor.locator('.squiggly-error').first()).toBeVisible();
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'scope-missing.png') });

  await missing.getByRole('button', { name: 'Add scope read:jira-work' }).click();
  await expect(editor.locator('.view-lines')).toContainText('- read:jira-work');
  await expect(problems.locator('[data-code="scope-missing"]')).toHaveCount(0);
  await expect(scopeRow).toHaveClass(/status-used/);

  // The fix edited the text only; saving writes it, with the rest of the file as it was.
  await page.keyboard.press('Control+s');
  await expect(page.getByText(/^Saved /)).toBeVisible();
  const saved = await readFile(path.join(shell.appFolder, 'manifest.yml'), 'utf8');
  expect(saved).toContain('  scopes:\n    - storage:app\n    - read:jira-work\n');
  expect(saved).toContain('# Issue Radar: the sample Forge app Anvil opens by default.');
});

test('hovering a scope explains it, and a typo gets a "did you mean" fix', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('storage:app');
  // Put the cursor on the scope and ask for the hover from the keyboard (Ctrl+K Ctrl+I), as a keyboard user would.
  const scopeLine = editor.locator('.view-line', { hasText: '- storage:app' });
  await scopeLine.click({ position: { x: 120, y: 8 } });
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('storage:app');
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('platform');

  await editor.locator('.view-line', { hasText: '- storage:app' }).click();
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('- read:jira-wrok');
  const problems = page.getByRole('region', { name: 'Problems' });
  const unknown = problems.locator('[data-code="scope-unknown"]');
  await expect(unknown).toContainText('Did you mean "read:jira-work"');
  await unknown.getByRole('button', { name: 'Replace with read:jira-work' }).click();
  await expect(problems.locator('[data-code="scope-unknown"]')).toHaveCount(0);
});

test("a missing scope is drawn on the scopes: key only, so another scope's hover shows its own explanation", async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(editor.locator('.view-lines')).toContainText('read:jira-work');
  await editor.locator('.view-line', { hasText: '- read:jira-work' }).click();
  await page.keyboard.press('Control+Shift+K');
  await expect(problems.locator('[data-code="scope-missing"]')).toContainText('"read:jira-work" is needed by');

  await editor.locator('.view-line', { hasText: '- storage:app' }).click({ position: { x: 120, y: 8 } });
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await expect(hover).toContainText('storage:app');
  await expect(hover).not.toContainText('is needed by');
  // The first thing the hover says is the scope's own explanation.
  await expect(hover.locator('.hover-row').first()).toContainText('storage:app');
});

test('a Custom UI folder that does not exist is an error at its path; an unclosed quote is reported where it opened', async ({ page, shell }) => {
  await page.goto(shell.url);
  const editor = page.getByTestId('manifest-editor');
  const problems = page.getByRole('region', { name: 'Problems' });
  await expect(problems).toContainText('0 errors');
  // The resources are at the end of the file: go there so the editor draws them.
  await editor.locator('.view-line').first().click();
  await page.keyboard.press('Control+End');
  await expect(editor.locator('.view-lines')).toContainText('static/radar-page');

  await editor.locator('.view-line', { hasText: 'path: static/radar-page' }).click();
  await page.keyboard.press('End');
  await page.keyboard.type('/build');
  const missing = problems.locator('[data-code="resource-path-missing"]');
  await expect(missing).toContainText('Resource "radar-page": the folder static/radar-page/build does not exist');
  await expect(missing).toContainText('manifest.yml:61');
  await page.keyboard.press('Control+z');
  await expect(problems.locator('[data-code="resource-path-missing"]')).toHaveCount(0);

  // An opening quote left without its closing one, in the middle of the file.
  await page.keyboard.press('Control+Home');
  await editor.locator('.view-line', { hasText: 'interval: day' }).click();
  await page.keyboard.press('End');
  // Before "day" (a letter follows, so the editor adds no closing quote by itself).
  for (let step = 0; step < 'day'.length; step += 1) await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('"');
  await expect(editor.locator('.view-lines')).toContainText('interval: "day');
  const quote = problems.locator('[data-code="yaml-unclosed-quote"]');
  await expect(quote).toContainText('manifest.yml:31');
  await expect(quote).toContainText('opened on line 31 is never closed');
});
