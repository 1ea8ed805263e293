/**
 * In-context piece: `http` and `https` as a client over the platform's egress. A ClientRequest
 * collects its body and, on end(), leaves the context exactly as a fetch does (k.sendEgress: one
 * `call` to the host, whose gateway checks the manifest's egress and refuses private addresses);
 * the reply becomes an IncomingMessage. Nothing here opens a socket, and servers are not offered.
 * Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** What a request is aimed at, from a URL (string or object) and/or request options. */
interface RequestOptions {
  protocol?: string;
  hostname?: string;
  host?: string;
  port?: string | number;
  path?: string;
  auth?: string;
  method?: string;
  headers?: Record<string, unknown> | unknown[];
  agent?: unknown;
}

/** The parts of a URL a request reads. */
interface UrlLike {
  protocol: string;
  hostname: string;
  port: string;
  pathname: string;
  search: string;
  username: string;
  password: string;
}

interface Target {
  protocol: string;
  hostname: string;
  port: string | number;
  path: string;
  auth: string;
}

type Listener = (...args: unknown[]) => unknown;

/** The `http` (or `https`) module as app code sees it. */
export interface HttpModule {
  Agent: unknown;
  ClientRequest: unknown;
  IncomingMessage: unknown;
  OutgoingMessage: unknown;
  STATUS_CODES: Record<number, string>;
  METHODS: string[];
  globalAgent: unknown;
  request(input: unknown, options?: unknown, callback?: unknown): unknown;
  get(input: unknown, options?: unknown, callback?: unknown): unknown;
  createServer(): never;
  Server(): never;
  maxHeaderSize: number;
  validateHeaderName(name: unknown): void;
  validateHeaderValue(name: unknown, value: unknown): void;
}

declare module './kernel' {
  interface Kernel {
    /** The `http` module for 'http:', the `https` module for 'https:', built on first require. */
    loadHttp(protocol: string): HttpModule;
  }
}

/** Shares k.loadHttp(protocol) (the `http` or `https` module, built on first require). */
export function installHttp(k: Kernel): void {
  const STATUS_CODES: Record<number, string> = {
    100: 'Continue',
    101: 'Switching Protocols',
    200: 'OK',
    201: 'Created',
    202: 'Accepted',
    203: 'Non-Authoritative Information',
    204: 'No Content',
    205: 'Reset Content',
    206: 'Partial Content',
    300: 'Multiple Choices',
    301: 'Moved Permanently',
    302: 'Found',
    303: 'See Other',
    304: 'Not Modified',
    307: 'Temporary Redirect',
    308: 'Permanent Redirect',
    400: 'Bad Request',
    401: 'Unauthorized',
    402: 'Payment Required',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    406: 'Not Acceptable',
    408: 'Request Timeout',
    409: 'Conflict',
    410: 'Gone',
    411: 'Length Required',
    412: 'Precondition Failed',
    413: 'Payload Too Large',
    414: 'URI Too Long',
    415: 'Unsupported Media Type',
    416: 'Range Not Satisfiable',
    422: 'Unprocessable Entity',
    425: 'Too Early',
    428: 'Precondition Required',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
    508: 'Loop Detected',
  };
  const METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
  // The gateway hands the body over decoded and whole, so these would describe bytes the app never gets.
  const DROPPED_REPLY_HEADERS = new Set(['content-encoding', 'content-length', 'transfer-encoding']);
  const modules: Record<string, HttpModule> = Object.create(null);

  function build(defaultProtocol: string): HttpModule {
    const { Readable, Writable } = k.loadStream();
    const Buffer = k.Buffer;

    class Agent extends k.EventEmitter {
      declare options: object;
      declare maxSockets: number;
      declare sockets: object;
      declare requests: object;
      declare freeSockets: object;
      constructor(options?: object) {
        super();
        this.options = Object.assign({}, options);
        this.maxSockets = Infinity;
        this.sockets = {};
        this.requests = {};
        this.freeSockets = {};
      }
      destroy() {}
    }

    class IncomingMessage extends Readable {
      #body: Buffer | null;
      declare statusCode: number;
      declare statusMessage: string;
      declare httpVersion: string;
      declare httpVersionMajor: number;
      declare httpVersionMinor: number;
      declare headers: Record<string, string | string[]>;
      declare rawHeaders: string[];
      declare trailers: Record<string, string>;
      declare rawTrailers: string[];
      declare complete: boolean;
      declare aborted: boolean;
      declare url: string;
      declare method: string | null;
      declare socket: null;
      declare req: ClientRequest;
      constructor(status: number, statusText: string, headers: Iterable<[string, string]>, body: Buffer) {
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
      override _read() {
        if (this.#body === null) return;
        const body = this.#body;
        this.#body = null;
        if (body.length > 0) this.push(body);
        this.complete = true;
        this.push(null);
      }
      setTimeout(ms: unknown, callback?: Listener) {
        if (typeof callback === 'function') this.once('timeout', callback);
        return this;
      }
    }

    function urlOf(input: string | UrlLike | undefined | null, options: RequestOptions | undefined): Target {
      const o = options || {};
      if (input !== undefined && input !== null) {
        const url: UrlLike = typeof input === 'string' ? new k.URL(input) : input;
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
      #headers = new Map<string, [string, unknown]>();
      #chunks: Buffer[] = [];
      #target: string;
      declare method: string;
      declare path: string;
      declare host: string;
      declare protocol: string;
      declare aborted: boolean;
      declare reusedSocket: boolean;
      declare socket: null;
      declare agent: unknown;
      declare res: IncomingMessage;
      constructor(input: string | UrlLike | undefined, options: RequestOptions | undefined, callback: unknown) {
        super({ decodeStrings: true });
        const parts = urlOf(input, options);
        if (parts.protocol !== defaultProtocol) {
          const e: CodedError = new TypeError('Protocol "' + parts.protocol + '" not supported. Expected "' + defaultProtocol + '"');
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
        if (typeof callback === 'function') this.once('response', callback as Listener);
      }
      setHeader(name: unknown, value: unknown) {
        this.#headers.set(String(name).toLowerCase(), [String(name), value]);
        return this;
      }
      getHeader(name: unknown) {
        const entry = this.#headers.get(String(name).toLowerCase());
        return entry === undefined ? undefined : entry[1];
      }
      hasHeader(name: unknown) {
        return this.#headers.has(String(name).toLowerCase());
      }
      removeHeader(name: unknown) {
        this.#headers.delete(String(name).toLowerCase());
      }
      getHeaders() {
        const out: Record<string, unknown> = Object.create(null);
        for (const [name, entry] of this.#headers) out[name] = entry[1];
        return out;
      }
      getHeaderNames() {
        return Array.from(this.#headers.keys());
      }
      getRawHeaderNames() {
        return Array.from(this.#headers.values(), (entry) => entry[0]);
      }
      flushHeaders() {}
      setTimeout(ms: unknown, callback?: Listener) {
        if (typeof callback === 'function') this.once('timeout', callback);
        return this;
      }
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
      #send(headers: Record<string, string>, body: Uint8Array | null) {
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
      override _write(chunk: unknown, encoding: BufferEncoding, done: () => void) {
        this.#chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string, encoding));
        done();
      }
      override _final(done: () => void) {
        const headers: Record<string, string> = {};
        for (const [name, entry] of this.#headers) headers[name] = Array.isArray(entry[1]) ? entry[1].join(', ') : String(entry[1]);
        const body = this.method === 'GET' || this.method === 'HEAD' ? null : new Uint8Array(Buffer.concat(this.#chunks));
        this.#chunks = [];
        this.#send(headers, body).then(
          (response) =>
            response.bytes().then((bytes) => {
              if (this.aborted || this.destroyed) return;
              const message = new IncomingMessage(response.status, response.statusText, response.headers, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
              message.req = this;
              this.res = message;
              if (!this.emit('response', message)) message.resume();
            }),
          (error) => {
            if (!this.destroyed) this.destroy(error);
          },
        );
        done();
      }
    }

    function request(input: unknown, options?: unknown, callback?: unknown) {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      if (input !== null && typeof input === 'object' && !(input instanceof k.URL)) {
        options = Object.assign({}, input, options);
        input = undefined;
      }
      return new ClientRequest(input as string | UrlLike | undefined, options as RequestOptions | undefined, callback);
    }
    function get(input: unknown, options?: unknown, callback?: unknown) {
      const req = request(input, options, callback);
      req.end();
      return req;
    }
    function createServer(): never {
      const e: CodedError = new Error('Forge functions cannot listen for connections: ' + defaultProtocol.slice(0, -1) + '.createServer is not available');
      e.code = 'ERR_FORGE_NO_SERVER';
      throw e;
    }
    const globalAgent = new Agent();
    return {
      Agent,
      ClientRequest,
      IncomingMessage,
      OutgoingMessage: Writable,
      STATUS_CODES,
      METHODS,
      globalAgent,
      request,
      get,
      createServer,
      Server: createServer,
      maxHeaderSize: 16384,
      validateHeaderName(name: unknown) {
        if (!/^[!#$%&'*+\-.^_\x60|~0-9A-Za-z]+$/.test(String(name))) throw new TypeError('Header name must be a valid HTTP token ["' + name + '"]');
      },
      validateHeaderValue(name: unknown, value: unknown) {
        if (value === undefined || /[\r\n\0]/.test(String(value))) throw new TypeError('Invalid value "' + value + '" for header "' + name + '"');
      },
    };
  }
  k.loadHttp = function (protocol) {
    let httpModule = modules[protocol];
    if (httpModule === undefined) {
      httpModule = build(protocol);
      modules[protocol] = httpModule;
    }
    return httpModule;
  };
}
