import { createHash } from 'node:crypto';
import path from 'node:path';

/** Where Anvil keeps what it knows about one app: a folder per app path, under the data folder. */
export function appDataFolder(dataDir: string, appFolder: string): string {
  return path.join(dataDir, 'apps', createHash('sha256').update(path.resolve(appFolder)).digest('hex').slice(0, 16));
}
