export { DEFAULT_SETTINGS, MAX_PREFERENCES, MAX_RECENT_APPS, PREFERENCE_KEY_PATTERN, SETTINGS_SCHEMA, withRecentApp } from './settings';
export type { SettingsData, SettingsStore } from './settings';
export { openFileSettings, SETTINGS_FILE_NAME } from './file-settings';
