import type { AnvilErrorCode, AnvilErrorInfo } from '../../common/types';
import { databaseProblem } from './database-problem';

/** An error meant for the user: its message says what went wrong and what to do. */
export class AnvilError extends Error {
  constructor(
    readonly code: AnvilErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AnvilError';
  }
}

/** Turn anything thrown into the shape that crosses the boundary, never leaking a stack. */
export function toErrorInfo(error: unknown): AnvilErrorInfo {
  if (error instanceof AnvilError) return { code: error.code, message: error.message };
  const database = databaseProblem(error, null);
  if (database) return { code: 'io-error', message: database };
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message: `Internal error: ${message}` };
}
