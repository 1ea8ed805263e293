import { spawn } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import os from 'node:os';
import mysql from 'mysql2/promise';
import { afterAll, describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { testSqlEngine } from '../testing/sql-engine';
import { findEngineBinaries, installHint } from './engine-binary';
import { KEEPER_PROGRAM } from './engine-keeper';
import { LocalEngine } from './local-engine';
import { sharedLocalEngine } from './shared-engine';
import { engineAddress } from './socket-location';

const shared = testSqlEngine();
afterAll(() => shared.stop(), 60_000);

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`still waiting for ${what}`);
}

describe.runIf(shared.available)('the SQL engine Anvil starts itself', () => {
  it('listens on no TCP port, only on a socket in a folder no other user can enter, keeps its temporary files in a folder of its own, and is gone after close', async () => {
    const engine = shared.engine();
    const endpoint = await engine.endpoint();
    expect(endpoint.socketPath).toBeTruthy();
    expect(endpoint.label).toMatch(/^(MariaDB|MySQL) \d+\.\d+\.\d+ started by Anvil$/);
    const connection = await mysql.createConnection({ socketPath: endpoint.socketPath, user: endpoint.user, password: endpoint.password });
    const [rows] = await connection.query("SHOW VARIABLES WHERE Variable_name IN ('skip_networking', 'port', 'tmpdir')");
    await connection.end();
    const variables = Object.fromEntries((rows as { Variable_name: string; Value: string }[]).map((row) => [row.Variable_name, row.Value]));
    expect({ skip_networking: variables.skip_networking, port: variables.port }).toEqual({ skip_networking: 'ON', port: '0' });
    // Not the shared /tmp, where another process may remove a temporary table the engine is using.
    expect(statSync(variables.tmpdir!).mode & 0o077).toBe(0);
    expect(variables.tmpdir).not.toBe(os.tmpdir());
    const folder = statSync(endpoint.socketPath!.replace(/\/[^/]+$/, ''));
    expect(folder.mode & 0o077).toBe(0);
    const pid = engine.serverPid!;
    expect(alive(pid)).toBe(true);
    await shared.stop();
    expect(alive(pid)).toBe(false);
  }, 120_000);
});

describe.runIf(shared.available)('one engine per data folder in a process', () => {
  it('keeps the server running while another app still uses it, and stops it when the last one closes', async () => {
    const folder = scratchFolder();
    const first = sharedLocalEngine({ folder, binaries: findEngineBinaries() });
    const second = sharedLocalEngine({ folder, binaries: findEngineBinaries() });
    const endpoint = await first.endpoint();
    expect((await second.endpoint()).label).toBe(endpoint.label);
    const pid = first.serverPid()!;
    await first.close();
    expect(alive(pid)).toBe(true);
    expect(await second.endpoint()).toEqual(endpoint);
    await second.close();
    expect(alive(pid)).toBe(false);
  }, 120_000);
});

describe('the engine keeper', () => {
  it('stops the server when the Anvil process that started it is killed, so no server is left behind', async () => {
    // A stand-in Anvil process starts the keeper (with a long sleep as the "server") and is then killed outright.
    const parent = spawn(
      process.execPath,
      [
        '-e',
        `const keeper = require('node:child_process').spawn(process.execPath, ['-e', process.env.KEEPER, '/bin/sleep', '600'], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], detached: true });
         keeper.on('message', (m) => process.stdout.write(String(m.serverPid) + '\\n'));
         setInterval(() => {}, 1000);`,
      ],
      { env: { KEEPER: KEEPER_PROGRAM }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const serverPid = await new Promise<number>((resolve) => parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))));
    try {
      expect(alive(serverPid)).toBe(true);
      parent.kill('SIGKILL');
      await until(() => !alive(serverPid), 'the server to stop');
      expect(alive(serverPid)).toBe(false);
    } finally {
      // Whatever the outcome, the test leaves nothing running.
      if (alive(serverPid)) process.kill(serverPid, 'SIGKILL');
    }
  }, 60_000);
});

describe('finding and placing the engine', () => {
  it('without an engine installed, the first statement fails with how to install one on this system', async () => {
    const engine = new LocalEngine({ folder: scratchFolder(), binaries: null });
    await expect(engine.endpoint()).rejects.toThrow(/none is installed on this machine\. Install MariaDB: /);
    expect(installHint('linux')).toMatch(/sudo apt-get install mariadb-server/);
    expect(installHint('darwin')).toMatch(/brew install mariadb/);
    expect(installHint('win32')).toMatch(/MariaDB installer/);
    await engine.close();
  });

  it('finds MariaDB in the folders packages use when PATH does not have it, and its install tool beside it', () => {
    const present = new Set(['/opt/homebrew/opt/mariadb/bin/mariadbd', '/opt/homebrew/opt/mariadb/bin/mariadb-install-db', '/usr/bin/mariadb-install-db']);
    expect(findEngineBinaries({ platform: 'darwin', path: '/usr/bin:/bin', exists: (file) => present.has(file) })).toEqual({
      server: '/opt/homebrew/opt/mariadb/bin/mariadbd',
      installDb: '/opt/homebrew/opt/mariadb/bin/mariadb-install-db',
      flavour: 'mariadb',
    });
    expect(findEngineBinaries({ platform: 'linux', path: '/usr/bin', exists: (file) => file === '/usr/local/mysql/bin/mysqld' })).toEqual({
      server: '/usr/local/mysql/bin/mysqld',
      installDb: null,
      flavour: 'mysql',
    });
    expect(findEngineBinaries({ platform: 'linux', path: '/usr/bin', exists: () => false })).toBeNull();
  });

  it('keeps the socket inside the engine folder when the path fits, and otherwise in a private folder of its own', () => {
    expect(engineAddress('/home/dev/.config/anvil/sql-engine', 'linux').clientSocket).toBe('/home/dev/.config/anvil/sql-engine/mysqld.sock');
    const deep = `${scratchFolder()}/${'d'.repeat(120)}`;
    const address = engineAddress(deep, 'linux');
    expect(Buffer.byteLength(address.clientSocket)).toBeLessThanOrEqual(100);
    const folder = address.clientSocket.replace(/\/s$/, '');
    expect(statSync(folder).mode & 0o077).toBe(0);
    rmSync(folder, { recursive: true });
    expect(engineAddress('C:\\Users\\dev\\AppData\\anvil\\sql-engine', 'win32').clientSocket).toMatch(/^\\\\\.\\pipe\\anvil-sql-[0-9a-f]{16}$/);
  });
});
