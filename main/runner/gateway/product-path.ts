/**
 * The one form of a product call's path that the gateway checks and the site receives.
 *
 * A real site normalises what it is sent (decodes `%2e`, resolves `..`, reads `\` as `/`, drops
 * `;params`), so checking the path as app code wrote it lets "DELETE an issue" become "DELETE a user"
 * on arrival. The gateway canonicalises once, here, checks identity, operation and scopes on the
 * result and sends exactly that; whatever has no single reading is refused.
 */

export type CanonicalPath = { ok: true; path: string; query: string } | { ok: false; reason: string };

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;
// Characters a segment may carry as they are; the URL parser leaves every one of them unchanged.
const SEGMENT_SAFE = /^[A-Za-z0-9\-._~!$&'()*+,=:@]$/;
// Encoded bytes that would change the path's structure once a server decodes them.
const ENCODED_STRUCTURE: Record<string, string> = { '2F': 'an encoded "/" (%2F)', '5C': 'an encoded "\\" (%5C)', '00': 'an encoded NUL (%00)', '3B': 'an encoded ";" (%3B)' };
// After one decoding pass, `%25` followed by one of these is a double-encoded dot, separator or NUL.
const DOUBLE_ENCODED = /%25(2E|2F|5C|00|3B|25)/i;

/** `/rest/api/3/issue/%2e%2e/user` → `/rest/api/3/user`; an ambiguous path → a reason naming it. */
export function canonicalProductPath(raw: string): CanonicalPath {
  const refuse = (why: string): CanonicalPath => ({ ok: false, reason: `the path ${JSON.stringify(raw)} ${why}` });
  // A fragment never reaches a server: what is checked must be what is sent.
  const hash = raw.indexOf('#');
  const withoutFragment = hash === -1 ? raw : raw.slice(0, hash);
  const mark = withoutFragment.indexOf('?');
  const pathPart = mark === -1 ? withoutFragment : withoutFragment.slice(0, mark);
  const queryPart = mark === -1 ? '' : withoutFragment.slice(mark + 1);

  if (/[\u0000-\u001f\u007f]/.test(withoutFragment)) return refuse('contains a control character; remove it');
  if (!pathPart.startsWith('/')) return refuse('does not start with "/"; product calls take a path on the site, like /rest/api/3/myself');
  if (pathPart.startsWith('//')) return refuse('starts with "//", which names another host; give a path on the site, like /rest/api/3/myself');
  if (pathPart.includes('\\')) return refuse('contains "\\", which a site reads as "/"; use "/" between segments');
  if (pathPart.includes(';')) return refuse('contains ";", which a site reads as path parameters; remove it or move the value into the query string');

  // Dot segments resolved as RFC 3986 says; empty ones collapsed as sites do; a trailing "/" kept.
  const segments: string[] = [];
  let lastValue = '';
  for (const part of pathPart.slice(1).split('/')) {
    const segment = canonicalSegment(part);
    if (!segment.ok) return refuse(segment.reason);
    lastValue = segment.value;
    if (segment.value === '' || segment.value === '.') continue;
    if (segment.value === '..') {
      if (segments.length === 0) return refuse('climbs above the site root with ".."; give the path it should reach');
      segments.pop();
      continue;
    }
    segments.push(segment.value);
  }
  const trailingSlash = lastValue === '' || lastValue === '.' || lastValue === '..';
  const path = `/${segments.join('/')}${trailingSlash && segments.length > 0 ? '/' : ''}`;
  if (DOUBLE_ENCODED.test(path)) return refuse('contains a double-encoded dot, separator, NUL or "%"; send each character encoded once');

  const query = canonicalQuery(queryPart);
  if (query === null) return refuse('has a malformed query string (a "%" not followed by two hex digits); encode "%" as %25');
  return { ok: true, path, query };
}

/** One segment: unreserved characters decoded, everything else percent-encoded with upper-case hex. */
function canonicalSegment(part: string): { ok: true; value: string } | { ok: false; reason: string } {
  let out = '';
  // Walk by UTF-16 characters, but encode non-ASCII ones as their UTF-8 bytes.
  for (let position = 0; position < part.length; position++) {
    const char = part[position]!;
    if (char === '%') {
      const hex = part.slice(position + 1, position + 3).toUpperCase();
      if (!/^[0-9A-F]{2}$/.test(hex)) return { ok: false, reason: 'has a "%" not followed by two hex digits; encode "%" as %25' };
      const structural = ENCODED_STRUCTURE[hex];
      if (structural) return { ok: false, reason: `contains ${structural}, which sites decode into the path's structure; it is refused` };
      const decoded = String.fromCharCode(parseInt(hex, 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${hex}`;
      position += 2;
    } else if (SEGMENT_SAFE.test(char)) {
      out += char;
    } else {
      const codePoint = part.codePointAt(position)!;
      const text = String.fromCodePoint(codePoint);
      out += [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
      position += text.length - 1;
    }
  }
  return { ok: true, value: out };
}

/** The query as the URL parser would send it; null when a `%` is malformed. */
function canonicalQuery(query: string): string | null {
  if (query === '') return '';
  if (/%(?![0-9A-Fa-f]{2})/.test(query)) return null;
  return new URL(`https://site.invalid/?${query}`).search.slice(1);
}

/** The path and query as one string, as sent: `/rest/api/3/search?jql=…`. */
export function pathWithQuery(canonical: { path: string; query: string }): string {
  return canonical.query === '' ? canonical.path : `${canonical.path}?${canonical.query}`;
}
