import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { appDataFolder } from '../app';
import { forgeEnvironmentKey } from './cli-arguments';

// Kept in Anvil's data folder, never the app's, so a cloned app cannot plant what "deployed" was.
const FOLDER = 'forge-deployed';

function manifestFile(dataDir: string, appFolder: string, environment: string): string {
  return path.join(appDataFolder(dataDir, appFolder), FOLDER, `${forgeEnvironmentKey(environment)}.yml`);
}

/** The manifest Anvil last deployed to an environment with the Forge CLI (a run that exited 0), and when. */
export async function lastForgeDeploy(dataDir: string, appFolder: string, environment: string): Promise<{ text: string; deployedAt: Date } | null> {
  const file = manifestFile(dataDir, appFolder, environment);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return null;
  return { text: await readFile(file, 'utf8'), deployedAt: info.mtime };
}

/** Remember what a successful `forge deploy` deployed: the next deploy is compared with it. */
export async function recordForgeDeploy(dataDir: string, appFolder: string, environment: string, manifestText: string): Promise<void> {
  const file = manifestFile(dataDir, appFolder, environment);
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomUUID()}.tmp`;
  await writeFile(temporary, manifestText, { mode: 0o600, flag: 'wx' });
  await rename(temporary, file);
}
