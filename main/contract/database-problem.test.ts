import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { databaseProblem } from './database-problem';
import { toErrorInfo } from './errors';

/** The error better-sqlite3 really throws for `sql` on a database prepared by `setup`. */
function sqliteError(setup: (db: Database.Database) => void, sql: string): unknown {
  const db = new Database(':memory:');
  try {
    db.exec('CREATE TABLE t (x TEXT)');
    setup(db);
    db.exec(sql);
  } catch (error) {
    return error;
  } finally {
    db.close();
  }
  throw new Error(`${sql} did not fail`);
}

describe('database errors for the developer', () => {
  it('a full disk says to free space, and a call answers with it instead of an internal error', () => {
    const full = sqliteError(
      (db) => db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`),
      `INSERT INTO t SELECT hex(randomblob(2000)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) SELECT i FROM n)`,
    );
    expect(toErrorInfo(full)).toEqual({
      code: 'io-error',
      message: expect.stringMatching(/^The app database \(anvil\.db in Anvil's data folder\) could not be written: the disk is full\. Free disk space/),
    });
    expect(databaseProblem(full, '/data/anvil.db')).toMatch(/^The app database \/data\/anvil\.db could not be written: the disk is full/);
  });

  it('a read-only database says to check permissions, not to move the file aside', () => {
    const readOnly = sqliteError((db) => db.pragma('query_only = 1'), "INSERT INTO t VALUES ('x')");
    const message = databaseProblem(readOnly, '/data/anvil.db');
    expect(message).toMatch(/^The app database \/data\/anvil\.db cannot be written: .*read-only.*Check the permissions/);
    expect(message).not.toMatch(/move the file aside/i);
  });

  it('leaves other errors alone', () => {
    expect(databaseProblem(new Error('boom'), null)).toBeNull();
    expect(toErrorInfo(new Error('boom'))).toEqual({ code: 'internal', message: 'Internal error: boom' });
  });
});
