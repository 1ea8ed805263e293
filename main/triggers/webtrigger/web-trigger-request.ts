/** The methods a web trigger accepts (FACTS §4.5); anything else is answered 405. */
export const WEB_TRIGGER_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH'];

/** The first argument a web trigger function receives, as the platform builds it (FACTS §4.5). */
export interface WebTriggerRequest {
  method: string;
  /** The request path as sent, without the query string, e.g. `/x1/<id>/hello/world`. */
  path: string;
  /** What follows `/x1/<id>`, e.g. `/hello/world` (always with its leading slash); `""` when nothing does. */
  userPath: string;
  /** Lower-cased header names; a header sent several times keeps every value, in order. */
  headers: Record<string, string[]>;
  /** Decoded query parameters; a key sent several times keeps every value, in order. */
  queryParameters: Record<string, string[]>;
  /** The body as UTF-8 text (`""` when there is none). */
  body: string;
}

/** Where a request path points: the web trigger id and what follows it. */
export interface WebTriggerPath {
  id: string;
  path: string;
  userPath: string;
  /** The raw query string without `?` (`""` when there is none). */
  query: string;
}

// `/x1/<id>` then optionally `/<anything>`. Only origin-form targets: a proxy-style absolute URL is not a web trigger URL.
const PATH_PATTERN = /^\/x1\/([^/]+)(?:\/(.*))?$/s;

/**
 * Split a request target into the web trigger id, the path and the user path; null when it is not
 * `/x1/<id>…`. userPath is the raw text after the id, starting with its slash as the platform's
 * reference shows (`/x1/<id>/hello/world` gives `/hello/world`); `/x1/<id>` and `/x1/<id>/` give `""`
 * (no path segments). Nothing is decoded, collapsed or trimmed, so a function sees exactly the
 * segments the caller sent (`/a//b/`, `%2F` stay as sent).
 */
export function webTriggerPath(target: string): WebTriggerPath | null {
  const hash = target.indexOf('#');
  const withoutHash = hash === -1 ? target : target.slice(0, hash);
  const mark = withoutHash.indexOf('?');
  const path = mark === -1 ? withoutHash : withoutHash.slice(0, mark);
  const query = mark === -1 ? '' : withoutHash.slice(mark + 1);
  const match = PATH_PATTERN.exec(path);
  if (!match) return null;
  return { id: match[1]!, path, userPath: match[2] ? `/${match[2]}` : '', query };
}

/**
 * Build the platform's request object from an HTTP request. `rawHeaders` (name, value, name,
 * value…) is used rather than Node's parsed headers, which join or drop repeated values.
 */
export function webTriggerRequest(http: { method: string; target: string; rawHeaders: readonly string[]; body: Uint8Array | string }): WebTriggerRequest {
  const location = webTriggerPath(http.target);
  if (!location) throw new Error(`${http.target} is not a web trigger path (/x1/<id>…)`);
  // Maps then Object.fromEntries: a key like `__proto__` becomes an ordinary own property instead of changing the prototype.
  const headers = new Map<string, string[]>();
  for (let index = 0; index + 1 < http.rawHeaders.length; index += 2) {
    append(headers, http.rawHeaders[index]!.toLowerCase(), http.rawHeaders[index + 1]!);
  }
  const query = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(location.query)) append(query, key, value);
  return {
    method: http.method.toUpperCase(),
    path: location.path,
    userPath: location.userPath,
    headers: Object.fromEntries(headers),
    queryParameters: Object.fromEntries(query),
    // Bytes that are not UTF-8 become U+FFFD: the platform hands functions text, never bytes.
    body: typeof http.body === 'string' ? http.body : new TextDecoder('utf-8', { ignoreBOM: true }).decode(http.body),
  };
}

function append(map: Map<string, string[]>, key: string, value: string): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}
