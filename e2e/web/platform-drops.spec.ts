import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '../support/web-shell';

// A function without a timeout may keep 100 log lines on the platform; one that logs 150 loses 50.
// Anvil keeps them all, marks the 50 in the Runner pane's terminal and in the Logs pane, and says so once.
test('a function logging 150 lines shows the 50 the platform would drop marked, in the Runner and Logs panes, with one notice', async ({ page, shell }) => {
  await writeFile(path.join(shell.appFolder, 'src', 'chatty.js'), 'export async function chatty() {\n  for (let n = 1; n <= 150; n++) console.log(`chatty line ${n}`);\n  return "done";\n}\n');
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('  function:\n', '  function:\n    - key: chatty\n      handler: chatty.chatty\n'));

  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('chatty');
  await page.getByLabel('Function').selectOption('chatty');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByRole('region', { name: 'Invocation' })).toContainText('"done"');
  // The terminal shows its last rows: line 150, past the platform's 100, carries the mark, dimmed.
  const terminal = page.getByTestId('runner-terminal').locator('.xterm-rows');
  await expect(terminal).toContainText('[platform drops] chatty line 150');

  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = page.getByRole('region', { name: 'Logs' });
  const lines = logs.getByRole('list', { name: 'Log lines' });
  const search = logs.getByLabel('Search logs');
  await search.fill('"platform would drop"');
  await expect(lines.getByRole('listitem')).toHaveCount(1);
  await expect(lines).toContainText("The platform would drop 50 of this invocation's 150 log lines");
  await search.fill('"chatty line 101"');
  await expect(lines.getByRole('listitem')).toHaveCount(1);
  await expect(lines).toContainText('[platform drops] chatty line 101');
  await search.fill('"chatty line 100"');
  await expect(lines.getByRole('listitem')).toHaveCount(1);
  await expect(lines).toContainText('chatty line 100');
  await expect(lines).not.toContainText('[platform drops]');
});
