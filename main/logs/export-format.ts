import type { StoredLogLine } from './types';

/** Columns of an export, in the order of the JSONL keys and the CSV header. */
export const EXPORT_COLUMNS = ['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation'] as const;

export function jsonlLine(line: StoredLogLine): string {
  // Built key by key so the shape is exactly the documented one whatever StoredLogLine gains later.
  return `${JSON.stringify({
    ts: new Date(line.ts).toISOString(),
    env: line.environment,
    level: line.level,
    message: line.message,
    invocationId: line.invocationId,
    functionKey: line.functionKey,
    moduleKey: line.moduleKey,
    installation: line.installation,
  })}\n`;
}

export const CSV_HEADER = `${EXPORT_COLUMNS.join(',')}\r\n`;

/** One RFC 4180 record (CRLF-terminated); empty for null. */
export function csvLine(line: StoredLogLine): string {
  const cells = [new Date(line.ts).toISOString(), line.environment, line.level, line.message, line.invocationId, line.functionKey, line.moduleKey, line.installation];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

function csvCell(value: string | null): string {
  if (value === null) return '';
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
