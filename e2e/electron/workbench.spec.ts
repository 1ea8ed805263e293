import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CALL_NAMES } from '../../common/api';
import { electronSkipReason, findElectronBinary } from '../support/electron';
import { OUTPUT_DIR, PROJECT_ROOT, SAMPLE_APP } from '../support/paths';

const skipReason = electronSkipReason();
if (skipReason) console.log(`Electron e2e suite skipped: ${skipReason}`);
test.skip(skipReason !== null, skipReason ?? '');

let app: ElectronApplication;
let scratch: string;
let appFolder: string;

test.beforeEach(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-electron-e2e-'));
  appFolder = path.join(scratch, 'sample-app');
  cpSync(SAMPLE_APP, appFolder, { recursive: true });
  app = await electron.launch({
    executablePath: findElectronBinary()!,
    args: [path.join(PROJECT_ROOT, 'out', 'main', 'electron.mjs'), appFolder],
    env: { ...process.env, ANVIL_DATA_DIR: path.join(scratch, 'data') },
  });
});
test.afterEach(async () => {
  await app.close();
  rmSync(scratch, { recursive: true, force: true });
});

test('the desktop window opens the app, edits and saves the manifest', async () => {
  const window = await app.firstWindow();
  await expect(window.getByTestId('app-name')).toHaveText('issue-radar');
  const editor = window.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  await editor.locator('.view-lines').click();
  await window.keyboard.press('Control+Home');
  await window.keyboard.type('# edited in the desktop window\n');
  await window.keyboard.press('Control+s');
  await expect(window.getByText(/^Saved /)).toBeVisible();
  expect(await readFile(path.join(appFolder, 'manifest.yml'), 'utf8')).toMatch(/^# edited in the desktop window\n/);
  await window.screenshot({ path: path.join(OUTPUT_DIR, 'workbench-electron.png') });
});

test('every window is hardened and the renderer sees only the contract', async () => {
  const window = await app.firstWindow();
  await expect(window.getByTestId('app-name')).toHaveText('issue-radar');
  // In the main process: every window shows the workbench's own origin, never file:// or a foreign page.
  const windowUrls = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((each) => each.webContents.getURL()));
  expect(windowUrls.length).toBeGreaterThan(0);
  for (const url of windowUrls) expect(url.startsWith('anvil://workbench/')).toBe(true);
  // In the main process: the web preferences every window really runs with.
  const preferences = await app.evaluate(({ BrowserWindow }) =>
    BrowserWindow.getAllWindows().map((each) => {
      // Not in Electron's typings, but what the window really runs with (Electron's own tests read it).
      const contents = each.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> | null };
      const prefs = contents.getLastWebPreferences?.() ?? {};
      return {
        contextIsolation: prefs.contextIsolation,
        sandbox: prefs.sandbox,
        nodeIntegration: prefs.nodeIntegration,
        nodeIntegrationInWorker: prefs.nodeIntegrationInWorker,
        webSecurity: prefs.webSecurity,
        webviewTag: prefs.webviewTag,
        allowRunningInsecureContent: prefs.allowRunningInsecureContent,
      };
    }),
  );
  for (const prefs of preferences) {
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false });
  }
  // In the page: no Node (nodeIntegration off, sandboxed), and window.anvil is exactly the contract.
  const surface = await window.evaluate(() => {
    const page = globalThis as unknown as { anvil: object; require?: unknown; process?: unknown; location: { origin: string } };
    return { anvil: Object.keys(page.anvil).sort(), require: typeof page.require, process: typeof page.process, origin: page.location.origin };
  });
  expect(surface.anvil).toEqual([...CALL_NAMES, 'subscribe'].sort());
  expect(surface.require).toBe('undefined');
  expect(surface.process).toBe('undefined');
  expect(surface.origin).toBe('anvil://workbench');
});
