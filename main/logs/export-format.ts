import type { StoredLogLine } from './types';

/**
 * Columns of an export, in the order of the JSONL keys and the CSV header. `platformDrop` ("lines"
 * or "size") marks a line a deployed function would lose, as the Logs pane does; `source` "cloud"
 * and `appVersion` mark a line read from the Forge platform. A JSONL line has those keys only when
 * set (as `anvil logs --json`), a CSV row leaves the cells empty.
 */
export const EXPORT_COLUMNS = ['ts', 'env', 'level', 'message', 'invocationId', 'functionKey', 'moduleKey', 'installation', 'platformDrop', 'source', 'appVersion'] as const;

/**
 * A stored line as exports and `anvil logs --json` give it. Built key by key so the shape is exactly
 * the documented one whatever StoredLogLine gains later; `platformDrop` only when marked.
 */
export function exportRecord(line: StoredLogLine): Record<string, unknown> {
  return {
    ts: new Date(line.ts).toISOString(),
    env: line.environment,
    level: line.level,
    message: line.message,
    invocationId: line.invocationId,
    functionKey: line.functionKey,
    moduleKey: line.moduleKey,
    installation: line.installation,
    ...(line.platformDrop ? { platformDrop: line.platformDrop } : {}),
    ...(line.source ? { source: line.source } : {}),
    ...(line.appVersion ? { appVersion: line.appVersion } : {}),
  };
}

export function jsonlLine(line: StoredLogLine): string {
  return `${JSON.stringify(exportRecord(line))}\n`;
}

export const CSV_HEADER = `${EXPORT_COLUMNS.join(',')}\r\n`;

/** One RFC 4180 record (CRLF-terminated); empty for null. */
export function csvLine(line: StoredLogLine): string {
  const cells = [
    new Date(line.ts).toISOString(),
    line.environment,
    line.level,
    line.message,
    line.invocationId,
    line.functionKey,
    line.moduleKey,
    line.installation,
    line.platformDrop ?? null,
    line.source ?? null,
    line.appVersion ?? null,
  ];
  return `${cells.map(csvCell).join(',')}\r\n`;
}

/**
 * A spreadsheet opening the export runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a CR
 * as a formula: `=HYPERLINK(…)` from app code would send data away or run commands.
 * As OWASP advises for CSV injection, such a cell gets a leading `'`, which makes it text (also for
 * leading spaces and the full-width signs some spreadsheets accept).
 */
const FORMULA_START = /^[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]|^[\t\r]/;

function csvCell(value: string | null): string {
  if (value === null) return '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
