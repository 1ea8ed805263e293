import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../data-dir';
import { projectRoot, sampleAppFolder } from '../project-root';
import { openFileSettings } from '../settings';
import { anvilVersion } from '../version';
import { startWebShell } from '../web';
import { Workbench } from '../workbench';
import { CommandError, type CommandIO } from './command';

export interface ServeOptions {
  port: number;
  dataDir?: string;
  appFolder?: string;
}

/** `anvil serve`: the web shell, on loopback, until interrupted. */
export async function serve(options: ServeOptions, io: CommandIO): Promise<number> {
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const settings = openFileSettings(dataDir, (notice) => io.err(notice));
  const workbench = new Workbench({ shell: 'web', version: anvilVersion(), settings, dataDir });
  // A folder on the command line is relative to the terminal's folder, as every command's is.
  const appFolder = path.resolve(options.appFolder ?? sampleAppFolder());
  try {
    await workbench.openApp({ folder: appFolder });
  } catch (error) {
    throw new CommandError(`Cannot open ${appFolder}: ${(error as Error).message}`);
  }
  const shell = await startWebShell({
    workbench,
    rendererDir: path.join(projectRoot(), 'out', 'renderer'),
    port: options.port,
    log: (line) => io.err(line),
  });
  io.out(`Anvil ${anvilVersion()} (web shell) is serving ${appFolder}`);
  io.out(`Open: ${shell.url}`);
  io.out('The link opens the workbench in one tab, once (reloads keep working); for another tab, restart Anvil for a fresh link.');
  await io.untilInterrupted();
  workbench.close();
  await shell.close();
  return 0;
}
