/**
 * In-context piece: the web globals Node offers that a context lacks: `DOMException`, `Event`,
 * `EventTarget`, `AbortController`/`AbortSignal`, `structuredClone`, `Blob` and `File`, all built
 * from the context's own realm (`Blob.stream()` is a stream of web-streams.ts). Runs as text inside
 * the context: see kernel.ts.
 */
import type { Blob as NodeBlob, File as NodeFile } from 'node:buffer';
import type { Kernel } from './kernel';

/** The DOMException class, as Node's typings describe it. */
type DOMExceptionClass = typeof DOMException;

interface EventInit {
  bubbles?: unknown;
  cancelable?: unknown;
  detail?: unknown;
}

interface ListenerOptions {
  once?: unknown;
  signal?: { addEventListener(type: string, listener: () => void, options: { once: boolean }): void };
}

interface ListenerEntry {
  listener: unknown;
  once: boolean;
}

type TypedArrayClass = new (buffer: ArrayBuffer) => ArrayBufferView;

declare module './kernel' {
  interface Kernel {
    DOMException: DOMExceptionClass;
    Blob: typeof NodeBlob;
    File: typeof NodeFile;
    /** A Blob's bytes (not a copy), or null for anything that is not a Blob of this realm. */
    blobBytes(blob: unknown): Uint8Array | null;
    /** What an aborted operation rejects with: the signal's reason, or an AbortError. */
    abortError(reason: unknown): unknown;
  }
}

/** Defines the globals above; shares k.DOMException, k.Blob, k.File, k.blobBytes and k.abortError. */
export function installWebGlobals(k: Kernel): void {
  const LEGACY_CODES: Record<string, number> = {
    IndexSizeError: 1,
    HierarchyRequestError: 3,
    WrongDocumentError: 4,
    InvalidCharacterError: 5,
    NoModificationAllowedError: 7,
    NotFoundError: 8,
    NotSupportedError: 9,
    InvalidStateError: 11,
    SyntaxError: 12,
    InvalidModificationError: 13,
    NamespaceError: 14,
    InvalidAccessError: 15,
    TypeMismatchError: 17,
    SecurityError: 18,
    NetworkError: 19,
    AbortError: 20,
    URLMismatchError: 21,
    QuotaExceededError: 22,
    TimeoutError: 23,
    InvalidNodeTypeError: 24,
    DataCloneError: 25,
  };
  class DOMException extends Error {
    constructor(message?: unknown, name?: unknown) {
      super(message === undefined ? '' : String(message));
      Object.defineProperty(this, 'name', { value: name === undefined ? 'Error' : String(name), writable: true, configurable: true });
    }
    get code(): number {
      return LEGACY_CODES[this.name] || 0;
    }
  }
  k.abortError = (reason) => (reason !== undefined ? reason : new DOMException('This operation was aborted', 'AbortError'));

  class Event {
    declare type: string;
    declare bubbles: boolean;
    declare cancelable: boolean;
    declare defaultPrevented: boolean;
    declare target: EventTarget | null;
    declare currentTarget: EventTarget | null;
    declare timeStamp: number;
    #stopped = false;
    constructor(type: unknown, init?: EventInit | null) {
      this.type = String(type);
      this.bubbles = Boolean(init && init.bubbles);
      this.cancelable = Boolean(init && init.cancelable);
      this.defaultPrevented = false;
      this.target = null;
      this.currentTarget = null;
      this.timeStamp = Date.now();
    }
    preventDefault() {
      if (this.cancelable) this.defaultPrevented = true;
    }
    stopImmediatePropagation() {
      this.#stopped = true;
    }
    stopPropagation() {}
    static stopped(event: Event): boolean {
      return event.#stopped;
    }
  }
  class CustomEvent extends Event {
    #detail: unknown;
    constructor(type: unknown, init?: EventInit | null) {
      super(type, init);
      this.#detail = init && init.detail !== undefined ? init.detail : null;
    }
    get detail() {
      return this.#detail;
    }
  }
  class EventTarget {
    #listeners = new Map<unknown, ListenerEntry[]>();
    addEventListener(type: unknown, listener: unknown, options?: unknown): void {
      if (listener === null || listener === undefined) return;
      const once = options !== null && typeof options === 'object' && Boolean((options as ListenerOptions).once);
      const list = this.#listeners.get(type) || [];
      if (list.some((entry) => entry.listener === listener)) return;
      list.push({ listener, once });
      this.#listeners.set(type, list);
      if (options !== null && typeof options === 'object' && (options as ListenerOptions).signal) {
        (options as Required<ListenerOptions>).signal.addEventListener('abort', () => this.removeEventListener(type, listener), { once: true });
      }
    }
    removeEventListener(type: unknown, listener: unknown): void {
      const list = this.#listeners.get(type);
      if (list)
        this.#listeners.set(
          type,
          list.filter((entry) => entry.listener !== listener),
        );
    }
    dispatchEvent(event: unknown): boolean {
      if (!(event instanceof Event)) throw new TypeError('The "event" argument must be an instance of Event. Received ' + k.inspect(event));
      event.target = this;
      event.currentTarget = this;
      const handler = (this as unknown as Record<string, unknown>)['on' + event.type];
      const list = (this.#listeners.get(event.type) || []).slice();
      if (typeof handler === 'function') list.unshift({ listener: handler, once: false });
      for (const entry of list) {
        if (entry.once) this.removeEventListener(event.type, entry.listener);
        try {
          const listener = entry.listener;
          if (typeof listener === 'function') listener.call(this, event);
          else if (listener && typeof (listener as { handleEvent?: unknown }).handleEvent === 'function') (listener as { handleEvent(event: Event): unknown }).handleEvent(event);
        } catch (error) {
          k.reportUncaught(error);
        }
        if (Event.stopped(event)) break;
      }
      return !event.defaultPrevented;
    }
  }

  let abortWith!: (signal: AbortSignal, reason: unknown) => void;
  class AbortSignal extends EventTarget {
    declare onabort: unknown;
    #aborted = false;
    #reason: unknown = undefined;
    static {
      abortWith = (signal, reason) => {
        if (signal.#aborted) return;
        signal.#aborted = true;
        signal.#reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
        signal.dispatchEvent(new Event('abort'));
      };
    }
    constructor() {
      super();
      this.onabort = null;
    }
    get aborted() {
      return this.#aborted;
    }
    get reason() {
      return this.#reason;
    }
    throwIfAborted() {
      if (this.#aborted) throw this.#reason;
    }
    static abort(reason?: unknown) {
      const signal = new AbortSignal();
      abortWith(signal, reason);
      return signal;
    }
    static timeout(ms: unknown) {
      const signal = new AbortSignal();
      setTimeout(() => abortWith(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), Number(ms));
      return signal;
    }
    static any(signals: Iterable<AbortSignal>) {
      const signal = new AbortSignal();
      for (const source of signals) {
        if (source.aborted) {
          abortWith(signal, source.reason);
          break;
        }
        source.addEventListener('abort', () => abortWith(signal, source.reason), { once: true });
      }
      return signal;
    }
  }
  class AbortController {
    #signal = new AbortSignal();
    get signal() {
      return this.#signal;
    }
    abort(reason?: unknown) {
      abortWith(this.#signal, reason);
    }
  }

  const TYPED_ARRAYS: TypedArrayClass[] = [Uint8Array, Int8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, Float32Array, Float64Array, BigInt64Array, BigUint64Array];
  function structuredClone(value: unknown, options?: { transfer?: { length: number } } | null): unknown {
    const seen = new Map<unknown, unknown>();
    function refuse(what: string): DOMException {
      return new DOMException(what + ' could not be cloned.', 'DataCloneError');
    }
    function clone(v: unknown): unknown {
      if (v === null || (typeof v !== 'object' && typeof v !== 'function' && typeof v !== 'symbol')) return v;
      if (typeof v === 'function') throw refuse(k.inspect(v));
      if (typeof v === 'symbol') throw refuse(v.toString());
      if (seen.has(v)) return seen.get(v);
      let out: unknown;
      if (Array.isArray(v)) {
        const array: unknown[] = new Array(v.length);
        seen.set(v, array);
        for (let i = 0; i < v.length; i++) if (i in v) array[i] = clone(v[i]);
        return array;
      }
      if (v instanceof Date) out = new Date(v.getTime());
      else if (v instanceof RegExp) out = new RegExp(v.source, v.flags);
      else if (v instanceof ArrayBuffer) out = v.slice(0);
      else if (ArrayBuffer.isView(v)) {
        const Ctor: TypedArrayClass = v instanceof DataView ? DataView : TYPED_ARRAYS.find((T) => v instanceof T) || Uint8Array;
        const bytes = v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength) as ArrayBuffer;
        out = Ctor === DataView ? new DataView(bytes) : new Ctor(bytes);
      } else if (v instanceof Map) {
        const map = new Map<unknown, unknown>();
        seen.set(v, map);
        for (const [key, item] of v) map.set(clone(key), clone(item));
        return map;
      } else if (v instanceof Set) {
        const set = new Set<unknown>();
        seen.set(v, set);
        for (const item of v) set.add(clone(item));
        return set;
      } else if (v instanceof Error) {
        const Ctor = ({ EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError } as Record<string, ErrorConstructor | undefined>)[v.name] || Error;
        const error: Error & { cause?: unknown } = new Ctor(v.message);
        if (v.stack !== undefined) error.stack = v.stack;
        if ('cause' in v) error.cause = clone(v.cause);
        out = error;
      } else if (v instanceof Promise || v instanceof WeakMap || v instanceof WeakSet) throw refuse(k.inspect(v));
      else if (v instanceof Blob) out = v.slice();
      else {
        const object: Record<string, unknown> = {};
        seen.set(v, object);
        for (const key of Object.keys(v)) object[key] = clone((v as Record<string, unknown>)[key]);
        return object;
      }
      seen.set(v, out);
      return out;
    }
    if (options !== undefined && options !== null && options.transfer !== undefined && options.transfer.length > 0) throw refuse('A transfer list');
    return clone(value);
  }

  const blobBytes = new WeakMap<object, Uint8Array>();
  class Blob {
    #bytes: Uint8Array;
    #type: string;
    constructor(parts?: Iterable<unknown> | ArrayLike<unknown>, options?: { type?: unknown } | null) {
      const chunks: Uint8Array[] = [];
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
      for (const chunk of chunks) {
        this.#bytes.set(chunk, at);
        at += chunk.length;
      }
      this.#type = options && options.type !== undefined ? String(options.type).toLowerCase() : '';
      blobBytes.set(this, this.#bytes);
    }
    get size() {
      return this.#bytes.length;
    }
    get type() {
      return this.#type;
    }
    slice(start?: number, end?: number, type?: unknown) {
      const size = this.#bytes.length;
      const at = (n: number | undefined, fallback: number) => (n === undefined ? fallback : n < 0 ? Math.max(size + n, 0) : Math.min(n, size));
      return new Blob([this.#bytes.subarray(at(start, 0), Math.max(at(start, 0), at(end, size)))], { type: type === undefined ? '' : type });
    }
    text() {
      return Promise.resolve(k.utf8Decode(this.#bytes));
    }
    arrayBuffer() {
      return Promise.resolve(this.#bytes.slice().buffer);
    }
    bytes() {
      return Promise.resolve(this.#bytes.slice());
    }
    stream() {
      return new k.ReadableStream({
        start: (controller) => {
          controller.enqueue(this.#bytes.slice());
          controller.close();
        },
      });
    }
    get [Symbol.toStringTag]() {
      return 'Blob';
    }
  }

  class File extends Blob {
    #name: string;
    #lastModified: number;
    constructor(bits: Iterable<unknown> | ArrayLike<unknown>, name: unknown, options?: { type?: unknown; lastModified?: unknown } | null) {
      if (arguments.length < 2) throw new TypeError('The "fileBits" and "fileName" arguments must be specified');
      super(bits, options);
      this.#name = String(name);
      this.#lastModified = options && options.lastModified !== undefined ? Number(options.lastModified) : Date.now();
    }
    get name() {
      return this.#name;
    }
    get lastModified() {
      return this.#lastModified;
    }
    override get [Symbol.toStringTag]() {
      return 'File';
    }
  }

  k.DOMException = DOMException as unknown as DOMExceptionClass;
  k.Blob = Blob as unknown as typeof NodeBlob;
  k.File = File as unknown as typeof NodeFile;
  k.blobBytes = (blob) => blobBytes.get(blob as object) || null;
  k.define('DOMException', DOMException);
  k.define('Event', Event);
  k.define('EventTarget', EventTarget);
  k.define('AbortSignal', AbortSignal);
  k.define('AbortController', AbortController);
  k.define('structuredClone', structuredClone);
  k.define('Blob', Blob);
  k.define('File', File);
  k.define('CustomEvent', CustomEvent);
}
