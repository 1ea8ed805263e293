import Database from 'better-sqlite3';
import type { AppDatabase } from '../database';
import { AnvilError } from '../contract';
import { criteriaOf, LogReader } from './log-reader';
import type { LogFilter, StoredLogLine } from './types';

export const DEFAULT_FOLLOW_INTERVAL_MS = 500;

/**
 * Follow the log lines another process writes (the CLI's `logs --follow` while the workbench
 * runs): every `intervalMs`, read the lines with an id above the last one seen, over a read-only
 * connection of its own (WAL: the reader never blocks the writer nor sees half a batch). Starts
 * after the newest stored line, or after `filter.afterId`. `onLines` gets matching lines oldest
 * first, in chunks. Returns the function that stops following (and closes the connection it opened).
 * A failure (the file deleted, say) stops following and goes to `onError` (thrown when none).
 */
export function followDatabase(
  source: string | AppDatabase,
  filter: LogFilter,
  onLines: (lines: StoredLogLine[]) => void,
  intervalMs: number = DEFAULT_FOLLOW_INTERVAL_MS,
  onError?: (error: unknown) => void,
): () => void {
  criteriaOf(filter);
  if (!Number.isFinite(intervalMs) || intervalMs < 10) throw new AnvilError('bad-request', `The follow interval must be at least 10 ms; got ${String(intervalMs)}.`);
  const db = typeof source === 'string' ? openReadOnly(source) : source;
  const owned = typeof source === 'string';
  const reader = new LogReader(db);
  const lineFilter: LogFilter = { ...filter, afterId: undefined, beforeId: undefined, limit: undefined };
  let lastSeen = filter.afterId ?? reader.lastId();
  let stopped = false;

  const stop = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(timer);
    if (owned) db.close();
  };
  const poll = () => {
    if (stopped) return;
    try {
      // Read up to the newest id first: lines that do not match still move the cursor on.
      const newest = reader.lastId();
      if (newest <= lastSeen) return;
      for (const chunk of reader.chunksBetween(lineFilter, lastSeen, newest + 1)) {
        onLines(chunk);
        if (stopped) return;
      }
      lastSeen = newest;
    } catch (error) {
      stop();
      if (onError) onError(error);
      else throw error;
    }
  };
  const timer = setInterval(poll, intervalMs);
  return stop;
}

function openReadOnly(file: string): AppDatabase {
  let db: AppDatabase;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new AnvilError('io-error', `Cannot read the logs in ${file}: ${(error as Error).message}. Open the app in Anvil once so its database exists.`);
  }
  db.pragma('busy_timeout = 5000');
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'log_line'").get();
  if (!table) {
    db.close();
    throw new AnvilError('unsupported', `${file} has no logs yet: open the app in this version of Anvil once so its database is brought up to date.`);
  }
  return db;
}
