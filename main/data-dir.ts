import os from 'node:os';
import path from 'node:path';

/** Where Anvil keeps settings and app data by default, per platform (the same folder Electron's userData names). */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ANVIL_DATA_DIR) return path.resolve(env.ANVIL_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Anvil');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Anvil');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Anvil');
}
