import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { oneFunctionManifest, scratchFolder, smallApp } from '../../testing';
import { useForgeSql4 } from '../../testing/forge-api-release';
import { testSqlEngine } from '../../testing/sql-engine';
import { ForgeSql, installationDatabase, LocalEngine, type ForgeSqlLimits } from '../../sql';
import { AppRunner } from '../app-runner';

const SQL_MODULE = '  sql:\n    - key: main\n      engine: mysql\n';
const MANIFEST = oneFunctionManifest().replace('modules:\n', `modules:\n${SQL_MODULE}`);

// What an app does with @forge/sql 4.0.8, the published package, by operation.
const SOURCE = `
import sql, { migrationRunner } from '@forge/sql';

const migrations = () =>
  migrationRunner
    .enqueue('v001_create_notes', 'CREATE TABLE notes (id INT PRIMARY KEY AUTO_INCREMENT, body VARCHAR(200) NOT NULL)')
    .enqueue('v002_add_author', 'ALTER TABLE notes ADD COLUMN author VARCHAR(100)');

export async function main(payload) {
  try {
    switch (payload.op) {
      case 'migrate': {
        const applied = await migrations().run();
        const listed = await migrationRunner.list();
        return { applied, listed: listed.map((m) => ({ id: m.id, name: m.name, dated: !Number.isNaN(m.migratedAt.getTime()) })) };
      }
      case 'insert':
        return (await sql.prepare('INSERT INTO notes (body, author) VALUES (?, ?)').bindParams(payload.body, payload.author).execute()).rows;
      case 'find':
        return (await sql.prepare('SELECT body, author FROM notes WHERE author = ? ORDER BY id').bindParams(payload.author).execute()).rows;
      case 'raw':
        return (await sql.executeRaw(payload.query)).rows;
      case 'hello':
        return 'hello without SQL';
      case 'socket': {
        const net = require('net');
        return await new Promise((resolve) => {
          const socket = net.createConnection({ path: payload.path });
          socket.on('connect', () => resolve('connected'));
          socket.on('error', (error) => resolve('refused: ' + error.message));
        });
      }
    }
  } catch (error) {
    return { failed: error.name, code: error.code, message: error.message, status: error.responseDetails && error.responseDetails.status };
  }
}
`;

const shared = testSqlEngine();
afterAll(() => shared.stop(), 60_000);

const opened: { runner: AppRunner; sql: ForgeSql }[] = [];
afterEach(async () => {
  for (const { runner, sql } of opened.splice(0)) {
    runner.close();
    await sql.close();
  }
});

function sqlApp(options: { manifest?: string; limits?: Partial<ForgeSqlLimits>; now?: () => number; sql?: ForgeSql } = {}) {
  const app = smallApp(options.manifest ?? MANIFEST, SOURCE);
  useForgeSql4(app);
  const sql = options.sql ?? new ForgeSql({ engine: shared.source(), limits: options.limits, now: options.now });
  const runner = new AppRunner(app, { dataDir: null, sql });
  opened.push({ runner, sql });
  return {
    app,
    runner,
    sql,
    call: async (payload: Record<string, unknown>, where: { environment?: string; installation?: string } = {}) => {
      const outcome = await runner.run({ functionKey: 'main', payload, ...where });
      expect(outcome.status, outcome.error ?? '').toBe('ok');
      return outcome.result as never;
    },
  };
}

describe.runIf(shared.available)('Forge SQL on a real engine', () => {
  it('applies each migration once per installation and records it in __migrations, as the platform does', async () => {
    const { call, sql, app, runner } = sqlApp();
    const first = (await call({ op: 'migrate' })) as { applied: string[]; listed: { id: number; name: string; dated: boolean }[] };
    expect(first.applied).toEqual(['v001_create_notes', 'v002_add_author']);
    expect(first.listed).toEqual([
      { id: 1, name: 'v001_create_notes', dated: true },
      { id: 2, name: 'v002_add_author', dated: true },
    ]);
    const again = (await call({ op: 'migrate' })) as { applied: string[]; listed: unknown[] };
    expect(again.applied).toEqual([]);
    expect(again.listed).toHaveLength(2);
    const installation = (await runner.listInstallations('development'))[0]!.name;
    const seen = await sql.inspect({ app, environment: 'development', installation });
    expect(seen.tables.map((table) => table.name).sort()).toEqual(['__migrations', 'notes']);
    expect(seen.migrations.map((migration) => migration.name)).toEqual(['v001_create_notes', 'v002_add_author']);
  }, 120_000);

  it('binds parameters as data: a value written to break out of the quotes is stored and matched verbatim', async () => {
    const { call } = sqlApp();
    await call({ op: 'migrate' });
    const hostile = "x' OR '1'='1";
    const inserted = (await call({ op: 'insert', body: "'); DROP TABLE notes; --", author: hostile })) as { affectedRows: number; insertId: number };
    expect(inserted).toMatchObject({ affectedRows: 1, insertId: 1 });
    await call({ op: 'insert', body: 'an ordinary note', author: 'ada' });
    expect(await call({ op: 'find', author: hostile })).toEqual([{ body: "'); DROP TABLE notes; --", author: hostile }]);
    // Interpolated, this would match every row.
    expect(await call({ op: 'find', author: "nobody' OR '1'='1" })).toEqual([]);
    expect(await call({ op: 'raw', query: 'SELECT COUNT(*) AS notes FROM notes' })).toEqual([{ notes: 2 }]);
  }, 120_000);

  it('compares table names without case, as the platform’s TiDB does', async () => {
    const { call } = sqlApp();
    await call({ op: 'migrate' });
    await call({ op: 'insert', body: 'shouted', author: 'ada' });
    expect(await call({ op: 'raw', query: 'SELECT COUNT(*) AS notes FROM NOTES' })).toEqual([{ notes: 1 }]);
  }, 120_000);

  it('gives each installation and each environment its own database: one cannot see or name the other’s tables', async () => {
    const { call, runner, app } = sqlApp();
    runner.saveInstallation('development', { name: 'acme', site: 'acme.atlassian.net', product: 'jira', target: 'fixtures' });
    await call({ op: 'migrate' }, { installation: 'acme' });
    await call({ op: 'insert', body: 'acme only', author: 'acme' }, { installation: 'acme' });
    const builtIn = (await runner.listInstallations('development')).find((installation) => installation.builtIn)!.name;
    const elsewhere = (await call({ op: 'raw', query: 'SELECT * FROM notes' }, { installation: builtIn })) as { failed: string; code: string; message: string };
    expect(elsewhere).toMatchObject({ failed: 'ForgeSQLError', code: 'SQL_EXECUTION_ERROR' });
    expect(elsewhere.message).toMatch(/Table '.*\.notes' doesn't exist/);
    const otherEnvironment = (await call({ op: 'raw', query: 'SELECT * FROM notes' }, { environment: 'staging', installation: builtIn })) as { code: string; message: string };
    expect(otherEnvironment.message).toMatch(/Table '.*\.notes' doesn't exist/);
    // Naming acme's database outright is refused by the engine: the account has rights on its own database only.
    const acme = installationDatabase(app, 'development', 'acme').database;
    const named = (await call({ op: 'raw', query: `SELECT * FROM ${acme}.notes` }, { installation: builtIn })) as { code: string; message: string };
    expect(named.code).toBe('SQL_EXECUTION_ERROR');
    expect(named.message).toMatch(/denied/i);
    const moved = (await call({ op: 'raw', query: `USE ${acme}` }, { installation: builtIn })) as { code: string };
    expect(moved.code).toBe('SQL_POLICY_VIOLATION');
    expect(await call({ op: 'find', author: 'acme' }, { installation: 'acme' })).toEqual([{ body: 'acme only', author: 'acme' }]);
  }, 120_000);

  it('returns an engine error to app code as ForgeSQLAPIError with the engine’s own message', async () => {
    const { call } = sqlApp();
    const failed = (await call({ op: 'raw', query: 'SELECT nothing FROM nowhere' })) as { failed: string; code: string; message: string; status: number };
    expect(failed).toMatchObject({ failed: 'ForgeSQLError', code: 'SQL_EXECUTION_ERROR', status: 400 });
    expect(failed.message).toMatch(/^Table 'forge_development_[0-9a-f]{24}\.nowhere' doesn't exist$/);
  }, 120_000);

  it('stops a query at the platform’s time limit and says which limit it hit', async () => {
    const { call } = sqlApp({ limits: { selectSeconds: 0.5 } });
    const stopped = (await call({ op: 'raw', query: 'SELECT SLEEP(30) AS slept' })) as { code: string; message: string };
    expect(stopped.code).toBe('QUERY_TIMED_OUT');
    expect(stopped.message).toBe('The query ran longer than Forge SQL allows a SELECT (0.5 s per query), so it was stopped, as the platform would stop it.');
  }, 120_000);

  it('stops a statement that lifts its own time limit, from outside the engine', async () => {
    const { call } = sqlApp({ limits: { selectSeconds: 0.5 } });
    const stopped = (await call({ op: 'raw', query: 'SET STATEMENT max_statement_time=0 FOR SELECT SLEEP(30) AS slept' })) as { code: string; message: string };
    expect(stopped.code).toBe('QUERY_TIMED_OUT');
  }, 120_000);

  it('refuses a result over the platform’s 4 MiB response size, naming the limit', async () => {
    const { call } = sqlApp();
    const big = (await call({
      op: 'raw',
      query: "SELECT REPEAT('x', 1048576) AS chunk FROM (SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) AS five",
    })) as { code: string; message: string };
    expect(big.code).toBe('SQL_EXECUTION_ERROR');
    expect(big.message).toMatch(/^The result is over Forge SQL's response size limit of 4 MiB per query \(3 rows fit\)/);
    // The connection that was cut is not reused: the next statement runs normally.
    expect(await call({ op: 'raw', query: 'SELECT 1 AS one' })).toEqual([{ one: 1 }]);
  }, 120_000);

  it('refuses writes once the installation holds the platform’s stored data limit for its environment, and still lets rows be deleted', async () => {
    const { call } = sqlApp({ limits: { storedBytesDevelopment: 16 * 1024 } });
    await call({ op: 'migrate' });
    const full = (await call({ op: 'insert', body: 'one too many', author: 'ada' })) as { code: string; message: string };
    expect(full.code).toBe('SQL_EXECUTION_ERROR');
    expect(full.message).toMatch(/at Forge SQL's stored data limit \(16 KiB for a development installation\); delete rows or drop tables before writing more\.$/);
    expect(await call({ op: 'raw', query: 'DELETE FROM notes' })).toMatchObject({ affectedRows: 0 });
  }, 120_000);

  it('holds an installation to the request rate limit, naming it', async () => {
    const { call } = sqlApp({ limits: { dmlPerSecond: 3 }, now: () => 1_000_000 });
    for (let n = 0; n < 3; n++) expect(await call({ op: 'raw', query: 'SELECT 1 AS one' })).toEqual([{ one: 1 }]);
    const limited = (await call({ op: 'raw', query: 'SELECT 1 AS one' })) as { code: string; message: string; status: number };
    expect(limited).toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
    expect(limited.message).toMatch(/3 requests per second per installation/);
  }, 120_000);

  it('shows the Runner pane an installation’s tables and migrations, and its query box reads but never writes', async () => {
    const { call, runner } = sqlApp();
    await call({ op: 'migrate' });
    await call({ op: 'insert', body: 'kept', author: 'ada' });
    const overview = await runner.sqlOverview('development');
    expect(overview).toMatchObject({ enabled: true, problem: null, engine: expect.stringMatching(/started by Anvil$/) });
    expect(overview.tables.map((table) => table.name).sort()).toEqual(['__migrations', 'notes']);
    expect(overview.migrations.map((migration) => migration.name)).toEqual(['v001_create_notes', 'v002_add_author']);
    expect(await runner.sqlQuery('development', undefined, 'SELECT body, author FROM notes')).toEqual({ columns: ['body', 'author'], rows: [['kept', 'ada']] });
    await expect(runner.sqlQuery('development', undefined, 'DELETE FROM notes')).rejects.toThrow(/reading statements only/);
    await expect(runner.sqlQuery('development', undefined, 'SELECT * FROM missing')).rejects.toThrow(/missing' doesn't exist/);
    expect(await call({ op: 'find', author: 'ada' })).toEqual([{ body: 'kept', author: 'ada' }]);
  }, 120_000);

  it('starts no engine for the pane of an app without the sql module', async () => {
    const engine = new LocalEngine({ folder: scratchFolder(), binaries: null });
    const { runner } = sqlApp({ manifest: oneFunctionManifest(), sql: new ForgeSql({ engine }) });
    expect(await runner.sqlOverview('development')).toEqual({ enabled: false, engine: null, problem: null, database: null, tables: [], migrations: [] });
  }, 120_000);

  it('answers APP_NOT_ENABLED to an app whose manifest does not declare the sql module', async () => {
    const { call } = sqlApp({ manifest: oneFunctionManifest() });
    const refused = (await call({ op: 'raw', query: 'SELECT 1' })) as { code: string; message: string };
    expect(refused.code).toBe('APP_NOT_ENABLED');
    expect(refused.message).toMatch(/declare it in manifest\.yml/);
  }, 120_000);

  it('app code cannot open the SQL engine’s socket, even knowing where it is', async () => {
    const { call } = sqlApp();
    const endpoint = await shared.engine().endpoint();
    const tried = (await call({ op: 'socket', path: endpoint.socketPath })) as { failed?: string; message?: string } | string;
    expect(tried).not.toBe('connected');
    expect(tried).toMatchObject({ message: expect.stringMatching(/needs Node's net module, which Anvil's local runner does not provide/) });
  }, 120_000);
});

describe('Forge SQL without an engine', () => {
  it('fails the SQL call with how to install an engine, and the same app’s other functions still run', async () => {
    const sql = new ForgeSql({ engine: new LocalEngine({ folder: scratchFolder(), binaries: null }) });
    const { call } = sqlApp({ sql });
    const failed = (await call({ op: 'raw', query: 'SELECT 1' })) as { code: string; message: string; status: number };
    expect(failed).toMatchObject({ code: 'SQL_ENGINE_UNAVAILABLE', status: 503 });
    expect(failed.message).toMatch(/Forge SQL needs a MySQL-compatible engine, and none is installed on this machine\. Install MariaDB: /);
    expect(await call({ op: 'hello' })).toBe('hello without SQL');
  }, 120_000);
});
