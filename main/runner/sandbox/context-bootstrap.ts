import vm from 'node:vm';
import { CONSOLE_SOURCE } from './in-context/console';
import { ENCODING_SOURCE } from './in-context/encoding';
import { FETCH_SOURCE } from './in-context/fetch';
import { FORMAT_SOURCE } from './in-context/format';
import { EVENTS_SOURCE } from './in-context/node-events';
import { FS_SOURCE } from './in-context/node-fs';
import { MODULES_SOURCE } from './in-context/node-modules';
import { PATH_SOURCE } from './in-context/node-path';
import { RUNTIME_SOURCE } from './in-context/runtime';
import { TIMERS_SOURCE } from './in-context/timers';
import { URL_SOURCE } from './in-context/url';

/*
 * The in-context half of the membrane. The bootstrap script evaluates to `__anvil_run__`, a
 * function of the context's own realm with three phases:
 *   1. the host calls it once, before any app code exists, with the ONE host function (prototype
 *      removed, primitives in and out) and the invocation's settings as JSON text; it builds every
 *      global inside the context and returns two context functions: the factory for the error
 *      `import()` rejects with, and a one-shot setter for the bundle's module wrapper (which the
 *      host evaluates only after this, so no app code ever runs before the globals exist);
 *   2. the entry script calls it under the invocation's timeout: it runs the bundle's top level and
 *      calls the export with the payload and context parsed here;
 *   3. the entry script calls it again whenever the host has events (timers, replies): it pulls
 *      them one by one as JSON text and runs their callbacks.
 * The host function is only ever held in closures here, never in a global. Later calls by app code
 * do nothing harmful: phase 1 accepts only the first call, and phases 2–3 only drain the host's queue.
 */
const INSTALLERS = [
  FORMAT_SOURCE,
  CONSOLE_SOURCE,
  ENCODING_SOURCE,
  URL_SOURCE,
  TIMERS_SOURCE,
  FETCH_SOURCE,
  RUNTIME_SOURCE,
  PATH_SOURCE,
  FS_SOURCE,
  EVENTS_SOURCE,
  MODULES_SOURCE,
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

  function install(hostCall, configJson) {
    const k = Object.create(null);
    k.host = function (op, a, b, c) {
      // Whatever the host side throws (even a stack overflow raised at the boundary) is replaced
      // by an error of this realm before app code can catch it.
      try { return hostCall(op, a, b, c); } catch { throw new Error('Anvil runner: the call to the host failed'); }
    };
    k.config = parseJson(configJson);
    k.define = function (name, value) {
      Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
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
    for (let i = 0; i < installers.length; i++) installers[i](k);

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
        else if (event.kind === 'reply') k.settleCall(event.callId, event.status, event.headers, event.body);
      }
    };
    function importRefusal(specifier) {
      return k.makeError('Error', "Cannot find module '" + String(specifier) + "': Forge functions run without dynamic import() here", 'ERR_MODULE_NOT_FOUND');
    }
    function provideModule(fn) {
      if (moduleFn === null && typeof fn === 'function') moduleFn = fn;
    }
    return [importRefusal, provideModule];
  }

  return function __anvil_run__(hostCall, configJson) {
    if (phase === 0) {
      if (typeof hostCall !== 'function' || typeof configJson !== 'string') return undefined;
      phase = 1;
      return install(hostCall, configJson);
    }
    if (busy) return undefined;
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
  INSTALLERS.join(',\n') +
  '\n  ];\n' +
  CORE_SOURCE +
  '})();\n__anvil_run__;\n';

/** Compiled once per process; V8 reuses the compiled code in every fresh context. */
export const bootstrapScript = new vm.Script(BOOTSTRAP_SOURCE, { filename: 'anvil:sandbox-bootstrap.js' });

/** How the host enters a context after the bootstrap: always a script, so the vm timeout covers it and its microtasks. */
export const entryScript = new vm.Script('__anvil_run__();', { filename: 'anvil:sandbox-entry.js' });
