/**
 * The platform's Forge SQL limits (developer.atlassian.com/platform/forge/limits-sql), per
 * installation: what the local runner enforces, so an app that works here does not meet them first
 * in production.
 */
export interface ForgeSqlLimits {
  /** Per-connection timeout for SELECT (and other reading statements). */
  selectSeconds: number;
  /** For INSERT, UPDATE and DELETE. */
  dmlSeconds: number;
  /** For DDL (and anything sent through `executeDDL`). */
  ddlSeconds: number;
  requestBytes: number;
  responseBytes: number;
  /** Requests through `/api/v1/execute` per second per installation. */
  dmlPerSecond: number;
  /** Requests through `/api/v1/execute/ddl` per minute per installation. */
  ddlPerMinute: number;
  tables: number;
  /** Total stored data of a production installation; staging and every other environment have less. */
  storedBytesProduction: number;
  storedBytesStaging: number;
  /** Development and custom environments. */
  storedBytesDevelopment: number;
}

export const FORGE_SQL_LIMITS: ForgeSqlLimits = {
  selectSeconds: 5,
  dmlSeconds: 10,
  ddlSeconds: 20,
  requestBytes: 1024 * 1024,
  responseBytes: 4 * 1024 * 1024,
  dmlPerSecond: 150,
  ddlPerMinute: 25,
  tables: 200,
  storedBytesProduction: 1024 * 1024 * 1024,
  storedBytesStaging: 256 * 1024 * 1024,
  storedBytesDevelopment: 128 * 1024 * 1024,
};

/** The stored-data limit of an environment, by its key: production, staging, or development and custom ones. */
export function storedBytesLimit(environment: string, limits: ForgeSqlLimits): { bytes: number; kind: string } {
  if (environment === 'production') return { bytes: limits.storedBytesProduction, kind: 'production' };
  if (environment === 'staging') return { bytes: limits.storedBytesStaging, kind: 'staging' };
  return { bytes: limits.storedBytesDevelopment, kind: environment === 'development' ? 'development' : 'custom-environment' };
}

export type StatementKind = 'select' | 'dml' | 'ddl';

/** Which timeout applies: what the statement does, or DDL for anything sent as DDL. */
export function statementKind(query: string, sentAsDdl: boolean): StatementKind {
  if (sentAsDdl) return 'ddl';
  // `SET STATEMENT … FOR <statement>` (MariaDB) is judged by the statement it runs.
  const statement = query.replace(/^\s*set\s+statement\s+[\s\S]*?\bfor\s+/i, '');
  const first = /^[\s(]*(?:\/\*[\s\S]*?\*\/\s*)*([a-z]+)/i.exec(statement)?.[1]?.toLowerCase() ?? '';
  if (['select', 'with', 'show', 'explain', 'describe', 'desc', 'values', 'table'].includes(first)) return 'select';
  if (['insert', 'update', 'delete', 'replace'].includes(first)) return 'dml';
  return 'ddl';
}

export function timeoutSeconds(kind: StatementKind, limits: ForgeSqlLimits): number {
  return kind === 'select' ? limits.selectSeconds : kind === 'dml' ? limits.dmlSeconds : limits.ddlSeconds;
}

/** Requests in a sliding window, per installation: the platform's requests-per-second and per-minute limits. */
export class RequestWindow {
  private readonly times: number[] = [];

  constructor(
    private readonly allowed: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** True when one more request fits (and counts it). */
  admit(): boolean {
    const now = this.now();
    while (this.times.length > 0 && this.times[0]! <= now - this.windowMs) this.times.shift();
    if (this.times.length >= this.allowed) return false;
    this.times.push(now);
    return true;
  }
}
