import vm from 'node:vm';
import { SANDBOX_SCRIPT_PREFIX } from './app-script-name';
import { CONSOLE_SOURCE } from './in-context/console';
import { CRYPTO_SOURCE } from './in-context/node-crypto';
import { CRYPTO_KEYS_SOURCE } from './in-context/node-crypto-keys';
import { ENCODING_SOURCE } from './in-context/encoding';
import { FETCH_SOURCE } from './in-context/fetch';
import { FORMAT_SOURCE } from './in-context/format';
import { HOST_BYTES_SOURCE } from './in-context/host-bytes';
import { EVENTS_SOURCE } from './in-context/node-events';
import { FS_SOURCE } from './in-context/node-fs';
import { MESSAGING_SOURCE } from './in-context/messaging';
import { MODULES_SOURCE } from './in-context/node-modules';
import { PATH_SOURCE } from './in-context/node-path';
import { PERFORMANCE_SOURCE } from './in-context/performance';
import { RUNTIME_SOURCE } from './in-context/runtime';
import { STACK_FRAMES_SOURCE } from './in-context/stack-frames';
import { TIMERS_SOURCE } from './in-context/timers';
import { URL_SOURCE } from './in-context/url';
import { WEB_GLOBALS_SOURCE } from './in-context/web-globals';
import { WEB_STREAM_CODECS_SOURCE } from './in-context/web-stream-codecs';
import { WEB_STREAMS_SOURCE } from './in-context/web-streams';
import { ZLIB_SOURCE } from './in-context/node-zlib';
import { ASSERT_SOURCE } from './in-context/node-assert';
import { HTTP_SOURCE } from './in-context/node-http';
import { nodeLibsSource } from './in-context/node-libs';
import { OS_SOURCE } from './in-context/node-os';
import { STREAM_SOURCE } from './in-context/node-stream';
import { URL_LEGACY_SOURCE } from './in-context/node-url-legacy';
import { nodeLibsText } from './node-libs-text';

/*
 * The in-context half of the membrane. The bootstrap script evaluates to `__anvil_run__`, a
 * function of the context's own realm with four phases:
 *   1. install: the host calls it once, before any app code exists (and usually before the
 *      invocation is known: contexts are prepared ahead, see fresh-context.ts), with the ONE host
 *      function (prototype removed, primitives in and out) and the process-wide settings as JSON
 *      text; it builds every global inside the context (the rarer ones lazily) and returns four
 *      context functions: the factory for the error `import()` rejects with, a one-shot setter for
 *      the bundle's module wrapper (which the host evaluates only after this, so no app code ever
 *      runs before the globals exist), a one-shot `begin` that takes the invocation's own settings,
 *      and `warm`, which builds the lazy globals ahead while no app code has run;
 *   2. begin: the host hands over the invocation (env, payload, contexts, ids) as JSON text, and
 *      the installers' begin hooks fill `process.env`, `__forge_runtime__` and the clocks;
 *   3. the entry script calls it under the invocation's timeout: it runs the bundle's top level and
 *      calls the export with the payload and context parsed here;
 *   4. the entry script calls it again whenever the host has events (timers, replies): it pulls
 *      them one by one as JSON text and runs their callbacks.
 * The host function is only ever held in closures here, never in a global. Later calls by app code
 * do nothing harmful: install accepts only the first call, and phases 3–4 only drain the host's queue.
 */
/**
 * The in-context pieces, in install order. A piece with `lazy` is built only when app code first
 * touches one of its globals (or another piece one of its shared `k.` values) — or ahead, while the
 * child is idle and the context not yet begun (`warm`). Until then each of those names is an
 * accessor that builds the piece and is replaced by a plain value, so back-to-back invocations do
 * not pay for what they never use, and a prepared context is complete.
 */
interface Piece {
  source: string;
  lazy?: { globals: string[]; shared: string[] };
}
const PIECES: Piece[] = [
  { source: STACK_FRAMES_SOURCE },
  { source: FORMAT_SOURCE },
  { source: CONSOLE_SOURCE },
  { source: nodeLibsSource(nodeLibsText()), lazy: { globals: [], shared: ['nodeLibs'] } },
  {
    source: ENCODING_SOURCE,
    lazy: { globals: ['TextEncoder', 'TextDecoder', 'atob', 'btoa', 'Buffer'], shared: ['utf8Encode', 'utf8Decode', 'bytesOf', 'Buffer'] },
  },
  { source: URL_SOURCE, lazy: { globals: ['URL', 'URLSearchParams'], shared: ['URL', 'URLSearchParams'] } },
  { source: TIMERS_SOURCE },
  {
    source: WEB_GLOBALS_SOURCE,
    lazy: {
      globals: ['DOMException', 'Event', 'CustomEvent', 'EventTarget', 'AbortSignal', 'AbortController', 'structuredClone', 'Blob', 'File'],
      shared: ['DOMException', 'Blob', 'File', 'blobBytes', 'abortError'],
    },
  },
  {
    source: WEB_STREAMS_SOURCE,
    lazy: {
      globals: ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy'],
      shared: ['ReadableStream', 'WritableStream', 'TransformStream', 'webStreams', 'streamDisturbed'],
    },
  },
  {
    source: WEB_STREAM_CODECS_SOURCE,
    lazy: { globals: ['TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream'], shared: ['webStreamCodecs'] },
  },
  { source: MESSAGING_SOURCE, lazy: { globals: ['MessageEvent', 'MessagePort', 'MessageChannel', 'BroadcastChannel'], shared: [] } },
  { source: FETCH_SOURCE, lazy: { globals: ['Headers', 'Response', 'Request', 'FormData', 'fetch', '__forge_fetch__'], shared: ['settleCall', 'sendEgress', 'sendProduct'] } },
  { source: RUNTIME_SOURCE },
  {
    source: PERFORMANCE_SOURCE,
    lazy: {
      globals: ['performance', 'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver', 'PerformanceObserverEntryList', 'PerformanceResourceTiming'],
      shared: ['perfHooks'],
    },
  },
  { source: PATH_SOURCE, lazy: { globals: [], shared: ['path'] } },
  { source: FS_SOURCE, lazy: { globals: [], shared: ['fs'] } },
  { source: EVENTS_SOURCE, lazy: { globals: [], shared: ['EventEmitter'] } },
  { source: HOST_BYTES_SOURCE },
  { source: ZLIB_SOURCE },
  { source: STREAM_SOURCE },
  { source: HTTP_SOURCE },
  { source: OS_SOURCE },
  { source: ASSERT_SOURCE },
  { source: URL_LEGACY_SOURCE },
  { source: CRYPTO_KEYS_SOURCE },
  { source: CRYPTO_SOURCE },
  { source: MODULES_SOURCE },
];

const CORE_SOURCE = String.raw`
  const parseJson = JSON.parse;
  const stringify = JSON.stringify;
  const PromiseIntrinsic = Promise;
  let phase = 0;
  let busy = false;
  let start = null;
  let drain = null;
  let moduleFn = null;
  let begun = false;

  function install(hostCall, settingsJson) {
    const k = Object.create(null);
    k.host = function (op, a, b, c) {
      // Whatever the host side throws (even a stack overflow raised at the boundary) is replaced
      // by an error of this realm before app code can catch it.
      try { return hostCall(op, a, b, c); } catch { throw new Error('Anvil runner: the call to the host failed'); }
    };
    // Process-wide settings now; the invocation's own arrive in begin(), as k.config.
    k.settings = parseJson(settingsJson);
    k.config = null;
    const beginHooks = [];
    k.onBegin = function (hook) { beginHooks.push(hook); };
    // Work that may be done ahead, before the context begins (see warm below).
    const idleWork = [];
    k.whenIdle = function (work) { idleWork.push(work); };
    // Captured now: lazy pieces are built after app code may have replaced Object.defineProperty,
    // and k must never be handed to a function of the app's.
    const defineProperty = Object.defineProperty;
    const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
    function valueOf(target, name) {
      const d = getOwnPropertyDescriptor(target, name);
      return d !== undefined && 'value' in d ? d.value : undefined;
    }
    k.lazy = function (globals, shared, build) {
      let built = false;
      const run = function () {
        if (built) return;
        built = true;
        build();
      };
      for (const name of globals) {
        defineProperty(globalThis, name, {
          get() { run(); return valueOf(globalThis, name); },
          set(value) { run(); defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false }); },
          enumerable: false,
          configurable: true,
        });
      }
      for (const name of shared) {
        defineProperty(k, name, {
          get() { run(); return valueOf(k, name); },
          set(value) { defineProperty(k, name, { value, writable: true, configurable: true, enumerable: true }); },
          enumerable: true,
          configurable: true,
        });
      }
      idleWork.push(run);
    };
    k.define = function (name, value) {
      defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
    };
    k.makeError = function (name, message, code) {
      const e = new Error(String(message));
      if (name !== 'Error') Object.defineProperty(e, 'name', { value: String(name), writable: true, configurable: true, enumerable: false });
      if (code) e.code = String(code);
      return e;
    };
    k.errorParts = function (e) {
      let name = 'Error';
      let message = '';
      let stack = '';
      try {
        if (e !== null && (typeof e === 'object' || typeof e === 'function')) {
          const n = e.name;
          if (typeof n === 'string' && n !== '') name = n;
          const m = e.message;
          message = typeof m === 'string' ? m : m === undefined ? '' : String(m);
          const s = e.stack;
          if (typeof s === 'string') stack = s;
          if (!(e instanceof Error) && message === '') message = k.describe(e);
        } else {
          message = typeof e === 'symbol' ? e.toString() : String(e);
        }
      } catch {
        if (message === '') message = 'A value was thrown that could not be described';
      }
      return [String(name), String(message), String(stack)];
    };
    k.reportUncaught = function (e) {
      const parts = k.errorParts(e);
      k.host('fail', parts[0], parts[1], parts[2]);
    };
    // V8 calls a FinalizationRegistry's callback whenever it collects garbage: after the result,
    // between invocations or inside a later one, never under an invocation's time limit. The
    // stand-in keeps the API and never calls back (a function cannot rely on those callbacks on
    // the platform either); the real constructor is reachable only through this global.
    class FinalizationRegistry {
      constructor(cleanup) {
        if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
      }
      register(target) {
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('FinalizationRegistry.prototype.register: invalid target');
      }
      unregister() { return false; }
    }
    k.define('FinalizationRegistry', FinalizationRegistry);
    for (let i = 0; i < installers.length; i++) {
      const piece = installers[i];
      if (piece[1] === null) piece[0](k);
      else k.lazy(piece[1], piece[2], () => piece[0](k));
    }

    function finishOk(value) {
      let json;
      try { json = value === undefined ? 'null' : stringify(value); } catch (e) { finishFail(e); return; }
      k.host('done', typeof json === 'string' ? json : 'null');
    }
    function finishFail(e) {
      const parts = k.errorParts(e);
      k.host('fail', parts[0], parts[1], parts[2]);
    }
    start = function () {
      const cfg = k.config;
      const module = { exports: {}, id: '.', filename: cfg.filename, path: cfg.dirname, loaded: false, children: [], paths: [], require: k.require };
      try {
        if (typeof moduleFn !== 'function') throw k.makeError('Error', 'The app bundle did not load as a CommonJS module', 'ERR_FORGE_BUNDLE');
        moduleFn.call(module.exports, module.exports, k.require, module, cfg.filename, cfg.dirname);
        module.loaded = true;
        const exported = module.exports;
        const handler = exported === null || exported === undefined ? undefined : exported[cfg.exportName];
        if (typeof handler !== 'function') {
          const names = exported !== null && (typeof exported === 'object' || typeof exported === 'function') ? Object.keys(exported) : [];
          throw k.makeError('TypeError', "The app bundle does not export a function named '" + cfg.exportName + "'" +
            (names.length ? ' (it exports: ' + names.join(', ') + ')' : ' (it exports nothing)'), 'ERR_FORGE_HANDLER_NOT_FOUND');
        }
        const payload = parseJson(cfg.payloadJson);
        const context = parseJson(cfg.contextJson);
        PromiseIntrinsic.resolve(handler(payload, context)).then(finishOk, finishFail);
      } catch (e) {
        finishFail(e);
      }
    };
    drain = function () {
      for (;;) {
        const next = k.host('next');
        if (typeof next !== 'string' || next === '') return;
        const event = parseJson(next);
        if (event.kind === 'timer') k.fireTimer(event.id);
        else if (event.kind === 'reply') k.settleCall(event.callId, event.status, event.headers, event.body, event.base64 === true);
      }
    };
    function importRefusal(specifier) {
      return k.makeError('Error', "Cannot find module '" + String(specifier) + "': Forge functions run without dynamic import() here", 'ERR_MODULE_NOT_FOUND');
    }
    function provideModule(fn) {
      if (moduleFn === null && typeof fn === 'function') moduleFn = fn;
    }
    // One piece of idle work per call, so an invocation arriving meanwhile waits for one piece at
    // most; returns how many are left. Only before begin: no app code has run in the context yet.
    let warmed = 0;
    function warm() {
      if (begun) return 0;
      if (warmed < idleWork.length) idleWork[warmed++]();
      return idleWork.length - warmed;
    }
    function begin(configJson) {
      if (begun || typeof configJson !== 'string') return false;
      begun = true;
      k.config = parseJson(configJson);
      for (let i = 0; i < beginHooks.length; i++) beginHooks[i](k.config);
      return true;
    }
    return [importRefusal, provideModule, begin, warm];
  }

  return function __anvil_run__(hostCall, settingsJson) {
    if (phase === 0) {
      if (typeof hostCall !== 'function' || typeof settingsJson !== 'string') return undefined;
      phase = 1;
      return install(hostCall, settingsJson);
    }
    if (busy || !begun) return undefined;
    busy = true;
    try {
      if (phase === 1) { phase = 2; start(); }
      drain();
    } finally {
      busy = false;
    }
    return undefined;
  };
`;

/** The whole bootstrap, exported so tests can read it; 'use strict' first so no frame of it exposes a function or `this`. */
export const BOOTSTRAP_SOURCE =
  "'use strict';\nconst __anvil_run__ = (function () {\n  const installers = [\n" +
  PIECES.map(({ source, lazy }) => `[${source}, ${lazy ? `${JSON.stringify(lazy.globals)}, ${JSON.stringify(lazy.shared)}` : 'null, null'}]`).join(',\n') +
  '\n  ];\n' +
  CORE_SOURCE +
  '})();\n__anvil_run__;\n';

/** Compiled once per process; V8 reuses the compiled code in every fresh context. */
export const bootstrapScript = new vm.Script(BOOTSTRAP_SOURCE, { filename: `${SANDBOX_SCRIPT_PREFIX}bootstrap.js` });

/** How the host enters a context after the bootstrap: always a script, so the vm timeout covers it and its microtasks. */
export const entryScript = new vm.Script('__anvil_run__();', { filename: `${SANDBOX_SCRIPT_PREFIX}entry.js` });
