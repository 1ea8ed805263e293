import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { MIGRATIONS } from '../database/migrations';
import { scratchFolder } from '../testing';
import { LogStore } from './log-store';
import { Redactor } from './redactor';

/** The schema before the tags left the log_line table (migration 6). */
const BEFORE_TAGS_VIEW = 5;
const T0 = Date.UTC(2025, 0, 10);

interface OldLine {
  ts: number;
  environment: string;
  level: string;
  message: string;
  invocation_id: string | null;
  function_key: string | null;
  module_key: string | null;
  installation: string | null;
  fields: string | null;
  platform_drop: string | null;
}

const OLD_LINES: OldLine[] = [
  {
    ts: T0,
    environment: 'development',
    level: 'log',
    message: 'Fetching issue PROJ-1 for the panel',
    invocation_id: 'inv-a',
    function_key: 'resolver',
    module_key: 'issue-panel',
    installation: 'jira',
    fields: null,
    platform_drop: null,
  },
  {
    ts: T0 + 1,
    environment: 'development',
    level: 'error',
    message: 'Request failed with status code 502',
    invocation_id: 'inv-a',
    function_key: 'resolver',
    module_key: 'issue-panel',
    installation: 'jira',
    fields: '{"attempt":2}',
    platform_drop: 'lines',
  },
  {
    ts: T0 + 2,
    environment: 'staging',
    level: 'warn',
    message: 'Café déjà vu: rate limited',
    invocation_id: 'inv-b',
    function_key: 'scheduled-sync',
    module_key: 'nightly-sync',
    installation: 'confluence-ü',
    fields: null,
    platform_drop: null,
  },
  {
    ts: T0 + 3,
    environment: 'staging',
    level: 'debug',
    message: 'newest line, pruned before the upgrade',
    invocation_id: null,
    function_key: null,
    module_key: null,
    installation: null,
    fields: null,
    platform_drop: null,
  },
];

/** A database as the previous Anvil left it: its schema, lines written as it wrote them, the newest one pruned. */
function oldDatabase(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.transaction(() => {
    for (const step of MIGRATIONS.slice(0, BEFORE_TAGS_VIEW)) db.exec(step);
    db.pragma(`user_version = ${BEFORE_TAGS_VIEW}`);
  })();
  const insert = db.prepare(
    `INSERT INTO log_line (ts, environment, level, message, invocation_id, function_key, module_key, installation, fields, platform_drop)
     VALUES (@ts, @environment, @level, @message, @invocation_id, @function_key, @module_key, @installation, @fields, @platform_drop)`,
  );
  for (const line of OLD_LINES) insert.run(line);
  db.exec('INSERT INTO log_line_fts (rowid, message, tags) SELECT id, message, tags FROM log_line');
  db.prepare('INSERT INTO log_span (first_id, last_id, min_ts, max_ts) VALUES (1, 4, ?, ?)').run(T0, T0 + 3);
  db.exec("INSERT INTO log_line_fts (log_line_fts, rowid, message, tags) SELECT 'delete', id, message, tags FROM log_line WHERE id = 4; DELETE FROM log_line WHERE id = 4");
  db.close();
}

describe('a log store written by the previous Anvil', () => {
  it('opens with every line, id, search and filter kept, and never hands out a pruned id again', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    oldDatabase(file);

    const db = openAppDatabase(file);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    const stored = db.prepare('SELECT * FROM log_line ORDER BY id').all() as (OldLine & { id: number })[];
    // Local lines: not from the cloud, no deployed version (migration 7).
    expect(stored).toEqual(OLD_LINES.slice(0, 3).map((line, index) => ({ id: index + 1, ...line, source: null, app_version: null })));
    // The index matches the stored lines entry by entry (rank 1: against the content, not only itself).
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();

    const store = new LogStore(db, { redactor: new Redactor(), now: () => T0 + 1000 });
    const messages = (filter: Parameters<LogStore['query']>[0]) => store.query(filter).lines.map((line) => line.message);
    expect(messages({ text: 'fetching' })).toEqual(['Fetching issue PROJ-1 for the panel']);
    expect(messages({ text: 'cafe deja' })).toEqual(['Café déjà vu: rate limited']);
    expect(messages({ installation: 'confluence-ü' })).toEqual(['Café déjà vu: rate limited']);
    expect(messages({ environment: 'development', levels: ['error'] })).toEqual(['Request failed with status code 502']);
    expect(messages({ functionKey: 'resolver', text: 'status' })).toEqual(['Request failed with status code 502']);
    expect(messages({ platform: 'dropped' })).toEqual(['Request failed with status code 502']);
    expect(store.invocation('inv-a')!.lines.map((line) => line.id)).toEqual([1, 2]);

    const [next] = store.append([
      { ts: T0 + 10, environment: 'development', level: 'info', message: 'first line after the upgrade', invocationId: 'inv-a', functionKey: 'resolver', moduleKey: null, installation: null },
    ]);
    expect(next!.id).toBe(5);
    expect(store.invocation('inv-a')!.lines.map((line) => line.message)).toEqual(['Fetching issue PROJ-1 for the panel', 'Request failed with status code 502', 'first line after the upgrade']);
    db.close();
  });

  it('prunes lines it kept from before the upgrade, index entries included', () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    oldDatabase(file);
    const db = openAppDatabase(file);
    const store = new LogStore(db, { redactor: new Redactor(), now: () => T0 + 31 * 86_400_000 });
    store.append([{ ts: T0 + 31 * 86_400_000, environment: 'staging', level: 'log', message: 'rate limited again today', invocationId: null, functionKey: null, moduleKey: null, installation: null }]);
    expect(store.prune().lines).toBe(3);
    expect(store.query({ text: 'rate limited' }).lines.map((line) => line.message)).toEqual(['rate limited again today']);
    expect(() => db.prepare("INSERT INTO log_line_fts (log_line_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    db.close();
  });
});
