import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The loopback address the web shell binds; never anything wider. */
export const LOOPBACK_HOST = '127.0.0.1';

/** A fresh per-launch token: 32 random bytes, URL-safe. */
export function newAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Cookie holding the token after the first visit; named per port because cookies ignore ports. */
export function tokenCookieName(port: number): string {
  return `anvil-token-${port}`;
}

/** The Host header values that name this server. Anything else may be a DNS-rebinding page. */
export function isAllowedHost(hostHeader: string | undefined, port: number): boolean {
  return hostHeader === `${LOOPBACK_HOST}:${port}` || hostHeader === `localhost:${port}`;
}

/** A WebSocket must come from a page this server served. */
export function isAllowedOrigin(originHeader: string | undefined, port: number): boolean {
  return originHeader === `http://${LOOPBACK_HOST}:${port}` || originHeader === `http://localhost:${port}`;
}

/** Where the request carries the token: query (first visit), cookie, or Authorization header. */
export function presentedToken(request: IncomingMessage, port: number): { token: string; from: 'query' | 'cookie' | 'header' } | null {
  const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
  const fromQuery = url.searchParams.get('token');
  if (fromQuery) return { token: fromQuery, from: 'query' };
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) return { token: authorization.slice('Bearer '.length), from: 'header' };
  const cookie = parseCookies(request.headers.cookie)[tokenCookieName(port)];
  return cookie ? { token: cookie, from: 'cookie' } : null;
}

/** Constant-time comparison so the token cannot be guessed byte by byte. */
export function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0) cookies[part.slice(0, separator).trim()] = part.slice(separator + 1).trim();
  }
  return cookies;
}
