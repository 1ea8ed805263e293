import type Database from 'better-sqlite3';
import type { AppDatabase } from '../database';
import { AnvilError } from '../contract';
import { CSV_HEADER, csvLine, jsonlLine } from './export-format';
import { toFtsQuery } from './fts-query';
import {
  LEVEL_RANK,
  LOG_LEVELS,
  type ExportFormat,
  type InvocationFilter,
  type InvocationTimeline,
  type InvocationWithCounts,
  type LevelBuckets,
  type LevelTally,
  type LogFilter,
  type LogLevel,
  type LogPage,
  type StoredInvocation,
  type StoredLogLine,
  type WithheldFilter,
  type WithheldTotal,
} from './types';

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 5000;
/**
 * A driving index is used only when it holds fewer matching lines than this: reading and sorting
 * that many is a few milliseconds, whereas walking the newest lines is better for common values.
 */
const PROBE_LIMIT = 2000;
/** Lines per statement when exporting: no statement stays open between chunks (the writer can go on). */
const EXPORT_CHUNK = 2000;
/** Ids are SQLite rowids: a bound no id reaches. */
const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

const LINE_COLUMNS = 'l.id, l.ts, l.environment, l.level, l.message, l.invocation_id, l.function_key, l.module_key, l.installation, l.fields';

interface LineRow {
  id: number;
  ts: number;
  environment: string;
  level: LogLevel;
  message: string;
  invocation_id: string | null;
  function_key: string | null;
  module_key: string | null;
  installation: string | null;
  fields: string | null;
}

interface InvocationRow {
  invocation_id: string;
  environment: string;
  function_key: string | null;
  module_key: string | null;
  installation: string | null;
  started_at: number;
  duration_ms: number | null;
  status: StoredInvocation['status'];
  error: string | null;
  calls: string;
  result: string | null;
  result_trimmed: number;
}

/** A filter checked and reduced to what the SQL needs. `empty`: nothing can match (no words, no levels). */
interface Criteria {
  environment?: string;
  levels: LogLevel[] | null;
  match: string | null;
  functionKey?: string;
  moduleKey?: string;
  installation?: string;
  invocationId?: string;
  since?: number;
  until?: number;
  empty: boolean;
}

/** An id window (exclusive bounds) and the order to read it in. */
interface Window {
  afterId: number;
  beforeId: number;
  order: 'asc' | 'desc';
  limit: number;
}

/** A way to find candidate lines: by newest id, by the full-text index, or by one column's index. */
type Driver = { kind: 'rowid' } | { kind: 'fts' } | { kind: 'index'; index: string };

/** Equality filters with an index ordered by id within each value. */
const EQUALITY_INDEXES = [
  { key: 'invocationId', column: 'invocation_id', index: 'log_line_invocation' },
  { key: 'functionKey', column: 'function_key', index: 'log_line_function' },
  { key: 'moduleKey', column: 'module_key', index: 'log_line_module' },
  { key: 'installation', column: 'installation', index: 'log_line_installation' },
] as const;

/**
 * The read side of the logs: queries, timelines, counts and exports. Works on a read-only
 * connection too, which is how another process (the CLI following logs) reads while the
 * workbench writes.
 */
export class LogReader {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(protected readonly db: AppDatabase) {}

  /** Newest-first page of lines; with `afterId`, the oldest `limit` lines after it (still newest first). */
  query(filter: LogFilter = {}): LogPage {
    const criteria = criteriaOf(filter);
    const limit = limitOf(filter.limit, DEFAULT_LIMIT, MAX_LIMIT);
    const afterId = idOf(filter.afterId, 'afterId') ?? 0;
    const beforeId = idOf(filter.beforeId, 'beforeId') ?? NO_UPPER_ID;
    if (filter.afterId !== undefined) {
      const lines = this.select(criteria, { afterId, beforeId, order: 'asc', limit });
      return { lines: lines.reverse(), nextBefore: null };
    }
    const lines = this.select(criteria, { afterId, beforeId, order: 'desc', limit: limit + 1 });
    const more = lines.length > limit;
    if (more) lines.length = limit;
    return { lines, nextBefore: more ? lines[limit - 1]!.id : null };
  }

  /** Every matching line with afterId < id < beforeId, oldest first (following, exporting). */
  linesBetween(filter: LogFilter, afterId: number, beforeId: number = NO_UPPER_ID): StoredLogLine[] {
    return [...this.chunksBetween(filter, afterId, beforeId)].flat();
  }

  /** The same, in chunks of at most MAX_LIMIT lines, so a large backlog never sits in memory at once. */
  *chunksBetween(filter: LogFilter, afterId: number, beforeId: number = NO_UPPER_ID): Generator<StoredLogLine[]> {
    const criteria = criteriaOf(filter);
    for (let from = afterId; ; ) {
      const chunk = this.select(criteria, { afterId: from, beforeId, order: 'asc', limit: MAX_LIMIT });
      if (chunk.length > 0) yield chunk;
      if (chunk.length < MAX_LIMIT) return;
      from = chunk[chunk.length - 1]!.id;
    }
  }

  /** The newest id stored (0 when there is none): where a follower starts. */
  lastId(): number {
    const row = this.prepare('SELECT max(id) AS id FROM log_line').get() as { id: number | null };
    return row.id ?? 0;
  }

  /** One invocation: its summary, its lines oldest first, and how many lines were withheld. */
  invocation(invocationId: string): InvocationTimeline | null {
    if (typeof invocationId !== 'string' || invocationId === '') throw new AnvilError('bad-request', 'An invocation id is needed to show its timeline.');
    const row = this.prepare('SELECT * FROM log_invocation WHERE invocation_id = ?').get(invocationId) as InvocationRow | undefined;
    const lines = (this.prepare(`SELECT ${LINE_COLUMNS} FROM log_line AS l INDEXED BY log_line_invocation WHERE l.invocation_id = ? ORDER BY l.id`).all(invocationId) as LineRow[]).map(toLine);
    const withheld = (this.prepare('SELECT coalesce(sum(count), 0) AS n FROM log_withheld WHERE invocation_id = ?').get(invocationId) as { n: number }).n;
    if (!row && lines.length === 0 && withheld === 0) return null;
    return { summary: row ? toInvocation(row) : null, lines, withheld };
  }

  /** Recent invocations, newest first, each with its line counts per level. */
  invocations(filter: InvocationFilter = {}): InvocationWithCounts[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [['environment', 'environment'], ['functionKey', 'function_key'], ['moduleKey', 'module_key'], ['installation', 'installation'], ['status', 'status']] as const) {
      const value = textOf(filter[key], key);
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const since = timeOf(filter.since, 'since');
    const until = timeOf(filter.until, 'until');
    if (since !== undefined) (where.push('started_at >= ?'), params.push(since));
    if (until !== undefined) (where.push('started_at < ?'), params.push(until));
    const limit = limitOf(filter.limit, 50, 1000);
    const rows = this.prepare(
      `SELECT * FROM log_invocation ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, invocation_id DESC LIMIT ?`,
    ).all(...params, limit) as InvocationRow[];
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.invocation_id));
    const counts = this.prepare(
      `SELECT invocation_id AS id, level, count(*) AS n FROM log_line
       WHERE invocation_id IN (SELECT value FROM json_each(?)) GROUP BY invocation_id, level`,
    ).all(ids) as { id: string; level: LogLevel; n: number }[];
    const withheld = this.prepare(
      `SELECT invocation_id AS id, sum(count) AS n FROM log_withheld WHERE invocation_id IN (SELECT value FROM json_each(?)) GROUP BY invocation_id`,
    ).all(ids) as { id: string; n: number }[];
    const tallies = new Map<string, LevelTally>();
    for (const count of counts) {
      const tally = tallies.get(count.id) ?? emptyTally();
      tally[count.level] = count.n;
      tallies.set(count.id, tally);
    }
    const withheldBy = new Map(withheld.map((row) => [row.id, row.n]));
    return rows.map((row) => ({ ...toInvocation(row), lineCounts: tallies.get(row.invocation_id) ?? emptyTally(), withheld: withheldBy.get(row.invocation_id) ?? 0 }));
  }

  /** Lines per level per time bucket (oldest first, only buckets with lines), for the level chart. */
  levelCounts(filter: LogFilter, bucketMs: number): LevelBuckets {
    if (!Number.isSafeInteger(bucketMs) || bucketMs < 1) {
      throw new AnvilError('bad-request', `The chart's bucket must be a whole number of milliseconds of at least 1; got ${String(bucketMs)}.`);
    }
    const criteria = criteriaOf(filter);
    if (criteria.empty) return { bucketMs, buckets: [] };
    const { sql: where, params } = conditions(criteria, { afterId: idOf(filter.afterId, 'afterId') ?? 0, beforeId: idOf(filter.beforeId, 'beforeId') ?? NO_UPPER_ID });
    // Floor division that also holds for times before 1970.
    const bucket = '(l.ts - (((l.ts % ?) + ?) % ?))';
    const from = criteria.match === null ? 'log_line AS l' : 'log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid';
    const all = criteria.match === null ? where : ['log_line_fts MATCH ?', ...where];
    const rows = this.prepare(`SELECT ${bucket} AS start, l.level AS level, count(*) AS n FROM ${from} WHERE ${all.join(' AND ')} GROUP BY start, level ORDER BY start`).all(
      bucketMs,
      bucketMs,
      bucketMs,
      ...(criteria.match === null ? [] : [criteria.match]),
      ...params,
    ) as { start: number; level: LogLevel; n: number }[];
    const buckets: LevelBuckets['buckets'] = [];
    for (const row of rows) {
      let last = buckets[buckets.length - 1];
      if (last?.start !== row.start) buckets.push((last = { start: row.start, counts: emptyTally() }));
      last.counts[row.level] = row.n;
    }
    return { bucketMs, buckets };
  }

  /** Lines withheld (log access off), totalled per environment and installation. */
  withheld(filter: WithheldFilter = {}): WithheldTotal[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [['environment', 'environment'], ['installation', 'installation'], ['invocationId', 'invocation_id']] as const) {
      const value = textOf(filter[key], key);
      if (value !== undefined) (where.push(`${column} = ?`), params.push(value));
    }
    const since = timeOf(filter.since, 'since');
    const until = timeOf(filter.until, 'until');
    if (since !== undefined) (where.push('ts >= ?'), params.push(since));
    if (until !== undefined) (where.push('ts < ?'), params.push(until));
    return this.prepare(
      `SELECT environment, installation, sum(count) AS count, max(ts) AS lastAt FROM log_withheld ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       GROUP BY environment, installation ORDER BY environment, installation`,
    ).all(...params) as WithheldTotal[];
  }

  /**
   * The matching lines, oldest first, as text chunks of JSON Lines or CSV. Lines stored after the
   * call are not included; `limit` is ignored, `maxLines` caps the export (the generator's return
   * value says whether it did). Each chunk is read by its own statement, so the store keeps
   * writing while a large export is consumed.
   */
  exportLines(filter: LogFilter, format: ExportFormat, options: { maxLines?: number } = {}): Generator<string, { lines: number; truncated: boolean }> {
    if (format !== 'jsonl' && format !== 'csv') throw new AnvilError('bad-request', `Logs export as "jsonl" or "csv"; "${String(format)}" is not one of them.`);
    const maxLines = options.maxLines ?? Number.POSITIVE_INFINITY;
    if (!(maxLines >= 0)) throw new AnvilError('bad-request', `maxLines must be 0 or more; got ${String(options.maxLines)}.`);
    const criteria = criteriaOf(filter);
    const afterId = idOf(filter.afterId, 'afterId') ?? 0;
    const beforeId = Math.min(idOf(filter.beforeId, 'beforeId') ?? NO_UPPER_ID, this.lastId() + 1);
    return this.exportChunks(criteria, format, afterId, beforeId, maxLines);
  }

  private *exportChunks(criteria: Criteria, format: ExportFormat, afterId: number, beforeId: number, maxLines: number): Generator<string, { lines: number; truncated: boolean }> {
    const line = format === 'jsonl' ? jsonlLine : csvLine;
    if (format === 'csv') yield CSV_HEADER;
    let written = 0;
    for (let from = afterId; ; ) {
      const room = maxLines - written;
      // One more than there is room for, to know whether the cap cut anything.
      const chunk = this.select(criteria, { afterId: from, beforeId, order: 'asc', limit: Math.min(EXPORT_CHUNK, room + 1) });
      const kept = chunk.slice(0, Math.min(chunk.length, room));
      if (kept.length > 0) yield kept.map(line).join('');
      written += kept.length;
      if (chunk.length > kept.length) return { lines: written, truncated: true };
      if (chunk.length < Math.min(EXPORT_CHUNK, room + 1)) return { lines: written, truncated: false };
      from = chunk[chunk.length - 1]!.id;
    }
  }

  private select(criteria: Criteria, window: Window): StoredLogLine[] {
    if (criteria.empty || window.afterId + 1 >= window.beforeId) return [];
    const driver = this.driverFor(criteria, window);
    if (driver === null) return [];
    const { sql: where, params } = conditions(criteria, driver.kind === 'fts' ? null : window);
    const direction = window.order === 'asc' ? 'ASC' : 'DESC';
    let sql: string;
    let all: unknown[];
    if (driver.kind === 'fts') {
      // CROSS JOIN keeps the full-text index outside: it yields ids newest first, each line is then one lookup.
      sql = `SELECT ${LINE_COLUMNS} FROM log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid
             WHERE log_line_fts MATCH ? AND log_line_fts.rowid > ? AND log_line_fts.rowid < ?${where.map((term) => ` AND ${term}`).join('')}
             ORDER BY log_line_fts.rowid ${direction} LIMIT ?`;
      all = [criteria.match, window.afterId, window.beforeId, ...params, window.limit];
    } else {
      const from = driver.kind === 'rowid' ? 'log_line AS l NOT INDEXED' : `log_line AS l INDEXED BY ${driver.index}`;
      const text = criteria.match === null ? [] : ['EXISTS (SELECT 1 FROM log_line_fts WHERE log_line_fts MATCH ? AND log_line_fts.rowid = l.id)'];
      sql = `SELECT ${LINE_COLUMNS} FROM ${from} WHERE ${[...where, ...text].join(' AND ')} ORDER BY l.id ${direction} LIMIT ?`;
      all = [...params, ...(criteria.match === null ? [] : [criteria.match]), window.limit];
    }
    return (this.prepare(sql).all(...all) as LineRow[]).map(toLine);
  }

  /**
   * Pick how to find the lines. SQLite has no statistics about log data, so ask each index that
   * could drive the query how many lines it holds in the window (stopping at PROBE_LIMIT) and use
   * the smallest; when every one holds many, walk the newest lines (or the full-text matches)
   * instead. Null: some index holds no matching line, so nothing matches.
   */
  private driverFor(criteria: Criteria, window: Window): Driver | null {
    const fallback: Driver = criteria.match === null ? { kind: 'rowid' } : { kind: 'fts' };
    // A short window (following new lines, a small database) is cheapest read as it is.
    const beforeId = Math.min(window.beforeId, this.lastId() + 1);
    if (beforeId - window.afterId <= PROBE_LIMIT) return fallback;
    let best: { driver: Driver; count: number } | null = null;
    const consider = (driver: Driver, count: number) => {
      if (best === null || count < best.count) best = { driver, count };
    };
    const range = [window.afterId, beforeId];
    if (criteria.match !== null) {
      consider({ kind: 'fts' }, this.count('SELECT 1 FROM log_line_fts WHERE log_line_fts MATCH ? AND rowid > ? AND rowid < ?', [criteria.match, ...range]));
    }
    for (const { key, column, index } of EQUALITY_INDEXES) {
      const value = criteria[key];
      if (value !== undefined) consider({ kind: 'index', index }, this.count(`SELECT 1 FROM log_line INDEXED BY ${index} WHERE ${column} = ? AND id > ? AND id < ?`, [value, ...range]));
    }
    if (criteria.environment !== undefined) {
      const levels = criteria.levels ?? [];
      const levelTerm = levels.length > 0 ? ` AND level IN (${levels.map(() => '?').join(', ')})` : '';
      consider(
        { kind: 'index', index: 'log_line_env_level' },
        this.count(`SELECT 1 FROM log_line INDEXED BY log_line_env_level WHERE environment = ?${levelTerm} AND id > ? AND id < ?`, [criteria.environment, ...levels, ...range]),
      );
    }
    if (criteria.since !== undefined || criteria.until !== undefined) {
      consider(
        { kind: 'index', index: 'log_line_ts' },
        this.count('SELECT 1 FROM log_line INDEXED BY log_line_ts WHERE ts >= ? AND ts < ? AND id > ? AND id < ?', [criteria.since ?? Number.MIN_SAFE_INTEGER, criteria.until ?? Number.MAX_SAFE_INTEGER, ...range]),
      );
    }
    const chosen = best as { driver: Driver; count: number } | null;
    if (chosen === null || chosen.count >= PROBE_LIMIT) return fallback;
    return chosen.count === 0 ? null : chosen.driver;
  }

  private count(select: string, params: unknown[]): number {
    return (this.prepare(`SELECT count(*) AS n FROM (${select} LIMIT ${PROBE_LIMIT})`).get(...params) as { n: number }).n;
  }

  protected prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      // Filters combine into a bounded set of statements; the cap only guards against surprises.
      if (this.statements.size >= 500) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

/** WHERE terms on `l` for the criteria (and the id window unless the full-text index applies it). */
function conditions(criteria: Criteria, window: Pick<Window, 'afterId' | 'beforeId'> | null): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (term: string, ...values: unknown[]) => {
    sql.push(term);
    params.push(...values);
  };
  if (window !== null) add('l.id > ? AND l.id < ?', window.afterId, window.beforeId);
  if (criteria.environment !== undefined) add('l.environment = ?', criteria.environment);
  if (criteria.levels !== null) add(`l.level IN (${criteria.levels.map(() => '?').join(', ')})`, ...criteria.levels);
  for (const { key, column } of EQUALITY_INDEXES) {
    const value = criteria[key];
    if (value !== undefined) add(`l.${column} = ?`, value);
  }
  if (criteria.since !== undefined) add('l.ts >= ?', criteria.since);
  if (criteria.until !== undefined) add('l.ts < ?', criteria.until);
  if (sql.length === 0) sql.push('1');
  return { sql, params };
}

/** Check a filter (it may come from the CLI or over the wire) and reduce it. */
export function criteriaOf(filter: LogFilter): Criteria {
  if (filter === null || typeof filter !== 'object') throw new AnvilError('bad-request', 'A log filter must be an object.');
  let levels: LogLevel[] | null = null;
  if (filter.levels !== undefined) {
    if (!Array.isArray(filter.levels)) throw new AnvilError('bad-request', `levels must be a list of ${LOG_LEVELS.join(', ')}.`);
    levels = [...new Set(filter.levels.map((level) => levelOf(level)))];
  }
  if (filter.minLevel !== undefined) {
    const rank = LEVEL_RANK[levelOf(filter.minLevel)];
    levels = (levels ?? [...LOG_LEVELS]).filter((level) => LEVEL_RANK[level] >= rank);
  }
  if (levels !== null && levels.length === LOG_LEVELS.length) levels = null;
  const text = filter.text === undefined ? undefined : textOf(filter.text, 'text', true);
  const match = text === undefined || text.trim() === '' ? null : toFtsQuery(text);
  const since = timeOf(filter.since, 'since');
  const until = timeOf(filter.until, 'until');
  return {
    environment: textOf(filter.environment, 'environment'),
    levels,
    match,
    functionKey: textOf(filter.functionKey, 'functionKey'),
    moduleKey: textOf(filter.moduleKey, 'moduleKey'),
    installation: textOf(filter.installation, 'installation'),
    invocationId: textOf(filter.invocationId, 'invocationId'),
    since,
    until,
    // Text with no word in it (only punctuation) cannot be found in a word index: nothing matches.
    empty: (levels !== null && levels.length === 0) || (text !== undefined && text.trim() !== '' && match === null) || (since !== undefined && until !== undefined && since >= until),
  };
}

export function levelOf(level: unknown): LogLevel {
  if (typeof level === 'string' && (LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  throw new AnvilError('bad-request', `Unknown log level "${String(level)}": use one of ${LOG_LEVELS.join(', ')}.`);
}

function textOf(value: unknown, name: string, allowEmpty = false): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || (!allowEmpty && value === '')) throw new AnvilError('bad-request', `The ${name} filter must be a non-empty string; got ${JSON.stringify(value) ?? String(value)}.`);
  return value;
}

function timeOf(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new AnvilError('bad-request', `The ${name} filter must be a time in epoch milliseconds (use parseSince for "15m" or a date); got ${JSON.stringify(value) ?? String(value)}.`);
  }
  return value;
}

function idOf(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new AnvilError('bad-request', `${name} must be a line id (a whole number, 0 or more); got ${String(value)}.`);
  return value as number;
}

function limitOf(value: unknown, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > max) {
    throw new AnvilError('bad-request', `limit must be a whole number from 1 to ${max}; got ${String(value)}.`);
  }
  return value as number;
}

function emptyTally(): LevelTally {
  return { debug: 0, info: 0, log: 0, warn: 0, error: 0 };
}

function toLine(row: LineRow): StoredLogLine {
  return {
    id: row.id,
    ts: row.ts,
    environment: row.environment,
    level: row.level,
    message: row.message,
    invocationId: row.invocation_id,
    functionKey: row.function_key,
    moduleKey: row.module_key,
    installation: row.installation,
    fields: row.fields === null ? null : (JSON.parse(row.fields) as Record<string, unknown>),
  };
}

function toInvocation(row: InvocationRow): StoredInvocation {
  return {
    invocationId: row.invocation_id,
    environment: row.environment,
    functionKey: row.function_key,
    moduleKey: row.module_key,
    installation: row.installation,
    startedAt: row.started_at,
    durationMs: row.duration_ms,
    status: row.status,
    error: row.error,
    calls: JSON.parse(row.calls) as StoredInvocation['calls'],
    resultJson: row.result,
    resultTrimmed: row.result_trimmed === 1,
  };
}
