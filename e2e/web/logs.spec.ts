import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { OUTPUT_DIR, PROJECT_ROOT } from '../support/paths';
import { expect, test } from '../support/web-shell';

/** The keys `exportLogs` documents for JSON Lines. */
const EXPORT_KEYS = ['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation'];

test('invocations from the Runner pane show in the Logs pane: searched, grouped with their timelines, exported', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByLabel('Function')).toContainText('getIssueRadar');
  const invocation = page.getByRole('region', { name: 'Invocation' });
  // The resolver makes a product call but logs nothing; the scheduled trigger's function logs a warning
  // (this machine is offline, so GitHub "answers" 502).
  await page.getByLabel('Function').selectOption('getIssueRadar');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('"summary": "Show the newest Node.js release next to each issue"');
  await page.getByLabel('Function').selectOption('check-releases');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(invocation).toContainText('check-releases');

  // The lines are there (stored, and followed live), with the chart above them.
  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(logs.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
  const lines = logs.getByRole('list', { name: 'Log lines' });
  await expect(lines).toContainText('GitHub answered 502');
  await expect(logs.getByRole('img', { name: 'Lines per level over time' })).toBeVisible();

  // Search: a word no line has empties the list and says so; a word of the warning finds it again.
  const search = logs.getByLabel('Search logs');
  await search.fill('nolinesaysthis7f3a9c');
  await expect(lines.getByRole('listitem')).toHaveCount(0);
  await expect(logs).toContainText('match these filters');
  await search.fill('github');
  await expect(lines).toContainText('GitHub answered 502');
  await search.fill('');

  // Grouped by invocation: the resolver's timeline has its start, the product call, its result and its end.
  await logs.getByRole('checkbox', { name: 'Group by invocation' }).check();
  const invocations = logs.getByRole('list', { name: 'Invocations' });
  const resolver = invocations.getByRole('button', { name: /issue-radar-panel/ }).first();
  await expect(resolver).toContainText('ok');
  await resolver.click();
  const resolverTimeline = invocations.getByRole('list', { name: 'Timeline' });
  await expect(resolverTimeline).toContainText('started');
  await expect(resolverTimeline).toContainText('allowed product GET');
  await expect(resolverTimeline).toContainText('/rest/api/3/issue/');
  await expect(resolverTimeline).toContainText('Finished after');
  await page.screenshot({ path: path.join(OUTPUT_DIR, 'logs.png') });
  await resolver.click();

  // The scheduled function's timeline has its warning; "Show only these lines" filters the list to it.
  const checkReleases = invocations
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: /check-releases/ }) })
    .first();
  await checkReleases.getByRole('button', { name: /check-releases/ }).click();
  const timeline = checkReleases.getByRole('list', { name: 'Timeline' });
  await expect(timeline).toContainText('GitHub answered 502');
  const invocationId = ((await timeline.locator('.invocation-id').textContent()) ?? '').trim();
  expect(invocationId).not.toBe('');
  await checkReleases.getByRole('button', { name: 'Show only these lines' }).click();
  await expect(logs.getByLabel('Invocation', { exact: true })).toHaveValue(invocationId);
  // Rows show the first 8 characters of their invocation id, as the Forge tunnel does.
  await expect(async () => {
    const rows = await lines.getByRole('listitem').allTextContents();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toContain(invocationId.slice(0, 8));
  }).toPass();

  // A line's detail shows every structured field.
  await lines.getByRole('listitem').first().getByRole('button').click();
  const detail = logs.getByRole('region', { name: 'Log line detail' });
  await expect(detail).toContainText(invocationId);
  await expect(detail).toContainText('check-releases');
  await expect(detail).toContainText('development');
  await expect(detail).toContainText(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/);

  // Export JSON Lines with that filter: a real download, one JSON object per line, the documented keys.
  const [download] = await Promise.all([page.waitForEvent('download'), logs.getByRole('button', { name: 'Export JSON Lines' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^anvil-logs-development-.+\.jsonl$/);
  const records = readFileSync(await download.path(), 'utf8')
    .split('\n')
    .filter((row) => row.trim() !== '')
    .map((row) => JSON.parse(row) as Record<string, unknown>);
  expect(records.length).toBeGreaterThan(0);
  for (const record of records) {
    expect(Object.keys(record)).toEqual(expect.arrayContaining(EXPORT_KEYS));
    expect(record.env).toBe('development');
    expect(record.invocationId).toBe(invocationId);
  }
  expect(records.some((record) => String(record.message).includes('GitHub answered 502'))).toBe(true);
  await expect(logs.getByRole('status')).toContainText('Saved anvil-logs-development-');
});

test('lines written by anvil run in a terminal appear while following, and the chart counts them, without a reload', async ({ page, shell }) => {
  await page.goto(shell.url);
  await page.getByRole('tab', { name: 'Logs' }).click();
  const logs = page.getByRole('region', { name: 'Logs' });
  await expect(logs.getByRole('checkbox', { name: 'Follow' })).toBeChecked();
  const lines = logs.getByRole('list', { name: 'Log lines' });
  await expect(lines).not.toContainText('GitHub answered 502');
  // The invocation list is open before the run: it must catch up by itself.
  await logs.getByRole('checkbox', { name: 'Group by invocation' }).check();
  const invocations = logs.getByRole('list', { name: 'Invocations' });
  await expect(invocations.getByRole('button', { name: /check-releases/ })).toHaveCount(0);

  // Another process, as a developer would start it in a terminal, on the same data folder.
  const cli = path.join(PROJECT_ROOT, 'out', 'main', 'cli.mjs');
  const run = await promisify(execFile)(process.execPath, [cli, 'run', shell.appFolder, 'check-releases', '--data-dir', shell.dataDir], { timeout: 60_000 });
  expect(`${run.stdout}${run.stderr}`).toContain('GitHub answered 502');

  await expect(invocations.getByRole('button', { name: /check-releases/ }).first()).toContainText('1 warn', { timeout: 15_000 });
  await logs.getByRole('checkbox', { name: 'Group by invocation' }).uncheck();
  await expect(lines).toContainText('GitHub answered 502', { timeout: 15_000 });
  await expect(
    logs
      .getByRole('img', { name: 'Lines per level over time' })
      .locator('title', { hasText: /\d+ warn/ })
      .first(),
  ).toBeAttached({ timeout: 15_000 });
});
