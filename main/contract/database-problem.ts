/**
 * What a SQLite failure means for the developer, in words that say what happened, to which file,
 * and what to do. Every database error a user can meet goes through here, so a full disk, a
 * read-only file or a damaged database never shows as a bare "SQLITE_FULL" or a stack trace, and
 * the advice fits the cause (moving a database aside fixes damage, not permissions).
 */

/** A SQLite error from better-sqlite3: its `code` is the extended result code, e.g. `SQLITE_READONLY_DBMOVED`. */
export function isDatabaseError(error: unknown): error is Error & { code: string } {
  const code = error instanceof Error ? (error as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.startsWith('SQLITE_');
}

/** The message for a database error, or null when `error` is not one. `file` null: the open app's database. */
export function databaseProblem(error: unknown, file: string | null): string | null {
  if (!isDatabaseError(error)) return null;
  const where = file ? `The app database ${file}` : "The app database (anvil.db in Anvil's data folder)";
  const code = error.code;
  if (code === 'SQLITE_FULL') return `${where} could not be written: the disk is full. Free disk space; Anvil keeps working and writes again once there is room.`;
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_PERM') || code.startsWith('SQLITE_AUTH') || code.startsWith('SQLITE_CANTOPEN')) {
    return `${where} cannot be written: the file or its folder is read-only for Anvil (${error.message}). Check the permissions: Anvil needs to read and write the file and create files beside it (or choose another data folder with --data-dir).`;
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return `${where} is damaged (${error.message}). Anvil leaves it untouched: move the file aside (Anvil then starts a new one) or restore it from a backup.`;
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return `${where} is locked by another process (${error.message}). Close the other Anvil or the tool that holds it, then try again.`;
  }
  if (code.startsWith('SQLITE_IOERR')) return `${where} could not be read or written: the disk reported an error (${error.message}). Check the disk and free space, then try again.`;
  if (code === 'SQLITE_TOOBIG') return `${where} refused a value that is too large (${error.message}).`;
  return `${where} failed: ${error.message} (${code}).`;
}
