/** What Anvil remembers between launches. Never secrets: those live in the OS keychain. */
export interface SettingsData {
  window: { width: number; height: number; x?: number; y?: number; maximized: boolean };
  recentApps: string[];
  /** Log lines older than this are deleted (the developer console keeps 30 days). */
  logRetentionDays: number;
}

/** One interface over the two stores: electron-store in the desktop shell, conf in the web shell. */
export interface SettingsStore {
  get<K extends keyof SettingsData>(key: K): SettingsData[K];
  set<K extends keyof SettingsData>(key: K, value: SettingsData[K]): void;
}

export const DEFAULT_SETTINGS: SettingsData = {
  window: { width: 1400, height: 900, maximized: false },
  recentApps: [],
  logRetentionDays: 30,
};

export const MAX_RECENT_APPS = 10;

/** JSON schema both stores validate writes against (conf and electron-store share the format). */
export const SETTINGS_SCHEMA = {
  window: {
    type: 'object',
    properties: {
      width: { type: 'number', minimum: 200 },
      height: { type: 'number', minimum: 150 },
      x: { type: 'number' },
      y: { type: 'number' },
      maximized: { type: 'boolean' },
    },
    required: ['width', 'height', 'maximized'],
    default: DEFAULT_SETTINGS.window,
  },
  recentApps: {
    type: 'array',
    items: { type: 'string' },
    maxItems: MAX_RECENT_APPS,
    default: DEFAULT_SETTINGS.recentApps,
  },
  logRetentionDays: { type: 'integer', minimum: 1, maximum: 365, default: DEFAULT_SETTINGS.logRetentionDays },
} as const;

/** Put a folder first in the recent list, without duplicates, capped. */
export function withRecentApp(recent: readonly string[], folder: string): string[] {
  return [folder, ...recent.filter((entry) => entry !== folder)].slice(0, MAX_RECENT_APPS);
}
