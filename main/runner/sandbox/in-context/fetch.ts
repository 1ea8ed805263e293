/**
 * In-context source: `fetch`, `__forge_fetch__`, `Headers` and `Response`. A request leaves the
 * context only as JSON text in one `call` to the host (kind fetch, product or storage); the reply
 * comes back as an event with primitives, and the Response app code gets is built here, in-context.
 */

/** Defines fetch, __forge_fetch__, Headers and Response; shares k.settleCall and k.sendEgress. */
export const FETCH_SOURCE = String.raw`function installFetch(k) {
  const stringify = JSON.stringify;
  const parseJson = JSON.parse;
  const STATUS_TEXT = {
    200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
    303: 'See Other', 304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
    409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed', 413: 'Payload Too Large',
    415: 'Unsupported Media Type', 422: 'Unprocessable Entity', 429: 'Too Many Requests',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
    504: 'Gateway Timeout',
  };
  const TOKEN = /^[!#$%&'*+\-.^_\x60|~0-9A-Za-z]+$/;

  function headerName(name) {
    const n = String(name);
    if (!TOKEN.test(n)) throw new TypeError('Headers: invalid header name "' + n + '"');
    return n.toLowerCase();
  }
  function headerValue(value) {
    const v = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\u0000\r\n]/.test(v)) throw new TypeError('Headers: invalid header value "' + v + '"');
    return v;
  }
  class Headers {
    #map = new Map();
    // Set-Cookie values stay apart, as Node keeps them: getSetCookie() and iteration list each one.
    #cookies = [];
    constructor(init) {
      if (init === undefined || init === null) return;
      if (init instanceof Headers) { init.forEach((v, n) => this.append(n, v)); return; }
      if (typeof init !== 'object' && typeof init !== 'function') throw new TypeError('Headers: the init argument must be an object');
      if (typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const p = Array.from(pair);
          if (p.length !== 2) throw new TypeError('Headers: expected a name/value pair of length 2, found ' + p.length);
          this.append(p[0], p[1]);
        }
        return;
      }
      for (const key of Object.keys(init)) this.append(key, init[key]);
    }
    append(name, value) {
      const n = headerName(name);
      const v = headerValue(value);
      if (n === 'set-cookie') { this.#cookies.push(v); return; }
      const current = this.#map.get(n);
      this.#map.set(n, current === undefined ? v : current + ', ' + v);
    }
    set(name, value) {
      const n = headerName(name);
      const v = headerValue(value);
      if (n === 'set-cookie') this.#cookies = [v];
      else this.#map.set(n, v);
    }
    get(name) {
      const n = headerName(name);
      if (n === 'set-cookie') return this.#cookies.length === 0 ? null : this.#cookies.join(', ');
      const v = this.#map.get(n);
      return v === undefined ? null : v;
    }
    has(name) { const n = headerName(name); return n === 'set-cookie' ? this.#cookies.length > 0 : this.#map.has(n); }
    delete(name) { const n = headerName(name); if (n === 'set-cookie') this.#cookies = []; else this.#map.delete(n); }
    getSetCookie() { return this.#cookies.slice(); }
    forEach(callback, thisArg) { for (const [n, v] of this.entries()) callback.call(thisArg, v, n, this); }
    *entries() {
      const names = Array.from(this.#map.keys());
      if (this.#cookies.length > 0) names.push('set-cookie');
      for (const n of names.sort()) {
        if (n === 'set-cookie') for (const v of this.#cookies.slice()) yield [n, v];
        else yield [n, this.#map.get(n)];
      }
    }
    *keys() { for (const [n] of this.entries()) yield n; }
    *values() { for (const [, v] of this.entries()) yield v; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'Headers'; }
  }

  // A body is kept as the app gave it: text as a string, anything else as its bytes (a Uint8Array).
  const textOf = (body) => (typeof body === 'string' ? body : k.utf8Decode(body));
  const bytesOfBody = (body) => (typeof body === 'string' ? k.utf8Encode(body) : new Uint8Array(body));
  function concatBytes(parts) {
    let length = 0;
    for (const part of parts) length += part.length;
    const out = new Uint8Array(length);
    let at = 0;
    for (const part of parts) { out.set(part, at); at += part.length; }
    return out;
  }
  // What crosses to the host: UTF-8 text as it is, other bytes as base64 (the gateway sends them exactly).
  function wireBody(body) {
    if (body === null || typeof body === 'string') return { body };
    const text = k.utf8Decode(body);
    const back = k.utf8Encode(text);
    let same = back.length === body.length;
    for (let i = 0; same && i < back.length; i++) same = back[i] === body[i];
    return same ? { body: text } : { body: k.Buffer.from(body.buffer, body.byteOffset, body.length).toString('base64'), bodyEncoding: 'base64' };
  }
  function bodyText(body, headers) {
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
      return new Uint8Array(k.blobBytes(body));
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

  class FormData {
    #entries = [];
    append(name, value, filename) { this.#entries.push([String(name), entryValue(value, filename)]); }
    set(name, value, filename) {
      const n = String(name);
      const at = this.#entries.findIndex((entry) => entry[0] === n);
      this.delete(n);
      this.#entries.splice(at < 0 ? this.#entries.length : at, 0, [n, entryValue(value, filename)]);
    }
    get(name) { const entry = this.#entries.find((e) => e[0] === String(name)); return entry === undefined ? null : entry[1]; }
    getAll(name) { return this.#entries.filter((e) => e[0] === String(name)).map((e) => e[1]); }
    has(name) { return this.#entries.some((e) => e[0] === String(name)); }
    delete(name) { this.#entries = this.#entries.filter((e) => e[0] !== String(name)); }
    forEach(callback, thisArg) { for (const [n, v] of this.#entries) callback.call(thisArg, v, n, this); }
    *entries() { yield* this.#entries.map((e) => [e[0], e[1]]); }
    *keys() { for (const e of this.#entries) yield e[0]; }
    *values() { for (const e of this.#entries) yield e[1]; }
    [Symbol.iterator]() { return this.entries(); }
    get [Symbol.toStringTag]() { return 'FormData'; }
  }
  function entryValue(value, filename) {
    if (!(value instanceof k.Blob)) return String(value);
    const blob = value;
    const name = filename !== undefined ? String(filename) : blob instanceof k.File ? blob.name : 'blob';
    return new k.File([blob], name, { type: blob.type, lastModified: blob instanceof k.File ? blob.lastModified : undefined });
  }
  // multipart/form-data as bytes: file parts keep their exact bytes.
  function formDataText(form, boundary) {
    const parts = [];
    let text = '';
    const escape = (s) => s.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
    for (const [name, value] of form) {
      text += '--' + boundary + '\r\nContent-Disposition: form-data; name="' + escape(name) + '"';
      if (typeof value === 'string') text += '\r\n\r\n' + value.replace(/\r(?!\n)|(?<!\r)\n/g, '\r\n') + '\r\n';
      else {
        text += '; filename="' + escape(value.name) + '"\r\nContent-Type: ' + (value.type || 'application/octet-stream') + '\r\n\r\n';
        parts.push(k.utf8Encode(text), new Uint8Array(k.blobBytes(value)));
        text = '\r\n';
      }
    }
    parts.push(k.utf8Encode(text + '--' + boundary + '--\r\n'));
    return concatBytes(parts);
  }

  class Request {
    #body;
    constructor(input, init) {
      const parts = requestOf(input, init);
      let parsed;
      try { parsed = new k.URL(parts.url); } catch { throw new TypeError('Failed to parse URL from ' + parts.url); }
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
    static bodyOf(request) { return request.#body; }
    get bodyUsed() { return false; }
    get body() { return this.#body === null ? null : streamOf(this.#body); }
    get duplex() { return 'half'; }
    text() { return Promise.resolve(this.#body === null ? '' : textOf(this.#body)); }
    json() { return this.text().then((t) => parseJson(t)); }
    bytes() { return Promise.resolve(this.#body === null ? new Uint8Array(0) : bytesOfBody(this.#body)); }
    arrayBuffer() { return this.bytes().then((b) => b.buffer); }
    blob() { return this.bytes().then((b) => new k.Blob([b], { type: this.headers.get('content-type') || '' })); }
    clone() { return new Request(this); }
    get [Symbol.toStringTag]() { return 'Request'; }
  }
  function streamOf(body) {
    return new k.ReadableStream({ start(controller) { if (body.length > 0) controller.enqueue(bytesOfBody(body)); controller.close(); } });
  }

  let fromReply = null;
  class Response {
    #body;
    #used = false;
    #stream = undefined;
    #empty = false;
    static {
      fromReply = (status, headers, body, url) => {
        const response = new Response(null, { status, headers, statusText: STATUS_TEXT[status] || '' });
        response.#body = body;
        if (typeof body !== 'string') { response.#empty = false; response.url = url; return response; }
        response.#empty = body === '' && (status === 204 || status === 304);
        response.url = url;
        return response;
      };
    }
    constructor(body, init) {
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
    get ok() { return this.status >= 200 && this.status <= 299; }
    // Reading or canceling body uses it up, as Node's Response does.
    get bodyUsed() { return this.#used || (this.#stream !== undefined && this.#stream !== null && k.streamDisturbed(this.#stream)); }
    #unusable() { return this.bodyUsed || (this.#stream !== undefined && this.#stream !== null && this.#stream.locked); }
    get body() {
      if (this.#stream === undefined) this.#stream = this.#body === '' && this.#empty ? null : streamOf(this.#body);
      return this.#stream;
    }
    blob() { return this.bytes().then((b) => new k.Blob([b], { type: this.headers.get('content-type') || '' })); }
    formData() { return Promise.reject(new TypeError('Response.formData: reading form data from a response is not supported in Anvil')); }
    text() {
      if (this.#unusable()) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(textOf(this.#body));
    }
    json() { return this.text().then((t) => parseJson(t)); }
    bytes() {
      if (this.#unusable()) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(bytesOfBody(this.#body));
    }
    arrayBuffer() { return this.bytes().then((b) => b.buffer); }
    clone() {
      if (this.#unusable()) throw new TypeError('Response.clone: Body has already been consumed.');
      const copy = new Response(this.#body, { status: this.status, statusText: this.statusText, headers: this.headers });
      copy.url = this.url;
      return copy;
    }
    static error() {
      const response = new Response(null, { status: 200 });
      response.status = 0;
      response.statusText = '';
      response.type = 'error';
      return response;
    }
    static redirect(url, status) {
      const code = status === undefined ? 302 : Number(status);
      if ([301, 302, 303, 307, 308].indexOf(code) < 0) throw new RangeError('Invalid status code ' + code);
      let parsed;
      try { parsed = new k.URL(String(url)); } catch { throw new TypeError('Failed to parse URL from ' + url); }
      return new Response(null, { status: code, headers: { location: parsed.href } });
    }
    static json(data, init) {
      const response = new Response(stringify(data), init);
      response.headers.set('content-type', 'application/json');
      return response;
    }
    get [Symbol.toStringTag]() { return 'Response'; }
  }

  function requestOf(input, init) {
    let url;
    let method = 'GET';
    let headers = new Headers();
    let body = null;
    if (typeof input === 'string') url = input;
    else if (input instanceof k.URL) url = input.href;
    else if (input instanceof Request) {
      url = input.url;
      method = input.method;
      headers = new Headers(input.headers);
      body = Request.bodyOf(input);
    }
    else if (input !== null && typeof input === 'object' && typeof input.url === 'string') {
      url = input.url;
      if (input.method !== undefined) method = String(input.method);
      headers = new Headers(input.headers);
      if (input.body !== undefined) body = input.body;
    } else if (input !== null && typeof input === 'object' && typeof input.value === 'string') url = input.value;
    else url = String(input);
    if (init !== undefined && init !== null) {
      if (init.method !== undefined) method = String(init.method);
      if (init.headers !== undefined) headers = new Headers(init.headers);
      if (init.body !== undefined) body = init.body;
    }
    const text = bodyText(body, headers);
    return { url, method: method.toUpperCase(), headers: Object.fromEntries(headers), body: text };
  }

  const pending = new Map();
  function send(kind, request, signal) {
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
      if (signal) signal.addEventListener('abort', () => { if (pending.delete(callId)) reject(k.abortError(signal.reason)); }, { once: true });
    });
  }
  k.settleCall = function (callId, status, headers, body, base64) {
    const call = pending.get(callId);
    if (!call) return;
    pending.delete(callId);
    const safeHeaders = new Headers();
    if (headers !== null && typeof headers === 'object') {
      for (const name of Object.keys(headers)) {
        try { safeHeaders.append(name, headers[name]); } catch {}
      }
    }
    const text = typeof body === 'string' ? body : '';
    call.resolve(fromReply(typeof status === 'number' ? status : 0, safeHeaders, base64 ? new Uint8Array(k.Buffer.from(text, 'base64')) : text, call.url));
  };

  function fetch(input, init) {
    try {
      const request = requestOf(input, init);
      let parsed;
      try { parsed = new k.URL(request.url); } catch { throw new TypeError('Failed to parse URL from ' + request.url); }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
        throw new TypeError('fetch failed: Forge functions can only fetch http: and https: URLs, not ' + parsed.protocol);
      }
      request.url = parsed.href;
      const signal = init && init.signal ? init.signal : input instanceof Request ? input.signal : null;
      return send('fetch', request, signal);
    } catch (e) {
      return Promise.reject(e);
    }
  }
  function forgeFetch(meta, path, init) {
    try {
      if (meta === null || typeof meta !== 'object') throw new TypeError('__forge_fetch__ needs a request description ({type, ...}) as its first argument');
      const description = parseJson(stringify(meta));
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
    try { parsed = new k.URL(request.url); } catch { return Promise.reject(new TypeError('Invalid URL: ' + request.url)); }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return Promise.reject(new TypeError('Forge functions can only send http: and https: requests, not ' + parsed.protocol));
    return send('fetch', { url: parsed.href, method: String(request.method).toUpperCase(), headers: request.headers, body: request.body });
  };
  // Product calls @forge/api 3–4 makes through node-fetch (node-http.ts): the same call __forge_fetch__ makes.
  k.sendProduct = function (meta, request) {
    return send('product', { meta: parseJson(stringify(meta)), url: String(request.url), method: String(request.method).toUpperCase(), headers: request.headers, body: request.body });
  };

  k.define('Headers', Headers);
  k.define('Response', Response);
  k.define('Request', Request);
  k.define('FormData', FormData);
  k.define('fetch', fetch);
  k.define('__forge_fetch__', forgeFetch);
}`;
