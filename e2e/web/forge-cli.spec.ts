import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFakeForgeCli } from '../../main/testing/fake-forge-cli';
import { SAMPLE_APP } from '../support/paths';
import { expect, startWebShell, test } from '../support/web-shell';

const LOGIN = { email: 'dev@example.com', token: 'ATATT-e2e-forge-cli-3f9a1c7e-LAST' };

test('Deploy to Forge runs the Forge CLI in the Terminal pane: its progress and exit, and a failing CLI’s error', async ({ page }) => {
  test.setTimeout(120_000);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-forge-cli-e2e-'));
  const fake = writeFakeForgeCli(scratch);
  // The core finds forge on its PATH; the login reaches it as the Forge CLI's own variables would.
  const shell = await startWebShell(SAMPLE_APP, { PATH: [fake.binFolder, process.env.PATH ?? ''].join(path.delimiter), FORGE_EMAIL: LOGIN.email, FORGE_API_TOKEN: LOGIN.token });
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
  try {
    await page.goto(shell.url);
    await page.getByRole('combobox', { name: 'Environment', exact: true }).selectOption('staging');
    await page.getByRole('tab', { name: 'Environments', exact: true }).click();
    const forge = page.getByRole('region', { name: 'Forge platform', exact: true });
    await expect(forge.getByTestId('forge-cli')).toContainText(`Forge CLI 13.3.0 at ${path.join(fake.binFolder, 'forge')}`);
    await expect(forge).toContainText(`Runs as ${LOGIN.email}`);
    await expect(page.getByRole('region', { name: 'Versions', exact: true }).getByRole('button', { name: 'Deploy locally', exact: true })).toBeVisible();

    await forge.getByRole('button', { name: 'Deploy to Forge', exact: true }).click();
    const terminal = page.getByRole('tabpanel', { name: 'Terminal', exact: true });
    const run = terminal.getByRole('region', { name: 'Run: forge deploy to staging', exact: true });
    await expect(run).toContainText('forge deploy --environment staging --non-interactive');
    await expect(run.getByTestId('forge-run-output')).toContainText('Uploading app');
    await expect(run.getByTestId('forge-run-output')).toContainText('Deployed sample-app to the staging environment.');
    await expect(run.getByRole('status')).toHaveText('Finished (exit status 0).');
    await expect(page.getByRole('status').filter({ hasText: 'forge deploy to staging finished.' })).toBeVisible();
    expect(fake.calls()).toMatchObject([{ argv: ['deploy', '--environment', 'staging', '--non-interactive'], cwd: shell.appFolder, tokenSet: true, email: LOGIN.email }]);

    // The CLI fails: its error line and exit status are shown, and a notice says so.
    fake.behave({ fail: true });
    await page.getByRole('tab', { name: 'Environments', exact: true }).click();
    await forge.getByRole('button', { name: 'Deploy to Forge', exact: true }).click();
    const failed = terminal.getByRole('region', { name: 'Run: forge deploy to staging', exact: true });
    await expect(failed.getByRole('status')).toHaveText('Failed (exit status 1).');
    await expect(failed.getByRole('list', { name: 'Forge CLI errors' })).toContainText('Error: Deployment failed: the manifest is invalid (fake forge says so).');
    await expect(page.getByRole('alert').filter({ hasText: 'forge deploy to staging failed (exit status 1): Error: Deployment failed' })).toBeVisible();
    expect(fake.calls()).toHaveLength(2);

    expect(frames.filter((frame) => frame.includes(LOGIN.token))).toEqual([]);
  } finally {
    await shell.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('Forge: Deploy to staging from the palette; a major version since the last deploy waits with its reasons; without a login the section says where to set one', async ({ page }) => {
  test.setTimeout(180_000);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-forge-cli-e2e-'));
  const fake = writeFakeForgeCli(scratch);
  const onPath = [fake.binFolder, process.env.PATH ?? ''].join(path.delimiter);
  const paletteRuns = async (words: string, title: string) => {
    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await page.keyboard.type(words);
    await expect(palette.getByRole('option').first()).toContainText(title);
    await page.keyboard.press('Enter');
    await expect(palette).toBeHidden();
  };

  // No Atlassian account anywhere: the section says what to do, and nothing runs.
  const withoutLogin = await startWebShell(SAMPLE_APP, { PATH: onPath, FORGE_EMAIL: '', FORGE_API_TOKEN: '' });
  try {
    await page.goto(withoutLogin.url);
    await page.getByRole('tab', { name: 'Environments', exact: true }).click();
    const forge = page.getByRole('region', { name: 'Forge platform', exact: true });
    await expect(forge.getByRole('note')).toContainText('No Atlassian login for the Forge CLI: set your Atlassian account (email and API token) in the Credentials pane first.');
    await expect(forge.getByRole('button', { name: 'Deploy to Forge', exact: true })).toBeDisabled();
    await forge.getByRole('button', { name: 'Open Credentials', exact: true }).click();
    await expect(page.getByRole('tab', { name: 'Credentials', exact: true })).toHaveAttribute('aria-selected', 'true');
    expect(fake.calls()).toEqual([]);
  } finally {
    await withoutLogin.stop();
  }

  const shell = await startWebShell(SAMPLE_APP, { PATH: onPath, FORGE_EMAIL: LOGIN.email, FORGE_API_TOKEN: LOGIN.token });
  try {
    await page.goto(shell.url);
    // The palette's shortcut works once the workbench is drawn.
    await expect(page.getByRole('tab', { name: 'Environments', exact: true })).toBeVisible();
    await paletteRuns('forge deploy to staging', 'Forge: Deploy to staging');
    const terminal = page.getByRole('tabpanel', { name: 'Terminal', exact: true });
    await expect(terminal.getByRole('region', { name: 'Run: forge deploy to staging', exact: true }).getByRole('status')).toHaveText('Finished (exit status 0).');
    expect(fake.calls()).toHaveLength(1);

    // A new scope since that deploy: site admins must approve the next version; nothing runs until the developer says so.
    const manifest = path.join(shell.appFolder, 'manifest.yml');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('    - storage:app\n', '    - storage:app\n    - write:jira-work\n'));
    await paletteRuns('forge deploy to staging', 'Forge: Deploy to staging');
    const major = page.getByRole('region', { name: 'Forge platform', exact: true }).getByRole('alertdialog', { name: 'Major version' });
    await expect(major).toContainText('Major version: site admins must approve it');
    await expect(major).toContainText('the last deploy to staging from Anvil');
    await expect(major.getByRole('listitem').filter({ hasText: 'write:jira-work' })).toBeVisible();
    expect(fake.calls()).toHaveLength(1);
    await major.getByRole('button', { name: 'Deploy major version', exact: true }).click();
    await expect(terminal.getByRole('region', { name: 'Run: forge deploy to staging', exact: true }).getByRole('status')).toHaveText('Finished (exit status 0).');
    expect(fake.calls()).toHaveLength(2);
  } finally {
    await shell.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
