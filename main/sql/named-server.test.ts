import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, realpathSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { findEngineBinaries } from './engine-binary';
import { EXECUTE_DDL_PATH, EXECUTE_PATH, ForgeSql } from './forge-sql';
import { namedServer } from './named-server';

const binaries = findEngineBinaries();
const ACCOUNT = { user: 'anvil', password: 'from-the-keychain' };

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * A server the developer runs themselves, reached over TCP on loopback: MariaDB with a password
 * account allowed to make databases and accounts, as the settings describe (a local TiDB in practice).
 */
async function developersServer(): Promise<{ port: number; child: ChildProcess }> {
  const folder = scratchFolder();
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  mkdirSync(path.join(folder, 'tmp'), { mode: 0o700 });
  const common = ['--no-defaults', `--datadir=${path.join(folder, 'data')}`, `--tmpdir=${path.join(folder, 'tmp')}`, ...asRoot];
  const made = spawnSync(binaries!.installDb!, [...common, `--basedir=${path.dirname(path.dirname(realpathSync(binaries!.server)))}`, '--auth-root-authentication-method=normal', '--skip-test-db'], {
    encoding: 'utf8',
  });
  if (made.status !== 0) throw new Error(`mariadb-install-db failed: ${made.stderr}`);
  const port = await freePort();
  const socketPath = path.join(folder, 's');
  const child = spawn(binaries!.server, [...common, `--socket=${socketPath}`, `--port=${port}`, '--bind-address=127.0.0.1', '--skip-name-resolve'], { stdio: 'ignore' });
  for (let attempt = 0; ; attempt++) {
    try {
      const root = await mysql.createConnection({ socketPath, user: 'root' });
      await root.query(`CREATE USER '${ACCOUNT.user}'@'127.0.0.1' IDENTIFIED BY '${ACCOUNT.password}'`);
      await root.query(`GRANT ALL PRIVILEGES ON *.* TO '${ACCOUNT.user}'@'127.0.0.1' WITH GRANT OPTION`);
      await root.end();
      return { port, child };
    } catch (error) {
      if (attempt > 300) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

let server: { port: number; child: ChildProcess } | null = null;
afterAll(() => {
  server?.child.kill('SIGKILL');
});

describe.runIf(binaries?.installDb)('Forge SQL on a server the developer names', () => {
  it('makes each installation its own database and account there, over TCP, with the password from the keychain', async () => {
    server = await developersServer();
    const sql = new ForgeSql({ engine: namedServer({ host: '127.0.0.1', port: server.port, user: ACCOUNT.user }, async () => ACCOUNT.password) });
    try {
      const send = (installation: string, query: string, params: unknown[] = [], ddl = false) =>
        sql.execute({
          app: '/apps/notes',
          environment: 'development',
          installation,
          method: 'POST',
          path: ddl ? EXECUTE_DDL_PATH : EXECUTE_PATH,
          body: JSON.stringify({ query, params, method: 'all' }),
        });
      expect((await send('acme', 'CREATE TABLE notes (body VARCHAR(50))', [], true)).status).toBe(200);
      expect((await send('acme', 'INSERT INTO notes (body) VALUES (?)', ['kept'])).status).toBe(200);
      expect(await send('acme', 'SELECT body FROM notes')).toMatchObject({ status: 200, body: { rows: [{ body: 'kept' }] } });
      // Another installation's account cannot see that table.
      expect(await send('globex', 'SELECT body FROM notes')).toMatchObject({ status: 400, body: { message: expect.stringMatching(/doesn't exist/) } });
    } finally {
      await sql.close();
    }
  }, 120_000);

  it('names the server and the keychain when its password is not there', async () => {
    const sql = new ForgeSql({ engine: namedServer({ host: '127.0.0.1', port: 1, user: 'anvil' }, async () => null) });
    try {
      const answer = await sql.execute({
        app: '/apps/notes',
        environment: 'development',
        installation: 'acme',
        method: 'POST',
        path: EXECUTE_PATH,
        body: JSON.stringify({ query: 'SELECT 1', params: [] }),
      });
      expect(answer).toMatchObject({ status: 503, body: { message: 'The password of anvil@127.0.0.1:1 is not in the keychain; add it in the Credentials pane.' } });
    } finally {
      await sql.close();
    }
  });
});
