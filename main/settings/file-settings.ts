import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { SETTINGS_SCHEMA, type SettingsData, type SettingsStore } from './settings';

export const SETTINGS_FILE_NAME = 'settings';

/** Create the settings store over a data folder, with conf (the library electron-store is built on). */
export function openFileSettings(dataDir: string, onNotice: (message: string) => void = () => {}): SettingsStore {
  const options = { cwd: dataDir, configName: SETTINGS_FILE_NAME, projectName: 'anvil', schema: SETTINGS_SCHEMA };
  let conf: Conf<SettingsData>;
  try {
    conf = new Conf<SettingsData>(options);
  } catch (error) {
    // A damaged settings file must not stop Anvil from starting, and must not be thrown away:
    // keep it beside the new one so nothing the user had is lost.
    const file = path.join(dataDir, `${SETTINGS_FILE_NAME}.json`);
    if (!existsSync(file)) throw error;
    const kept = `${file}.damaged-${Date.now()}`;
    renameSync(file, kept);
    onNotice(`Settings file ${file} could not be read (${(error as Error).message}); it was kept as ${kept} and defaults are used.`);
    conf = new Conf<SettingsData>(options);
  }
  return {
    get: (key) => conf.get(key),
    set: (key, value) => conf.set({ [key]: value } as Partial<SettingsData>),
  };
}
