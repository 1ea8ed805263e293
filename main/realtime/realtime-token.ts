import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { RealtimeScope } from './realtime-broker';

export type RealtimeTokenPermission = 'publish' | 'subscribe';

/** The reasons @forge/realtime's own token check names (`validateToken` in its utils), plus one for a token of another installation. */
export type RealtimeTokenError = 'INVALID_TOKEN' | 'TOKEN_EXPIRED' | 'CHANNEL_NAME_MISMATCH' | 'MISSING_PERMISSION' | 'USER_NOT_ALLOWED';

/** What a verified token grants: a channel name, the app's claims, what it may do, until when. */
export interface RealtimeTokenGrant {
  channel: string;
  claims: Record<string, unknown>;
  permissions: RealtimeTokenPermission[];
  /** Seconds since the epoch, as the JWT's `exp`. */
  expiresAt: number;
  /** `claims.allowedUsers` when the app set it: the only account ids that may subscribe with (or hear through) this token. */
  allowedUsers: string[] | null;
}

export type RealtimeTokenCheck = { ok: true; grant: RealtimeTokenGrant } | { ok: false; error: RealtimeTokenError; reason: string };

/**
 * Anvil picks an hour: neither @forge/realtime's types nor its docs state how long the platform's
 * tokens last, and the SDK only reads `exp` back. `expiresAt` is that same `exp`.
 */
export const REALTIME_TOKEN_LIFETIME_SECONDS = 3600;

const PERMISSIONS: readonly RealtimeTokenPermission[] = ['publish', 'subscribe'];
// A token travels in every publish and in the page: claims are the app's to choose, but not without bound.
const MAX_CLAIMS_BYTES = 4096;
const MAX_TOKEN_LENGTH = 16_384;
const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/**
 * Signs and checks Forge Realtime tokens for one open app, as the platform's `signRealtimeToken`
 * does: a JWT whose payload carries the channel (`channel.name`, which @forge/realtime reads before
 * it publishes), the app's claims, the permissions and `exp`. The HMAC key is made when the app is
 * opened and lives only in this object in the host process; app code runs in the runner process and
 * gets the signed text only, so it cannot make or alter a token that verifies.
 */
export class RealtimeTokenSigner {
  readonly #key = randomBytes(32);

  constructor(private readonly now: () => number = Date.now) {}

  sign(scope: RealtimeScope, channel: unknown, claims: unknown, permissions: unknown): { ok: true; jwt: string; expiresAt: number } | { ok: false; reason: string } {
    if (typeof channel !== 'string' || channel === '' || channel.length > 255) return { ok: false, reason: 'signRealtimeToken needs a channel name of 1 to 255 characters.' };
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims))
      return { ok: false, reason: 'signRealtimeToken needs claims as an object (for example { allowedUsers: [accountId] }).' };
    const claimsText = JSON.stringify(claims);
    if (Buffer.byteLength(claimsText) > MAX_CLAIMS_BYTES) return { ok: false, reason: `The realtime token's claims are over ${MAX_CLAIMS_BYTES} bytes as JSON.` };
    const allowedUsers = (claims as Record<string, unknown>).allowedUsers;
    if (allowedUsers !== undefined && (!Array.isArray(allowedUsers) || allowedUsers.some((user) => typeof user !== 'string'))) {
      return { ok: false, reason: 'The claim allowedUsers must be an array of account ids.' };
    }
    // Without permissions the token may do both, as the corpus apps that sign one token for the
    // publisher and the page rely on; @forge/realtime's own check passes a token without them too.
    const granted = permissions === undefined || permissions === null ? [...PERMISSIONS] : permissions;
    if (!Array.isArray(granted) || granted.length === 0 || granted.some((entry) => !PERMISSIONS.includes(entry as RealtimeTokenPermission))) {
      return { ok: false, reason: "signRealtimeToken's permissions must be a non-empty list of 'publish' and 'subscribe'." };
    }
    const issuedAt = Math.floor(this.now() / 1000);
    const expiresAt = issuedAt + REALTIME_TOKEN_LIFETIME_SECONDS;
    const payload = {
      channel: { name: channel },
      claims: JSON.parse(claimsText) as Record<string, unknown>,
      permissions: [...new Set(granted as RealtimeTokenPermission[])],
      environment: scope.environment,
      installation: scope.installation,
      iat: issuedAt,
      exp: expiresAt,
    };
    const body = `${HEADER}.${base64url(JSON.stringify(payload))}`;
    return { ok: true, jwt: `${body}.${this.mac(body)}`, expiresAt };
  }

  /** Whether `token` was signed here, for this installation and channel, still valid, and grants `permission`. */
  verify(scope: RealtimeScope, channel: string, token: unknown, permission: RealtimeTokenPermission): RealtimeTokenCheck {
    const invalid = (reason: string): RealtimeTokenCheck => ({ ok: false, error: 'INVALID_TOKEN', reason: `Realtime token refused (INVALID_TOKEN): ${reason}` });
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return invalid('it is not a token signRealtimeToken made.');
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== HEADER) return invalid('it is not a token signRealtimeToken made.');
    const expected = Buffer.from(this.mac(`${parts[0]}.${parts[1]}`));
    const given = Buffer.from(parts[2]!);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return invalid('its signature does not match (it was changed, or signed by someone else or for another app session).');
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
    } catch {
      return invalid('its payload is not JSON.');
    }
    const name = (payload.channel as { name?: unknown } | undefined)?.name;
    const claims = payload.claims as Record<string, unknown>;
    const permissions = payload.permissions as RealtimeTokenPermission[];
    const expiresAt = payload.exp as number;
    if (payload.environment !== scope.environment || payload.installation !== scope.installation) {
      return invalid(`it was signed for ${String(payload.installation)} in ${String(payload.environment)}, not ${scope.installation} in ${scope.environment}.`);
    }
    if (this.now() / 1000 >= expiresAt) {
      return { ok: false, error: 'TOKEN_EXPIRED', reason: `Realtime token refused (TOKEN_EXPIRED): it expired at ${new Date(expiresAt * 1000).toISOString()}; sign a new one.` };
    }
    if (name !== channel) {
      return { ok: false, error: 'CHANNEL_NAME_MISMATCH', reason: `Realtime token refused (CHANNEL_NAME_MISMATCH): it was signed for the channel "${String(name)}", not "${channel}".` };
    }
    if (!permissions.includes(permission)) {
      return { ok: false, error: 'MISSING_PERMISSION', reason: `Realtime token refused (MISSING_PERMISSION): it grants ${permissions.join(' and ')}, not ${permission}.` };
    }
    const allowedUsers = Array.isArray(claims.allowedUsers) ? (claims.allowedUsers as string[]) : null;
    return { ok: true, grant: { channel, claims, permissions, expiresAt, allowedUsers } };
  }

  private mac(body: string): string {
    return createHmac('sha256', this.#key).update(body).digest('base64url');
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
