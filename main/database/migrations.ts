import { ENVIRONMENT_TABLES } from './environment-tables';

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
  // 3: environments (custom ones, variables, deployed versions, installations' approvals and log access).
  ENVIRONMENT_TABLES,
  // 4: log lines of every local invocation (runner and triggers), searchable and grouped by invocation.
  // `id` is the ingest order; AUTOINCREMENT so an id never comes back after pruning and a follower
  // polling `id > lastSeen` never misses a line. Text is redacted before it is stored.
  // One FTS5 index serves every filter: `message` for words, and `tags` (computed, never stored) with
  // one word per value — e<hex env>, l<level>, f/m/s/i<hex function, module, installation,
  // invocation> — so any combination is an intersection of id-ordered lists and "newest 200" stops
  // after 200 hits. One index instead of five low-cardinality B-trees (each costing ingest about as
  // much as the whole full-text index). External content: text stored once, 'delete' issued from the
  // row when pruning, 'integrity-check' compares index and rows. columnsize=0: never ranked.
  // Written in the same transaction as the lines, set-based (a per-row trigger makes FTS5 flush a
  // segment per row). Time filters use log_span instead of an index on ts: per run of a few thousand
  // ids, the times it holds, which bounds the ids a time range can have.
  `CREATE TABLE log_line (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     ts INTEGER NOT NULL,
     environment TEXT NOT NULL,
     level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'log', 'warn', 'error')),
     message TEXT NOT NULL,
     invocation_id TEXT,
     function_key TEXT,
     module_key TEXT,
     installation TEXT,
     fields TEXT,
     tags TEXT GENERATED ALWAYS AS (
       'e' || hex(environment) || ' l' || level || ' f' || hex(coalesce(function_key, '')) || ' m' || hex(coalesce(module_key, ''))
       || ' s' || hex(coalesce(installation, '')) || ' i' || hex(coalesce(invocation_id, ''))
     ) VIRTUAL
   );
   CREATE TABLE log_span (
     first_id INTEGER PRIMARY KEY,
     last_id INTEGER NOT NULL,
     min_ts INTEGER NOT NULL,
     max_ts INTEGER NOT NULL
   );
   CREATE VIRTUAL TABLE log_line_fts USING fts5(
     message, tags, content = 'log_line', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
   );
   CREATE TABLE log_invocation (
     invocation_id TEXT PRIMARY KEY,
     environment TEXT NOT NULL,
     function_key TEXT,
     module_key TEXT,
     installation TEXT,
     started_at INTEGER NOT NULL,
     duration_ms INTEGER,
     status TEXT NOT NULL,
     error TEXT,
     calls TEXT NOT NULL DEFAULT '[]',
     result TEXT,
     result_trimmed INTEGER NOT NULL DEFAULT 0
   ) WITHOUT ROWID;
   CREATE INDEX log_invocation_started ON log_invocation (started_at);
   CREATE INDEX log_invocation_env_started ON log_invocation (environment, started_at);
   CREATE TABLE log_withheld (
     id INTEGER PRIMARY KEY,
     environment TEXT NOT NULL,
     installation TEXT,
     invocation_id TEXT,
     count INTEGER NOT NULL CHECK (count > 0),
     ts INTEGER NOT NULL
   );
   CREATE INDEX log_withheld_ts ON log_withheld (ts);
   CREATE INDEX log_withheld_invocation ON log_withheld (invocation_id) WHERE invocation_id IS NOT NULL;`,
  // 5: the lines a deployed function would lose (past the platform's log lines per invocation, or
  // its 200 KB): Anvil keeps them and marks why. NULL for every line the platform keeps.
  `ALTER TABLE log_line ADD COLUMN platform_drop TEXT CHECK (platform_drop IN ('lines', 'size'));`,
  // 6: faster log ingest, same lines, ids and search. SQLite computes a generated column on every
  // insert, even a VIRTUAL one that is never read there, and checks \`level IN (5 values)\` by building
  // a temporary index per row: the tags move to a view the full-text index reads its content from,
  // and the level check becomes comparisons. A column's definition cannot be altered, so the table
  // is copied (ids kept, and the AUTOINCREMENT counter, so a pruned id never comes back) and the
  // index rebuilt from it. automerge 8: index segments are merged in larger groups, so each entry is
  // rewritten fewer times as the index grows.
  `CREATE TABLE log_line_v6 (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     ts INTEGER NOT NULL,
     environment TEXT NOT NULL,
     level TEXT NOT NULL CHECK (level = 'debug' OR level = 'info' OR level = 'log' OR level = 'warn' OR level = 'error'),
     message TEXT NOT NULL,
     invocation_id TEXT,
     function_key TEXT,
     module_key TEXT,
     installation TEXT,
     fields TEXT,
     platform_drop TEXT CHECK (platform_drop IN ('lines', 'size'))
   );
   INSERT INTO log_line_v6 (id, ts, environment, level, message, invocation_id, function_key, module_key, installation, fields, platform_drop)
     SELECT id, ts, environment, level, message, invocation_id, function_key, module_key, installation, fields, platform_drop FROM log_line ORDER BY id;
   DELETE FROM sqlite_sequence WHERE name = 'log_line_v6';
   INSERT INTO sqlite_sequence (name, seq) SELECT 'log_line_v6', seq FROM sqlite_sequence WHERE name = 'log_line';
   DROP TABLE log_line_fts;
   DROP TABLE log_line;
   ALTER TABLE log_line_v6 RENAME TO log_line;
   CREATE VIEW log_line_indexed AS SELECT id, message,
     'e' || hex(environment) || ' l' || level || ' f' || hex(coalesce(function_key, '')) || ' m' || hex(coalesce(module_key, ''))
     || ' s' || hex(coalesce(installation, '')) || ' i' || hex(coalesce(invocation_id, '')) AS tags
   FROM log_line;
   CREATE VIRTUAL TABLE log_line_fts USING fts5(
     message, tags, content = 'log_line_indexed', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
   );
   INSERT INTO log_line_fts (log_line_fts, rank) VALUES ('automerge', 8);
   INSERT INTO log_line_fts (log_line_fts) VALUES ('rebuild');`,
  // 7: lines read from the Forge platform (an app's real environments) next to local ones: \`source\`
  // 'cloud' marks them (NULL for every local line) and \`app_version\` is the deployed version that
  // wrote them. Added columns: no line is copied or reindexed, the index's view is unchanged.
  `ALTER TABLE log_line ADD COLUMN source TEXT CHECK (source = 'cloud');
   ALTER TABLE log_line ADD COLUMN app_version TEXT;`,
];
