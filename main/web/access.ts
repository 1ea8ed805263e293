import { randomBytes, timingSafeEqual } from 'node:crypto';
import { WEB_SESSION_PROTOCOL_PREFIX } from '../../common/wire';

/** The loopback address the web shell binds; never anything wider. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A fresh secret: 32 random bytes, URL-safe (also a valid WebSocket subprotocol token). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The Host header values that name this server. Anything else may be a DNS-rebinding page. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${LOOPBACK_HOST}:${port}` || hostHeader === `localhost:${port}`;
}

/**
 * A WebSocket or a session exchange must come from a page this server served, or, under `npm run dev`
 * only, from the renderer's dev server that proxies to it (`devRendererOrigin`, a loopback origin).
 */
export function isAllowedOrigin(originHeader: string | undefined, port: number, devRendererOrigin: string | null = null): boolean {
  if (devRendererOrigin !== null && originHeader === devRendererOrigin) return true;
  return originHeader === `http://${LOOPBACK_HOST}:${port}` || originHeader === `http://localhost:${port}`;
}

/** The renderer dev server's origin, checked: only an http origin on this machine's loopback, with a port. */
export function devRendererOriginOf(value: string): string {
  const match = /^http:\/\/(127\.0\.0\.1|localhost):(\d{1,5})$/.exec(value);
  if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
    throw new Error(`The renderer dev server must be an http origin on loopback, such as http://127.0.0.1:5173; got ${JSON.stringify(value)}.`);
  }
  return value;
}

/** The session secret a WebSocket offers as a subprotocol, or null. */
export function sessionFromProtocols(protocolHeader: string | undefined): string | null {
  for (const offered of (protocolHeader ?? '').split(',')) {
    const value = offered.trim();
    if (value.startsWith(WEB_SESSION_PROTOCOL_PREFIX)) return value.slice(WEB_SESSION_PROTOCOL_PREFIX.length);
  }
  return null;
}

/** Constant-time comparison so a secret cannot be guessed byte by byte. */
export function secretsMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type TokenState = 'fresh' | 'used' | 'wrong';

/**
 * Who may use the workbench. The printed launch token is good for one exchange: the page that
 * opens it gets a session secret and keeps it in its own tab. Nothing here is a cookie or anything
 * else a browser attaches by itself, so another page or port on 127.0.0.1 cannot replay it.
 */
export class AccessGate {
  readonly launchToken = newSecret();
  /** The one session the launch token was traded for; null until then (the token works once). */
  private session: string | null = null;

  /** Whether a token from the address bar or an exchange is the unused launch token. */
  judge(presented: string): TokenState {
    if (!secretsMatch(presented, this.launchToken)) return 'wrong';
    return this.session === null ? 'fresh' : 'used';
  }

  /** Trade the launch token for a session secret, exactly once per launch. */
  exchange(presented: string): { session: string } | { refused: Exclude<TokenState, 'fresh'> } {
    const state = this.judge(presented);
    if (state !== 'fresh') return { refused: state };
    this.session = newSecret();
    return { session: this.session };
  }

  hasSession(presented: string | null): boolean {
    return presented !== null && this.session !== null && secretsMatch(presented, this.session);
  }
}

/** What a browser shows for a token that is no longer (or never was) good, with the way out. */
export function tokenRefusal(state: Exclude<TokenState, 'fresh'>): string {
  const fresh = 'For a fresh link, stop Anvil and run `npm start` (or `npm run anvil -- serve`) again, then open the URL it prints.';
  return state === 'used'
    ? `This Anvil link was already used: each printed link opens the workbench in one tab, once, so a copy from history or another tab cannot. The tab that opened it keeps working, reloads included. ${fresh}`
    : `This is not the access token of the running Anvil. ${fresh}`;
}

/** What a browser shows when it arrives with neither a token nor a session. */
export const NO_SESSION_MESSAGE = 'Anvil needs its access token. Open the URL that `npm start` (or `npm run anvil -- serve`) printed; it carries a one-time token.';
