import { describe, expect, it } from 'vitest';
import { FORGE_SQL_LIMITS, RequestWindow, statementKind, timeoutSeconds } from './forge-sql-limits';
import { installationDatabase } from './installation-database';

describe('Forge SQL limits', () => {
  it('times a statement by what it does: 5 s to read, 10 s to change rows, 20 s for DDL or anything sent as DDL', () => {
    const seconds = (query: string, ddl = false) => timeoutSeconds(statementKind(query, ddl), FORGE_SQL_LIMITS);
    expect(seconds('SELECT 1')).toBe(5);
    expect(seconds('  /* list */ with t as (select 1) select * from t')).toBe(5);
    expect(seconds('INSERT INTO notes VALUES (1)')).toBe(10);
    expect(seconds('delete from notes')).toBe(10);
    expect(seconds('CREATE TABLE t (id INT)')).toBe(20);
    expect(seconds('SELECT id FROM __migrations', true)).toBe(20);
    // A statement cannot pick a longer limit by wrapping itself.
    expect(seconds('SET STATEMENT max_statement_time=0 FOR SELECT SLEEP(30)')).toBe(5);
  });

  it('admits requests up to the limit within the window, and again once the window has moved on', () => {
    let now = 0;
    const window = new RequestWindow(2, 1000, () => now);
    expect([window.admit(), window.admit(), window.admit()]).toEqual([true, true, false]);
    now = 1000;
    expect(window.admit()).toBe(true);
  });

  it('names databases by a hash, so no site name or environment key reaches an identifier', () => {
    const hostile = installationDatabase('/apps/a', 'dev`; DROP DATABASE x; --', "acme'--");
    expect(hostile.database).toMatch(/^forge_dev_drop_database_x_[0-9a-f]{24}$/);
    expect(hostile.user).toMatch(/^forge_[0-9a-f]{24}$/);
    expect(installationDatabase('/apps/a', 'development', 'acme')).toEqual(installationDatabase('/apps/a', 'development', 'acme'));
    expect(installationDatabase('/apps/a', 'development', 'acme').database).not.toBe(installationDatabase('/apps/b', 'development', 'acme').database);
  });
});
