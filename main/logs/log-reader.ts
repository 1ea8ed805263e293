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
/** Lines per statement when exporting: no statement stays open between chunks (the writer can go on). */
const EXPORT_CHUNK = 2000;
/** Ids are SQLite rowids: a bound no id reaches. */
const NO_UPPER_ID = Number.MAX_SAFE_INTEGER;

const LINE_COLUMNS = 'l.id, l.ts, l.environment, l.level, l.message, l.invocation_id, l.function_key, l.module_key, l.installation, l.fields, l.platform_drop, l.source, l.app_version';

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
  platform_drop: 'lines' | 'size' | null;
  source: 'cloud' | null;
  app_version: string | null;
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
  platform?: 'kept' | 'dropped';
  empty: boolean;
}

/** An id window (exclusive bounds) and the order to read it in. */
interface Window {
  afterId: number;
  beforeId: number;
  order: 'asc' | 'desc';
  limit: number;
}

/**
 * The filters that are words of the index's `tags` column (see migrations 4 and 6): a prefix letter and
 * the value's UTF-8 bytes in hex, so any value is exactly one token.
 */
const TAGS = [
  { key: 'environment', prefix: 'e', column: 'environment' },
  { key: 'functionKey', prefix: 'f', column: 'function_key' },
  { key: 'moduleKey', prefix: 'm', column: 'module_key' },
  { key: 'installation', prefix: 's', column: 'installation' },
  { key: 'invocationId', prefix: 'i', column: 'invocation_id' },
] as const;

function tag(prefix: string, value: string): string {
  return `"${prefix}${Buffer.from(value, 'utf8').toString('hex')}"`;
}

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
    for (let from = afterId; ;) {
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

  /** The time of an environment's latest line (null when it has none): where a cloud log follower resumes. */
  newestTs(environment: string): number | null {
    if (typeof environment !== 'string' || environment === '') throw new AnvilError('bad-request', 'An environment is needed to find its newest line.');
    const row = this.prepare(`SELECT max(l.ts) AS ts FROM log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid WHERE log_line_fts MATCH ?`).get(`tags : ${tag('e', environment)}`) as {
      ts: number | null;
    };
    return row.ts;
  }

  /** One invocation: its summary, its lines oldest first, and how many lines were withheld. */
  invocation(invocationId: string): InvocationTimeline | null {
    if (typeof invocationId !== 'string' || invocationId === '') throw new AnvilError('bad-request', 'An invocation id is needed to show its timeline.');
    const row = this.prepare('SELECT * FROM log_invocation WHERE invocation_id = ?').get(invocationId) as InvocationRow | undefined;
    const lines = (
      this.prepare(
        `SELECT ${LINE_COLUMNS} FROM log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid
         WHERE log_line_fts MATCH ? AND l.invocation_id = ? ORDER BY log_line_fts.rowid`,
      ).all(`tags : ${tag('i', invocationId)}`, invocationId) as LineRow[]
    ).map(toLine);
    const withheld = (this.prepare('SELECT coalesce(sum(count), 0) AS n FROM log_withheld WHERE invocation_id = ?').get(invocationId) as { n: number }).n;
    if (!row && lines.length === 0 && withheld === 0) return null;
    return { summary: row ? toInvocation(row) : null, lines, withheld };
  }

  /** Recent invocations, newest first, each with its line counts per level. */
  invocations(filter: InvocationFilter = {}): InvocationWithCounts[] {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [key, column] of [
      ['environment', 'environment'],
      ['functionKey', 'function_key'],
      ['moduleKey', 'module_key'],
      ['installation', 'installation'],
      ['status', 'status'],
    ] as const) {
      const value = textOf(filter[key], key);
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const since = timeOf(filter.since, 'since');
    const until = timeOf(filter.until, 'until');
    if (since !== undefined) {
      where.push('started_at >= ?');
      params.push(since);
    }
    if (until !== undefined) {
      where.push('started_at < ?');
      params.push(until);
    }
    const limit = limitOf(filter.limit, 50, 1000);
    const rows = this.prepare(`SELECT * FROM log_invocation ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY started_at DESC, invocation_id DESC LIMIT ?`).all(
      ...params,
      limit,
    ) as InvocationRow[];
    if (rows.length === 0) return [];
    const ids = JSON.stringify(rows.map((row) => row.invocation_id));
    const counts: { id: string; level: LogLevel; n: number }[] = [];
    for (let start = 0; start < rows.length; start += 100) {
      const some = rows.slice(start, start + 100).map((row) => tag('i', row.invocation_id));
      counts.push(
        ...(this.prepare(
          `SELECT l.invocation_id AS id, l.level AS level, count(*) AS n FROM log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid
           WHERE log_line_fts MATCH ? GROUP BY l.invocation_id, l.level`,
        ).all(`tags : (${some.join(' OR ')})`) as { id: string; level: LogLevel; n: number }[]),
      );
    }
    const withheld = this.prepare(`SELECT invocation_id AS id, sum(count) AS n FROM log_withheld WHERE invocation_id IN (SELECT value FROM json_each(?)) GROUP BY invocation_id`).all(ids) as {
      id: string;
      n: number;
    }[];
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
    const range = this.narrow(criteria, idOf(filter.afterId, 'afterId') ?? 0, idOf(filter.beforeId, 'beforeId') ?? NO_UPPER_ID);
    if (range === null) return { bucketMs, buckets: [] };
    const { sql: conds, params: condParams } = conditions(criteria);
    const where = ['l.id > ?', 'l.id < ?', ...conds];
    const params = [...range, ...condParams];
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
    for (const [key, column] of [
      ['environment', 'environment'],
      ['installation', 'installation'],
      ['invocationId', 'invocation_id'],
    ] as const) {
      const value = textOf(filter[key], key);
      if (value !== undefined) {
        where.push(`${column} = ?`);
        params.push(value);
      }
    }
    const since = timeOf(filter.since, 'since');
    const until = timeOf(filter.until, 'until');
    if (since !== undefined) {
      where.push('ts >= ?');
      params.push(since);
    }
    if (until !== undefined) {
      where.push('ts < ?');
      params.push(until);
    }
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
    for (let from = afterId; ;) {
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
    if (criteria.empty) return [];
    const range = this.narrow(criteria, window.afterId, Math.min(window.beforeId, this.lastId() + 1));
    if (range === null) return [];
    const [afterId, beforeId] = range;
    const { sql: where, params } = conditions(criteria);
    const direction = window.order === 'asc' ? 'ASC' : 'DESC';
    if (criteria.match !== null) {
      // CROSS JOIN keeps the full-text index outside: it yields ids in order, each line is then one lookup.
      const sql = `SELECT ${LINE_COLUMNS} FROM log_line_fts CROSS JOIN log_line AS l ON l.id = log_line_fts.rowid
                   WHERE log_line_fts MATCH ? AND log_line_fts.rowid > ? AND log_line_fts.rowid < ? AND ${where.join(' AND ')}
                   ORDER BY log_line_fts.rowid ${direction} LIMIT ?`;
      return (this.prepare(sql).all(criteria.match, afterId, beforeId, ...params, window.limit) as LineRow[]).map(toLine);
    }
    const sql = `SELECT ${LINE_COLUMNS} FROM log_line AS l WHERE l.id > ? AND l.id < ? AND ${where.join(' AND ')} ORDER BY l.id ${direction} LIMIT ?`;
    return (this.prepare(sql).all(afterId, beforeId, ...params, window.limit) as LineRow[]).map(toLine);
  }

  /**
   * The id window to search, narrowed to the ids a time range can have (from log_span: each run of
   * ids with the earliest and latest time in it). The rows' own times are still checked; the
   * narrowing only spares walking lines outside the range. Null: nothing can match.
   */
  private narrow(criteria: Criteria, afterId: number, beforeId: number): [number, number] | null {
    let low = afterId;
    let high = beforeId;
    if (criteria.since !== undefined) {
      const first = (this.prepare('SELECT min(first_id) AS id FROM log_span WHERE max_ts >= ?').get(criteria.since) as { id: number | null }).id;
      if (first === null) return null;
      low = Math.max(low, first - 1);
    }
    if (criteria.until !== undefined) {
      const last = (this.prepare('SELECT max(last_id) AS id FROM log_span WHERE min_ts < ?').get(criteria.until) as { id: number | null }).id;
      if (last === null) return null;
      high = Math.min(high, last + 1);
    }
    return low + 1 >= high ? null : [low, high];
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

/**
 * WHERE terms on `l` for the criteria. Where the index already applies a filter (its tags) the
 * term repeats it on the row, at the cost of a comparison: the row stays the authority.
 */
function conditions(criteria: Criteria): { sql: string[]; params: unknown[] } {
  const sql: string[] = [];
  const params: unknown[] = [];
  const add = (term: string, ...values: unknown[]) => {
    sql.push(term);
    params.push(...values);
  };
  for (const { key, column } of TAGS) {
    const value = criteria[key];
    if (value !== undefined) add(`l.${column} = ?`, value);
  }
  if (criteria.levels !== null) add(`l.level IN (${criteria.levels.map(() => '?').join(', ')})`, ...criteria.levels);
  if (criteria.since !== undefined) add('l.ts >= ?', criteria.since);
  if (criteria.until !== undefined) add('l.ts < ?', criteria.until);
  if (criteria.platform !== undefined) add(criteria.platform === 'kept' ? 'l.platform_drop IS NULL' : 'l.platform_drop IS NOT NULL');
  if (sql.length === 0) sql.push('1');
  return { sql, params };
}

/** The MATCH expression for the words and the tag filters, or null when there is neither. */
function matchOf(words: string | null, criteria: Omit<Criteria, 'match' | 'empty'>): string | null {
  const parts: string[] = [];
  if (words !== null) parts.push(`message : (${words})`);
  for (const { key, prefix } of TAGS) {
    const value = criteria[key];
    if (value !== undefined) parts.push(`tags : ${tag(prefix, value)}`);
  }
  if (criteria.levels !== null && criteria.levels.length > 0) parts.push(`tags : (${criteria.levels.map((level) => `"l${level}"`).join(' OR ')})`);
  return parts.length === 0 ? null : parts.join(' AND ');
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
  const words = text === undefined || text.trim() === '' ? null : toFtsQuery(text);
  const since = timeOf(filter.since, 'since');
  const until = timeOf(filter.until, 'until');
  if (filter.platform !== undefined && filter.platform !== 'kept' && filter.platform !== 'dropped') {
    throw new AnvilError(
      'bad-request',
      `The platform filter is "kept" (lines the platform keeps) or "dropped" (lines it would drop); got ${JSON.stringify(filter.platform) ?? String(filter.platform)}.`,
    );
  }
  const criteria = {
    environment: textOf(filter.environment, 'environment'),
    levels,
    functionKey: textOf(filter.functionKey, 'functionKey'),
    moduleKey: textOf(filter.moduleKey, 'moduleKey'),
    installation: textOf(filter.installation, 'installation'),
    invocationId: textOf(filter.invocationId, 'invocationId'),
    since,
    until,
  };
  return {
    ...criteria,
    platform: filter.platform,
    match: matchOf(words, criteria),
    // Text with no word in it (only punctuation) cannot be found in a word index: nothing matches.
    empty: (levels !== null && levels.length === 0) || (text !== undefined && text.trim() !== '' && words === null) || (since !== undefined && until !== undefined && since >= until),
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
    ...(row.platform_drop === null ? {} : { platformDrop: row.platform_drop }),
    ...(row.source === null ? {} : { source: row.source }),
    ...(row.app_version === null ? {} : { appVersion: row.app_version }),
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
