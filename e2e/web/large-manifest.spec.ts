import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { largeManifest } from '../../main/testing/large-manifest';
import { copyAppFolder } from '../support/app-copy';
import { OUTPUT_DIR, SAMPLE_APP } from '../support/paths';
import { expect, startWebShell, test } from '../support/web-shell';

// Over the platform's 200 KB by far, yet quick to generate and load; the bench measures 5 MB.
const MANIFEST_BYTES = 1.5 * 1024 * 1024;
const MANIFEST_PANES = ['Scopes', 'Consent', 'Runner', 'Preview', 'Triggers', 'Environments'];
const OTHER_PANES = ['Logs', 'Terminal', 'Credentials'];

test('a manifest of megabytes gets its diagnostic at once, and every pane says why it shows nothing instead of waiting', async ({ page, shellKind }) => {
  test.skip(shellKind !== 'web', 'the app folder is generated for the web shell');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-large-'));
  const app = path.join(scratch, 'large-app');
  copyAppFolder(SAMPLE_APP, app);
  const manifest = largeManifest(MANIFEST_BYTES);
  writeFileSync(path.join(app, 'manifest.yml'), manifest);
  const kilobytes = `${Math.ceil(Buffer.byteLength(manifest) / 1024).toLocaleString('en-US')} KB`;
  const shell = await startWebShell(app);
  try {
    await page.goto(shell.url);
    const editor = page.getByTestId('manifest-editor');
    await expect(editor.locator('.view-lines')).toContainText('jenkins-for-jira-global-page-1');
    const problems = page.getByRole('region', { name: 'Problems' });
    const tooLarge = problems.locator('[data-code="manifest-too-large"]');
    await expect(tooLarge).toContainText(`manifest.yml is ${kilobytes}; the platform accepts at most 200 KB`);
    await expect(tooLarge).toContainText('Move large content');
    await expect(problems).toContainText('1 errors');

    for (const pane of MANIFEST_PANES) {
      await page.getByRole('tab', { name: pane }).click();
      const panel = page.getByRole('tabpanel', { name: pane, exact: true });
      await expect(panel, `${pane} names the size and the limit`).toContainText(`manifest.yml is ${kilobytes}`);
      await expect(panel, `${pane} names the size and the limit`).toContainText('200 KB');
      await expect(panel).not.toContainText(/Preparing|Loading|Analysing/);
      await page.screenshot({ path: path.join(OUTPUT_DIR, `large-manifest-${pane.toLowerCase()}.png`) });
    }
    for (const pane of OTHER_PANES) {
      await page.getByRole('tab', { name: pane }).click();
      await expect(page.getByRole('tabpanel', { name: pane, exact: true })).not.toContainText(/Preparing|Loading|Analysing/);
    }

    // Emptying the editor brings the checks back; undoing it brings back the size error, never an answer to text that is gone.
    await page.getByRole('tab', { name: 'Consent' }).click();
    await editor.locator('.view-line').first().click();
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await expect(problems.locator('[data-code="manifest-empty"]')).toBeVisible();
    await expect(tooLarge).toHaveCount(0);
    await expect(page.getByRole('tabpanel', { name: 'Consent', exact: true })).not.toContainText(`manifest.yml is ${kilobytes}`);
    await page.keyboard.press('Control+Z');
    await expect(tooLarge).toContainText(`manifest.yml is ${kilobytes}`);
    await expect(problems.locator('[data-code="manifest-empty"]')).toHaveCount(0);
    await expect(page.getByRole('tabpanel', { name: 'Consent', exact: true })).toContainText(`manifest.yml is ${kilobytes}`);
  } finally {
    await shell.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
});
