import { DEFAULT_SETTINGS, type SettingsData, type SettingsStore } from '../settings';

/** Settings held in memory, for tests of code that only needs the interface. */
export function memorySettings(): SettingsStore {
  const data: SettingsData = structuredClone(DEFAULT_SETTINGS);
  return { get: (key) => data[key], set: (key, value) => void (data[key] = value) };
}
