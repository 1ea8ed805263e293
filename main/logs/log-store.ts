import type Database from 'better-sqlite3';
import type { AppDatabase } from '../database';
import { AnvilError } from '../contract';
import { criteriaOf, levelOf, LogReader } from './log-reader';
import type { Redactor } from './redactor';
import type { InvocationRecord, InvocationStatus, LogFilter, LogLineInput, PruneResult, StoredLogLine } from './types';

const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_DAYS = 30;
/** A message longer than this is cut (after redaction, so no cut can leave part of a secret behind). */
export const MAX_MESSAGE_CHARS = 64 * 1024;
/** Fields JSON longer than this is replaced by its beginning, under the key "[trimmed]". */
export const MAX_FIELDS_CHARS = 16 * 1024;
/** An invocation's result is kept for display, not replay: its JSON is cut to this. */
export const MAX_RESULT_CHARS = 4 * 1024;
/** Rows per INSERT statement: fewer calls into SQLite per batch (10 parameters each, far below the limit). */
const ROWS_PER_STATEMENT = 50;
/** Lines deleted per transaction when pruning, so another process's writes are never held up for long. */
const PRUNE_CHUNK = 5000;
/** Ids per log_span row: the slack of a time filter's id bounds, and a few hundred rows per million lines. */
const SPAN_IDS = 4096;

/**
 * An invocation still `running` this long after it started cannot be: the longest the platform lets
 * one run is 900 s (`timeoutSeconds`, FACTS §5.5), plus a minute for the runner's grace and start-up.
 */
export const ABANDONED_AFTER_MS = (900 + 60) * 1000;
const STATUSES: readonly InvocationStatus[] = ['running', 'ok', 'error', 'timeout', 'crashed', 'stopped'];
const LINE_COLUMNS = '(ts, environment, level, message, invocation_id, function_key, module_key, installation, fields, platform_drop, source, app_version)';

export interface LogStoreOptions {
  /** Applied to every message, field, error, call and result before it is stored. */
  redactor: Redactor;
  /** Lines and invocations older than this many days go on `prune()` (1–365). */
  retentionDays?: number;
  now?: () => number;
}

/** Values per line in LINE_COLUMNS. */
const LINE_VALUES = 12;

interface Follower {
  filter: LogFilter;
  onLines: (lines: StoredLogLine[]) => void;
}

/**
 * Every log line of every local invocation, in the app database: stored redacted, searchable
 * (full-text and by environment, level, function, module, installation, invocation, time), grouped
 * by invocation, exported, pruned after the retention period, and followed as it arrives.
 */
export class LogStore extends LogReader {
  private readonly redactor: Redactor;
  private readonly now: () => number;
  private retention: number;
  private readonly followers = new Set<Follower>();
  private readonly insertStatements = new Map<number, Database.Statement>();

  constructor(db: AppDatabase, options: LogStoreOptions) {
    super(db);
    if (!options?.redactor) throw new AnvilError('internal', 'The log store needs a redactor: no line may be stored before secrets are removed.');
    this.redactor = options.redactor;
    this.now = options.now ?? Date.now;
    this.retention = retentionOf(options.retentionDays ?? DEFAULT_RETENTION_DAYS);
  }

  get retentionDays(): number {
    return this.retention;
  }

  setRetentionDays(days: number): void {
    this.retention = retentionOf(days);
  }

  /**
   * Store a batch in one transaction (callers batch: a commit costs more than many lines) and
   * return the stored lines with their ids. Lines marked `withheld` are only counted. A batch with
   * an invalid line is refused whole, before anything is written.
   */
  append(lines: readonly LogLineInput[]): StoredLogLine[] {
    if (!Array.isArray(lines)) throw new AnvilError('bad-request', 'append takes a list of log lines.');
    const kept: StoredLogLine[] = [];
    // The kept lines' column values, one after another: bound a statement's worth at a time.
    const values: unknown[] = [];
    const withheld = new Map<string, { environment: string; installation: string | null; invocationId: string | null; count: number; ts: number }>();
    for (let index = 0; index < lines.length; index += 1) {
      const input = lines[index]!;
      const { line, fieldsJson } = this.prepareLine(input, index);
      if (input.withheld === true) {
        const key = JSON.stringify([line.environment, line.installation, line.invocationId]);
        const group = withheld.get(key) ?? { environment: line.environment, installation: line.installation, invocationId: line.invocationId, count: 0, ts: line.ts };
        group.count += 1;
        group.ts = Math.max(group.ts, line.ts);
        withheld.set(key, group);
        continue;
      }
      values.push(
        line.ts,
        line.environment,
        line.level,
        line.message,
        line.invocationId,
        line.functionKey,
        line.moduleKey,
        line.installation,
        fieldsJson,
        line.platformDrop ?? null,
        line.source ?? null,
        line.appVersion ?? null,
      );
      kept.push(line);
    }
    if (kept.length === 0 && withheld.size === 0) return [];

    this.db.transaction(() => {
      let lastId = 0;
      for (let start = 0; start < kept.length; start += ROWS_PER_STATEMENT) {
        const count = Math.min(ROWS_PER_STATEMENT, kept.length - start);
        lastId = Number(this.insertFor(count).run(values.slice(start * LINE_VALUES, (start + count) * LINE_VALUES)).lastInsertRowid);
      }
      if (kept.length > 0) {
        // Under the write lock AUTOINCREMENT hands out consecutive ids, so the batch is one id range.
        const firstId = lastId - kept.length + 1;
        for (let index = 0; index < kept.length; index += 1) kept[index]!.id = firstId + index;
        // One statement for the whole batch: FTS5 writes its pending entries out at every statement
        // of a transaction, and each write is one more index segment to merge later.
        this.prepare('INSERT INTO log_line_fts (rowid, message, tags) SELECT id, message, tags FROM log_line_indexed WHERE id >= ? AND id <= ?').run(firstId, lastId);
        this.recordSpan(firstId, lastId, kept);
      }
      const count = this.prepare('INSERT INTO log_withheld (environment, installation, invocation_id, count, ts) VALUES (?, ?, ?, ?, ?)');
      for (const group of withheld.values()) count.run(group.environment, group.installation, group.invocationId, group.count, group.ts);
    })();

    if (kept.length > 0) this.notify(kept[0]!.id - 1, kept[kept.length - 1]!.id + 1);
    return kept;
  }

  /** Extend the newest span with this batch's ids and times, or start a new one. */
  private recordSpan(firstId: number, lastId: number, lines: StoredLogLine[]): void {
    let minTs = Number.POSITIVE_INFINITY;
    let maxTs = Number.NEGATIVE_INFINITY;
    for (const line of lines) {
      if (line.ts < minTs) minTs = line.ts;
      if (line.ts > maxTs) maxTs = line.ts;
    }
    const newest = this.prepare('SELECT first_id, last_id FROM log_span ORDER BY first_id DESC LIMIT 1').get() as { first_id: number; last_id: number } | undefined;
    // Only a span that ends right before this batch can grow: another writer's ids may lie between.
    if (newest && newest.last_id === firstId - 1 && lastId - newest.first_id < SPAN_IDS) {
      this.prepare('UPDATE log_span SET last_id = ?, min_ts = min(min_ts, ?), max_ts = max(max_ts, ?) WHERE first_id = ?').run(lastId, minTs, maxTs, newest.first_id);
    } else {
      this.prepare('INSERT INTO log_span (first_id, last_id, min_ts, max_ts) VALUES (?, ?, ?, ?)').run(firstId, lastId, minTs, maxTs);
    }
  }

  /** Record (or update) an invocation's summary: at its start with status `running`, again at its end. */
  recordInvocation(record: InvocationRecord): void {
    if (record === null || typeof record !== 'object') throw new AnvilError('bad-request', 'recordInvocation takes an invocation summary.');
    const invocationId = required(record.invocationId, 'invocationId');
    const environment = required(record.environment, 'environment');
    if (!STATUSES.includes(record.status)) throw new AnvilError('bad-request', `Unknown invocation status "${String(record.status)}": use one of ${STATUSES.join(', ')}.`);
    if (!Number.isFinite(record.startedAt)) throw new AnvilError('bad-request', `startedAt must be a time in epoch milliseconds; got ${String(record.startedAt)}.`);
    const durationMs = record.durationMs ?? null;
    if (durationMs !== null && !(Number.isFinite(durationMs) && durationMs >= 0)) throw new AnvilError('bad-request', `durationMs must be null or 0 or more; got ${String(durationMs)}.`);
    const calls = record.calls ?? [];
    if (!Array.isArray(calls)) throw new AnvilError('bad-request', 'calls must be a list (empty when the invocation made none).');
    // JSON.stringify gives undefined for a function or a symbol: stored as no result.
    const result = record.result === undefined ? undefined : (JSON.stringify(this.redactor.redactValue(record.result)) as string | undefined);
    const trimmed = result !== undefined && result.length > MAX_RESULT_CHARS;
    this.prepare(
      `INSERT INTO log_invocation (invocation_id, environment, function_key, module_key, installation, started_at, duration_ms, status, error, calls, result, result_trimmed)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (invocation_id) DO UPDATE SET environment = excluded.environment, function_key = excluded.function_key, module_key = excluded.module_key,
         installation = excluded.installation, started_at = excluded.started_at, duration_ms = excluded.duration_ms, status = excluded.status,
         error = excluded.error, calls = excluded.calls, result = excluded.result, result_trimmed = excluded.result_trimmed`,
    ).run(
      invocationId,
      environment,
      optional(record.functionKey, 'functionKey'),
      optional(record.moduleKey, 'moduleKey'),
      optional(record.installation, 'installation'),
      record.startedAt,
      durationMs === null ? null : Math.round(durationMs),
      record.status,
      record.error === null || record.error === undefined ? null : cut(this.redactor.redact(String(record.error))),
      JSON.stringify(this.redactor.redactValue(calls)),
      result === undefined ? null : trimmed ? result.slice(0, MAX_RESULT_CHARS) : result,
      trimmed ? 1 : 0,
    );
  }

  /**
   * Invocations left `running` by an Anvil that was stopped mid-invocation (killed, a crash, a power
   * cut) become `crashed`, saying so. Only those past any possible time limit: another Anvil process
   * (the workbench, a command in a terminal) may be running one of the others right now.
   */
  settleAbandoned(): number {
    const cutoff = this.now() - ABANDONED_AFTER_MS;
    return this.prepare(
      `UPDATE log_invocation SET status = 'crashed', error = 'Anvil stopped before this invocation ended, so its result was never recorded.' WHERE status = 'running' AND started_at < ?`,
    ).run(cutoff).changes;
  }

  /** Delete lines, invocations and withheld counts older than the retention period. */
  prune(): PruneResult {
    const cutoff = this.now() - this.retention * DAY_MS;
    // Lines older than the cutoff all have ids up to the last one of a span that starts before it.
    const bound = (this.prepare('SELECT max(last_id) AS id FROM log_span WHERE min_ts < ?').get(cutoff) as { id: number | null }).id ?? 0;
    const select = this.prepare(`SELECT id FROM log_line WHERE id <= ? AND ts < ? LIMIT ${PRUNE_CHUNK}`);
    // External content: the index entry is removed with the values it was built from, before the row goes.
    const unindex = this.prepare(`INSERT INTO log_line_fts (log_line_fts, rowid, message, tags) SELECT 'delete', id, message, tags FROM log_line_indexed WHERE id IN (SELECT value FROM json_each(?))`);
    const remove = this.prepare('DELETE FROM log_line WHERE id IN (SELECT value FROM json_each(?))');
    let lines = 0;
    for (;;) {
      const ids = (select.all(bound, cutoff) as { id: number }[]).map((row) => row.id);
      if (ids.length === 0) break;
      this.db.transaction(() => {
        const list = JSON.stringify(ids);
        unindex.run(list);
        lines += remove.run(list).changes;
      })();
      if (ids.length < PRUNE_CHUNK) break;
    }
    return this.db.transaction(() => {
      // A span whose latest time is before the cutoff has no line left.
      this.prepare('DELETE FROM log_span WHERE max_ts < ?').run(cutoff);
      return {
        lines,
        invocations: this.prepare('DELETE FROM log_invocation WHERE started_at < ?').run(cutoff).changes,
        withheld: this.prepare('DELETE FROM log_withheld WHERE ts < ?').run(cutoff).changes,
      };
    })();
  }

  /**
   * Call `onLines` after every append with the new lines that match `filter` (oldest first;
   * paging fields are ignored). Returns the function that stops it. A throwing listener never
   * fails the append nor stops the other listeners.
   */
  follow(filter: LogFilter, onLines: (lines: StoredLogLine[]) => void): () => void {
    criteriaOf(filter);
    if (typeof onLines !== 'function') throw new AnvilError('bad-request', 'follow needs a function to call with new lines.');
    const follower: Follower = { filter: { ...filter, afterId: undefined, beforeId: undefined, limit: undefined }, onLines };
    this.followers.add(follower);
    return () => void this.followers.delete(follower);
  }

  private notify(afterId: number, beforeId: number): void {
    for (const follower of [...this.followers]) {
      try {
        const lines = this.linesBetween(follower.filter, afterId, beforeId);
        if (lines.length > 0) follower.onLines(lines);
      } catch {
        // One listener's failure (a closed window, a bug) is its own; the lines are stored.
      }
    }
  }

  /** Check one input line and turn it into what is stored (redacted, trimmed) and its fields' JSON; `id` is set on insert. */
  private prepareLine(input: LogLineInput, index: number): { line: StoredLogLine; fieldsJson: string | null } {
    const where = `Log line ${index + 1}`;
    if (input === null || typeof input !== 'object') throw new AnvilError('bad-request', `${where} is not a log line object.`);
    // Date's range: a time outside it cannot be shown or exported.
    if (typeof input.ts !== 'number' || !Number.isFinite(input.ts) || Math.abs(input.ts) > 8.64e15) {
      throw new AnvilError('bad-request', `${where}: ts must be a time in epoch milliseconds; got ${String(input.ts)}.`);
    }
    let level;
    try {
      level = levelOf(input.level);
    } catch (error) {
      throw new AnvilError('bad-request', `${where}: ${(error as Error).message}`);
    }
    if (typeof input.message !== 'string') throw new AnvilError('bad-request', `${where}: message must be a string; got ${typeof input.message}.`);
    if (input.fields !== undefined && input.fields !== null && (typeof input.fields !== 'object' || Array.isArray(input.fields))) {
      throw new AnvilError('bad-request', `${where}: fields must be an object of named values.`);
    }
    if (input.platformDrop !== undefined && input.platformDrop !== 'lines' && input.platformDrop !== 'size') {
      throw new AnvilError('bad-request', `${where}: platformDrop must be "lines" or "size"; got ${JSON.stringify(input.platformDrop) ?? String(input.platformDrop)}.`);
    }
    if (input.source !== undefined && input.source !== 'cloud') {
      throw new AnvilError('bad-request', `${where}: source must be "cloud" or absent; got ${JSON.stringify(input.source) ?? String(input.source)}.`);
    }
    const appVersion = optional(input.appVersion, 'appVersion', where);
    const line: StoredLogLine = {
      id: 0,
      ts: Math.round(input.ts),
      environment: required(input.environment, 'environment', where),
      level,
      // A withheld line is only counted: no need to redact what is never stored.
      message: input.withheld === true ? '' : cut(this.redactor.redact(input.message)),
      invocationId: optional(input.invocationId, 'invocationId', where),
      functionKey: optional(input.functionKey, 'functionKey', where),
      moduleKey: optional(input.moduleKey, 'moduleKey', where),
      installation: optional(input.installation, 'installation', where),
      fields: null,
    };
    const fields = input.fields === undefined || input.fields === null || input.withheld === true ? null : this.fieldsOf(input.fields);
    if (fields !== null) line.fields = fields.value;
    if (input.platformDrop) line.platformDrop = input.platformDrop;
    if (input.source === 'cloud') line.source = 'cloud';
    if (appVersion !== null) line.appVersion = appVersion;
    return { line, fieldsJson: fields === null ? null : fields.json };
  }

  private fieldsOf(fields: Record<string, unknown>): { value: Record<string, unknown>; json: string } {
    const redacted = this.redactor.redactValue(fields) as Record<string, unknown>;
    const json = JSON.stringify(redacted);
    if (json.length <= MAX_FIELDS_CHARS) return { value: redacted, json };
    const value = { '[trimmed]': `${json.slice(0, MAX_FIELDS_CHARS)}…` };
    return { value, json: JSON.stringify(value) };
  }

  private insertFor(rows: number): Database.Statement {
    let statement = this.insertStatements.get(rows);
    if (!statement) {
      statement = this.db.prepare(`INSERT INTO log_line ${LINE_COLUMNS} VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
      this.insertStatements.set(rows, statement);
    }
    return statement;
  }
}

function retentionOf(days: unknown): number {
  if (!Number.isInteger(days) || (days as number) < 1 || (days as number) > 365) {
    throw new AnvilError('bad-request', `Log retention must be a whole number of days from 1 to 365; got ${String(days)}.`);
  }
  return days as number;
}

function required(value: unknown, name: string, where = 'The invocation'): string {
  if (typeof value !== 'string' || value === '') throw new AnvilError('bad-request', `${where}: ${name} must be a non-empty string; got ${JSON.stringify(value) ?? String(value)}.`);
  return value;
}

// An empty key is no key: it is stored as null, like a missing one.
function optional(value: unknown, name: string, where = 'The invocation'): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value !== 'string') throw new AnvilError('bad-request', `${where}: ${name} must be a string or null; got ${JSON.stringify(value) ?? String(value)}.`);
  return value;
}

function cut(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}… [${message.length - MAX_MESSAGE_CHARS} more characters]`;
}
