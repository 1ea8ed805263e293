/**
 * In-context piece: the `events` module, the events package's EventEmitter (bundled,
 * node-libs.ts), with the static helpers newer Node added (`on`, `getEventListeners`,
 * `setMaxListeners`, `errorMonitor`). Runs as text inside the context: see kernel.ts.
 */
import type { EventEmitter as NodeEventEmitter } from 'node:events';
import type { Kernel } from './kernel';

/** The EventEmitter class, with the statics this piece fills in where the bundled package lacks them. */
export type EventEmitterClass = typeof NodeEventEmitter;

/** The same class, as this piece sees it while it adds the statics (Node's typings call them read-only). */
interface PatchableEventEmitter {
  errorMonitor: symbol | undefined;
  captureRejectionSymbol: symbol | undefined;
  defaultMaxListeners: number;
  getEventListeners(emitter: unknown, name: string | symbol): unknown[];
  setMaxListeners(n: number, ...targets: { setMaxListeners?: unknown }[]): void;
  on(emitter: Emitter, event: string | symbol, options?: { signal?: AbortSignal }): AsyncIterableIterator<unknown[]>;
}

/** The part of an emitter `events.on` uses. */
interface Emitter {
  on(event: string | symbol, listener: (...args: never[]) => void): unknown;
  removeListener(event: string | symbol, listener: (...args: never[]) => void): unknown;
}

interface Waiting {
  resolve(result: IteratorResult<unknown[]>): void;
  reject(error: unknown): void;
}

declare module './kernel' {
  interface Kernel {
    /** The `events` module: the EventEmitter class. */
    EventEmitter: EventEmitterClass;
  }
}

/** Shares k.EventEmitter. */
export function installEvents(k: Kernel): void {
  const EventEmitter = k.nodeLibs.events;
  const patchable = EventEmitter as unknown as PatchableEventEmitter;
  if (patchable.errorMonitor === undefined) patchable.errorMonitor = Symbol('events.errorMonitor');
  if (patchable.captureRejectionSymbol === undefined) patchable.captureRejectionSymbol = Symbol.for('nodejs.rejection');
  patchable.getEventListeners = function getEventListeners(emitter, name) {
    if (emitter !== null && typeof emitter === 'object' && typeof (emitter as { listeners?: unknown }).listeners === 'function') {
      return (emitter as { listeners(name: string | symbol): unknown[] }).listeners(name);
    }
    return [];
  };
  patchable.setMaxListeners = function setMaxListeners(n, ...targets) {
    if (targets.length === 0) patchable.defaultMaxListeners = n;
    for (const target of targets) if (typeof target.setMaxListeners === 'function') (target as { setMaxListeners(n: number): void }).setMaxListeners(n);
  };
  // An async iterator of the event's arguments, ended by an 'error' (thrown) or the signal.
  patchable.on = function on(emitter, event, options) {
    const queued: unknown[][] = [];
    const waiting: Waiting[] = [];
    let failure: unknown = null;
    let finished = false;
    const push = (...args: unknown[]): void => {
      if (waiting.length > 0) (waiting.shift() as Waiting).resolve({ value: args, done: false });
      else queued.push(args);
    };
    const fail = (error: unknown): void => {
      finished = true;
      if (waiting.length > 0) (waiting.shift() as Waiting).reject(error);
      else failure = error;
      stop();
    };
    function stop(): void {
      emitter.removeListener(event, push);
      if (event !== 'error') emitter.removeListener('error', fail);
      while (waiting.length > 0) (waiting.shift() as Waiting).resolve({ value: undefined, done: true });
    }
    emitter.on(event, push);
    if (event !== 'error') emitter.on('error', fail);
    const signal = options && options.signal;
    if (signal) signal.addEventListener('abort', () => fail(k.abortError(signal.reason)), { once: true });
    return {
      next(): Promise<IteratorResult<unknown[]>> {
        if (queued.length > 0) return Promise.resolve({ value: queued.shift() as unknown[], done: false });
        if (failure !== null) {
          const error = failure;
          failure = null;
          return Promise.reject(error);
        }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return(): Promise<IteratorResult<unknown[]>> {
        finished = true;
        stop();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(error: unknown): Promise<IteratorResult<unknown[]>> {
        fail(error);
        return Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  };
  k.EventEmitter = EventEmitter;
}
