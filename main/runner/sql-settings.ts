import path from 'node:path';
import { namedServer, sharedLocalEngine, type EngineSource } from '../sql';
import type { SettingsData } from '../settings';
import { credentialName, type Vault } from '../vault';

/**
 * Forge SQL's engine as the developer set it up: a server named in settings, with its password
 * from the keychain (a site token labelled `host:port`, read when the first statement needs it);
 * null when no server is named, and Anvil runs its own MariaDB.
 */
export function sqlEngineFromSettings(setting: SettingsData['sqlServer'] | undefined, vault: Pick<Vault, 'has' | 'read'> | null): EngineSource | null {
  if (!setting || setting.host === '') return null;
  const name = credentialName('site-token', `${setting.host}:${setting.port}`, null);
  return namedServer({ host: setting.host, port: setting.port, user: setting.user }, async () => (vault && (await vault.has(name)) ? vault.read(name) : null));
}

/**
 * The same choice, made when the first statement comes rather than when the app opens: a command
 * that runs no Forge SQL never reads the settings. Without a named server, the engine Anvil runs in
 * the data folder.
 */
export function sqlEngineChosenLater(setting: () => SettingsData['sqlServer'] | undefined, vault: Pick<Vault, 'has' | 'read'> | null, dataDir: string): EngineSource {
  let chosen: EngineSource | null = null;
  const choose = () => (chosen ??= sqlEngineFromSettings(setting(), vault) ?? sharedLocalEngine({ folder: path.join(dataDir, 'sql-engine') }));
  return {
    endpoint: () => choose().endpoint(),
    close: () => chosen?.close() ?? Promise.resolve(),
    forget: () => chosen?.forget?.(),
  };
}
