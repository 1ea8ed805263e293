import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findElectronBinary } from './electron';
import { copyAppFolder } from './app-copy';
import { PROJECT_ROOT, SAMPLE_APP } from './paths';

/** The desktop window's own origin (see main/electron/app-protocol.ts). */
export const DESKTOP_ENTRY_URL = 'anvil://workbench/';

export interface RunningDesktopShell {
  app: ElectronApplication;
  window: Page;
  appFolder: string;
  dataDir: string;
  stop(): Promise<void>;
}

/** Start the desktop shell the way `npm start` does, on a copy of the sample app and a fresh data folder. */
export async function startDesktopShell(appSource = SAMPLE_APP): Promise<RunningDesktopShell> {
  const binary = findElectronBinary();
  if (!binary) throw new Error('No Electron binary: the desktop flows need one (see e2e/support/electron.ts).');
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-desktop-e2e-'));
  const appFolder = path.join(scratch, path.basename(appSource));
  copyAppFolder(appSource, appFolder);
  const dataDir = path.join(scratch, 'data');
  const app = await electron.launch({
    executablePath: binary,
    args: [path.join(PROJECT_ROOT, 'out', 'main', 'electron.mjs'), appFolder],
    env: { ...process.env, ANVIL_DATA_DIR: dataDir },
  });
  const window = await app.firstWindow();
  return {
    app,
    window,
    appFolder,
    dataDir,
    stop: async () => {
      await app.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
