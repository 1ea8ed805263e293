import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { appDataFolder } from '../app';
import { AnvilError, databaseProblem } from '../contract';
import { MIGRATIONS } from './migrations';

export type AppDatabase = Database.Database;

/** The database file of one app, in its data folder. */
export const APP_DATABASE_FILE = 'anvil.db';

/**
 * Open (or create) an app's database: WAL, so a reader never waits for the writer and a killed
 * workbench loses nothing that was committed; schema brought up to date. `null` opens a private
 * in-memory database (a workbench started without a data folder keeps nothing).
 */
export function openAppDatabase(file: string | null): AppDatabase {
  let db: AppDatabase;
  try {
    if (file) mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    db = new Database(file ?? ':memory:');
  } catch (error) {
    throw unreadable(file, error);
  }
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    // A log burst writes tens of megabytes; checkpointing every 4 MB (SQLite's default) copies the same
    // hot pages back into the file again and again. At 64 MB the WAL still stays bounded.
    db.pragma('wal_autocheckpoint = 16384');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    assertWritable(db);
    migrate(db, file);
  } catch (error) {
    db.close();
    throw error instanceof AnvilError ? error : unreadable(file, error);
  }
  return db;
}

/**
 * A read-only file opens and reads fine, and would fail only at its first write (a log flush in the
 * middle of a run). One write, rolled back, says so up front; nothing reaches the file.
 */
function assertWritable(db: AppDatabase): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.exec('BEGIN IMMEDIATE');
  try {
    db.pragma(`user_version = ${version}`);
  } finally {
    db.exec('ROLLBACK');
  }
}

function migrate(db: AppDatabase, file: string | null): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    // Written by a newer Anvil: changing it could lose what that version stored.
    throw new AnvilError('unsupported', `The app database ${file} was written by a newer Anvil (schema ${version}; this one knows ${MIGRATIONS.length}). Update Anvil to open it.`);
  }
  for (let step = version; step < MIGRATIONS.length; step += 1) {
    db.transaction(() => {
      db.exec(MIGRATIONS[step]!);
      db.pragma(`user_version = ${step + 1}`);
    })();
  }
}

// Never delete or replace the file: what it holds may be the only copy of the developer's data.
function unreadable(file: string | null, error: unknown): AnvilError {
  const problem = databaseProblem(error, file ?? '(in memory)');
  if (problem) return new AnvilError('io-error', problem);
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new AnvilError('io-error', `The app database ${file} cannot be created: ${(error as Error).message}. Check the permissions of Anvil's data folder (or choose another one with --data-dir).`);
  }
  return new AnvilError(
    'unsupported',
    `The app database ${file ?? '(in memory)'} cannot be opened: ${(error as Error).message}. Move the file aside (Anvil then starts a new one) or restore it from a backup.`,
  );
}

/** The database of the app in `appFolder`, under Anvil's data folder (in memory without one). */
export function openAppDatabaseFor(dataDir: string | null, appFolder: string): AppDatabase {
  return openAppDatabase(dataDir ? path.join(appDataFolder(dataDir, appFolder), APP_DATABASE_FILE) : null);
}
