import { readFileSync } from 'node:fs';
import path from 'node:path';
import { editorTab, expectCursorLine } from '../support/editor-tabs';
import { expect, test } from '../support/web-shell';

// An app error's stack names the app's own file and line, and a frame opens that file in an editor tab at the line.
test('a frame of an invocation error opens the app file at its line', async ({ page, shell }) => {
  const source = readFileSync(path.join(shell.appFolder, 'src', 'index.js'), 'utf8').split('\n');
  const line = source.findIndex((text) => text.includes('context.extension.issue.key')) + 1;
  expect(line).toBeGreaterThan(0);

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('getIssueRadar');
  await page.getByLabel('Function').selectOption('getIssueRadar');
  // A module context without an issue: the resolver reads `context.extension.issue.key` and throws.
  await page.getByLabel('Context', { exact: true }).fill('{"extension": {"type": "jira:issuePanel"}}');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const invocation = page.getByRole('region', { name: 'Invocation' });
  await expect(invocation).toContainText('TypeError');
  await expect(invocation).not.toContainText('anvil:');
  await expect(invocation).not.toContainText('.cjs');

  const frame = invocation.getByRole('button', { name: new RegExp(`^src/index\\.js:${line}:\\d+$`) }).first();
  await frame.click();
  await expect(editorTab(page, 'src/index.js')).toHaveAttribute('aria-selected', 'true');
  await expectCursorLine(page, 'context.extension.issue.key');
});
