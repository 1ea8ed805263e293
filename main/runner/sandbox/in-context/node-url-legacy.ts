/**
 * In-context source: the `url` module's legacy API (`parse`, `format`, `resolve`) and its file URL
 * and domain helpers: Node's own functions run in the host on strings (native-url-ops.ts). SDKs written for Node 8–16 (node-fetch 2 among
 * them) parse with url.parse and send the result to http.request.
 */

/** Shares k.loadUrlModule. */
export const URL_LEGACY_SOURCE = String.raw`function installUrlLegacy(k) {
  let url = null;
  k.loadUrlModule = function () {
    if (url !== null) return url;
    const legacy = (request) => k.hostJson('urllegacy', JSON.stringify(request));
    function Url() {
      this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null; this.hostname = null;
      this.hash = null; this.search = null; this.query = null; this.pathname = null; this.path = null; this.href = null;
    }
    Url.prototype.format = function () { return format(this); };
    Url.prototype.resolve = function (to) { return resolve(format(this), to); };
    function stringArgument(name, value) {
      if (typeof value !== 'string') throw k.argError(name, 'of type string', value);
    }
    // Node's own url.parse runs in the host on the string; the fields come back and fill a Url here.
    function parse(input, parseQueryString, slashesDenoteHost) {
      if (input instanceof Url) return input;
      stringArgument('url', input);
      const fields = legacy({ fn: 'parse', input, slashesDenoteHost: Boolean(slashesDenoteHost) });
      const out = new Url();
      for (const name of Object.keys(out)) out[name] = fields[name] === undefined ? null : fields[name];
      if (parseQueryString) out.query = k.nodeLibs.querystring.parse(out.search ? out.search.slice(1) : '');
      return out;
    }
    function plain(value) {
      if (value === null || typeof value !== 'object') return value;
      const out = {};
      for (const key of Object.keys(value)) {
        const v = value[key];
        out[key] = Array.isArray(v) ? v.map(String) : v === null || typeof v !== 'object' ? v : String(v);
      }
      return out;
    }
    function format(target, options) {
      if (typeof target === 'string') return format(parse(target));
      if (target instanceof k.URL) return legacy({ fn: 'formatHref', href: target.href, options: options && typeof options === 'object' ? plain(options) : {} });
      if (target === null || typeof target !== 'object') throw k.argError('urlObject', 'of type object or string', target);
      const fields = {};
      for (const name of ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'pathname', 'path', 'href']) {
        const v = target[name];
        if (v !== undefined) fields[name] = v === null || typeof v !== 'object' ? v : String(v);
      }
      if (target.query !== undefined) fields.query = target.query !== null && typeof target.query === 'object' ? plain(target.query) : target.query;
      return legacy({ fn: 'format', target: fields });
    }
    function resolve(from, to) {
      stringArgument('from', from);
      stringArgument('to', to);
      return legacy({ fn: 'resolve', from, to });
    }
    function fileURLToPath(value) {
      const href = value instanceof k.URL ? value.href : value;
      if (typeof href !== 'string') throw k.argError('path', 'of type string or an instance of URL', value);
      return legacy({ fn: 'toPath', href });
    }
    function pathToFileURL(p) {
      stringArgument('path', p);
      return new k.URL(legacy({ fn: 'fromPath', path: k.path.resolve(p) + (p.length > 1 && p.endsWith('/') ? '/' : '') }));
    }
    url = {
      URL: k.URL, URLSearchParams: k.URLSearchParams, Url, parse, format, resolve, fileURLToPath, pathToFileURL,
      domainToASCII: (domain) => legacy({ fn: 'toASCII', domain: String(domain) }),
      domainToUnicode: (domain) => legacy({ fn: 'toUnicode', domain: String(domain) }),
    };
    return url;
  };
}`;
