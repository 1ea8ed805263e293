/**
 * The app database's schema, one step per version. A step is never edited once shipped: a
 * developer's existing database is brought forward by the steps it has not seen (`user_version`).
 */
export const MIGRATIONS: readonly string[] = [
  // 1: app storage (KVS) per environment and installation. Values are JSON text; secret values are
  // sealed (AES-256-GCM) with a key kept in the OS keychain, never stored in the clear.
  `CREATE TABLE kvs_entry (
     environment TEXT NOT NULL,
     installation TEXT NOT NULL,
     space TEXT NOT NULL CHECK (space IN ('value', 'secret', 'entity')),
     entity TEXT NOT NULL DEFAULT '',
     key TEXT NOT NULL,
     value TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (environment, installation, space, entity, key)
   ) WITHOUT ROWID;
   CREATE TABLE installation (
     environment TEXT NOT NULL,
     name TEXT NOT NULL,
     site TEXT NOT NULL,
     product TEXT NOT NULL,
     target TEXT NOT NULL CHECK (target IN ('fixtures', 'site')),
     created_at INTEGER NOT NULL,
     PRIMARY KEY (environment, name)
   ) WITHOUT ROWID;`,
  // 2: web trigger URLs, one per environment, installation and module; the id is the only secret in the URL.
  `CREATE TABLE webtrigger_url (
     id TEXT PRIMARY KEY,
     environment TEXT NOT NULL,
     installation TEXT NOT NULL,
     module_key TEXT NOT NULL,
     created_at INTEGER NOT NULL,
     UNIQUE (environment, installation, module_key)
   );`,
];
