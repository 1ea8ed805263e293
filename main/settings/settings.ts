/** What Anvil remembers between launches. Never secrets: those live in the OS keychain. */
export interface SettingsData {
  window: { width: number; height: number; x?: number; y?: number; maximized: boolean };
  recentApps: string[];
  /** Log lines older than this are deleted (the developer console keeps 30 days). */
  logRetentionDays: number;
  /**
   * The workbench page's own choices (theme, layout sizes, guides seen), kept by the core: the web
   * shell's page gets a new origin with each port, so its browser storage does not last.
   */
  preferences: Record<string, string>;
  /**
   * An OpenAI-compatible server that answers Forge LLMs calls instead of the app's fixtures (a local
   * model server, say): its base URL ('' for none) and the model it runs every chat with ('' to send
   * the app's model name). Its key, if it needs one, is a site token labelled with the URL's host.
   */
  llmEndpoint: { url: string; model: string };
  /**
   * A MySQL-compatible server for Forge SQL (a local TiDB, as the platform runs); an empty host means
   * the MariaDB Anvil starts itself. Its password is a site token labelled `host:port` in the keychain.
   */
  sqlServer: { host: string; port: number; user: string };
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
  preferences: {},
  llmEndpoint: { url: '', model: '' },
  sqlServer: { host: '', port: 3306, user: '' },
};

/** A preference's name: what the page may store, and no more (see `setPreference`). */
export const PREFERENCE_KEY_PATTERN = /^[a-z][a-zA-Z0-9.-]{0,63}$/;
export const MAX_PREFERENCE_CHARS = 4096;
export const MAX_PREFERENCES = 64;

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
  preferences: {
    type: 'object',
    additionalProperties: { type: 'string', maxLength: MAX_PREFERENCE_CHARS },
    maxProperties: MAX_PREFERENCES,
    default: DEFAULT_SETTINGS.preferences,
  },
  llmEndpoint: {
    type: 'object',
    properties: {
      url: { type: 'string', maxLength: 2048, pattern: '^(https?://.+)?$' },
      model: { type: 'string', maxLength: 200 },
    },
    required: ['url', 'model'],
    additionalProperties: false,
    default: DEFAULT_SETTINGS.llmEndpoint,
  },
  sqlServer: {
    type: 'object',
    properties: {
      host: { type: 'string', maxLength: 253, pattern: '^[A-Za-z0-9.:\\[\\]-]*$' },
      port: { type: 'integer', minimum: 1, maximum: 65535 },
      user: { type: 'string', maxLength: 80 },
    },
    required: ['host', 'port', 'user'],
    additionalProperties: false,
    default: DEFAULT_SETTINGS.sqlServer,
  },
} as const;

/** Put a folder first in the recent list, without duplicates, capped. */
export function withRecentApp(recent: readonly string[], folder: string): string[] {
  return [folder, ...recent.filter((entry) => entry !== folder)].slice(0, MAX_RECENT_APPS);
}
