/**
 * In-context source: the `url` module's legacy API (`parse`, `format`, `resolve`) and its file URL
 * helpers, on top of the context's WHATWG URL. SDKs written for Node 8–16 (node-fetch 2 among
 * them) parse with url.parse and send the result to http.request.
 */

/** Shares k.loadUrlModule. */
export const URL_LEGACY_SOURCE = String.raw`function installUrlLegacy(k) {
  let url = null;
  k.loadUrlModule = function () {
    if (url !== null) return url;
    const SCHEME = /^[a-zA-Z][a-zA-Z\d+\-.]*:/;
    function Url() {
      this.protocol = null; this.slashes = null; this.auth = null; this.host = null; this.port = null; this.hostname = null;
      this.hash = null; this.search = null; this.query = null; this.pathname = null; this.path = null; this.href = null;
    }
    function parse(input, parseQueryString) {
      if (input instanceof Url) return input;
      if (typeof input !== 'string') {
        const e = new TypeError('The "url" argument must be of type string. Received ' + k.inspect(input));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      const text = input.trim();
      const out = new Url();
      const absolute = SCHEME.test(text);
      const whatwg = new k.URL(text, 'http://relative.invalid');
      if (absolute) {
        out.protocol = whatwg.protocol.toLowerCase();
        out.slashes = /^[a-zA-Z][a-zA-Z\d+\-.]*:\/\//.test(text) || null;
        out.hostname = whatwg.hostname.replace(/^\[|\]$/g, '');
        out.port = whatwg.port || null;
        out.host = whatwg.host;
        if (whatwg.username || whatwg.password) out.auth = decodeURIComponent(whatwg.username) + (whatwg.password ? ':' + decodeURIComponent(whatwg.password) : '');
      }
      out.pathname = absolute || text.charAt(0) === '/' ? whatwg.pathname : text.replace(/[?#].*$/, '') || null;
      out.search = whatwg.search || null;
      out.hash = whatwg.hash || null;
      out.query = parseQueryString ? k.nodeLibs.querystring.parse(whatwg.search.slice(1)) : whatwg.search.slice(1) || null;
      if (parseQueryString && out.search === null) out.query = {};
      out.path = (out.pathname || '') + (out.search || '') || null;
      out.href = format(out);
      return out;
    }
    function format(target) {
      if (typeof target === 'string') return format(parse(target));
      if (target instanceof k.URL) return target.href;
      if (target === null || typeof target !== 'object') {
        const e = new TypeError('The "urlObject" argument must be one of type object or string. Received ' + k.inspect(target));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      let protocol = target.protocol || '';
      if (protocol && protocol.slice(-1) !== ':') protocol += ':';
      let host = '';
      if (target.host) host = target.host;
      else if (target.hostname) host = (target.hostname.indexOf(':') >= 0 ? '[' + target.hostname + ']' : target.hostname) + (target.port ? ':' + target.port : '');
      const auth = target.auth ? encodeURIComponent(target.auth).replace(/%3A/i, ':') + '@' : '';
      const slashes = target.slashes || /^(https?|ftp|file|wss?):$/.test(protocol) ? '//' : '';
      let pathname = target.pathname || '';
      if (host && pathname && pathname.charAt(0) !== '/') pathname = '/' + pathname;
      let search = target.search || '';
      if (!search && target.query && typeof target.query === 'object') {
        const q = k.nodeLibs.querystring.stringify(target.query);
        if (q) search = '?' + q;
      }
      if (search && search.charAt(0) !== '?') search = '?' + search;
      let hash = target.hash || '';
      if (hash && hash.charAt(0) !== '#') hash = '#' + hash;
      return protocol + (host || protocol === 'file:' ? slashes : '') + auth + host + pathname + search + hash;
    }
    function resolve(from, to) { return new k.URL(to, new k.URL(from, 'resolve://')).href.replace(/^resolve:\/\/\/?/, '/'); }
    function fileURLToPath(value) {
      const u = typeof value === 'string' ? new k.URL(value) : value;
      if (u.protocol !== 'file:') { const e = new TypeError('The URL must be of scheme file'); e.code = 'ERR_INVALID_URL_SCHEME'; throw e; }
      return decodeURIComponent(u.pathname);
    }
    function pathToFileURL(p) { return new k.URL('file://' + encodeURI(k.path.resolve(String(p))).replace(/\?/g, '%3F').replace(/#/g, '%23')); }
    url = {
      URL: k.URL, URLSearchParams: k.URLSearchParams, Url, parse, format, resolve, fileURLToPath, pathToFileURL,
      domainToASCII: (domain) => { try { return new k.URL('http://' + domain).hostname; } catch { return ''; } },
      domainToUnicode: (domain) => k.nodeLibs.punycode.toUnicode(String(domain)),
    };
    return url;
  };
}`;
