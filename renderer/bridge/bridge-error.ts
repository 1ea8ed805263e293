import type { AnvilErrorCode } from '../../common/types';

/** A failed call as the renderer sees it, whichever shell carried it. */
export class BridgeError extends Error {
  constructor(
    readonly code: AnvilErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

/** The desktop preload can only pass a message across, so it prefixes the code: "[code] message". */
export function fromPreloadError(error: unknown): BridgeError {
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes errors from invoke with its own text; the code sits in the first brackets.
  const match = /\[([a-z-]+)\] (.*)$/s.exec(message);
  return match ? new BridgeError(match[1] as AnvilErrorCode, match[2] ?? '') : new BridgeError('internal', message);
}
