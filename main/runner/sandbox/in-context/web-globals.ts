/**
 * In-context source: the web globals Node offers that a context lacks: `DOMException`, `Event`,
 * `EventTarget`, `AbortController`/`AbortSignal`, `structuredClone`, `Blob` and `File`, all built
 * from the context's own realm (`Blob.stream()` is a stream of web-streams.ts).
 */

/** Defines the globals above; shares k.DOMException, k.Blob, k.blobBytes and k.abortError. */
export const WEB_GLOBALS_SOURCE = String.raw`function installWebGlobals(k) {
  const LEGACY_CODES = { IndexSizeError: 1, HierarchyRequestError: 3, WrongDocumentError: 4, InvalidCharacterError: 5, NoModificationAllowedError: 7, NotFoundError: 8, NotSupportedError: 9, InvalidStateError: 11, SyntaxError: 12, InvalidModificationError: 13, NamespaceError: 14, InvalidAccessError: 15, TypeMismatchError: 17, SecurityError: 18, NetworkError: 19, AbortError: 20, URLMismatchError: 21, QuotaExceededError: 22, TimeoutError: 23, InvalidNodeTypeError: 24, DataCloneError: 25 };
  class DOMException extends Error {
    constructor(message, name) {
      super(message === undefined ? '' : String(message));
      Object.defineProperty(this, 'name', { value: name === undefined ? 'Error' : String(name), writable: true, configurable: true });
    }
    get code() { return LEGACY_CODES[this.name] || 0; }
  }
  k.abortError = (reason) => (reason !== undefined ? reason : new DOMException('This operation was aborted', 'AbortError'));

  class Event {
    #stopped = false;
    constructor(type, init) {
      this.type = String(type);
      this.bubbles = Boolean(init && init.bubbles);
      this.cancelable = Boolean(init && init.cancelable);
      this.defaultPrevented = false;
      this.target = null;
      this.currentTarget = null;
      this.timeStamp = Date.now();
    }
    preventDefault() { if (this.cancelable) this.defaultPrevented = true; }
    stopImmediatePropagation() { this.#stopped = true; }
    stopPropagation() {}
    static stopped(event) { return event.#stopped; }
  }
  class CustomEvent extends Event {
    #detail;
    constructor(type, init) {
      super(type, init);
      this.#detail = init && init.detail !== undefined ? init.detail : null;
    }
    get detail() { return this.#detail; }
  }
  class EventTarget {
    #listeners = new Map();
    addEventListener(type, listener, options) {
      if (listener === null || listener === undefined) return;
      const once = options !== null && typeof options === 'object' && Boolean(options.once);
      const list = this.#listeners.get(type) || [];
      if (list.some((entry) => entry.listener === listener)) return;
      list.push({ listener, once });
      this.#listeners.set(type, list);
      if (options !== null && typeof options === 'object' && options.signal) options.signal.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
    }
    removeEventListener(type, listener) {
      const list = this.#listeners.get(type);
      if (list) this.#listeners.set(type, list.filter((entry) => entry.listener !== listener));
    }
    dispatchEvent(event) {
      if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event. Received ' + k.inspect(event));
      event.target = this;
      event.currentTarget = this;
      const handler = this['on' + event.type];
      const list = (this.#listeners.get(event.type) || []).slice();
      if (typeof handler === 'function') list.unshift({ listener: handler, once: false });
      for (const entry of list) {
        if (entry.once) this.removeEventListener(event.type, entry.listener);
        try {
          if (typeof entry.listener === 'function') entry.listener.call(this, event);
          else if (entry.listener && typeof entry.listener.handleEvent === 'function') entry.listener.handleEvent(event);
        } catch (error) {
          k.reportUncaught(error);
        }
        if (Event.stopped(event)) break;
      }
      return !event.defaultPrevented;
    }
  }

  let abortWith = null;
  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    static {
      abortWith = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
        signal.dispatchEvent(new Event('abort'));
      };
    }
    constructor() { super(); this.onabort = null; }
    get aborted() { return this.#aborted; }
    get reason() { return this.#reason; }
    throwIfAborted() { if (this.#aborted) throw this.#reason; }
    static abort(reason) { const signal = new AbortSignal(); abortWith(signal, reason); return signal; }
    static timeout(ms) {
      const signal = new AbortSignal();
      setTimeout(() => abortWith(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), Number(ms));
      return signal;
    }
    static any(signals) {
      const signal = new AbortSignal();
      for (const source of signals) {
        if (source.aborted) { abortWith(signal, source.reason); break; }
        source.addEventListener('abort', () => abortWith(signal, source.reason), { once: true });
      }
      return signal;
    }
  }
  class AbortController {
    #signal = new AbortSignal();
    get signal() { return this.#signal; }
    abort(reason) { abortWith(this.#signal, reason); }
  }

  const TYPED_ARRAYS = [Uint8Array, Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  function structuredClone(value, options) {
    const seen = new Map();
    function refuse(what) { return new DOMException(what + ' could not be cloned.', 'DataCloneError'); }
    function clone(v) {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol')) return v;
      if (typeof v === 'function') throw refuse(k.inspect(v));
      if (typeof v === 'symbol') throw refuse(v.toString());
      if (seen.has(v)) return seen.get(v);
      let out;
      if (Array.isArray(v)) { out = new Array(v.length); seen.set(v, out); for (let i = 0; i < v.length; i++) if (i in v) out[i] = clone(v[i]); return out; }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (ArrayBuffer.isView(v)) {
        const Ctor = v instanceof DataView ? DataView : TYPED_ARRAYS.find((T) => v instanceof T) || Uint8Array;
        const bytes = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength);
        out = Ctor === DataView ? new DataView(bytes) : new Ctor(bytes);
      } else if (v instanceof Map) { out = new Map(); seen.set(v, out); for (const [key, item] of v) out.set(clone(key), clone(item)); return out; }
      else if (v instanceof Set) { out = new Set(); seen.set(v, out); for (const item of v) out.add(clone(item)); return out; }
      else if (v instanceof Error) {
        const Ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[v.name] || Error;
        out = new Ctor(v.message);
        if (v.stack !== undefined) out.stack = v.stack;
        if ('cause' in v) out.cause = clone(v.cause);
      } else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw refuse(k.inspect(v));
      else if (v instanceof Blob) out = v.slice();
      else {
        out = {};
        seen.set(v, out);
        for (const key of Object.keys(v)) out[key] = clone(v[key]);
        return out;
      }
      seen.set(v, out);
      return out;
    }
    if (options !== undefined && options !== null && options.transfer !== undefined && options.transfer.length > 0) throw refuse('A transfer list');
    return clone(value);
  }

  const blobBytes = new WeakMap();
  class Blob {
    #bytes;
    #type;
    constructor(parts, options) {
      const chunks = [];
      for (const part of parts === undefined ? [] : Array.from(parts)) {
        if (part instanceof Blob) chunks.push(part.#bytes);
        else if (typeof part === 'string') chunks.push(k.utf8Encode(part));
        else {
          const view = k.bytesOf(part);
          chunks.push(view ? new Uint8Array(view) : k.utf8Encode(String(part)));
        }
      }
      const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
      this.#bytes = new Uint8Array(total);
      let at = 0;
      for (const chunk of chunks) { this.#bytes.set(chunk, at); at += chunk.length; }
      this.#type = options && options.type !== undefined ? String(options.type).toLowerCase() : '';
      blobBytes.set(this, this.#bytes);
    }
    get size() { return this.#bytes.length; }
    get type() { return this.#type; }
    slice(start, end, type) {
      const size = this.#bytes.length;
      const at = (n, fallback) => (n === undefined ? fallback : n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
      return new Blob([this.#bytes.subarray(at(start, 0), Math.max(at(start, 0), at(end, size)))], { type: type === undefined ? '' : type });
    }
    text() { return Promise.resolve(k.utf8Decode(this.#bytes)); }
    arrayBuffer() { return Promise.resolve(this.#bytes.slice().buffer); }
    bytes() { return Promise.resolve(this.#bytes.slice()); }
    stream() { return new k.ReadableStream({ start: (controller) => { controller.enqueue(this.#bytes.slice()); controller.close(); } }); }
    get [Symbol.toStringTag]() { return 'Blob'; }
  }

  class File extends Blob {
    #name;
    #lastModified;
    constructor(bits, name, options) {
      if (arguments.length < 2) throw new TypeError('The "fileBits" and "fileName" arguments must be specified');
      super(bits, options);
      this.#name = String(name);
      this.#lastModified = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
    }
    get name() { return this.#name; }
    get lastModified() { return this.#lastModified; }
    get [Symbol.toStringTag]() { return 'File'; }
  }

  k.DOMException = DOMException;
  k.Blob = Blob;
  k.File = File;
  k.blobBytes = (blob) => blobBytes.get(blob) || null;
  k.define('DOMException', DOMException);
  k.define('Event', Event);
  k.define('EventTarget', EventTarget);
  k.define('AbortSignal', AbortSignal);
  k.define('AbortController', AbortController);
  k.define('structuredClone', structuredClone);
  k.define('Blob', Blob);
  k.define('File', File);
  k.define('CustomEvent', CustomEvent);
}`;
