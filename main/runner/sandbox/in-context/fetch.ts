/**
 * In-context piece: `fetch`, `__forge_fetch__`, `Headers`, `Request`, `Response` and `FormData`. A
 * request leaves the context only as JSON text in one `call` to the host (kind fetch, product or
 * storage); the reply comes back as an event with primitives, and the Response app code gets is
 * built here, in-context. Runs as text inside the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

/** A body as kept: text as a string, anything else as its bytes. */
type BodyValue = string | Uint8Array;

/** What a request becomes before it leaves: all the host needs, as JSON. */
interface RequestParts {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyValue | null;
  meta?: unknown;
}

/** What fetch and Request read of their init argument. */
interface FetchInit {
  method?: unknown;
  headers?: unknown;
  body?: unknown;
  signal?: unknown;
  redirect?: unknown;
}

/** The AbortSignal an app passes in. */
interface SignalLike {
  aborted: boolean;
  reason: unknown;
  addEventListener(type: 'abort', listener: () => void, options: { once: boolean }): void;
}

/** A request node:http (node-http.ts) sends through the egress or product call. */
export interface EgressRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: BodyValue | null;
}

/** The reply such a request gets: a Response of this realm. */
export interface EgressResponse {
  status: number;
  statusText: string;
  headers: Iterable<[string, string]>;
  bytes(): Promise<Uint8Array>;
}

declare module './kernel' {
  interface Kernel {
    /** Settles a pending call with the host's reply (the bootstrap's event loop calls it). */
    settleCall(callId: number, status: unknown, headers: unknown, body: unknown, base64: boolean): void;
    /** Sends a request through the egress gateway, as fetch does. */
    sendEgress(request: EgressRequest): Promise<EgressResponse>;
    /** Sends a product call, as __forge_fetch__ does. */
    sendProduct(meta: unknown, request: EgressRequest): Promise<EgressResponse>;
  }
}

/** Defines fetch, __forge_fetch__, Headers, Request, Response and FormData; shares k.settleCall, k.sendEgress and k.sendProduct. */
export function installFetch(k: Kernel): void {
  const stringify = JSON.stringify;
  const parseJson = JSON.parse;
  const STATUS_TEXT: Record<number, string> = {
    200: 'OK',
    201: 'Created',
    202: 'Accepted',
    204: 'No Content',
    301: 'Moved Permanently',
    302: 'Found',
    303: 'See Other',
    304: 'Not Modified',
    307: 'Temporary Redirect',
    308: 'Permanent Redirect',
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    405: 'Method Not Allowed',
    409: 'Conflict',
    410: 'Gone',
    412: 'Precondition Failed',
    413: 'Payload Too Large',
    415: 'Unsupported Media Type',
    422: 'Unprocessable Entity',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
    501: 'Not Implemented',
    502: 'Bad Gateway',
    503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  const TOKEN = /^[!#$%&'*+\-.^_\x60|~0-9A-Za-z]+$/;

  function headerName(name: unknown): string {
    const n = String(name);
    if (!TOKEN.test(n)) throw new TypeError('Headers: invalid header name "' + n + '"');
    return n.toLowerCase();
  }
  function headerValue(value: unknown): string {
    const v = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\u0000\r\n]/.test(v)) throw new TypeError('Headers: invalid header value "' + v + '"');
    return v;
  }
  class Headers {
    #map = new Map<string, string>();
    // Set-Cookie values stay apart, as Node keeps them: getSetCookie() and iteration list each one.
    #cookies: string[] = [];
    constructor(init?: unknown) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) {
        init.forEach((v, n) => this.append(n, v));
        return;
      }
      if (typeof init !== 'object' && typeof init !== 'function') throw new TypeError('Headers: the init argument must be an object');
      if (typeof (init as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function') {
        for (const pair of init as Iterable<unknown>) {
          const p = Array.from(pair as ArrayLike<unknown>);
          if (p.length !== 2) throw new TypeError('Headers: expected a name/value pair of length 2, found ' + p.length);
          this.append(p[0], p[1]);
        }
        return;
      }
      for (const key of Object.keys(init)) this.append(key, (init as Record<string, unknown>)[key]);
    }
    append(name: unknown, value: unknown): void {
      const n = headerName(name);
      const v = headerValue(value);
      if (n === 'set-cookie') {
        this.#cookies.push(v);
        return;
      }
      const current = this.#map.get(n);
      this.#map.set(n, current === undefined ? v : current + ', ' + v);
    }
    set(name: unknown, value: unknown): void {
      const n = headerName(name);
      const v = headerValue(value);
      if (n === 'set-cookie') this.#cookies = [v];
      else this.#map.set(n, v);
    }
    get(name: unknown): string | null {
      const n = headerName(name);
      if (n === 'set-cookie') return this.#cookies.length === 0 ? null : this.#cookies.join(', ');
      const v = this.#map.get(n);
      return v === undefined ? null : v;
    }
    has(name: unknown): boolean {
      const n = headerName(name);
      return n === 'set-cookie' ? this.#cookies.length > 0 : this.#map.has(n);
    }
    delete(name: unknown): void {
      const n = headerName(name);
      if (n === 'set-cookie') this.#cookies = [];
      else this.#map.delete(n);
    }
    getSetCookie(): string[] {
      return this.#cookies.slice();
    }
    forEach(callback: (value: string, name: string, headers: Headers) => void, thisArg?: unknown): void {
      for (const [n, v] of this.entries()) callback.call(thisArg, v, n, this);
    }
    *entries(): Generator<[string, string]> {
      const names = Array.from(this.#map.keys());
      if (this.#cookies.length > 0) names.push('set-cookie');
      for (const n of names.sort()) {
        if (n === 'set-cookie') for (const v of this.#cookies.slice()) yield [n, v];
        else yield [n, this.#map.get(n) as string];
      }
    }
    *keys(): Generator<string> {
      for (const [n] of this.entries()) yield n;
    }
    *values(): Generator<string> {
      for (const [, v] of this.entries()) yield v;
    }
    [Symbol.iterator](): Generator<[string, string]> {
      return this.entries();
    }
    get [Symbol.toStringTag]() {
      return 'Headers';
    }
  }

  // A body is kept as the app gave it: text as a string, anything else as its bytes (a Uint8Array).
  const textOf = (body: BodyValue): string => (typeof body === 'string' ? body : k.utf8Decode(body));
  const bytesOfBody = (body: BodyValue): Uint8Array => (typeof body === 'string' ? k.utf8Encode(body) : new Uint8Array(body));
  function concatBytes(parts: Uint8Array[]): Uint8Array {
    let length = 0;
    for (const part of parts) length += part.length;
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
  // What crosses to the host: UTF-8 text as it is, other bytes as base64 (the gateway sends them exactly).
  function wireBody(body: BodyValue | null): { body: string | null; bodyEncoding?: string } {
    if (body === null || typeof body === 'string') return { body };
    const text = k.utf8Decode(body);
    const back = k.utf8Encode(text);
    let same = back.length === body.length;
    for (let i = 0; same && i < back.length; i++) same = back[i] === body[i];
    return same ? { body: text } : { body: k.Buffer.from(body.buffer, body.byteOffset, body.length).toString('base64'), bodyEncoding: 'base64' };
  }
  function bodyText(body: unknown, headers: Headers): BodyValue | null {
    if (body === undefined || body === null) return null;
    if (typeof body === 'string') {
      if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
      return body;
    }
    if (body instanceof k.URLSearchParams) {
      if (!headers.has('content-type')) headers.set('content-type', 'application/x-www-form-urlencoded;charset=UTF-8');
      return body.toString();
    }
    if (body instanceof k.Blob) {
      if (!headers.has('content-type') && body.type) headers.set('content-type', body.type);
      return new Uint8Array(k.blobBytes(body) as Uint8Array);
    }
    if (body instanceof FormData) {
      const boundary = '----AnvilFormBoundary' + Math.random().toString(36).slice(2);
      if (!headers.has('content-type')) headers.set('content-type', 'multipart/form-data; boundary=' + boundary);
      return formDataText(body, boundary);
    }
    const bytes = k.bytesOf(body);
    if (bytes) return new Uint8Array(bytes);
    if (!headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
    return String(body);
  }

  type FormEntryValue = string | InstanceType<Kernel['File']>;
  class FormData {
    #entries: [string, FormEntryValue][] = [];
    append(name: unknown, value: unknown, filename?: unknown): void {
      this.#entries.push([String(name), entryValue(value, filename)]);
    }
    set(name: unknown, value: unknown, filename?: unknown): void {
      const n = String(name);
      const at = this.#entries.findIndex((entry) => entry[0] === n);
      this.delete(n);
      this.#entries.splice(at < 0 ? this.#entries.length : at, 0, [n, entryValue(value, filename)]);
    }
    get(name: unknown): FormEntryValue | null {
      const entry = this.#entries.find((e) => e[0] === String(name));
      return entry === undefined ? null : entry[1];
    }
    getAll(name: unknown): FormEntryValue[] {
      return this.#entries.filter((e) => e[0] === String(name)).map((e) => e[1]);
    }
    has(name: unknown): boolean {
      return this.#entries.some((e) => e[0] === String(name));
    }
    delete(name: unknown): void {
      this.#entries = this.#entries.filter((e) => e[0] !== String(name));
    }
    forEach(callback: (value: FormEntryValue, name: string, form: FormData) => void, thisArg?: unknown): void {
      for (const [n, v] of this.#entries) callback.call(thisArg, v, n, this);
    }
    *entries(): Generator<[string, FormEntryValue]> {
      yield* this.#entries.map((e): [string, FormEntryValue] => [e[0], e[1]]);
    }
    *keys(): Generator<string> {
      for (const e of this.#entries) yield e[0];
    }
    *values(): Generator<FormEntryValue> {
      for (const e of this.#entries) yield e[1];
    }
    [Symbol.iterator](): Generator<[string, FormEntryValue]> {
      return this.entries();
    }
    get [Symbol.toStringTag]() {
      return 'FormData';
    }
  }
  function entryValue(value: unknown, filename: unknown): FormEntryValue {
    if (!(value instanceof k.Blob)) return String(value);
    const blob = value;
    const name = filename !== undefined ? String(filename) : blob instanceof k.File ? blob.name : 'blob';
    return new k.File([blob], name, { type: blob.type, lastModified: blob instanceof k.File ? blob.lastModified : undefined });
  }
  // multipart/form-data as bytes: file parts keep their exact bytes.
  function formDataText(form: FormData, boundary: string): Uint8Array {
    const parts: Uint8Array[] = [];
    let text = '';
    const escape = (s: string) => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
    for (const [name, value] of form) {
      text += '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escape(name) + '"';
      if (typeof value === 'string') text += '\r\n\r\n' + value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n') + '\r\n';
      else {
        text += '; filename="' + escape(value.name) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n';
        parts.push(k.utf8Encode(text), new Uint8Array(k.blobBytes(value) as Uint8Array));
        text = '\r\n';
      }
    }
    parts.push(k.utf8Encode(text + '--' + boundary + '--\r\n'));
    return concatBytes(parts);
  }

  class Request {
    declare url: string;
    declare method: string;
    declare headers: Headers;
    declare signal: unknown;
    declare redirect: unknown;
    declare credentials: string;
    declare mode: string;
    declare cache: string;
    declare referrer: string;
    #body: BodyValue | null;
    constructor(input: unknown, init?: FetchInit | null) {
      const parts = requestOf(input, init);
      let parsed;
      try {
        parsed = new k.URL(parts.url);
      } catch {
        throw new TypeError('Failed to parse URL from ' + parts.url);
      }
      this.url = parsed.href;
      this.method = parts.method;
      this.headers = new Headers(parts.headers);
      this.#body = parts.body;
      const signal = init && init.signal !== undefined ? init.signal : input instanceof Request ? input.signal : undefined;
      this.signal = signal || new AbortController().signal;
      this.redirect = (init && init.redirect) || 'follow';
      this.credentials = 'same-origin';
      this.mode = 'cors';
      this.cache = 'default';
      this.referrer = 'about:client';
    }
    static bodyOf(request: Request): BodyValue | null {
      return request.#body;
    }
    get bodyUsed() {
      return false;
    }
    get body() {
      return this.#body === null ? null : streamOf(this.#body);
    }
    get duplex() {
      return 'half';
    }
    text(): Promise<string> {
      return Promise.resolve(this.#body === null ? '' : textOf(this.#body));
    }
    json(): Promise<unknown> {
      return this.text().then((t) => parseJson(t) as unknown);
    }
    bytes(): Promise<Uint8Array> {
      return Promise.resolve(this.#body === null ? new Uint8Array(0) : bytesOfBody(this.#body));
    }
    arrayBuffer(): Promise<ArrayBufferLike> {
      return this.bytes().then((b) => b.buffer);
    }
    blob() {
      return this.bytes().then((b) => new k.Blob([b], { type: this.headers.get('content-type') || '' }));
    }
    clone(): Request {
      return new Request(this);
    }
    get [Symbol.toStringTag]() {
      return 'Request';
    }
  }
  function streamOf(body: BodyValue) {
    return new k.ReadableStream<Uint8Array>({
      start(controller) {
        if (body.length > 0) controller.enqueue(bytesOfBody(body));
        controller.close();
      },
    });
  }

  type ReplyMaker = (status: number, headers: Headers, body: BodyValue, url: string) => Response;
  let fromReply: ReplyMaker | null = null;
  class Response {
    declare status: number;
    declare statusText: string;
    declare headers: Headers;
    declare url: string;
    declare redirected: boolean;
    declare type: string;
    #body: BodyValue;
    #used = false;
    #stream: ReturnType<typeof streamOf> | null | undefined = undefined;
    #empty = false;
    static {
      fromReply = (status, headers, body, url) => {
        const response = new Response(null, { status, headers, statusText: STATUS_TEXT[status] || '' });
        response.#body = body;
        if (typeof body !== 'string') {
          response.#empty = false;
          response.url = url;
          return response;
        }
        response.#empty = body === '' && (status === 204 || status === 304);
        response.url = url;
        return response;
      };
    }
    constructor(body?: unknown, init?: { status?: unknown; statusText?: unknown; headers?: unknown } | null) {
      const options = init === undefined || init === null ? {} : init;
      this.status = options.status === undefined ? 200 : Number(options.status);
      this.statusText = options.statusText === undefined ? '' : String(options.statusText);
      this.headers = new Headers(options.headers);
      const text = bodyText(body, this.headers);
      this.#body = text === null ? '' : text;
      this.#empty = text === null;
      this.url = '';
      this.redirected = false;
      this.type = 'default';
    }
    get ok() {
      return this.status >= 200 && this.status <= 299;
    }
    // Reading or canceling body uses it up, as Node's Response does.
    get bodyUsed() {
      return this.#used || (this.#stream !== undefined && this.#stream !== null && k.streamDisturbed(this.#stream));
    }
    #unusable() {
      return this.bodyUsed || (this.#stream !== undefined && this.#stream !== null && this.#stream.locked);
    }
    get body() {
      if (this.#stream === undefined) this.#stream = this.#body === '' && this.#empty ? null : streamOf(this.#body);
      return this.#stream;
    }
    blob() {
      return this.bytes().then((b) => new k.Blob([b], { type: this.headers.get('content-type') || '' }));
    }
    formData(): Promise<never> {
      return Promise.reject(new TypeError('Response.formData: reading form data from a response is not supported in Anvil'));
    }
    text(): Promise<string> {
      if (this.#unusable()) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(textOf(this.#body));
    }
    json(): Promise<unknown> {
      return this.text().then((t) => parseJson(t) as unknown);
    }
    bytes(): Promise<Uint8Array> {
      if (this.#unusable()) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(bytesOfBody(this.#body));
    }
    arrayBuffer(): Promise<ArrayBufferLike> {
      return this.bytes().then((b) => b.buffer);
    }
    clone(): Response {
      if (this.#unusable()) throw new TypeError('Response.clone: Body has already been consumed.');
      const copy = new Response(this.#body, { status: this.status, statusText: this.statusText, headers: this.headers });
      copy.url = this.url;
      return copy;
    }
    static error(): Response {
      const response = new Response(null, { status: 200 });
      response.status = 0;
      response.statusText = '';
      response.type = 'error';
      return response;
    }
    static redirect(url: unknown, status?: unknown): Response {
      const code = status === undefined ? 302 : Number(status);
      if ([301, 302, 303, 307, 308].indexOf(code) < 0) throw new RangeError('Invalid status code ' + code);
      let parsed;
      try {
        parsed = new k.URL(String(url));
      } catch {
        throw new TypeError('Failed to parse URL from ' + url);
      }
      return new Response(null, { status: code, headers: { location: parsed.href } });
    }
    static json(data: unknown, init?: { status?: unknown; statusText?: unknown; headers?: unknown } | null): Response {
      const response = new Response(stringify(data), init);
      response.headers.set('content-type', 'application/json');
      return response;
    }
    get [Symbol.toStringTag]() {
      return 'Response';
    }
  }

  function requestOf(input: unknown, init: FetchInit | null | undefined): RequestParts {
    let url: string;
    let method = 'GET';
    let headers = new Headers();
    let body: unknown = null;
    if (typeof input === 'string') url = input;
    else if (input instanceof k.URL) url = input.href;
    else if (input instanceof Request) {
      url = input.url;
      method = input.method;
      headers = new Headers(input.headers);
      body = Request.bodyOf(input);
    } else if (input !== null && typeof input === 'object' && typeof (input as { url?: unknown }).url === 'string') {
      const like = input as { url: string; method?: unknown; headers?: unknown; body?: unknown };
      url = like.url;
      if (like.method !== undefined) method = String(like.method);
      headers = new Headers(like.headers);
      if (like.body !== undefined) body = like.body;
    } else if (input !== null && typeof input === 'object' && typeof (input as { value?: unknown }).value === 'string') url = (input as { value: string }).value;
    else url = String(input);
    if (init !== undefined && init !== null) {
      if (init.method !== undefined) method = String(init.method);
      if (init.headers !== undefined) headers = new Headers(init.headers);
      if (init.body !== undefined) body = init.body;
    }
    const text = bodyText(body, headers);
    return { url, method: method.toUpperCase(), headers: Object.fromEntries(headers), body: text };
  }

  const pending = new Map<number, { resolve: (response: Response) => void; url: string }>();
  function send(kind: string, request: RequestParts, signal?: SignalLike | null): Promise<Response> {
    if (signal && signal.aborted) return Promise.reject(k.abortError(signal.reason));
    return new Promise((resolve, reject) => {
      // Only the egress gateway takes bytes; product and storage calls carry text, as the platform's do.
      const wire = kind === 'fetch' ? wireBody(request.body) : { body: request.body === null || typeof request.body === 'string' ? request.body : k.utf8Decode(request.body) };
      const callId = k.host('call', kind, stringify(Object.assign({}, request, wire)));
      if (typeof callId !== 'number' || callId < 0) {
        reject(new TypeError(callId === -2 ? 'fetch failed: the request could not be sent to Anvil' : 'fetch failed: this invocation has already ended'));
        return;
      }
      pending.set(callId, { resolve, url: request.url });
      // An aborted fetch settles now; the host's reply, when it comes, finds no pending call.
      if (signal)
        signal.addEventListener(
          'abort',
          () => {
            if (pending.delete(callId)) reject(k.abortError(signal.reason));
          },
          { once: true },
        );
    });
  }
  k.settleCall = function (callId, status, headers, body, base64) {
    const call = pending.get(callId);
    if (!call) return;
    pending.delete(callId);
    const safeHeaders = new Headers();
    if (headers !== null && typeof headers === 'object') {
      for (const name of Object.keys(headers)) {
        try {
          safeHeaders.append(name, (headers as Record<string, unknown>)[name]);
        } catch {
          // A header the reply should not have had is left out, as a browser would.
        }
      }
    }
    const text = typeof body === 'string' ? body : '';
    call.resolve((fromReply as ReplyMaker)(typeof status === 'number' ? status : 0, safeHeaders, base64 ? new Uint8Array(k.Buffer.from(text, 'base64')) : text, call.url));
  };

  function fetch(input: unknown, init?: FetchInit | null): Promise<Response> {
    try {
      const request = requestOf(input, init);
      let parsed;
      try {
        parsed = new k.URL(request.url);
      } catch {
        throw new TypeError('Failed to parse URL from ' + request.url);
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new TypeError('fetch failed: Forge functions can only fetch http: and https: URLs, not ' + parsed.protocol);
      }
      request.url = parsed.href;
      const signal = init && init.signal ? init.signal : input instanceof Request ? input.signal : null;
      return send('fetch', request, signal as SignalLike | null);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  function forgeFetch(meta: unknown, path: unknown, init?: FetchInit | null): Promise<Response> {
    try {
      if (meta === null || typeof meta !== 'object') throw new TypeError('__forge_fetch__ needs a request description ({type, ...}) as its first argument');
      const description = parseJson(stringify(meta)) as { type?: unknown };
      const request = requestOf(path, init);
      request.meta = description;
      return send(description.type === 'kvs' ? 'storage' : 'product', request);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  // node:http and node:https send through the same egress call as fetch (node-http.ts): the host's
  // gateway checks the URL against the manifest and the address against private ranges.
  k.sendEgress = function (request) {
    let parsed;
    try {
      parsed = new k.URL(request.url);
    } catch {
      return Promise.reject(new TypeError('Invalid URL: ' + request.url));
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.reject(new TypeError('Forge functions can only send http: and https: requests, not ' + parsed.protocol));
    return send('fetch', { url: parsed.href, method: String(request.method).toUpperCase(), headers: request.headers, body: request.body });
  };
  // Product calls @forge/api 3–4 makes through node-fetch (node-http.ts): the same call __forge_fetch__ makes.
  k.sendProduct = function (meta, request) {
    return send('product', { meta: parseJson(stringify(meta)) as unknown, url: String(request.url), method: String(request.method).toUpperCase(), headers: request.headers, body: request.body });
  };

  k.define('Headers', Headers);
  k.define('Response', Response);
  k.define('Request', Request);
  k.define('FormData', FormData);
  k.define('fetch', fetch);
  k.define('__forge_fetch__', forgeFetch);
}
