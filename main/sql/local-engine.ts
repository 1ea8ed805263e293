import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import mysql from 'mysql2/promise';
import { nodeRuntime } from '../node-runtime';
import { findEngineBinaries, installHint, type EngineBinaries } from './engine-binary';
import { KEEPER_PROGRAM } from './engine-keeper';
import { engineAddress, type EngineAddress } from './socket-location';

/** Where statements go: a socket and the administrator's account on it. */
export interface EngineEndpoint {
  socketPath?: string;
  host?: string;
  port?: number;
  user: string;
  password: string;
  /** Shown in messages and the Runner pane: "MariaDB 10.11.19 started by Anvil", "TiDB at db:4000". */
  label: string;
}

/** No engine to run statements on; the message says how to get one. */
export class EngineUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineUnavailableError';
  }
}

export interface LocalEngineOptions {
  /** The engine's folder in Anvil's data folder: its data directory, socket and log. */
  folder: string;
  /** The server to run; null: none installed (the SQL calls say how to get one). By default the one found on this machine. */
  binaries?: EngineBinaries | null;
  /** How long the server may take to accept connections after it starts. */
  readyTimeoutMs?: number;
  /** Remove the folder (data and all) once the server has stopped: for a run without a data folder. */
  ephemeral?: boolean;
}

/**
 * A MariaDB (or MySQL) server Anvil runs itself: its data directory in Anvil's data folder, made on
 * first use; no TCP port (`--skip-networking`), only a socket in a folder no other user can enter;
 * started on the first statement and stopped with Anvil, by a keeper process that also stops it if
 * Anvil is killed.
 */
export class LocalEngine {
  private starting: Promise<EngineEndpoint> | null = null;
  private keeper: ChildProcess | null = null;
  private serverPidValue: number | null = null;
  private closed = false;
  private started = false;

  constructor(private readonly options: LocalEngineOptions) {}

  /** The server's process id while Anvil runs it (for tests and the pane); null otherwise. */
  get serverPid(): number | null {
    return this.serverPidValue;
  }

  /** The running engine, started on first use; later calls share the same start. */
  endpoint(): Promise<EngineEndpoint> {
    if (this.closed) return Promise.reject(new EngineUnavailableError('Anvil is closing, so Forge SQL statements are no longer run.'));
    if (!this.starting) {
      this.started = false;
      this.starting = this.start().then(
        (endpoint) => ((this.started = true), endpoint),
        (error: unknown) => {
          // A failed start is not remembered: installing the engine and trying again is enough.
          this.starting = null;
          throw error;
        },
      );
    }
    return this.starting;
  }

  /** The server stopped answering: one another Anvil process ran is looked for (or started) again on the next statement. */
  forget(): void {
    // Not while a start is under way. The keeper may not have seen a killed server end yet (its
    // process lingers until reaped), so the refused connection is what counts: the next statement
    // looks again, adopting a server that does answer or starting one.
    if (this.started) this.starting = null;
  }

  /** Stops the server Anvil started (a server another Anvil process started is left running). Safe to call twice. */
  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => undefined);
    await this.stopKeeper();
    if (this.options.ephemeral) rmSync(this.options.folder, { recursive: true, force: true });
  }

  private async stopKeeper(): Promise<void> {
    const keeper = this.keeper;
    this.keeper = null;
    if (!keeper || keeper.exitCode !== null || keeper.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => keeper.once('exit', () => resolve()));
    if (keeper.connected) keeper.send('stop');
    else keeper.kill('SIGTERM');
    const timer = setTimeout(() => {
      keeper.kill('SIGKILL');
      if (this.serverPidValue) killQuietly(this.serverPidValue);
    }, 30_000);
    await exited;
    clearTimeout(timer);
    this.serverPidValue = null;
  }

  private async start(): Promise<EngineEndpoint> {
    const binaries = this.options.binaries === undefined ? findEngineBinaries() : this.options.binaries;
    if (!binaries) throw new EngineUnavailableError(`Forge SQL needs a MySQL-compatible engine, and none is installed on this machine. ${installHint()}`);
    mkdirSync(this.options.folder, { recursive: true, mode: 0o700 });
    // The socket lives here and the administrator has no password: only this user may enter.
    if (process.platform !== 'win32') chmodSync(this.options.folder, 0o700);
    const version = engineVersion(binaries.server);
    const label = `${version ?? (binaries.flavour === 'mariadb' ? 'MariaDB' : 'MySQL')} started by Anvil`;
    // Placed only now: an app that never uses Forge SQL makes no folder anywhere.
    const address = engineAddress(this.options.folder);
    const endpoint: EngineEndpoint = { socketPath: address.clientSocket, user: 'root', password: '', label };
    // Another Anvil process (the workbench, `anvil run` in a terminal) may already run it on this folder.
    if (await answers(endpoint)) return { ...endpoint, label: `${version ?? 'the engine'} started by another Anvil process` };
    const dataDir = path.join(this.options.folder, 'data');
    if (!existsSync(path.join(dataDir, 'mysql'))) initialise(binaries, dataDir);
    const keeper = spawn(nodeRuntime(), ['-e', KEEPER_PROGRAM, binaries.server, ...serverArguments(binaries, dataDir, address, this.options.folder)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      // Its own process group: Ctrl+C in a terminal must not reach the server before Anvil's own shutdown does.
      detached: process.platform !== 'win32',
      env: {},
      serialization: 'json',
    });
    this.keeper = keeper;
    keeper.once('exit', () => {
      if (this.keeper !== keeper) return;
      // The server stopped by itself (it crashed, or someone killed it): the next statement starts it again.
      this.keeper = null;
      this.serverPidValue = null;
      if (this.started) this.starting = null;
    });
    let stderr = '';
    keeper.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
    keeper.on('message', (message: unknown) => {
      if (message && typeof message === 'object' && typeof (message as { serverPid?: unknown }).serverPid === 'number') this.serverPidValue = (message as { serverPid: number }).serverPid;
    });
    // Neither holds Anvil open; if Anvil ends without closing, the channel closes and the keeper stops the server.
    keeper.unref();
    (keeper.channel as { unref?: () => void } | undefined)?.unref?.();
    (keeper.stderr as { unref?: () => void } | null)?.unref?.();
    const exited = new Promise<number | null>((resolve) => keeper.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + (this.options.readyTimeoutMs ?? 60_000);
    for (;;) {
      const gone = await Promise.race([exited, delay(100).then(() => undefined)]);
      if (gone !== undefined) {
        this.keeper = null;
        throw new EngineUnavailableError(`${label.replace(/ started by Anvil$/, '')} stopped while starting (exit ${gone}). ${lastLines(stderr, this.options.folder)}`);
      }
      if (await answers(endpoint)) return endpoint;
      if (Date.now() > deadline) {
        await this.stopKeeper();
        throw new EngineUnavailableError(`The SQL engine did not accept connections within ${Math.round((this.options.readyTimeoutMs ?? 60_000) / 1000)} s. ${lastLines(stderr, this.options.folder)}`);
      }
    }
  }
}

function serverArguments(binaries: EngineBinaries, dataDir: string, address: EngineAddress, folder: string): string[] {
  const args = [
    '--no-defaults',
    `--datadir=${dataDir}`,
    `--socket=${address.serverSocket}`,
    `--tmpdir=${privateTmp(folder)}`,
    // Table names compare without case, as on the platform's TiDB (an app that creates Worklogs and
    // truncates WORKLOGS works there); MariaDB on Linux compares them as file names otherwise.
    '--lower-case-table-names=1',
    '--skip-networking',
    `--pid-file=${path.join(folder, 'server.pid')}`,
    `--log-error=${path.join(folder, 'server.log')}`,
    // A developer's machine, not a server: small buffers, no performance schema.
    '--innodb-buffer-pool-size=32M',
    '--performance-schema=OFF',
    '--max-connections=200',
  ];
  if (process.platform === 'win32') args.push('--enable-named-pipe');
  if (binaries.flavour === 'mysql') args.push('--mysqlx=OFF');
  // mariadbd refuses to run as root unless told to (CI containers run tests as root).
  if (process.getuid?.() === 0) args.push('--user=root');
  return args;
}

/** Makes the data directory in a scratch folder first, so a start interrupted halfway leaves nothing that looks finished. */
function initialise(binaries: EngineBinaries, dataDir: string): void {
  const partial = `${dataDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true, mode: 0o700 });
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  // The engine's temporary tables go to a folder of its own: in a shared /tmp another process (or a
  // cleaner) can remove one mid-way, which aborts the set-up.
  const tmp = [`--tmpdir=${privateTmp(path.dirname(dataDir))}`, '--lower-case-table-names=1'];
  const result = binaries.installDb
    ? spawnSync(
        binaries.installDb,
        [
          '--no-defaults',
          `--datadir=${partial}`,
          `--basedir=${path.dirname(path.dirname(realpathSync(binaries.server)))}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
          ...tmp,
          ...asRoot,
        ],
        { encoding: 'utf8', timeout: 120_000, env: { PATH: process.env.PATH ?? '' } },
      )
    : spawnSync(binaries.server, ['--no-defaults', '--initialize-insecure', `--datadir=${partial}`, ...tmp, ...asRoot], { encoding: 'utf8', timeout: 120_000, env: {} });
  if (result.status !== 0) {
    rmSync(partial, { recursive: true, force: true });
    const all = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? result.error.message : ''}`.trim().split('\n');
    // The engine's own ERROR lines say what went wrong; the tool's closing advice after them does not.
    const errors = all.filter((line) => /\bERROR\b/i.test(line));
    const output = (errors.length > 0 ? errors.slice(-4) : all.slice(-6)).join('\n');
    throw new EngineUnavailableError(`The SQL engine's data directory could not be made: ${output}`);
  }
  renameSync(partial, dataDir);
}

/** The engine's folder for temporary files, inside the engine folder and open to no other user. */
function privateTmp(engineFolder: string): string {
  const folder = path.join(engineFolder, 'tmp');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  return folder;
}

async function answers(endpoint: EngineEndpoint): Promise<boolean> {
  if (endpoint.socketPath && process.platform !== 'win32' && !existsSync(endpoint.socketPath)) return false;
  try {
    const connection = await mysql.createConnection({ socketPath: endpoint.socketPath, user: endpoint.user, password: endpoint.password, connectTimeout: 2000 });
    await connection.end();
    return true;
  } catch {
    return false;
  }
}

function engineVersion(server: string): string | null {
  const result = spawnSync(server, ['--version'], { encoding: 'utf8', timeout: 10_000, env: {} });
  const match = /Ver\s+(\S+)/.exec(result.stdout ?? '');
  if (!match) return null;
  const version = match[1]!.replace(/-.*$/, '');
  return /mariadb/i.test(result.stdout) ? `MariaDB ${version}` : `MySQL ${version}`;
}

function lastLines(stderr: string, folder: string): string {
  let log = stderr;
  try {
    log += readFileSync(path.join(folder, 'server.log'), 'utf8').slice(-4000);
  } catch {
    // No log yet: the server did not get that far.
  }
  const lines = log.trim().split('\n').filter(Boolean).slice(-5);
  return lines.length > 0 ? `Its last words: ${lines.join(' | ')}` : '';
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
