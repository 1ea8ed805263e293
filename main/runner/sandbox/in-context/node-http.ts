/**
 * In-context source: `http` and `https` as a client over the platform's egress. A ClientRequest
 * collects its body and, on end(), leaves the context exactly as a fetch does (k.sendEgress: one
 * `call` to the host, whose gateway checks the manifest's egress and refuses private addresses);
 * the reply becomes an IncomingMessage. Nothing here opens a socket, and servers are not offered.
 */

/** Shares k.loadHttp(protocol) (the `http` or `https` module, built on first require). */
export const HTTP_SOURCE = String.raw`function installHttp(k) {
  const STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information',
    204: 'No Content', 205: 'Reset Content', 206: 'Partial Content', 300: 'Multiple Choices', 301: 'Moved Permanently',
    302: 'Found', 303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 406: 'Not Acceptable', 408: 'Request Timeout', 409: 'Conflict', 410: 'Gone',
    411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large', 414: 'URI Too Long',
    415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 422: 'Unprocessable Entity', 425: 'Too Early',
    428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error', 501: 'Not Implemented',
    502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout', 508: 'Loop Detected',
  };
  const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
  // The gateway hands the body over decoded and whole, so these would describe bytes the app never gets.
  const DROPPED_REPLY_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);
  const modules = Object.create(null);

  function build(defaultProtocol) {
    const { Readable, Writable } = k.loadStream();
    const Buffer = k.Buffer;

    class Agent extends k.EventEmitter {
      constructor(options) { super(); this.options = Object.assign({}, options); this.maxSockets = Infinity; this.sockets = {}; this.requests = {}; this.freeSockets = {}; }
      destroy() {}
    }

    class IncomingMessage extends Readable {
      #body;
      constructor(status, statusText, headers, body) {
        super();
        this.statusCode = status;
        this.statusMessage = statusText || STATUS_CODES[status] || '';
        this.httpVersion = '1.1';
        this.httpVersionMajor = 1;
        this.httpVersionMinor = 1;
        this.headers = {};
        this.rawHeaders = [];
        for (const [name, value] of headers) {
          if (DROPPED_REPLY_HEADERS.has(name)) continue;
          this.headers[name] = name === 'set-cookie' ? [value] : value;
          this.rawHeaders.push(name, value);
        }
        this.trailers = {};
        this.rawTrailers = [];
        this.complete = false;
        this.aborted = false;
        this.url = '';
        this.method = null;
        this.socket = null;
        this.#body = body;
      }
      _read() {
        if (this.#body === null) return;
        const body = this.#body;
        this.#body = null;
        if (body.length > 0) this.push(body);
        this.complete = true;
        this.push(null);
      }
      setTimeout(ms, callback) { if (typeof callback === 'function') this.once('timeout', callback); return this; }
    }

    function urlOf(input, options) {
      const o = options || {};
      if (input !== undefined && input !== null) {
        const url = typeof input === 'string' ? new k.URL(input) : input;
        return {
          protocol: o.protocol || url.protocol,
          hostname: o.hostname || o.host || url.hostname,
          port: o.port || url.port,
          path: o.path || (url.pathname || '/') + (url.search || ''),
          auth: o.auth || (url.username ? decodeURIComponent(url.username) + ':' + decodeURIComponent(url.password || '') : ''),
        };
      }
      let hostname = o.hostname;
      let port = o.port;
      if (!hostname && typeof o.host === 'string') {
        const m = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(o.host);
        hostname = m ? m[1] : o.host;
        if (!port && m && m[2]) port = m[2];
      }
      return { protocol: o.protocol || defaultProtocol, hostname: hostname || 'localhost', port: port || '', path: o.path || '/', auth: o.auth || '' };
    }

    class ClientRequest extends Writable {
      #headers = new Map();
      #chunks = [];
      #target;
      constructor(input, options, callback) {
        super({ decodeStrings: true });
        const parts = urlOf(input, options);
        if (parts.protocol !== defaultProtocol) {
          const e = new TypeError('Protocol "' + parts.protocol + '" not supported. Expected "' + defaultProtocol + '"');
          e.code = 'ERR_INVALID_PROTOCOL';
          throw e;
        }
        const o = options || {};
        this.method = String(o.method || 'GET').toUpperCase();
        this.path = parts.path;
        this.host = parts.hostname;
        this.protocol = parts.protocol;
        this.aborted = false;
        this.reusedSocket = false;
        this.socket = null;
        this.agent = o.agent;
        const host = parts.hostname.indexOf(':') >= 0 && parts.hostname.charAt(0) !== '[' ? '[' + parts.hostname + ']' : parts.hostname;
        this.#target = parts.protocol + '//' + host + (parts.port ? ':' + parts.port : '') + (parts.path.charAt(0) === '/' ? parts.path : '/' + parts.path);
        const headers = o.headers;
        if (Array.isArray(headers)) for (let i = 0; i + 1 < headers.length; i += 2) this.setHeader(headers[i], headers[i + 1]);
        else if (headers) for (const name of Object.keys(headers)) if (headers[name] !== undefined) this.setHeader(name, headers[name]);
        if (parts.auth && !this.hasHeader('authorization')) this.setHeader('Authorization', 'Basic ' + Buffer.from(parts.auth).toString('base64'));
        if (typeof callback === 'function') this.once('response', callback);
      }
      setHeader(name, value) { this.#headers.set(String(name).toLowerCase(), [String(name), value]); return this; }
      getHeader(name) { const entry = this.#headers.get(String(name).toLowerCase()); return entry === undefined ? undefined : entry[1]; }
      hasHeader(name) { return this.#headers.has(String(name).toLowerCase()); }
      removeHeader(name) { this.#headers.delete(String(name).toLowerCase()); }
      getHeaders() { const out = Object.create(null); for (const [name, entry] of this.#headers) out[name] = entry[1]; return out; }
      getHeaderNames() { return Array.from(this.#headers.keys()); }
      getRawHeaderNames() { return Array.from(this.#headers.values(), (entry) => entry[0]); }
      flushHeaders() {}
      setTimeout(ms, callback) { if (typeof callback === 'function') this.once('timeout', callback); return this; }
      setNoDelay() {}
      setSocketKeepAlive() {}
      abort() {
        if (this.aborted) return;
        this.aborted = true;
        this.emit('abort');
        this.destroy();
      }
      // @forge/api 3–4 mark product requests with a named agent, which the platform's runtime sends to
      // its product proxy; here they become the same product call __forge_fetch__ makes.
      #send(headers, body) {
        const auth = /^Forge (\S+)(?: (\S+))?(?: (\S+))?/.exec(headers.authorization || '');
        if (this.agent === 'FORGE_PRODUCT_REQUEST' && auth) {
          delete headers.authorization;
          return k.sendProduct({ type: 'fpp', provider: auth[1], remote: this.host }, { url: this.path, method: this.method, headers, body });
        }
        if (this.agent === 'EXTERNAL_AUTH_REQUEST' && auth && auth[1] === 'user' && auth[2]) {
          delete headers.authorization;
          const path = new k.URL(this.#target).searchParams.get('path') || '/';
          return k.sendProduct({ type: 'tpp', provider: auth[2], remote: this.host, accountId: auth[3] }, { url: path, method: this.method, headers, body });
        }
        return k.sendEgress({ url: this.#target, method: this.method, headers, body });
      }
      _write(chunk, encoding, done) { this.#chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding)); done(); }
      _final(done) {
        const headers = {};
        for (const [name, entry] of this.#headers) headers[name] = Array.isArray(entry[1]) ? entry[1].join(', ') : String(entry[1]);
        const body = this.method === 'GET' || this.method === 'HEAD' ? null : new Uint8Array(Buffer.concat(this.#chunks));
        this.#chunks = [];
        this.#send(headers, body).then(
          (response) => response.bytes().then((bytes) => {
            if (this.aborted || this.destroyed) return;
            const message = new IncomingMessage(response.status, response.statusText, response.headers, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
            message.req = this;
            this.res = message;
            if (!this.emit('response', message)) message.resume();
          }),
          (error) => { if (!this.destroyed) this.destroy(error); },
        );
        done();
      }
    }

    function request(input, options, callback) {
      if (typeof options === 'function') { callback = options; options = undefined; }
      if (input !== null && typeof input === 'object' && !(input instanceof k.URL)) { options = Object.assign({}, input, options); input = undefined; }
      return new ClientRequest(input, options, callback);
    }
    function get(input, options, callback) {
      const req = request(input, options, callback);
      req.end();
      return req;
    }
    function createServer() {
      const e = new Error('Forge functions cannot listen for connections: ' + defaultProtocol.slice(0, -1) + '.createServer is not available');
      e.code = 'ERR_FORGE_NO_SERVER';
      throw e;
    }
    const globalAgent = new Agent();
    return {
      Agent, ClientRequest, IncomingMessage, OutgoingMessage: Writable, STATUS_CODES, METHODS, globalAgent,
      request, get, createServer, Server: createServer, maxHeaderSize: 16384,
      validateHeaderName(name) { if (!/^[!#$%&'*+\-.^_\x60|~0-9A-Za-z]+$/.test(String(name))) throw new TypeError('Header name must be a valid HTTP token ["' + name + '"]'); },
      validateHeaderValue(name, value) { if (value === undefined || /[\r\n\0]/.test(String(value))) throw new TypeError('Invalid value "' + value + '" for header "' + name + '"'); },
    };
  }
  k.loadHttp = function (protocol) {
    if (modules[protocol] === undefined) modules[protocol] = build(protocol);
    return modules[protocol];
  };
}`;
