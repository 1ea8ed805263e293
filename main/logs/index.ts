export { LogStore, DEFAULT_RETENTION_DAYS, MAX_MESSAGE_CHARS, MAX_FIELDS_CHARS, MAX_RESULT_CHARS, type LogStoreOptions } from './log-store';
export { LogReader, DEFAULT_LIMIT, MAX_LIMIT } from './log-reader';
export { exportRecord } from './export-format';
export { followDatabase, DEFAULT_FOLLOW_INTERVAL_MS } from './follow-database';
export { LogBudget, MAX_INVOCATION_LOG_BYTES, MAX_LOG_LINE_CHARS, type BudgetedLine } from './log-budget';
export { PlatformLogLimits, platformLogLines, PLATFORM_LOG_BYTES, PLATFORM_LOG_LINES_PER_MINUTE, type PlatformDrop, type PlatformLogNotice } from './platform-log-limits';
export { Redactor, MIN_SECRET_LENGTH, loginSecretForms, secretForms, type SecretValue } from './redactor';
export { parseSince } from './since';
export { cloudEnvironment, cloudLevel, cloudLogInput, cloudLogSink, cloudMessage } from './cloud-lines';
export { toFtsQuery } from './fts-query';
export { LOG_LEVELS, LEVEL_RANK } from './types';
export type {
  ExportFormat,
  InvocationFilter,
  InvocationRecord,
  InvocationStatus,
  InvocationTimeline,
  InvocationWithCounts,
  LevelBucket,
  LevelBuckets,
  LevelTally,
  LogFilter,
  LogLevel,
  LogLineInput,
  LogPage,
  PruneResult,
  StoredInvocation,
  StoredLogLine,
  WithheldFilter,
  WithheldTotal,
} from './types';
