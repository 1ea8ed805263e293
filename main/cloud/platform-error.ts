/**
 * What can go wrong when Anvil talks to the Forge platform, as kinds a pane or the command line can
 * state and act on (wait, log in again, retry later) without parsing a message.
 */
export type PlatformFailureKind =
  /** HTTP 401 or 403, or a GraphQL error with that status: the email and API token are not accepted. */
  | 'unauthorized'
  /** HTTP 429 or a GraphQL rate-limit error; `retryAfterMs` says when to ask again when the platform said so. */
  | 'rate-limited'
  /** HTTP 5xx, or a GraphQL error with a 5xx status: the platform is down or failing. */
  | 'unavailable'
  /** The gateway could not be reached at all (no network, DNS, refused, reset, untrusted certificate). */
  | 'offline'
  /** No complete answer within the client's timeout. */
  | 'timeout'
  /** An answer that is not JSON, or whose fields are not of the documented types. */
  | 'malformed'
  /** The platform answered with a GraphQL error Anvil has no more specific kind for. */
  | 'graphql-error'
  /** The app, or the environment asked for, does not exist (or this account cannot see it). */
  | 'not-found';

/** A failed call to the Forge platform. Its message says what failed and what to do; it never holds the API token. */
export class ForgePlatformError extends Error {
  override readonly name = 'ForgePlatformError';

  constructor(
    readonly kind: PlatformFailureKind,
    message: string,
    readonly details: {
      /** The HTTP status, when there was an answer. */
      status?: number;
      /** How long the platform asked Anvil to wait (Retry-After), in milliseconds. */
      retryAfterMs?: number;
      /** The platform's request id, for a support ticket. */
      requestId?: string;
      /** The GraphQL error type (`extensions.errorType`), when the platform gave one. */
      errorType?: string;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.details.status;
  }

  get retryAfterMs(): number | undefined {
    return this.details.retryAfterMs;
  }
}

export function isForgePlatformError(error: unknown): error is ForgePlatformError {
  return error instanceof ForgePlatformError;
}
