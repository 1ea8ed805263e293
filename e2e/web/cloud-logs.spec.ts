import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_LOGIN } from '../../main/testing/forge-platform-sample';
import { startForgePlatformStandIn } from '../../main/testing/forge-platform-stand-in';
import { standInLoginEnv } from '../../main/testing/stand-in-login-env';
import { blockingFindings, describeFindings } from '../support/axe';
import { PROJECT_ROOT, SAMPLE_APP } from '../support/paths';
import { expect, startWebShell, test } from '../support/web-shell';
import { pageWidths } from '../support/workbench-views';

/** The sample app's id on the platform, as its manifest says. */
function sampleAppId(): string {
  const id = /^\s*id:\s*(ari:cloud:ecosystem::app\/\S+)/m.exec(readFileSync(path.join(SAMPLE_APP, 'manifest.yml'), 'utf8'))?.[1];
  if (!id) throw new Error('resources/sample-app/manifest.yml has no app.id');
  return id;
}

// The follower reads up to every 30 s when nothing arrives: a new line shows within one such pause.
const FOLLOW_TIMEOUT = 60_000;

test('the Logs pane follows staging cloud logs live: searched, grouped by invocation, a refused token says what to do; the CLI prints the same lines', async ({ page }) => {
  test.setTimeout(240_000);
  const start = Date.now() - 10 * 60_000;
  const stored = sampleLogLines(6, STAGING_ENVIRONMENT_ID, start).map((line, index) => ({ ...line, message: `staging says hello ${index}` }));
  const standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: { ...sampleCloudApp(), id: sampleAppId() }, logs: stored });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-cloud-e2e-'));
  const env = standInLoginEnv(standIn, scratch);
  const shell = await startWebShell(SAMPLE_APP, env);
  try {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(shell.url);
    await page.getByRole('tab', { name: 'Logs' }).click();
    const logs = page.getByRole('region', { name: 'Logs' });
    await logs.getByRole('radiogroup', { name: 'Show logs of' }).getByRole('radio', { name: 'staging' }).check();
    await logs.getByRole('radiogroup', { name: 'Lines from' }).getByRole('radio', { name: 'Cloud' }).check();
    await expect(logs).toContainText('No cloud lines of staging (cloud) stored yet');
    await logs.getByRole('button', { name: 'Follow cloud logs' }).click();

    // The last hour from the platform, marked as cloud lines with their app version.
    const lines = logs.getByRole('list', { name: 'Log lines' });
    await expect(lines).toContainText('staging says hello 5', { timeout: FOLLOW_TIMEOUT });
    await expect(lines.getByRole('listitem').filter({ hasText: 'staging says hello 0' })).toContainText('cloud · 4.2.0');
    const state = logs.getByRole('group', { name: 'Cloud logs of staging' }).getByRole('status');
    await expect(state).toContainText('Following cloud logs');
    await expect(logs.getByRole('button', { name: 'Stop following cloud logs' })).toBeVisible();

    // A line written on the platform while following appears without a reload.
    standIn.state.logs.push({
      environmentId: STAGING_ENVIRONMENT_ID,
      invocationId: 'inv-live-7f3a',
      ts: new Date().toISOString(),
      appVersion: '4.3.0',
      functionKey: 'live-resolver',
      lvl: 'WARN',
      message: 'quota nearly reached 9c2e',
      other: null,
    });
    await expect(lines).toContainText('quota nearly reached 9c2e', { timeout: FOLLOW_TIMEOUT });
    await expect(lines.getByRole('listitem').filter({ hasText: 'quota nearly reached 9c2e' })).toContainText('cloud · 4.3.0');

    // Search finds it; grouping shows its invocation with the line in its timeline.
    const search = logs.getByLabel('Search logs');
    await search.fill('quota');
    await expect(lines.getByRole('listitem')).toHaveCount(1);
    await expect(lines).toContainText('quota nearly reached 9c2e');
    await search.fill('');
    await logs.getByRole('checkbox', { name: 'Group by invocation' }).check();
    const invocation = logs.getByRole('list', { name: 'Invocations' }).getByRole('button', { name: /live-resolver/ });
    await expect(invocation).toContainText('1 warn');
    await invocation.click();
    await expect(logs.getByRole('list', { name: 'Timeline' })).toContainText('quota nearly reached 9c2e');
    await logs.getByRole('checkbox', { name: 'Group by invocation' }).uncheck();

    // The CLI reads the same lines from the same platform.
    const cli = await promisify(execFile)(
      process.execPath,
      [path.join(PROJECT_ROOT, 'out', 'main', 'cli.mjs'), 'logs', shell.appFolder, '--env', 'staging', '--cloud', '--data-dir', path.join(scratch, 'cli-data')],
      { env: { ...process.env, ...env }, timeout: 60_000 },
    );
    for (const line of [...stored.map((entry) => entry.message), 'quota nearly reached 9c2e']) expect(cli.stdout).toContain(line);

    // The platform refuses the token: following stops and the pane says so, with what to do.
    standIn.failNext({ kind: 'status', status: 401 });
    await expect(state).toContainText(/^Stopped: .*refused the token/, { timeout: FOLLOW_TIMEOUT });
    await expect(state).toContainText('Log in again');
    await expect(logs.getByRole('button', { name: 'Follow cloud logs' })).toBeVisible();
    await expect(lines).toContainText('quota nearly reached 9c2e');
    expect(await page.content()).not.toContain(STAND_IN_LOGIN.token);

    // The longest state fits the narrowest supported window, and reads to assistive technology.
    const widths = await pageWidths(page);
    expect(widths.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(widths.innerWidth);
    const findings = await blockingFindings(page);
    expect(findings, describeFindings('the Logs pane following cloud logs', findings)).toEqual([]);
  } finally {
    await shell.stop();
    await standIn.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
