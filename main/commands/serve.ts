import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir } from '../data-dir';
import { projectRoot, sampleAppFolder } from '../project-root';
import { openFileSettings } from '../settings';
import { anvilVersion } from '../version';
import { devRendererOriginOf, startWebShell } from '../web';
import { Workbench } from '../workbench';
import { TEST_ONLY_GATEWAY_CA_FILE } from './cloud-logs';
import { CommandError, type CommandIO } from './command';

export interface ServeOptions {
  port: number;
  dataDir?: string;
  appFolder?: string;
  /** `npm run dev`: the renderer's dev server, which proxies the page's calls to this core. */
  devRendererOrigin?: string;
}

/** `anvil serve`: the web shell, on loopback, until interrupted. */
export async function serve(options: ServeOptions, io: CommandIO): Promise<number> {
  if (options.devRendererOrigin !== undefined) {
    try {
      devRendererOriginOf(options.devRendererOrigin);
    } catch (error) {
      throw new CommandError(`--dev-renderer: ${(error as Error).message}`);
    }
  }
  const dataDir = path.resolve(options.dataDir ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const settings = openFileSettings(dataDir, (notice) => io.err(notice));
  // The gateway is read from FORGE_GRAPHQL_GATEWAY as the logs command reads it; a stand-in's certificate only in tests.
  const caFile = process.env[TEST_ONLY_GATEWAY_CA_FILE];
  const workbench = new Workbench({ shell: 'web', version: anvilVersion(), settings, dataDir, testOnlyGatewayCaCertificates: caFile ? [readFileSync(caFile, 'utf8')] : undefined });
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
    devRendererOrigin: options.devRendererOrigin,
  });
  io.out(`Anvil ${anvilVersion()} (web shell) is serving ${appFolder}`);
  io.out(`Open: ${shell.url}`);
  io.out('The link opens the workbench in one tab, once (reloads keep working); for another tab, restart Anvil for a fresh link.');
  await io.untilInterrupted();
  workbench.close();
  await shell.close();
  return 0;
}
