/**
 * The wait a `Retry-After` header asks for, in milliseconds: either a number of seconds or an HTTP
 * date (RFC 9110 §10.2.3). Null when the header is absent or neither form; never negative.
 */
export function retryAfterMs(header: string | undefined, now: number): number | null {
  if (header === undefined) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; a bare number with a sign is neither form (Date.parse would read it as a year).
  const date = /[A-Za-z]/.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}

/** "42 s", "3 min": how a wait reads in a message. */
export function describeWait(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 120) return `${seconds} s`;
  return `${Math.ceil(seconds / 60)} min`;
}
