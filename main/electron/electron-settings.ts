import ElectronStore from 'electron-store';
import { SETTINGS_FILE_NAME, SETTINGS_SCHEMA, type SettingsData, type SettingsStore } from '../settings';

/** The desktop shell's settings: electron-store in Electron's userData folder. */
export function openElectronSettings(): SettingsStore {
  const store = new ElectronStore<SettingsData>({ name: SETTINGS_FILE_NAME, schema: SETTINGS_SCHEMA });
  return {
    get: (key) => store.get(key),
    set: (key, value) => store.set({ [key]: value } as Partial<SettingsData>),
  };
}
