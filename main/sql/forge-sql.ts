import { randomBytes } from 'node:crypto';
import mysql, { type Pool, type PoolConnection, type FieldPacket, type ResultSetHeader } from 'mysql2';
import { EngineUnavailableError, type EngineEndpoint } from './local-engine';
import { FORGE_SQL_LIMITS, RequestWindow, statementKind, storedBytesLimit, timeoutSeconds, type ForgeSqlLimits, type StatementKind } from './forge-sql-limits';
import { installationDatabase, type InstallationDatabase } from './installation-database';

/** Where the engine is: Anvil's own server, or one the developer runs. */
export interface EngineSource {
  endpoint(): Promise<EngineEndpoint>;
  close(): Promise<void>;
  /** The engine stopped answering: look for it (or start it) again on the next statement. */
  forget?(): void;
}

/** Which installation a statement belongs to. */
export interface SqlTenant {
  /** Identifies the app (its folder): two apps never share a database. */
  app: string;
  environment: string;
  installation: string;
}

/** One request of @forge/sql, as it arrives from the sandbox. */
export interface ForgeSqlRequest extends SqlTenant {
  path: string;
  method: string;
  body: string | null;
}

/** The answer @forge/sql reads: `{rows, metadata}` or `{code, message, …}` with an HTTP status. */
export interface ForgeSqlAnswer {
  status: number;
  body: unknown;
  /** One line for the Runner pane's call list. */
  note: string;
  /** The result's column names, in order (a reading statement's). */
  columns?: string[];
  /** The engine could not be reached before the statement was sent: safe to send again. */
  unsent?: boolean;
}

export interface ForgeSqlOptions {
  engine: EngineSource;
  limits?: Partial<ForgeSqlLimits>;
  /** The clock of the request-rate limits (tests give their own). */
  now?: () => number;
}

export const EXECUTE_PATH = '/api/v1/execute';
export const EXECUTE_DDL_PATH = '/api/v1/execute/ddl';

type Param = string | number | boolean | null;

interface Tenancy {
  names: InstallationDatabase;
  pool: Pool;
  dml: RequestWindow;
  ddl: RequestWindow;
}

/**
 * Forge SQL on a real engine: one database per app, environment and installation, made on first
 * use, each reached only through an account of its own that may use nothing else. App code never
 * gets a connection or a credential; the host runs its statements and answers as the platform does.
 */
export class ForgeSql {
  private readonly limits: ForgeSqlLimits;
  private readonly now: () => number;
  private admin: Promise<{ pool: Pool; endpoint: EngineEndpoint; mariadb: boolean }> | null = null;
  private readonly tenancies = new Map<string, Promise<Tenancy>>();
  private closed = false;
  private closing: Promise<void> | null = null;

  constructor(private readonly options: ForgeSqlOptions) {
    this.limits = { ...FORGE_SQL_LIMITS, ...options.limits };
    this.now = options.now ?? Date.now;
  }

  /** Answers one @forge/sql request. Never throws: every failure is an answer app code reads as ForgeSQLAPIError. */
  async execute(request: ForgeSqlRequest): Promise<ForgeSqlAnswer> {
    const route = request.path.split('?')[0];
    if (request.method.toUpperCase() !== 'POST' || (route !== EXECUTE_PATH && route !== EXECUTE_DDL_PATH)) {
      return failure(404, 'UNKNOWN_ERROR', `Forge SQL has no ${request.method} ${route}; @forge/sql posts to ${EXECUTE_PATH} and ${EXECUTE_DDL_PATH}.`);
    }
    const sentAsDdl = route === EXECUTE_DDL_PATH;
    const size = Buffer.byteLength(request.body ?? '');
    if (size > this.limits.requestBytes) {
      return failure(413, 'SQL_EXECUTION_ERROR', `The request is ${formatBytes(size)}, over Forge SQL's request size limit of ${formatBytes(this.limits.requestBytes)} per query.`);
    }
    const parsed = parseBody(request.body);
    if (typeof parsed === 'string') return failure(400, 'INVALID_SQL_QUERY', parsed);
    const refused = policyViolation(parsed.query);
    if (refused) return failure(400, 'SQL_POLICY_VIOLATION', refused);
    const first = await this.attempt(request, parsed, sentAsDdl);
    if (!first.unsent || this.closed) return first;
    // The engine went away (stopped, crashed) since the last statement: start it again and send this one, which never left.
    this.reset();
    return this.attempt(request, parsed, sentAsDdl);
  }

  private async attempt(tenant: SqlTenant, parsed: { query: string; params: Param[] }, sentAsDdl: boolean): Promise<ForgeSqlAnswer> {
    try {
      const tenancy = await this.tenancy(tenant);
      if (!(sentAsDdl ? tenancy.ddl : tenancy.dml).admit()) {
        const limit = sentAsDdl ? `${this.limits.ddlPerMinute} DDL requests per minute` : `${this.limits.dmlPerSecond} requests per second`;
        return failure(429, 'TOO_MANY_REQUESTS', `Forge SQL's request rate limit was hit: ${limit} per installation. Wait and retry, or send fewer statements.`);
      }
      const kind = statementKind(parsed.query, sentAsDdl);
      if (kind === 'ddl' && /^\s*create\s+(?:temporary\s+)?table/i.test(parsed.query)) {
        const tables = await this.tableCount(tenancy.names.database);
        if (tables >= this.limits.tables) {
          return failure(400, 'SQL_EXECUTION_ERROR', `The installation already has ${tables} tables, Forge SQL's limit of ${this.limits.tables} tables per installation.`);
        }
      }
      // A write that adds data (not a DELETE, which frees it) is refused once the installation is full.
      if (kind === 'dml' && !/^\s*delete\b/i.test(parsed.query)) {
        const quota = storedBytesLimit(tenant.environment, this.limits);
        const stored = await this.storedBytes(tenancy.names.database);
        if (stored >= quota.bytes) {
          return failure(
            400,
            'SQL_EXECUTION_ERROR',
            `The installation stores ${formatBytes(stored)}, at Forge SQL's stored data limit (${formatBytes(quota.bytes)} for a ${quota.kind} installation); delete rows or drop tables before writing more.`,
          );
        }
      }
      return await this.run(tenancy, parsed.query, parsed.params, kind);
    } catch (error) {
      // Everything before the statement itself (making the database, the limits' checks) failed to reach the engine.
      return { ...engineFailure(error), unsent: lostConnection(error) };
    }
  }

  // Connections to an engine that stopped are dropped, so the next statement reaches a running one.
  private reset(): void {
    const admin = this.admin;
    const tenancies = [...this.tenancies.values()];
    this.admin = null;
    this.tenancies.clear();
    void admin?.then((got) => endPool(got.pool)).catch(() => undefined);
    for (const tenancy of tenancies) void tenancy.then((got) => endPool(got.pool)).catch(() => undefined);
    this.options.engine.forget?.();
  }

  /** The installation's tables (with approximate row counts) and the migrations its migration runner recorded. */
  async inspect(tenant: SqlTenant): Promise<{ database: string; tables: { name: string; rows: number }[]; migrations: { id: number; name: string; migratedAt: string }[] }> {
    const tenancy = await this.tenancy(tenant);
    const { pool } = await this.administrator();
    const tables = await query<{ name: string; rows: number | null }>(
      pool,
      'SELECT TABLE_NAME AS name, TABLE_ROWS AS `rows` FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME',
      [tenancy.names.database],
    );
    const migrations = tables.some((table) => table.name === '__migrations')
      ? await query<{ id: number; name: string; migratedAt: string }>(pool, `SELECT id, name, migratedAt FROM \`${tenancy.names.database}\`.__migrations ORDER BY id`, [])
      : [];
    return { database: tenancy.names.database, tables: tables.map((table) => ({ name: table.name, rows: Number(table.rows ?? 0) })), migrations };
  }

  /** Ends every connection and stops the engine if Anvil started it. Safe to call twice. */
  close(): Promise<void> {
    this.closed = true;
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    const pools = await Promise.allSettled([...this.tenancies.values()]);
    this.tenancies.clear();
    for (const settled of pools) if (settled.status === 'fulfilled') await endPool(settled.value.pool);
    const admin = await this.admin?.catch(() => null);
    if (admin) await endPool(admin.pool);
    await this.options.engine.close();
  }

  private administrator(): Promise<{ pool: Pool; endpoint: EngineEndpoint; mariadb: boolean }> {
    if (this.closed) return Promise.reject(new EngineUnavailableError('Anvil is closing, so Forge SQL statements are no longer run.'));
    this.admin ??= (async () => {
      const endpoint = await this.options.engine.endpoint();
      const pool = mysql.createPool({ ...connectionOf(endpoint), connectionLimit: 2, multipleStatements: false });
      try {
        const [row] = await query<{ version: string }>(pool, 'SELECT VERSION() AS version', []);
        return { pool, endpoint, mariadb: /mariadb/i.test(row?.version ?? '') };
      } catch (error) {
        await endPool(pool);
        throw error;
      }
    })().catch((error: unknown) => {
      this.admin = null;
      throw error;
    });
    return this.admin;
  }

  private tenancy(tenant: SqlTenant): Promise<Tenancy> {
    const names = installationDatabase(tenant.app, tenant.environment, tenant.installation);
    let made = this.tenancies.get(names.database);
    if (!made) {
      made = this.provision(names).catch((error: unknown) => {
        this.tenancies.delete(names.database);
        throw error;
      });
      this.tenancies.set(names.database, made);
    }
    return made;
  }

  // The database and an account that may use it and nothing else, with a fresh password each time
  // Anvil starts: app code never learns it, and the account cannot see another installation's data.
  private async provision(names: InstallationDatabase): Promise<Tenancy> {
    const { pool: admin, endpoint } = await this.administrator();
    const password = randomBytes(24).toString('hex');
    const host = endpoint.socketPath ? 'localhost' : '%';
    const account = `${mysql.escape(names.user)}@${mysql.escape(host)}`;
    await query(admin, `CREATE DATABASE IF NOT EXISTS \`${names.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`, []);
    await query(admin, `CREATE USER IF NOT EXISTS ${account} IDENTIFIED BY ${mysql.escape(password)}`, []);
    await query(admin, `ALTER USER ${account} IDENTIFIED BY ${mysql.escape(password)}`, []);
    await query(admin, `GRANT ALL PRIVILEGES ON \`${names.database}\`.* TO ${account}`, []);
    const pool = mysql.createPool({
      ...connectionOf(endpoint),
      user: names.user,
      password,
      database: names.database,
      connectionLimit: 4,
      multipleStatements: false,
      maxPreparedStatements: 64,
    });
    return {
      names,
      pool,
      dml: new RequestWindow(this.limits.dmlPerSecond, 1000, this.now),
      ddl: new RequestWindow(this.limits.ddlPerMinute, 60_000, this.now),
    };
  }

  // The engine's own figure (InnoDB pages, refreshed as its statistics are), as the platform measures an installation's data.
  private async storedBytes(database: string): Promise<number> {
    const { pool } = await this.administrator();
    const [row] = await query<{ bytes: number | string | null }>(pool, 'SELECT SUM(DATA_LENGTH + INDEX_LENGTH) AS bytes FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [database]);
    return Number(row?.bytes ?? 0);
  }

  private async tableCount(database: string): Promise<number> {
    const { pool } = await this.administrator();
    const [row] = await query<{ count: number }>(pool, 'SELECT COUNT(*) AS count FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [database]);
    return Number(row?.count ?? 0);
  }

  /**
   * A statement typed in the Runner pane: reading statements only, run as the installation's own
   * account inside a read-only transaction (so a statement that would write anyway is refused by
   * the engine), under the same limits as app code.
   */
  async readOnly(tenant: SqlTenant, text: string): Promise<ForgeSqlAnswer> {
    if (statementKind(text, false) !== 'select') {
      return failure(
        400,
        'INVALID_SQL_QUERY',
        'The query box runs reading statements only (SELECT, SHOW, EXPLAIN, DESCRIBE, WITH … SELECT); change data from the app, through its migrations and functions.',
      );
    }
    let tenancy: Tenancy;
    try {
      tenancy = await this.tenancy(tenant);
    } catch (error) {
      return engineFailure(error);
    }
    return this.run(tenancy, text, [], 'select', true);
  }

  /** Which engine answers (for the pane), or why none does. */
  async engineLabel(): Promise<{ label: string | null; problem: string | null }> {
    try {
      return { label: (await this.administrator()).endpoint.label, problem: null };
    } catch (error) {
      return { label: null, problem: error instanceof Error ? error.message : String(error) };
    }
  }

  private async run(tenancy: Tenancy, text: string, params: Param[], kind: StatementKind, readOnly = false): Promise<ForgeSqlAnswer> {
    const seconds = timeoutSeconds(kind, this.limits);
    const admin = await this.administrator();
    let connection: PoolConnection;
    try {
      connection = await new Promise<PoolConnection>((resolve, reject) => tenancy.pool.getConnection((error, got) => (error ? reject(error) : resolve(got))));
    } catch (error) {
      return { ...engineFailure(error), unsent: lostConnection(error) };
    }
    if (readOnly) {
      try {
        await new Promise<void>((resolve, reject) => connection.query('START TRANSACTION READ ONLY', (error) => (error ? reject(error) : resolve())));
      } catch (error) {
        connection.destroy();
        return sqlFailure(error as Error);
      }
    }
    // MariaDB stops the statement itself at the platform's timeout; for every engine, a timer a
    // little later stops it from outside, which also holds when the statement sets its own limit.
    const statement = admin.mariadb ? `SET STATEMENT max_statement_time=${seconds} FOR ${text}` : text;
    const started = this.now();
    const timeoutMessage = `The query ran longer than Forge SQL allows ${kind === 'select' ? 'a SELECT' : kind === 'dml' ? 'an INSERT, UPDATE or DELETE' : 'a DDL statement'} (${seconds} s per query), so it was stopped, as the platform would stop it.`;
    return new Promise<ForgeSqlAnswer>((resolve) => {
      let settled = false;
      let fields: FieldPacket[] | null = null;
      const rows: unknown[] = [];
      let header: ResultSetHeader | null = null;
      let bytes = 2;
      let over = false;
      let timedOut = false;
      const stopQuery = () => void query(admin.pool, `KILL QUERY ${Number(connection.threadId)}`, []).catch(() => undefined);
      let grace: ReturnType<typeof setTimeout> | undefined;
      const timer = setTimeout(
        () => {
          timedOut = true;
          stopQuery();
          // An engine that no longer answers at all (not even the stop) still gets an answer back to the app.
          grace = setTimeout(() => finish(failure(504, 'QUERY_TIMED_OUT', timeoutMessage), false), 2000);
        },
        seconds * 1000 + 1000,
      );
      // The engine went away under the connection: a read may be sent again; a write may have run, so it is not.
      const lost = (error: unknown) => finish({ ...engineFailure(error), unsent: kind === 'select' }, false);
      connection.once('error', lost);
      const ended = () => lost(Object.assign(new Error('the connection to the engine closed'), { code: 'PROTOCOL_CONNECTION_LOST' }));
      connection.once('end', ended);
      const finish = (answer: ForgeSqlAnswer, reusable: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        clearTimeout(grace);
        connection.removeListener('error', lost);
        connection.removeListener('end', ended);
        if (!reusable) connection.destroy();
        else if (readOnly) connection.query('ROLLBACK', () => connection.release());
        else connection.release();
        resolve(answer);
      };
      // A connection the pool kept from before the engine stopped is dead: nothing was sent on it.
      const link = connection as unknown as { _fatalError?: unknown; _closing?: boolean; stream?: { destroyed?: boolean } };
      if (link._fatalError || link._closing || link.stream?.destroyed) {
        finish({ ...engineFailure(Object.assign(new Error('the connection to the engine closed'), { code: 'PROTOCOL_CONNECTION_LOST' })), unsent: true }, false);
        return;
      }
      const command = params.length > 0 ? connection.execute(statement, params) : connection.query(statement);
      command.on('fields', (got: FieldPacket[]) => (fields = got));
      command.on('result', (row: unknown) => {
        if (over) return;
        if (!fields && row && typeof row === 'object' && 'affectedRows' in row) {
          header = row as ResultSetHeader;
          return;
        }
        bytes += Buffer.byteLength(JSON.stringify(row) ?? 'null') + 1;
        if (bytes > this.limits.responseBytes) {
          over = true;
          stopQuery();
          finish(
            failure(
              400,
              'SQL_EXECUTION_ERROR',
              `The result is over Forge SQL's response size limit of ${formatBytes(this.limits.responseBytes)} per query (${rows.length} rows fit). Select fewer columns or rows (LIMIT, pagination).`,
            ),
            false,
          );
          return;
        }
        rows.push(row);
      });
      command.on('error', (error: Error & { errno?: number }) => {
        if (timedOut || error.errno === 1969) finish(failure(504, 'QUERY_TIMED_OUT', timeoutMessage), false);
        else finish(sqlFailure(error), !(error as { fatal?: boolean }).fatal);
      });
      command.on('end', () => {
        if (timedOut) return finish(failure(504, 'QUERY_TIMED_OUT', timeoutMessage), false);
        const dbExecutionTime = this.now() - started;
        if (header && !fields) {
          const { affectedRows, fieldCount, info, insertId, serverStatus, warningStatus } = header;
          finish(
            {
              status: 200,
              body: { rows: { affectedRows, fieldCount, info, insertId, serverStatus, warningStatus }, metadata: { dbExecutionTime } },
              note: `${affectedRows} ${affectedRows === 1 ? 'row' : 'rows'} affected`,
            },
            true,
          );
        } else {
          finish(
            {
              status: 200,
              body: { rows, metadata: { dbExecutionTime, responseSize: bytes } },
              note: `${rows.length} ${rows.length === 1 ? 'row' : 'rows'}`,
              columns: (fields ?? []).map((field) => field.name),
            },
            true,
          );
        }
      });
    });
  }
}

function parseBody(body: string | null): { query: string; params: Param[] } | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? '');
  } catch {
    return 'The request body is not JSON; @forge/sql sends {"query", "params", "method"}.';
  }
  const value = parsed as { query?: unknown; params?: unknown };
  if (!parsed || typeof parsed !== 'object' || typeof value.query !== 'string' || value.query.trim() === '') return 'The request has no query.';
  const params = value.params ?? [];
  if (!Array.isArray(params)) return 'The query parameters must be a list.';
  for (const [index, param] of params.entries()) {
    if (param !== null && !['string', 'number', 'boolean'].includes(typeof param)) {
      return `Parameter ${index + 1} is ${Array.isArray(param) ? 'a list' : typeof param}; Forge SQL binds strings, numbers, booleans and null (pass a date as a string).`;
    }
  }
  return { query: value.query, params: params as Param[] };
}

function connectionOf(endpoint: EngineEndpoint) {
  return {
    ...(endpoint.socketPath ? { socketPath: endpoint.socketPath } : { host: endpoint.host, port: endpoint.port }),
    user: endpoint.user,
    password: endpoint.password,
    // Values as the platform's JSON carries them: big integers and decimals exactly, dates as written.
    supportBigNumbers: true,
    dateStrings: true,
    connectTimeout: 10_000,
  };
}

function query<Row>(pool: Pool, text: string, values: unknown[]): Promise<Row[]> {
  return new Promise((resolve, reject) => pool.query(text, values, (error, result) => (error ? reject(error) : resolve(result as Row[]))));
}

function endPool(pool: Pool): Promise<void> {
  return new Promise((resolve) => pool.end(() => resolve()));
}

function failure(status: number, code: string, message: string, extra: Record<string, unknown> = {}): ForgeSqlAnswer {
  return { status, body: { code, message, ...extra }, note: message };
}

function sqlFailure(error: Error & { code?: string; errno?: number; sqlState?: string; sqlMessage?: string }): ForgeSqlAnswer {
  if (error.errno === undefined) return engineFailure(error);
  return failure(400, 'SQL_EXECUTION_ERROR', error.sqlMessage ?? error.message, {
    debug: { code: error.code, errno: error.errno, sqlState: error.sqlState, message: error.sqlMessage ?? error.message },
  });
}

/**
 * What the platform's query policy rejects before the query reaches its database, and Anvil can tell
 * for certain: switching databases, and SQL-level prepared statements. Left to the engine: several
 * statements in one request (refused, one per request) and other installations' tables (no rights).
 */
function policyViolation(query: string): string | null {
  const first = /^[\s(]*(?:\/\*[\s\S]*?\*\/\s*)*([a-z]+)/i.exec(query)?.[1]?.toLowerCase() ?? '';
  if (first === 'use') return "Forge SQL's query policy does not permit USE: every query already runs on the installation's own database.";
  if (first === 'prepare' || first === 'execute' || first === 'deallocate') {
    return "Forge SQL's query policy does not permit SQL-level PREPARE, EXECUTE or DEALLOCATE PREPARE; use sql.prepare(...).bindParams(...) instead.";
  }
  return null;
}

/** A connection that could not be made, or broke: the engine is not running (any more). */
function lostConnection(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return !(error instanceof EngineUnavailableError) && typeof code === 'string' && ['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'PROTOCOL_CONNECTION_LOST'].includes(code);
}

function engineFailure(error: unknown): ForgeSqlAnswer {
  if (error instanceof EngineUnavailableError) return failure(503, 'SQL_ENGINE_UNAVAILABLE', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return failure(503, 'SQL_ENGINE_UNAVAILABLE', `Anvil could not reach its SQL engine: ${message}`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
}
