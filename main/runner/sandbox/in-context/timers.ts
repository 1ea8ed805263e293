/**
 * In-context piece: timers and microtask helpers. Each timer is one `timer` call to the host, which
 * arms a real host timer; when it fires, the host queues an event and re-enters the context, where
 * the callback runs — under the invocation's timeout, like everything else in the context. Runs as
 * text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

type Callback = (...args: unknown[]) => unknown;

interface Scheduled {
  callback: Callback;
  args: unknown[];
  /** -1 for an immediate. */
  delay: number;
  repeat: boolean;
  handle: object;
}

/** The timer functions, as `timers` (and `timers/promises`) export them. */
export interface TimerFunctions {
  setTimeout(callback: Callback, delay?: unknown, ...args: unknown[]): object;
  setInterval(callback: Callback, delay?: unknown, ...args: unknown[]): object;
  setImmediate(callback: Callback, ...args: unknown[]): object;
  clearTimeout(handle: unknown): void;
  clearInterval(handle: unknown): void;
  clearImmediate(handle: unknown): void;
  queueMicrotask(callback: Callback): void;
  promises?: {
    setTimeout(delay?: unknown, value?: unknown): Promise<unknown>;
    setImmediate(value?: unknown): Promise<unknown>;
  };
}

declare module './kernel' {
  interface Kernel {
    /** Runs a timer's callback when the host says it is due. */
    fireTimer(id: number): void;
    nextTick(callback: Callback, ...args: unknown[]): void;
    timers: TimerFunctions;
  }
}

/** Defines setTimeout/setInterval/setImmediate, their clear functions and queueMicrotask; shares k.fireTimer. */
export function installTimers(k: Kernel): void {
  const MAX_DELAY = 2147483647;
  const scheduled = new Map<number, Scheduled>();
  const handles = new WeakMap<object, number>();
  let nextId = 1;
  const resolved = Promise.resolve();

  function checkCallback(callback: unknown): asserts callback is Callback {
    if (typeof callback !== 'function') {
      const e: CodedError = new TypeError('The "callback" argument must be of type function. Received ' + k.inspect(callback));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
  }
  class Timeout {
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    hasRef() {
      return true;
    }
    refresh() {
      const id = handles.get(this);
      const t = id === undefined ? undefined : scheduled.get(id);
      if (id !== undefined && t) {
        k.host('clear', id);
        k.host('timer', id, t.delay);
      }
      return this;
    }
    close() {
      clear(this);
      return this;
    }
    [Symbol.toPrimitive]() {
      return handles.get(this);
    }
  }
  class Immediate {
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    hasRef() {
      return true;
    }
  }
  function schedule(callback: unknown, delay: unknown, args: unknown[], repeat: boolean, immediate: boolean): object {
    checkCallback(callback);
    let ms = Number(delay);
    if (!(ms >= 1 && ms <= MAX_DELAY)) ms = 1;
    ms = Math.trunc(ms);
    const id = nextId++;
    const handle = immediate ? new Immediate() : new Timeout();
    handles.set(handle, id);
    scheduled.set(id, { callback, args, delay: immediate ? -1 : ms, repeat, handle });
    k.host('timer', id, immediate ? -1 : ms);
    return handle;
  }
  function clear(handle: unknown): void {
    if (handle === undefined || handle === null) return;
    const id = typeof handle === 'object' ? handles.get(handle) : Number(handle);
    if (id !== undefined && scheduled.delete(id)) k.host('clear', id);
  }
  k.fireTimer = function (id) {
    const t = scheduled.get(id);
    if (!t) return;
    if (t.repeat) k.host('timer', id, t.delay);
    else scheduled.delete(id);
    try {
      t.callback.apply(t.handle, t.args);
    } catch (e) {
      k.reportUncaught(e);
    }
  };
  function queueMicrotask(callback: unknown): void {
    checkCallback(callback);
    void resolved.then(() => {
      try {
        callback();
      } catch (e) {
        k.reportUncaught(e);
      }
    });
  }
  k.nextTick = function (callback, ...args) {
    checkCallback(callback);
    void resolved.then(() => {
      try {
        callback(...args);
      } catch (e) {
        k.reportUncaught(e);
      }
    });
  };

  const timers: TimerFunctions = {
    setTimeout: (callback, delay, ...args) => schedule(callback, delay, args, false, false),
    setInterval: (callback, delay, ...args) => schedule(callback, delay, args, true, false),
    setImmediate: (callback, ...args) => schedule(callback, 0, args, false, true),
    clearTimeout: clear,
    clearInterval: clear,
    clearImmediate: clear,
    queueMicrotask,
  };
  for (const [name, value] of Object.entries(timers)) k.define(name, value);
  timers.promises = {
    setTimeout: (delay, value) => new Promise((resolve) => schedule(resolve, delay, [value], false, false)),
    setImmediate: (value) => new Promise((resolve) => schedule(resolve, 0, [value], false, true)),
  };
  k.timers = timers;
}
