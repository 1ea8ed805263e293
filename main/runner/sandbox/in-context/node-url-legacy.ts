/**
 * In-context piece: the `url` module's legacy API (`parse`, `format`, `resolve`) and its file URL
 * and domain helpers: Node's own functions run in the host on strings (native-url-ops.ts). SDKs
 * written for Node 8–16 (node-fetch 2 among them) parse with url.parse and send the result to
 * http.request. Runs as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** The fields of a legacy `Url` (all null until parsed). */
export interface LegacyUrlFields {
  protocol: string | null;
  slashes: boolean | null;
  auth: string | null;
  host: string | null;
  port: string | null;
  hostname: string | null;
  hash: string | null;
  search: string | null;
  query: unknown;
  pathname: string | null;
  path: string | null;
  href: string | null;
}

/** The legacy `Url` object. */
export interface LegacyUrl extends LegacyUrlFields {
  format(): string;
  resolve(to: unknown): string;
}

/** The `url` module. */
export interface UrlModule {
  URL: Kernel['URL'];
  URLSearchParams: Kernel['URLSearchParams'];
  Url: new () => LegacyUrl;
  parse(input: unknown, parseQueryString?: unknown, slashesDenoteHost?: unknown): LegacyUrl;
  format(target: unknown, options?: unknown): string;
  resolve(from: unknown, to: unknown): string;
  fileURLToPath(value: unknown): string;
  pathToFileURL(p: unknown): URL;
  domainToASCII(domain: unknown): string;
  domainToUnicode(domain: unknown): string;
}

declare module './node-libs' {
  interface NodeLibs {
    /** The querystring-es3 package. */
    querystring: { parse(text: string): Record<string, unknown> };
  }
}

declare module './kernel' {
  interface Kernel {
    /** The `url` module, built on first require. */
    loadUrlModule(): UrlModule;
  }
}

/** Shares k.loadUrlModule. */
export function installUrlLegacy(k: Kernel): void {
  let url: UrlModule | null = null;
  k.loadUrlModule = function () {
    if (url !== null) return url;
    const legacy = (request: object): string => k.hostJson('urllegacy', JSON.stringify(request)) as string;
    function Url(this: LegacyUrlFields): void {
      this.protocol = null;
      this.slashes = null;
      this.auth = null;
      this.host = null;
      this.port = null;
      this.hostname = null;
      this.hash = null;
      this.search = null;
      this.query = null;
      this.pathname = null;
      this.path = null;
      this.href = null;
    }
    const UrlClass = Url as unknown as new () => LegacyUrl;
    UrlClass.prototype.format = function (this: LegacyUrl) {
      return format(this);
    };
    UrlClass.prototype.resolve = function (this: LegacyUrl, to: unknown) {
      return resolve(format(this), to);
    };
    function stringArgument(name: string, value: unknown): asserts value is string {
      if (typeof value !== 'string') throw k.argError(name, 'of type string', value);
    }
    // Node's own url.parse runs in the host on the string; the fields come back and fill a Url here.
    function parse(input: unknown, parseQueryString?: unknown, slashesDenoteHost?: unknown): LegacyUrl {
      if (input instanceof UrlClass) return input;
      stringArgument('url', input);
      const fields = legacy({ fn: 'parse', input, slashesDenoteHost: Boolean(slashesDenoteHost) }) as unknown as Record<string, unknown>;
      const out = new UrlClass();
      const record = out as unknown as Record<string, unknown>;
      for (const name of Object.keys(out)) record[name] = fields[name] === undefined ? null : fields[name];
      if (parseQueryString) out.query = k.nodeLibs.querystring.parse(out.search ? out.search.slice(1) : '');
      return out;
    }
    function plain(value: unknown): unknown {
      if (value === null || typeof value !== 'object') return value;
      const out: Record<string, unknown> = {};
      const source = value as Record<string, unknown>;
      for (const key of Object.keys(value)) {
        const v = source[key];
        out[key] = Array.isArray(v) ? v.map(String) : v === null || typeof v !== 'object' ? v : String(v);
      }
      return out;
    }
    function format(target: unknown, options?: unknown): string {
      if (typeof target === 'string') return format(parse(target));
      if (target instanceof k.URL) return legacy({ fn: 'formatHref', href: target.href, options: options && typeof options === 'object' ? plain(options) : {} });
      if (target === null || typeof target !== 'object') throw k.argError('urlObject', 'of type object or string', target);
      const source = target as Record<string, unknown>;
      const fields: Record<string, unknown> = {};
      for (const name of ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'pathname', 'path', 'href']) {
        const v = source[name];
        if (v !== undefined) fields[name] = v === null || typeof v !== 'object' ? v : String(v);
      }
      if (source.query !== undefined) fields.query = source.query !== null && typeof source.query === 'object' ? plain(source.query) : source.query;
      return legacy({ fn: 'format', target: fields });
    }
    function resolve(from: unknown, to: unknown): string {
      stringArgument('from', from);
      stringArgument('to', to);
      return legacy({ fn: 'resolve', from, to });
    }
    function fileURLToPath(value: unknown): string {
      const href = value instanceof k.URL ? value.href : value;
      if (typeof href !== 'string') throw k.argError('path', 'of type string or an instance of URL', value);
      return legacy({ fn: 'toPath', href });
    }
    function pathToFileURL(p: unknown): URL {
      stringArgument('path', p);
      return new k.URL(legacy({ fn: 'fromPath', path: k.path.resolve(p) + (p.length > 1 && p.endsWith('/') ? '/' : '') }));
    }
    url = {
      URL: k.URL,
      URLSearchParams: k.URLSearchParams,
      Url: UrlClass,
      parse,
      format,
      resolve,
      fileURLToPath,
      pathToFileURL,
      domainToASCII: (domain) => legacy({ fn: 'toASCII', domain: String(domain) }),
      domainToUnicode: (domain) => legacy({ fn: 'toUnicode', domain: String(domain) }),
    };
    return url;
  };
}
