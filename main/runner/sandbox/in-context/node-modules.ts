/**
 * In-context piece: `require` for app bundles. The builtins the real @forge packages and common
 * SDKs load (async_hooks, assert, buffer, events, fs, http/https over the egress gateway, os,
 * path, perf_hooks, process, punycode, querystring, stream, string_decoder, timers, url, util), and zlib and
 * crypto (whose bytes are worked on by the host, as text) exist, all built in-context; anything
 * else fails with "Cannot find module". Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

type Factory = () => unknown;
type NodeCallback = (error: unknown, value?: unknown) => void;
type AnyFunction = (...args: unknown[]) => unknown;

/** querystring-es3, whose type node-url-legacy.ts declares with only the parse it uses. */
interface QueryStringLib {
  parse(text: string): Record<string, unknown>;
  stringify(value: unknown, sep?: string, eq?: string): string;
}

/** `require` as app code gets it. */
export type RequireFunction = ((id: unknown) => unknown) & {
  resolve(id: unknown): never;
  cache: Record<string, unknown>;
  main: undefined;
};

declare module './node-libs' {
  interface NodeLibs {
    /** The punycode package (the `punycode` module as it is). */
    punycode: object;
  }
}

declare module './kernel' {
  interface Kernel {
    /** The bundle's `require`: the builtins built in-context; anything else is "Cannot find module". */
    require: RequireFunction;
  }
}

/** Shares k.require. */
export function installModules(k: Kernel): void {
  const builtinNames = k.settings.builtinModules;
  let builtins: Set<string> | null = null;

  // Built on first require of util or async_hooks, not in every context.
  function buildHelpers() {
    // One invocation per context, so a pass-through store is enough (RUNNER.md): the store set by
    // run() stays visible to the async work it starts, and is restored when run() returns synchronously.
    class AsyncLocalStorage {
      #store: unknown = undefined;
      #enabled = true;
      static bind(fn: unknown) {
        return fn;
      }
      static snapshot() {
        return (fn: AnyFunction, ...args: unknown[]) => fn(...args);
      }
      getStore() {
        return this.#enabled ? this.#store : undefined;
      }
      enterWith(store: unknown) {
        this.#enabled = true;
        this.#store = store;
      }
      disable() {
        this.#enabled = false;
        this.#store = undefined;
      }
      run(store: unknown, fn: AnyFunction, ...args: unknown[]) {
        const previous = this.#store;
        this.#enabled = true;
        this.#store = store;
        let result: unknown;
        try {
          result = fn(...args);
        } catch (e) {
          this.#store = previous;
          throw e;
        }
        if (result === null || (typeof result !== 'object' && typeof result !== 'function') || typeof (result as { then?: unknown }).then !== 'function') this.#store = previous;
        return result;
      }
      exit(fn: AnyFunction, ...args: unknown[]) {
        const previous = this.#store;
        this.#store = undefined;
        try {
          return fn(...args);
        } finally {
          this.#store = previous;
        }
      }
    }
    class AsyncResource {
      declare type: unknown;
      constructor(type: unknown) {
        this.type = type;
      }
      static bind(fn: unknown) {
        return fn;
      }
      bind(fn: unknown) {
        return fn;
      }
      runInAsyncScope(fn: AnyFunction, thisArg: unknown, ...args: unknown[]) {
        return fn.apply(thisArg, args);
      }
      emitDestroy() {
        return this;
      }
      asyncId() {
        return 1;
      }
      triggerAsyncId() {
        return 0;
      }
    }
    const hook = {
      enable() {
        return hook;
      },
      disable() {
        return hook;
      },
    };

    const customPromisify = Symbol.for('nodejs.util.promisify.custom');
    function promisify(fn: unknown) {
      if (typeof fn !== 'function') throw new TypeError('The "original" argument must be of type function');
      const original = fn as unknown as Record<symbol, unknown>;
      if (typeof original[customPromisify] === 'function') return original[customPromisify];
      return function (this: unknown, ...args: unknown[]) {
        return new Promise((resolve, reject) => {
          fn.call(this, ...args, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)));
        });
      };
    }
    promisify.custom = customPromisify;
    const inspect = (value: unknown, options?: object) => k.inspect(value, options);
    inspect.custom = Symbol.for('nodejs.util.inspect.custom');
    const util = {
      format: k.format,
      inspect,
      promisify,
      callbackify(fn: (...args: unknown[]) => Promise<unknown>) {
        return function (this: unknown, ...args: unknown[]) {
          const callback = args.pop() as NodeCallback;
          fn.apply(this, args).then(
            (value) => callback(null, value),
            (error) => callback(error || new Error('Promise was rejected with a falsy value')),
          );
        };
      },
      inherits(ctor: { prototype: object }, superCtor: { prototype: object }) {
        Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
        Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
      },
      deprecate: (fn: unknown) => fn,
      debuglog: () => {
        const log = () => {};
        log.enabled = false;
        return log;
      },
      isDeepStrictEqual: (a: unknown, b: unknown) => k.deepEqual(a, b, true),
      isArray: Array.isArray,
      isBuffer: (v: unknown) => k.Buffer.isBuffer(v),
      isFunction: (v: unknown) => typeof v === 'function',
      isString: (v: unknown) => typeof v === 'string',
      isObject: (v: unknown) => v !== null && typeof v === 'object',
      stripVTControlCharacters: (s: unknown) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
      types: {
        isPromise: (v: unknown) => v instanceof Promise,
        isDate: (v: unknown) => v instanceof Date,
        isRegExp: (v: unknown) => v instanceof RegExp,
        isNativeError: (v: unknown) => v instanceof Error,
        isUint8Array: (v: unknown) => v instanceof Uint8Array,
        isTypedArray: (v: unknown) => ArrayBuffer.isView(v) && !(v instanceof DataView),
        isArrayBuffer: (v: unknown) => v instanceof ArrayBuffer,
        isAnyArrayBuffer: (v: unknown) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer),
        isArrayBufferView: (v: unknown) => ArrayBuffer.isView(v),
        isDataView: (v: unknown) => v instanceof DataView,
        isMap: (v: unknown) => v instanceof Map,
        isSet: (v: unknown) => v instanceof Set,
        isWeakMap: (v: unknown) => v instanceof WeakMap,
        isWeakSet: (v: unknown) => v instanceof WeakSet,
        isAsyncFunction: (v: unknown) => typeof v === 'function' && (v as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'AsyncFunction',
        isGeneratorFunction: (v: unknown) => typeof v === 'function' && /GeneratorFunction$/.test(String((v as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag])),
      },
      TextEncoder: globalThis.TextEncoder,
      TextDecoder: globalThis.TextDecoder,
    };
    return { AsyncLocalStorage, AsyncResource, hook, util };
  }
  let helpers: ReturnType<typeof buildHelpers> | null = null;
  function nodeHelpers() {
    if (helpers === null) helpers = buildHelpers();
    return helpers;
  }
  k.whenIdle(nodeHelpers);

  const factories: Record<string, Factory> = {
    async_hooks: () => ({
      AsyncLocalStorage: nodeHelpers().AsyncLocalStorage,
      AsyncResource: nodeHelpers().AsyncResource,
      createHook: () => nodeHelpers().hook,
      executionAsyncId: () => 1,
      triggerAsyncId: () => 0,
      executionAsyncResource: () => ({}),
    }),
    crypto: () => k.loadCrypto(),
    assert: () => k.loadAssert(),
    'assert/strict': () => k.loadAssert().strict,
    buffer: () => {
      const b = k.nodeLibs.buffer;
      const isUtf8 = (input: unknown) => {
        const bytes = k.bytesOf(input);
        if (!bytes) throw k.argError('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
        try {
          new TextDecoder('utf-8', { fatal: true }).decode(bytes);
          return true;
        } catch {
          return false;
        }
      };
      const isAscii = (input: unknown) => {
        const bytes = k.bytesOf(input);
        if (!bytes) throw k.argError('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
        return bytes.every((byte) => byte < 128);
      };
      return {
        Buffer: k.Buffer,
        SlowBuffer: b.SlowBuffer,
        kMaxLength: b.kMaxLength,
        kStringMaxLength: 536870888,
        INSPECT_MAX_BYTES: b.INSPECT_MAX_BYTES,
        atob: globalThis.atob,
        btoa: globalThis.btoa,
        Blob: k.Blob,
        File: k.File,
        isUtf8,
        isAscii,
        constants: { MAX_LENGTH: b.kMaxLength, MAX_STRING_LENGTH: 536870888 },
      };
    },
    events: () => k.EventEmitter,
    http: () => k.loadHttp('http:'),
    https: () => k.loadHttp('https:'),
    os: () => k.loadOs(),
    punycode: () => k.nodeLibs.punycode,
    querystring: () => {
      const qs = k.nodeLibs.querystring as QueryStringLib;
      return {
        parse: qs.parse,
        decode: qs.parse,
        stringify: qs.stringify,
        encode: qs.stringify,
        escape: (s: unknown) => encodeURIComponent(String(s)),
        unescape: (s: unknown) => {
          try {
            return decodeURIComponent(String(s));
          } catch {
            return String(s);
          }
        },
      };
    },
    stream: () => k.loadStream(),
    'stream/promises': () => k.loadStream().promises,
    'stream/web': () => Object.assign({}, k.webStreams, k.webStreamCodecs),
    string_decoder: () => ({ StringDecoder: k.nodeLibs.stringDecoder.StringDecoder }),
    fs: () => k.fs,
    'fs/promises': () => k.fs.promises,
    path: () => k.path,
    perf_hooks: () => k.perfHooks,
    'path/posix': () => k.path,
    process: () => k.process,
    timers: () => k.timers,
    'timers/promises': () => k.timers.promises,
    // A function's output goes to the platform's log, never to a terminal (packages such as debug
    // and supports-color ask at load whether stderr is one).
    tty: () => {
      function ttyInitFailed(): never {
        const e: CodedError = new Error('TTY initialization failed: uv_tty_init returned EINVAL (invalid argument)');
        e.code = 'ERR_TTY_INIT_FAILED';
        throw e;
      }
      return {
        isatty: function isatty(fd: unknown): boolean {
          void fd;
          return false;
        },
        ReadStream: function ReadStream() {
          ttyInitFailed();
        },
        WriteStream: function WriteStream() {
          ttyInitFailed();
        },
      };
    },
    url: () => k.loadUrlModule(),
    util: () => nodeHelpers().util,
    worker_threads: () => k.loadWorkerThreads(),
    zlib: () => k.loadZlib(),
  };
  const cache = new Map<string, unknown>();

  function notFound(name: string, why: string): CodedError {
    const e: CodedError = new Error("Cannot find module '" + name + "': " + why);
    e.code = 'MODULE_NOT_FOUND';
    return e;
  }
  function require(id: unknown): unknown {
    if (typeof id !== 'string') {
      const e: CodedError = new TypeError('The "id" argument must be of type string. Received ' + k.inspect(id));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const name = id.slice(0, 5) === 'node:' ? id.slice(5) : id;
    if (cache.has(name)) return cache.get(name);
    if (Object.prototype.hasOwnProperty.call(factories, name)) {
      const value = (factories[name] as Factory)();
      cache.set(name, value);
      return value;
    }
    if (builtins === null) builtins = new Set(builtinNames);
    if (builtins.has(name) || id.slice(0, 5) === 'node:') throw notFound(id, "Forge functions run without Node's " + name + ' module here');
    if (name.charAt(0) === '.' || name.charAt(0) === '/') throw notFound(id, 'the app bundle must be a single file (bundle its own files into it)');
    throw notFound(id, 'the app bundle must include its dependencies (it is not bundled with ' + id + ')');
  }
  require.resolve = function (id: unknown): never {
    throw notFound(String(id), 'modules cannot be resolved inside a Forge function');
  };
  require.cache = Object.create(null) as Record<string, unknown>;
  require.main = undefined;
  k.require = require;
}
