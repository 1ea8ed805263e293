/**
 * In-context source: `require` for app bundles. The builtins the real @forge packages and common
 * SDKs load (async_hooks, assert, buffer, events, fs, http/https over the egress gateway, os,
 * path, perf_hooks, process, punycode, querystring, stream, string_decoder, timers, url, util), and zlib and
 * crypto (whose bytes are worked on by the host, as text) exist, all built in-context; anything
 * else fails with "Cannot find module".
 */

import { WORKER_THREADS_SOURCE } from './node-worker-threads';

/** Shares k.require. */
export const MODULES_SOURCE = String.raw`function installModules(k) {
  const builtinNames = k.settings.builtinModules;
  let builtins = null;

  // Built on first require of util or async_hooks, not in every context.
  let helpers = null;
  function nodeHelpers() {
    if (helpers !== null) return helpers;
    // One invocation per context, so a pass-through store is enough (RUNNER.md): the store set by
    // run() stays visible to the async work it starts, and is restored when run() returns synchronously.
    class AsyncLocalStorage {
      #store = undefined;
      #enabled = true;
      static bind(fn) { return fn; }
      static snapshot() { return (fn, ...args) => fn(...args); }
      getStore() { return this.#enabled ? this.#store : undefined; }
      enterWith(store) { this.#enabled = true; this.#store = store; }
      disable() { this.#enabled = false; this.#store = undefined; }
      run(store, fn, ...args) {
        const previous = this.#store;
        this.#enabled = true;
        this.#store = store;
        let result;
        try { result = fn(...args); } catch (e) { this.#store = previous; throw e; }
        if (result === null || (typeof result !== 'object' && typeof result !== 'function') || typeof result.then !== 'function') this.#store = previous;
        return result;
      }
      exit(fn, ...args) {
        const previous = this.#store;
        this.#store = undefined;
        try { return fn(...args); } finally { this.#store = previous; }
      }
    }
    class AsyncResource {
      constructor(type) { this.type = type; }
      static bind(fn) { return fn; }
      bind(fn) { return fn; }
      runInAsyncScope(fn, thisArg, ...args) { return fn.apply(thisArg, args); }
      emitDestroy() { return this; }
      asyncId() { return 1; }
      triggerAsyncId() { return 0; }
    }
    const hook = { enable() { return hook; }, disable() { return hook; } };

    const customPromisify = Symbol.for('nodejs.util.promisify.custom');
    function promisify(fn) {
      if (typeof fn !== 'function') throw new TypeError('The "original" argument must be of type function');
      if (typeof fn[customPromisify] === 'function') return fn[customPromisify];
      return function (...args) {
        return new Promise((resolve, reject) => {
          fn.call(this, ...args, (error, value) => (error ? reject(error) : resolve(value)));
        });
      };
    }
    promisify.custom = customPromisify;
    const inspect = (value, options) => k.inspect(value, options);
    inspect.custom = Symbol.for('nodejs.util.inspect.custom');
    const util = {
      format: k.format,
      inspect,
      promisify,
      callbackify(fn) {
        return function (...args) {
          const callback = args.pop();
          fn.apply(this, args).then((value) => callback(null, value), (error) => callback(error || new Error('Promise was rejected with a falsy value')));
        };
      },
      inherits(ctor, superCtor) {
        Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
        Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
      },
      deprecate: (fn) => fn,
      debuglog: () => { const log = () => {}; log.enabled = false; return log; },
      isDeepStrictEqual: (a, b) => k.deepEqual(a, b, true),
      isArray: Array.isArray,
      isBuffer: (v) => k.Buffer.isBuffer(v),
      isFunction: (v) => typeof v === 'function',
      isString: (v) => typeof v === 'string',
      isObject: (v) => v !== null && typeof v === 'object',
      stripVTControlCharacters: (s) => String(s).replace(/\u001b\[[0-9;]*[A-Za-z]/g, ''),
      types: {
        isPromise: (v) => v instanceof Promise,
        isDate: (v) => v instanceof Date,
        isRegExp: (v) => v instanceof RegExp,
        isNativeError: (v) => v instanceof Error,
        isUint8Array: (v) => v instanceof Uint8Array,
        isTypedArray: (v) => ArrayBuffer.isView(v) && !(v instanceof DataView),
        isArrayBuffer: (v) => v instanceof ArrayBuffer,
        isAnyArrayBuffer: (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer),
        isArrayBufferView: (v) => ArrayBuffer.isView(v),
        isDataView: (v) => v instanceof DataView,
        isMap: (v) => v instanceof Map,
        isSet: (v) => v instanceof Set,
        isWeakMap: (v) => v instanceof WeakMap,
        isWeakSet: (v) => v instanceof WeakSet,
        isAsyncFunction: (v) => typeof v === 'function' && v[Symbol.toStringTag] === 'AsyncFunction',
        isGeneratorFunction: (v) => typeof v === 'function' && /GeneratorFunction$/.test(String(v[Symbol.toStringTag])),
      },
      TextEncoder: globalThis.TextEncoder,
      TextDecoder: globalThis.TextDecoder,
    };
    helpers = { AsyncLocalStorage, AsyncResource, hook, util };
    return helpers;
  }
  k.whenIdle(nodeHelpers);

  const factories = {
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
      const isUtf8 = (input) => { const bytes = k.bytesOf(input); if (!bytes) throw k.argError('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input); try { new TextDecoder('utf-8', { fatal: true }).decode(bytes); return true; } catch { return false; } };
      const isAscii = (input) => { const bytes = k.bytesOf(input); if (!bytes) throw k.argError('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input); return bytes.every((byte) => byte < 128); };
      return {
        Buffer: k.Buffer, SlowBuffer: b.SlowBuffer, kMaxLength: b.kMaxLength, kStringMaxLength: 536870888, INSPECT_MAX_BYTES: b.INSPECT_MAX_BYTES,
        atob: globalThis.atob, btoa: globalThis.btoa, Blob: k.Blob, File: k.File, isUtf8, isAscii,
        constants: { MAX_LENGTH: b.kMaxLength, MAX_STRING_LENGTH: 536870888 },
      };
    },
    events: () => k.EventEmitter,
    http: () => k.loadHttp('http:'),
    https: () => k.loadHttp('https:'),
    os: () => k.loadOs(),
    punycode: () => k.nodeLibs.punycode,
    querystring: () => {
      const qs = k.nodeLibs.querystring;
      return { parse: qs.parse, decode: qs.parse, stringify: qs.stringify, encode: qs.stringify, escape: (s) => encodeURIComponent(String(s)), unescape: (s) => { try { return decodeURIComponent(String(s)); } catch { return String(s); } } };
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
    url: () => k.loadUrlModule(),
    util: () => nodeHelpers().util,
    worker_threads: () => (${WORKER_THREADS_SOURCE})(k),
    zlib: () => k.loadZlib(),
  };
  const cache = new Map();

  function notFound(name, why) {
    const e = new Error("Cannot find module '" + name + "': " + why);
    e.code = 'MODULE_NOT_FOUND';
    return e;
  }
  function require(id) {
    if (typeof id !== 'string') {
      const e = new TypeError('The "id" argument must be of type string. Received ' + k.inspect(id));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    const name = id.slice(0, 5) === 'node:' ? id.slice(5) : id;
    if (cache.has(name)) return cache.get(name);
    if (Object.prototype.hasOwnProperty.call(factories, name)) {
      const value = factories[name]();
      cache.set(name, value);
      return value;
    }
    if (builtins === null) builtins = new Set(builtinNames);
    if (builtins.has(name) || id.slice(0, 5) === 'node:') throw notFound(id, "Forge functions run without Node's " + name + ' module here');
    if (name.charAt(0) === '.' || name.charAt(0) === '/') throw notFound(id, 'the app bundle must be a single file (bundle its own files into it)');
    throw notFound(id, 'the app bundle must include its dependencies (it is not bundled with ' + id + ')');
  }
  require.resolve = function (id) { throw notFound(String(id), 'modules cannot be resolved inside a Forge function'); };
  require.cache = Object.create(null);
  require.main = undefined;
  k.require = require;
}`;
