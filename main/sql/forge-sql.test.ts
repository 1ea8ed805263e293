import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { findEngineBinaries } from './engine-binary';
import { EXECUTE_DDL_PATH, EXECUTE_PATH, ForgeSql } from './forge-sql';
import { LocalEngine } from './local-engine';

const binaries = findEngineBinaries();
const opened: ForgeSql[] = [];
afterEach(async () => {
  for (const sql of opened.splice(0)) await sql.close();
}, 60_000);

describe.runIf(binaries !== null)('Forge SQL when its engine stops by itself', () => {
  it('starts the engine again for the next statement, with the data already written kept', async () => {
    const engine = new LocalEngine({ folder: scratchFolder(), binaries });
    const sql = new ForgeSql({ engine });
    opened.push(sql);
    const tenant = { app: '/apps/notes', environment: 'development', installation: 'local-jira' };
    const send = (query: string, params: unknown[] = [], ddl = false) =>
      sql.execute({ ...tenant, method: 'POST', path: ddl ? EXECUTE_DDL_PATH : EXECUTE_PATH, body: JSON.stringify({ query, params, method: 'all' }) });
    expect((await send('CREATE TABLE t (id INT)', [], true)).status).toBe(200);
    expect((await send('INSERT INTO t (id) VALUES (?)', [7])).status).toBe(200);
    const first = engine.serverPid!;
    process.kill(first, 'SIGKILL');
    const after = await send('SELECT id FROM t');
    expect(after).toMatchObject({ status: 200, body: { rows: [{ id: 7 }] } });
    expect(engine.serverPid).not.toBe(first);
  }, 120_000);
});

describe('Forge SQL query policy', () => {
  it('refuses what the platform’s query policy refuses before any engine is asked: USE and SQL-level prepared statements', async () => {
    const sql = new ForgeSql({ engine: new LocalEngine({ folder: scratchFolder(), binaries: null }) });
    opened.push(sql);
    const send = (query: string) =>
      sql.execute({ app: '/apps/notes', environment: 'development', installation: 'local-jira', method: 'POST', path: EXECUTE_PATH, body: JSON.stringify({ query, params: [] }) });
    expect(await send('USE forge_development_0123')).toMatchObject({ status: 400, body: { code: 'SQL_POLICY_VIOLATION', message: expect.stringMatching(/does not permit USE/) } });
    expect(await send("PREPARE s FROM 'SELECT 1'")).toMatchObject({ body: { code: 'SQL_POLICY_VIOLATION' } });
    expect(await send('  /* then */ EXECUTE s')).toMatchObject({ body: { code: 'SQL_POLICY_VIOLATION' } });
    // Anything else goes on to the engine (here: none installed).
    expect(await send('SELECT 1')).toMatchObject({ status: 503, body: { code: 'SQL_ENGINE_UNAVAILABLE' } });
  });
});
