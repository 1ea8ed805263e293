import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sampleCloudApp, STAND_IN_LOGIN } from '../../main/testing/forge-platform-sample';
import { startForgePlatformStandIn } from '../../main/testing/forge-platform-stand-in';
import { standInLoginEnv } from '../../main/testing/stand-in-login-env';
import { blockingFindings, describeFindings } from '../support/axe';
import { SAMPLE_APP } from '../support/paths';
import { expect, startWebShell, test } from '../support/web-shell';
import { pageWidths } from '../support/workbench-views';

/** The sample app's id on the platform, as its manifest says. */
function sampleAppId(): string {
  const id = /^\s*id:\s*(ari:cloud:ecosystem::app\/\S+)/m.exec(readFileSync(path.join(SAMPLE_APP, 'manifest.yml'), 'utf8'))?.[1];
  if (!id) throw new Error('resources/sample-app/manifest.yml has no app.id');
  return id;
}

test('the Cloud pane shows where the app is installed and what is deployed; the consent pane compares with the version an installation runs', async ({ page }) => {
  test.setTimeout(180_000);
  // On the platform, staging's 4.2.0 asks for read:jira-work only; the local manifest adds storage:app.
  const standIn = await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: { ...sampleCloudApp(), id: sampleAppId() } });
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-cloud-installations-e2e-'));
  const env = standInLoginEnv(standIn, scratch);
  const shell = await startWebShell(SAMPLE_APP, env);
  try {
    await page.setViewportSize({ width: 1024, height: 700 });
    await page.goto(shell.url);
    await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
    // Nothing is asked of the platform before the developer opens the Cloud pane or the base picker.
    expect(standIn.requests).toEqual([]);

    // From the palette: "Show Cloud" opens the pane and puts the focus on its tab.
    await page.getByRole('button', { name: 'Open app folder…' }).focus();
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await page.keyboard.type('show cloud');
    await expect(palette.getByRole('option').first()).toContainText('Show Cloud');
    await page.keyboard.press('Enter');
    const tab = page.getByRole('tab', { name: 'Cloud', exact: true });
    await expect(tab).toBeFocused();
    await expect(tab).toHaveAttribute('aria-selected', 'true');

    const cloud = page.getByRole('region', { name: 'The app on the Forge platform' });
    const installations = cloud.getByRole('table', { name: 'Installations' });
    await expect(installations.getByRole('row', { name: /acme-staging\.atlassian\.net/ })).toContainText(/Jira\s*staging\s*4\.2\.0\s*yes/);
    await expect(installations.getByRole('row', { name: /acme-dev\.atlassian\.net/ })).toContainText(/Confluence\s*development\s*7\.0\.3\s*no/);
    await expect(cloud.getByRole('table', { name: 'Environments' })).toContainText('alex');
    const stagingVersions = cloud.getByRole('table', { name: 'Versions in staging' });
    await expect(stagingVersions.getByRole('row')).toHaveCount(4);
    await expect(stagingVersions.getByRole('row', { name: /^4\.2\.0/ })).toContainText('new installations get it');
    await expect(cloud).toContainText('Nothing deployed to production yet');
    await expect(cloud).toContainText(`Asked as ${STAND_IN_LOGIN.email}`);

    const widths = await pageWidths(page);
    expect(widths.scrollWidth, 'the page scrolls sideways').toBeLessThanOrEqual(widths.innerWidth);
    const findings = await blockingFindings(page);
    expect(findings, describeFindings('the Cloud pane with installations', findings)).toEqual([]);

    // The consent pane offers the installations as the installed version, and names what admins of that site are asked again.
    await page.getByRole('tab', { name: 'Consent', exact: true }).click();
    const base = page.getByRole('combobox', { name: 'Installed version' });
    await base.focus();
    const choice = 'version 4.2.0 on acme-staging.atlassian.net (staging)';
    await expect(base.getByRole('option', { name: choice })).toHaveCount(1);
    await base.selectOption({ label: choice });
    const upgrade = page.getByRole('region', { name: 'Upgrade', exact: true });
    await expect(upgrade).toContainText('Major version: site admins must approve this upgrade');
    await expect(upgrade).toContainText('Compared with version 4.2.0 installed on acme-staging.atlassian.net (staging)');
    await expect(upgrade.getByRole('list', { name: 'Why it needs approval' })).toHaveText('It adds the scope storage:app.');
    await expect(upgrade.locator('[data-scope="storage:app"]')).toHaveCount(1);
    await expect(upgrade.locator('[data-scope="read:jira-work"]')).toHaveCount(0);

    // Install/Upgrade in the Environments pane offers the sites the app is installed on in that
    // environment; choosing one sets its product too.
    await page.getByRole('tab', { name: 'Environments', exact: true }).click();
    const forge = page.getByRole('region', { name: 'Forge platform' });
    await expect(forge.getByTestId('installed-sites').locator('option')).toHaveCount(1);
    await expect(forge.getByTestId('installed-sites').locator('option')).toHaveAttribute('value', 'acme-dev.atlassian.net');
    await forge.getByRole('combobox', { name: 'Site' }).fill('acme-dev.atlassian.net');
    await expect(forge.getByRole('combobox', { name: 'Product' })).toHaveValue('confluence');

    // A token the platform refuses: the Cloud pane says so and what to do; the consent screen stays.
    await page.getByRole('tab', { name: 'Cloud', exact: true }).click();
    standIn.failNext({ kind: 'status', status: 401 });
    await cloud.getByRole('button', { name: 'Refresh' }).click();
    const alert = cloud.getByRole('alert');
    await expect(alert).toContainText('The platform refused the token');
    await expect(alert).toContainText('API token');
    await expect(alert.getByRole('button', { name: 'Show Credentials' })).toBeVisible();
    expect(await page.content()).not.toContain(STAND_IN_LOGIN.token);
    const refused = await blockingFindings(page);
    expect(refused, describeFindings('the Cloud pane with a refused token', refused)).toEqual([]);
  } finally {
    await shell.stop();
    await standIn.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});
