/**
 * In-context source: the `events` module, the events package's EventEmitter (bundled,
 * node-libs.ts), with the static helpers newer Node added (`on`, `getEventListeners`,
 * `setMaxListeners`, `errorMonitor`).
 */

/** Shares k.EventEmitter. */
export const EVENTS_SOURCE = String.raw`function installEvents(k) {
  const EventEmitter = k.nodeLibs.events;
  if (EventEmitter.errorMonitor === undefined) EventEmitter.errorMonitor = Symbol('events.errorMonitor');
  if (EventEmitter.captureRejectionSymbol === undefined) EventEmitter.captureRejectionSymbol = Symbol.for('nodejs.rejection');
  EventEmitter.getEventListeners = function getEventListeners(emitter, name) {
    if (emitter !== null && typeof emitter === 'object' && typeof emitter.listeners === 'function') return emitter.listeners(name);
    return [];
  };
  EventEmitter.setMaxListeners = function setMaxListeners(n, ...targets) {
    if (targets.length === 0) EventEmitter.defaultMaxListeners = n;
    for (const target of targets) if (typeof target.setMaxListeners === 'function') target.setMaxListeners(n);
  };
  // An async iterator of the event's arguments, ended by an 'error' (thrown) or the signal.
  EventEmitter.on = function on(emitter, event, options) {
    const queued = [];
    const waiting = [];
    let failure = null;
    let finished = false;
    const push = (...args) => { if (waiting.length > 0) waiting.shift().resolve({ value: args, done: false }); else queued.push(args); };
    const fail = (error) => {
      finished = true;
      if (waiting.length > 0) waiting.shift().reject(error); else failure = error;
      stop();
    };
    function stop() {
      emitter.removeListener(event, push);
      if (event !== 'error') emitter.removeListener('error', fail);
      while (waiting.length > 0) waiting.shift().resolve({ value: undefined, done: true });
    }
    emitter.on(event, push);
    if (event !== 'error') emitter.on('error', fail);
    const signal = options && options.signal;
    if (signal) signal.addEventListener('abort', () => fail(k.abortError(signal.reason)), { once: true });
    return {
      next() {
        if (queued.length > 0) return Promise.resolve({ value: queued.shift(), done: false });
        if (failure !== null) { const error = failure; failure = null; return Promise.reject(error); }
        if (finished) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() { finished = true; stop(); return Promise.resolve({ value: undefined, done: true }); },
      throw(error) { fail(error); return Promise.reject(error); },
      [Symbol.asyncIterator]() { return this; },
    };
  };
  k.EventEmitter = EventEmitter;
}`;
