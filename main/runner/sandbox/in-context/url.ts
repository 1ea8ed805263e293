/**
 * In-context piece: `URL` and `URLSearchParams`. A context made from `Object.create(null)` has
 * neither, and the host's would be a way out. The URL objects are built here; the parsing and every
 * setter run in the host's own URL on strings (native-url-ops.ts), so IDNA, IPv4/IPv6 forms,
 * percent-encoding and relative resolution are exactly Node's. URLSearchParams is form encoding,
 * done here, and a URL's searchParams write back through the host's `search` setter, as in Node.
 * Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** The parts of a URL as the host's URL gives them (native-url-ops.ts). */
interface UrlRecord {
  href: string;
  origin: string;
  protocol: string;
  username: string;
  password: string;
  host: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  hash: string;
}

type Pair = [string, string];

/** Node's ERR_INVALID_URL: a TypeError with the input (and base) it could not parse. */
type InvalidUrlError = CodedError & { input?: unknown; base?: unknown };

declare module './kernel' {
  interface Kernel {
    /** The context's URL class (the global URL). */
    URL: typeof URL;
    /** The context's URLSearchParams class (the global URLSearchParams). */
    URLSearchParams: typeof URLSearchParams;
  }
}

/** Defines URL and URLSearchParams; shares k.URL and k.URLSearchParams. */
export function installUrl(k: Kernel): void {
  const HEX = '0123456789ABCDEF';
  // Parsing is the host's (Node's own URL, given strings only); what comes back is the parts as strings.
  function parse(input: string, base?: string): UrlRecord {
    try {
      return (base === undefined ? k.hostJson('url', input) : k.hostJson('url', input, base)) as UrlRecord;
    } catch (e) {
      if ((e as CodedError).code !== 'ERR_INVALID_URL') throw e;
      const error: InvalidUrlError = new TypeError((e as CodedError).message);
      error.code = 'ERR_INVALID_URL';
      error.input = input;
      if (base !== undefined) error.base = base;
      throw error;
    }
  }
  function percentByte(b: number): string {
    return '%' + HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  function percentDecodeBytes(s: string): Uint8Array {
    const bytes: number[] = [];
    const raw = k.utf8Encode(s);
    for (let i = 0; i < raw.length; i++) {
      const b = raw[i] as number;
      if (b === 37 && i + 2 < raw.length && /^[0-9a-fA-F]{2}$/.test(String.fromCharCode(raw[i + 1] || 0, raw[i + 2] || 0))) {
        bytes.push(parseInt(String.fromCharCode(raw[i + 1] as number, raw[i + 2] as number), 16));
        i += 2;
      } else bytes.push(b);
    }
    return new Uint8Array(bytes);
  }
  // application/x-www-form-urlencoded, as URLSearchParams reads and writes it.
  function formDecode(s: string): string {
    return k.utf8Decode(percentDecodeBytes(s.replace(/\+/g, ' ')));
  }
  function formEncode(s: string): string {
    const bytes = k.utf8Encode(s);
    let out = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      if ((b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b === 42 || b === 45 || b === 46 || b === 95) out += String.fromCharCode(b);
      else if (b === 32) out += '+';
      else out += percentByte(b);
    }
    return out;
  }
  function parseForm(s: string): Pair[] {
    const list: Pair[] = [];
    for (const part of s.split('&')) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      list.push(eq < 0 ? [formDecode(part), ''] : [formDecode(part.slice(0, eq)), formDecode(part.slice(eq + 1))]);
    }
    return list;
  }

  const lists = new WeakMap<object, Pair[]>();
  const owners = new WeakMap<object, URL>();
  const records = new WeakMap<object, UrlRecord>();
  function listOf(params: object): Pair[] {
    const list = lists.get(params);
    if (!list) throw new TypeError('Value of "this" must be of type URLSearchParams');
    return list;
  }
  // Like Node: a change to a URL's searchParams sets its query to their serialisation.
  function changed(params: URLSearchParams): void {
    const url = owners.get(params);
    if (!url) return;
    records.set(url, k.hostJson('urlset', (records.get(url) as UrlRecord).href, 'search', params.toString()) as UrlRecord);
  }

  class URLSearchParams {
    constructor(init?: unknown) {
      const list: Pair[] = [];
      lists.set(this, list);
      if (init === undefined || init === null) return;
      if (typeof init === 'object' || typeof init === 'function') {
        const source = init as Record<PropertyKey, unknown>;
        if (typeof source[Symbol.iterator] === 'function') {
          for (const pair of source as unknown as Iterable<unknown>) {
            const p = Array.from(pair as Iterable<unknown>);
            if (p.length !== 2) throw new TypeError('Each query pair must be an iterable [name, value] tuple');
            list.push([String(p[0]), String(p[1])]);
          }
        } else for (const key of Object.keys(source)) list.push([key, String(source[key])]);
        return;
      }
      const s = String(init);
      for (const pair of parseForm(s.charAt(0) === '?' ? s.slice(1) : s)) list.push(pair);
    }
    get size() {
      return listOf(this).length;
    }
    append(name: unknown, value: unknown) {
      listOf(this).push([String(name), String(value)]);
      changed(this);
    }
    delete(name: unknown, value?: unknown) {
      const list = listOf(this);
      const n = String(name);
      for (let i = list.length - 1; i >= 0; i--) {
        const pair = list[i] as Pair;
        if (pair[0] === n && (value === undefined || pair[1] === String(value))) list.splice(i, 1);
      }
      changed(this);
    }
    get(name: unknown) {
      const n = String(name);
      const hit = listOf(this).find((p) => p[0] === n);
      return hit ? hit[1] : null;
    }
    getAll(name: unknown) {
      const n = String(name);
      return listOf(this)
        .filter((p) => p[0] === n)
        .map((p) => p[1]);
    }
    has(name: unknown, value?: unknown) {
      const n = String(name);
      return listOf(this).some((p) => p[0] === n && (value === undefined || p[1] === String(value)));
    }
    set(name: unknown, value: unknown) {
      const list = listOf(this);
      const n = String(name);
      const v = String(value);
      const first = list.findIndex((p) => p[0] === n);
      if (first < 0) list.push([n, v]);
      else {
        (list[first] as Pair)[1] = v;
        for (let i = list.length - 1; i > first; i--) if ((list[i] as Pair)[0] === n) list.splice(i, 1);
      }
      changed(this);
    }
    sort() {
      const list = listOf(this);
      const sorted = list
        .map((p, i): [Pair, number] => [p, i])
        .sort((a, b) => (a[0][0] < b[0][0] ? -1 : a[0][0] > b[0][0] ? 1 : a[1] - b[1]))
        .map((x) => x[0]);
      list.length = 0;
      for (const p of sorted) list.push(p);
      changed(this);
    }
    forEach(callback: (value: string, name: string, params: URLSearchParams) => void, thisArg?: unknown) {
      for (const p of listOf(this).slice()) callback.call(thisArg, p[1], p[0], this);
    }
    *entries(): Generator<Pair> {
      for (const p of listOf(this).slice()) yield [p[0], p[1]];
    }
    *keys(): Generator<string> {
      for (const p of listOf(this).slice()) yield p[0];
    }
    *values(): Generator<string> {
      for (const p of listOf(this).slice()) yield p[1];
    }
    [Symbol.iterator]() {
      return this.entries();
    }
    toString() {
      return listOf(this)
        .map((p) => formEncode(p[0]) + '=' + formEncode(p[1]))
        .join('&');
    }
    get [Symbol.toStringTag]() {
      return 'URLSearchParams';
    }
  }

  function recordOf(url: object): UrlRecord {
    const r = records.get(url);
    if (!r) throw new TypeError('Value of "this" must be of type URL');
    return r;
  }
  function linkParams(url: URL, r: UrlRecord): URLSearchParams {
    const params = new URLSearchParams(r.search);
    owners.set(params, url);
    return params;
  }
  function refreshParams(url: URL): void {
    const params = paramsOf.get(url) as URLSearchParams;
    const list = lists.get(params) as Pair[];
    list.length = 0;
    for (const pair of parseForm(recordOf(url).search.slice(1))) list.push(pair);
  }
  function update(url: URL, name: string, value: string): void {
    const r = recordOf(url);
    records.set(url, name === 'href' ? parse(value) : (k.hostJson('urlset', r.href, name, value) as UrlRecord));
    if (name === 'href' || name === 'search') refreshParams(url);
  }
  const paramsOf = new WeakMap<object, URLSearchParams>();
  const toWellFormed = (String.prototype as { toWellFormed?: () => string }).toWellFormed as () => string;
  const toUSVString = (value: unknown): string => Reflect.apply(toWellFormed, String(value), []);

  class URL {
    constructor(url: unknown, base?: unknown) {
      if (arguments.length === 0) {
        const e: CodedError = new TypeError('The "url" argument must be specified');
        e.code = 'ERR_MISSING_ARGS';
        throw e;
      }
      const r = parse(toUSVString(url), base === undefined ? undefined : toUSVString(base));
      records.set(this, r);
      paramsOf.set(this, linkParams(this, r));
    }
    static canParse(url: unknown, base?: unknown) {
      try {
        new URL(url, base);
        return true;
      } catch {
        return false;
      }
    }
    get href() {
      return recordOf(this).href;
    }
    set href(value) {
      update(this, 'href', toUSVString(value));
    }
    get origin() {
      return recordOf(this).origin;
    }
    get protocol() {
      return recordOf(this).protocol;
    }
    set protocol(value) {
      update(this, 'protocol', toUSVString(value));
    }
    get username() {
      return recordOf(this).username;
    }
    set username(value) {
      update(this, 'username', toUSVString(value));
    }
    get password() {
      return recordOf(this).password;
    }
    set password(value) {
      update(this, 'password', toUSVString(value));
    }
    get host() {
      return recordOf(this).host;
    }
    set host(value) {
      update(this, 'host', toUSVString(value));
    }
    get hostname() {
      return recordOf(this).hostname;
    }
    set hostname(value) {
      update(this, 'hostname', toUSVString(value));
    }
    get port() {
      return recordOf(this).port;
    }
    set port(value) {
      update(this, 'port', toUSVString(value));
    }
    get pathname() {
      return recordOf(this).pathname;
    }
    set pathname(value) {
      update(this, 'pathname', toUSVString(value));
    }
    get search() {
      return recordOf(this).search;
    }
    set search(value) {
      update(this, 'search', toUSVString(value));
    }
    get searchParams() {
      recordOf(this);
      return paramsOf.get(this) as URLSearchParams;
    }
    get hash() {
      return recordOf(this).hash;
    }
    set hash(value) {
      update(this, 'hash', toUSVString(value));
    }
    toString() {
      return this.href;
    }
    toJSON() {
      return this.href;
    }
    get [Symbol.toStringTag]() {
      return 'URL';
    }
  }

  k.URL = URL as unknown as typeof globalThis.URL;
  k.URLSearchParams = URLSearchParams as unknown as typeof globalThis.URLSearchParams;
  k.define('URL', URL);
  k.define('URLSearchParams', URLSearchParams);
}
