import type { LogLevel, LogLine, RunCall, RunResult } from '../../common/types';

/** Console levels a Forge function can log at (the contract's). */
export type { LogLevel };

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'log', 'warn', 'error'];

/** Severity for `minLevel`: `log` and `info` are the same console severity. */
export const LEVEL_RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, log: 1, warn: 2, error: 3 };

/** A stored line, exactly as the contract sends it; `id` is the ingest order (never reused). */
export type StoredLogLine = LogLine;

/** One line as the runner or a trigger produced it, before redaction (`ts` in epoch milliseconds). */
export type LogLineInput = Omit<LogLine, 'id' | 'fields'> & {
  /** Extra console arguments or structured context; stored as JSON. */
  fields?: Record<string, unknown>;
  /** The installation's admin turned log access off: the line is counted, never stored. */
  withheld?: boolean;
};

/**
 * Which lines. Every field narrows the result; `since` is inclusive and `until` exclusive (epoch ms).
 * `levels` and `minLevel` together keep the levels both allow.
 */
export interface LogFilter {
  environment?: string;
  levels?: LogLevel[];
  minLevel?: LogLevel;
  /** Words to find (all of them); "quoted words" must be adjacent; a trailing * matches a prefix. */
  text?: string;
  functionKey?: string;
  moduleKey?: string;
  installation?: string;
  invocationId?: string;
  since?: number;
  until?: number;
  /** Only lines after this id: the page is the oldest `limit` of them, so a follower never skips lines. */
  afterId?: number;
  /** Only lines before this id: the next page of an earlier query (its `nextBefore`). */
  beforeId?: number;
  /** Lines per page: default 200, at most 5000. */
  limit?: number;
  /** Only the lines the platform would keep (`kept`) or only those it would drop (`dropped`). */
  platform?: 'kept' | 'dropped';
}

export interface LogPage {
  /** Newest first. */
  lines: StoredLogLine[];
  /** Pass as `beforeId` for the next (older) page; null when there is none. */
  nextBefore: number | null;
}

export type InvocationStatus = RunResult['status'] | 'running';

/** What one invocation did, recorded when it starts (`running`) and again when it ends. */
export interface InvocationRecord {
  invocationId: string;
  environment: string;
  functionKey: string | null;
  moduleKey: string | null;
  installation: string | null;
  startedAt: number;
  durationMs: number | null;
  status: InvocationStatus;
  error: string | null;
  calls: RunCall[];
  /** The function's return value; stored as JSON, trimmed to a few KB. */
  result?: unknown;
}

export interface StoredInvocation extends Omit<InvocationRecord, 'result'> {
  /** The result as JSON text (redacted), or null when there was none. */
  resultJson: string | null;
  /** The JSON was longer than the store keeps: `resultJson` is its beginning and not parseable. */
  resultTrimmed: boolean;
}

export type LevelTally = Record<LogLevel, number>;

export interface InvocationWithCounts extends StoredInvocation {
  lineCounts: LevelTally;
  withheld: number;
}

export interface InvocationTimeline {
  /** Null when lines arrived but the invocation was never recorded. */
  summary: StoredInvocation | null;
  /** Oldest first. */
  lines: StoredLogLine[];
  withheld: number;
}

/** Filter of `invocations()`: the newest first, `until` exclusive for paging by `startedAt`. */
export interface InvocationFilter {
  environment?: string;
  functionKey?: string;
  moduleKey?: string;
  installation?: string;
  status?: InvocationStatus;
  since?: number;
  until?: number;
  /** Default 50, at most 1000. */
  limit?: number;
}

export interface LevelBucket {
  /** Epoch ms where the bucket starts. */
  start: number;
  counts: LevelTally;
}

export interface LevelBuckets {
  bucketMs: number;
  /** Oldest first; only buckets that have lines. */
  buckets: LevelBucket[];
}

export interface WithheldFilter {
  environment?: string;
  installation?: string;
  invocationId?: string;
  since?: number;
  until?: number;
}

export interface WithheldTotal {
  environment: string;
  installation: string | null;
  count: number;
  /** Time of the newest withheld line. */
  lastAt: number;
}

export interface PruneResult {
  lines: number;
  invocations: number;
  withheld: number;
}

export type ExportFormat = 'jsonl' | 'csv';
