/**
 * In-context core of the bootstrap (see context-bootstrap.ts for the four phases). Runs as text
 * inside the context, like the pieces (kernel.ts): the bootstrap script calls it once with the
 * pieces' installers and keeps the function it returns as `__anvil_run__`.
 */
import type { InvocationConfig, Kernel } from './kernel';

/** One piece: its installer, and for a lazy piece the globals and kernel members that build it. */
export type PieceEntry = [install: (k: Kernel) => void, globals: readonly string[] | null, shared: readonly string[] | null];

/** What `install` hands back to the host: import refusal, module setter, begin, warm. */
type Installed = [(specifier: unknown) => Error, (fn: unknown) => void, (configJson: unknown) => boolean, () => number];

type HostCall = (op: string, a?: unknown, b?: unknown, c?: unknown) => string | number | boolean | null | undefined;

/** The bundle's CommonJS wrapper, as the host evaluated it. */
type ModuleFunction = (this: unknown, exports: unknown, require: unknown, module: unknown, filename: string, dirname: string) => unknown;

/** The members the core calls that pieces define: the app's `require` (node-modules.ts) and a call's settlement (fetch.ts). */
type CoreKernel = Kernel & {
  require: unknown;
  settleCall(callId: number, status: number, headers: unknown, body: unknown, base64: boolean): void;
};

/** A queued host event: a timer that is due, or the reply to a call. */
type HostEvent = { kind: 'timer'; id: number } | { kind: 'reply'; callId: number; status: number; headers: unknown; body: unknown; base64?: boolean };

export function anvilBootstrap(installers: readonly PieceEntry[]): (hostCall?: unknown, settingsJson?: unknown) => Installed | undefined {
  const parseJson = JSON.parse;
  const stringify = JSON.stringify;
  const PromiseIntrinsic = Promise;
  let phase = 0;
  let busy = false;
  let start: (() => void) | null = null;
  let drain: (() => void) | null = null;
  let moduleFn: ModuleFunction | null = null;
  let begun = false;

  function install(hostCall: HostCall, settingsJson: string): Installed {
    const k = Object.create(null) as CoreKernel;
    k.host = function (op, a, b, c) {
      // Whatever the host side throws (even a stack overflow raised at the boundary) is replaced
      // by an error of this realm before app code can catch it.
      try {
        return hostCall(op, a, b, c);
      } catch {
        throw new Error('Anvil runner: the call to the host failed');
      }
    };
    // Process-wide settings now; the invocation's own arrive in begin(), as k.config.
    k.settings = parseJson(settingsJson);
    k.config = null;
    const beginHooks: ((config: InvocationConfig) => void)[] = [];
    k.onBegin = function (hook) {
      beginHooks.push(hook);
    };
    // Work that may be done ahead, before the context begins (see warm below).
    const idleWork: (() => void)[] = [];
    k.whenIdle = function (work) {
      idleWork.push(work);
    };
    // Captured now: lazy pieces are built after app code may have replaced Object.defineProperty,
    // and k must never be handed to a function of the app's.
    const defineProperty = Object.defineProperty;
    const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
    function valueOf(target: object, name: string): unknown {
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
          get() {
            run();
            return valueOf(globalThis, name);
          },
          set(value: unknown) {
            run();
            defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
          },
          enumerable: false,
          configurable: true,
        });
      }
      for (const name of shared) {
        defineProperty(k, name, {
          get() {
            run();
            return valueOf(k, name);
          },
          set(value: unknown) {
            defineProperty(k, name, { value, writable: true, configurable: true, enumerable: true });
          },
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
      const e: Error & { code?: string } = new Error(String(message));
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
          const thrown = e as { name?: unknown; message?: unknown; stack?: unknown };
          const n = thrown.name;
          if (typeof n === 'string' && n !== '') name = n;
          const m = thrown.message;
          message = typeof m === 'string' ? m : m === undefined ? '' : String(m);
          const s = thrown.stack;
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
      constructor(cleanup: unknown) {
        if (typeof cleanup !== 'function') throw new TypeError('FinalizationRegistry: cleanup must be callable');
      }
      register(target: unknown) {
        if (target === null || (typeof target !== 'object' && typeof target !== 'function')) throw new TypeError('FinalizationRegistry.prototype.register: invalid target');
      }
      unregister() {
        return false;
      }
    }
    k.define('FinalizationRegistry', FinalizationRegistry);
    for (let i = 0; i < installers.length; i++) {
      const piece = installers[i]!;
      const globals = piece[1];
      const shared = piece[2];
      if (globals === null || shared === null) piece[0](k);
      else k.lazy(globals, shared, () => piece[0](k));
    }

    function finishOk(value: unknown): void {
      let json: string | undefined;
      try {
        json = value === undefined ? 'null' : stringify(value);
      } catch (e) {
        finishFail(e);
        return;
      }
      k.host('done', typeof json === 'string' ? json : 'null');
    }
    function finishFail(e: unknown): void {
      const parts = k.errorParts(e);
      k.host('fail', parts[0], parts[1], parts[2]);
    }
    start = function () {
      const cfg = k.config!;
      const module = { exports: {} as unknown, id: '.', filename: cfg.filename, path: cfg.dirname, loaded: false, children: [], paths: [], require: k.require };
      try {
        if (typeof moduleFn !== 'function') throw k.makeError('Error', 'The app bundle did not load as a CommonJS module', 'ERR_FORGE_BUNDLE');
        moduleFn.call(module.exports, module.exports, k.require, module, cfg.filename, cfg.dirname);
        module.loaded = true;
        const exported = module.exports as Record<string, unknown> | null | undefined;
        const handler = exported === null || exported === undefined ? undefined : exported[cfg.exportName];
        if (typeof handler !== 'function') {
          const names = exported !== null && (typeof exported === 'object' || typeof exported === 'function') ? Object.keys(exported) : [];
          throw k.makeError(
            'TypeError',
            "The app bundle does not export a function named '" + cfg.exportName + "'" + (names.length ? ' (it exports: ' + names.join(', ') + ')' : ' (it exports nothing)'),
            'ERR_FORGE_HANDLER_NOT_FOUND',
          );
        }
        const payload: unknown = parseJson(cfg.payloadJson);
        const context: unknown = parseJson(cfg.contextJson);
        PromiseIntrinsic.resolve(handler(payload, context)).then(finishOk, finishFail);
      } catch (e) {
        finishFail(e);
      }
    };
    drain = function () {
      for (;;) {
        const next = k.host('next');
        if (typeof next !== 'string' || next === '') return;
        const event = parseJson(next) as HostEvent;
        if (event.kind === 'timer') k.fireTimer(event.id);
        else if (event.kind === 'reply') k.settleCall(event.callId, event.status, event.headers, event.body, event.base64 === true);
      }
    };
    function importRefusal(specifier: unknown): Error {
      return k.makeError('Error', "Cannot find module '" + String(specifier) + "': Forge functions run without dynamic import() here", 'ERR_MODULE_NOT_FOUND');
    }
    function provideModule(fn: unknown): void {
      if (moduleFn === null && typeof fn === 'function') moduleFn = fn as ModuleFunction;
    }
    // One piece of idle work per call, so an invocation arriving meanwhile waits for one piece at
    // most; returns how many are left. Only before begin: no app code has run in the context yet.
    let warmed = 0;
    function warm(): number {
      if (begun) return 0;
      if (warmed < idleWork.length) idleWork[warmed++]!();
      return idleWork.length - warmed;
    }
    function begin(configJson: unknown): boolean {
      if (begun || typeof configJson !== 'string') return false;
      begun = true;
      const config: InvocationConfig = parseJson(configJson);
      k.config = config;
      for (let i = 0; i < beginHooks.length; i++) beginHooks[i]!(config);
      return true;
    }
    return [importRefusal, provideModule, begin, warm];
  }

  return function __anvil_run__(hostCall?: unknown, settingsJson?: unknown): Installed | undefined {
    if (phase === 0) {
      if (typeof hostCall !== 'function' || typeof settingsJson !== 'string') return undefined;
      phase = 1;
      return install(hostCall as HostCall, settingsJson);
    }
    if (busy || !begun) return undefined;
    busy = true;
    try {
      if (phase === 1) {
        phase = 2;
        start!();
      }
      drain!();
    } finally {
      busy = false;
    }
    return undefined;
  };
}
