import { mkdtempSync, rmSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { copyAppFolder } from '../support/app-copy';
import { blockingFindings, describeFindings, type Finding } from '../support/axe';
import { OUTPUT_DIR, SAMPLE_APP } from '../support/paths';
import { expect, test, type RunningWebShell } from '../support/web-shell';
import { clickSidebarView, openWorkbench, paneNames, paneStrip, runFromPalette, shownPane, sidebarViewNames, THEMES } from '../support/workbench-views';

// A scope the code needs is taken out and one nothing needs is put in: Problems, Scopes and the
// status bar show an error and a warning, not only their empty states.
async function giveTheSampleProblems(shell: RunningWebShell): Promise<void> {
  const manifestPath = path.join(shell.appFolder, 'manifest.yml');
  const manifest = await readFile(manifestPath, 'utf8');
  await writeFile(manifestPath, manifest.replace('    - read:jira-work\n', '    - read:confluence-space.summary\n'));
}

for (const theme of THEMES) {
  test(`axe-core finds no serious or critical violation in any pane, sidebar view or dialog (${theme.name} theme)`, async ({ page, shell, shellKind }, testInfo) => {
    test.setTimeout(360_000);
    await giveTheSampleProblems(shell);
    await page.setViewportSize({ width: 1440, height: 900 });
    const themed = await openWorkbench(page, shell, theme.name);
    test.skip(!themed, `the workbench has no ${theme.name} theme in this build`);

    const report: string[] = [];
    const failures: string[] = [];
    const scan = async (view: string) => {
      const findings: Finding[] = await blockingFindings(page);
      report.push(describeFindings(view, findings));
      if (findings.length > 0) failures.push(describeFindings(view, findings, 4));
    };

    // The workbench as it opens, with Problems listing the app's problems.
    const problems = page.getByRole('region', { name: 'Problems' });
    await expect(problems.locator('[data-code="scope-missing"]').first()).toBeVisible();
    await scan('Workbench with Problems');

    for (const name of await paneNames(page)) {
      await paneStrip(page).getByRole('tab', { name, exact: true }).click();
      await shownPane(page, name);
      await scan(name);
    }

    // The Runner again with a run's output and result in it.
    await runFromPalette(page, 'run check-releases');
    await expect(page.getByRole('region', { name: 'Invocation' })).toContainText('ok check-releases');
    await scan('Runner after a run');

    for (const view of await sidebarViewNames(page)) {
      const sidebar = await clickSidebarView(page, view);
      if (view === 'Search') {
        await sidebar.getByRole('searchbox', { name: "Search the app's files" }).fill('issue');
        await expect(sidebar.getByRole('group', { name: 'Search results' }).getByRole('button').first()).toBeVisible();
      }
      await scan(`${view} view`);
    }

    await page.keyboard.press('Control+Shift+P');
    const palette = page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette.getByRole('option', { name: /Run check-releases/ })).toBeVisible();
    await scan('Command palette');
    await page.keyboard.press('Escape');
    await expect(palette).toBeHidden();

    if (shellKind === 'web') {
      // The web shell asks for a folder in its own dialog (the desktop one uses the system's).
      await page.getByRole('button', { name: 'Open app folder…' }).click();
      const openDialog = page.getByRole('dialog', { name: 'Open app folder' });
      await expect(openDialog.getByRole('textbox')).toBeFocused();
      await scan('Open dialog');

      // Unsaved manifest edits, then another app: the workbench asks first.
      await page.keyboard.press('Escape');
      await expect(openDialog).toBeHidden();
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-e2e-a11y-'));
      try {
        const otherApp = path.join(scratch, 'other-app');
        copyAppFolder(SAMPLE_APP, otherApp);
        const editor = page.getByTestId('manifest-editor');
        await expect(editor.locator('.view-lines')).toContainText('modules');
        await editor.locator('.view-lines').click();
        await page.keyboard.press('Control+Home');
        await page.keyboard.type('# not saved yet\n');
        await expect(page.getByLabel('unsaved changes')).toBeVisible();
        await page.getByRole('button', { name: 'Open app folder…' }).click();
        await openDialog.getByRole('textbox').fill(otherApp);
        await openDialog.getByRole('button', { name: 'Open', exact: true }).click();
        const ask = page.getByRole('alertdialog', { name: 'Unsaved changes' });
        await expect(ask).toContainText('manifest.yml');
        await scan('Unsaved changes dialog');
        await ask.getByRole('button', { name: 'Cancel' }).click();
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }

    // Every finding, for review beside the screenshots.
    await writeFile(path.join(OUTPUT_DIR, `axe-${theme.name}.txt`), `${report.join('\n')}\n`);
    await testInfo.attach(`axe-${theme.name}.txt`, { body: report.join('\n'), contentType: 'text/plain' });
    expect(failures, 'serious or critical accessibility violations (rule — summary, then each element and what to fix)').toEqual([]);
  });
}
