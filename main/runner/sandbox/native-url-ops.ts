import url, { domainToASCII, domainToUnicode, fileURLToPath, pathToFileURL } from 'node:url';

/*
 * The host half of the in-context `URL` and `url` module: the parsing itself is Node's (WHATWG URL
 * with IDNA, IPv4 and IPv6 forms, percent-encoding; the legacy url.parse, format and resolve), run
 * on strings the context sends. Only the resulting strings go back; the URL objects app code holds
 * are built in-context (in-context/url.ts, node-url-legacy.ts).
 */

const PARTS = ['href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash'] as const;
const SETTABLE: ReadonlySet<string> = new Set(['href', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search', 'hash']);
const LEGACY_FIELDS = ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href'] as const;

// Forge runs functions on Linux: file URLs mean POSIX paths whatever system Anvil runs on.
const POSIX = { windows: false } as { windows: boolean } as never;

export class UrlRequestError extends Error {}

function partsOf(parsed: URL): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PARTS) out[name] = parsed[name];
  return out;
}

function legacyFields(parsed: url.UrlWithStringQuery): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of LEGACY_FIELDS) out[name] = parsed[name];
  return out;
}

// A urlObject for url.format: only the fields it reads, each a primitive (query: a plain object of primitives or arrays of them).
function formatTarget(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) throw new UrlRequestError('format');
  const given = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const name of LEGACY_FIELDS) {
    const field = given[name];
    if (field === undefined) continue;
    if (name === 'query' && typeof field === 'object' && field !== null) out.query = field;
    else if (field === null || typeof field !== 'object') out[name] = field;
  }
  return out;
}

/** The URL operations the context may ask for. */
export const URL_OPS: ReadonlySet<string> = new Set(['url', 'urlset', 'urllegacy']);

/** Runs one URL operation on strings; the answer is JSON-able. Throws Node's own errors. */
export function runUrlOp(op: string, a: unknown, b: unknown, c: unknown): unknown {
  switch (op) {
    case 'url':
      if (typeof a !== 'string' || (b !== undefined && typeof b !== 'string')) throw new UrlRequestError(op);
      return partsOf(b === undefined ? new URL(a) : new URL(a, b));
    case 'urlset': {
      if (typeof a !== 'string' || typeof b !== 'string' || !SETTABLE.has(b) || typeof c !== 'string') throw new UrlRequestError(op);
      const parsed = new URL(a);
      (parsed as unknown as Record<string, string>)[b] = c;
      return partsOf(parsed);
    }
    case 'urllegacy':
      return legacy(typeof a === 'string' ? (JSON.parse(a) as unknown) : null);
    default:
      throw new UrlRequestError(op);
  }
}

function legacy(request: unknown): unknown {
  if (typeof request !== 'object' || request === null) throw new UrlRequestError('urllegacy');
  const r = request as Record<string, unknown>;
  const str = (value: unknown): string => {
    if (typeof value !== 'string') throw new UrlRequestError('urllegacy');
    return value;
  };
  switch (r.fn) {
    case 'parse':
      return legacyFields(url.parse(str(r.input), false, r.slashesDenoteHost === true));
    case 'format':
      return url.format(formatTarget(r.target) as url.UrlObject);
    case 'formatHref': {
      const options = typeof r.options === 'object' && r.options !== null ? (r.options as Record<string, unknown>) : {};
      const picked: Record<string, boolean> = {};
      for (const name of ['auth', 'fragment', 'search', 'unicode']) if (typeof options[name] === 'boolean') picked[name] = options[name] as boolean;
      return url.format(new URL(str(r.href)), picked);
    }
    case 'resolve':
      return url.resolve(str(r.from), str(r.to));
    case 'toASCII':
      return domainToASCII(str(r.domain));
    case 'toUnicode':
      return domainToUnicode(str(r.domain));
    case 'toPath':
      return fileURLToPath(str(r.href), POSIX);
    case 'fromPath':
      // Only absolute paths arrive (the context resolves against its own cwd), so the host's cwd plays no part.
      if (!str(r.path).startsWith('/')) throw new UrlRequestError('fromPath');
      return pathToFileURL(str(r.path), POSIX).href;
    default:
      throw new UrlRequestError('urllegacy');
  }
}
