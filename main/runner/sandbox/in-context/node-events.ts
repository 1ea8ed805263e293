/** In-context source: a small `events` module (EventEmitter), written as a plain constructor so old-style `EventEmitter.call(this)` subclasses work. */

/** Shares k.EventEmitter. */
export const EVENTS_SOURCE = String.raw`function installEvents(k) {
  function EventEmitter() {
    if (!(this instanceof EventEmitter)) throw new TypeError("Class constructor EventEmitter cannot be invoked without 'new'");
    EventEmitter.init.call(this);
  }
  EventEmitter.init = function () {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    if (this._maxListeners === undefined) this._maxListeners = undefined;
  };
  EventEmitter.defaultMaxListeners = 10;
  function eventsOf(emitter) {
    if (emitter._events === undefined || emitter._events === null) { emitter._events = Object.create(null); emitter._eventsCount = 0; }
    return emitter._events;
  }
  function checkListener(listener) {
    if (typeof listener !== 'function') {
      const e = new TypeError('The "listener" argument must be of type function. Received ' + k.inspect(listener));
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
  }
  function add(emitter, name, listener, prepend) {
    checkListener(listener);
    const events = eventsOf(emitter);
    if (events.newListener !== undefined) emitter.emit('newListener', name, listener.listener ? listener.listener : listener);
    const list = events[name] || (emitter._eventsCount++, (events[name] = []));
    if (prepend) list.unshift(listener); else list.push(listener);
    return emitter;
  }
  function onceWrapper(emitter, name, listener) {
    let fired = false;
    const wrapped = function (...args) {
      if (fired) return undefined;
      fired = true;
      emitter.removeListener(name, wrapped);
      return listener.apply(this, args);
    };
    wrapped.listener = listener;
    return wrapped;
  }
  const proto = EventEmitter.prototype;
  proto._events = undefined;
  proto._eventsCount = 0;
  proto._maxListeners = undefined;
  proto.on = proto.addListener = function (name, listener) { return add(this, name, listener, false); };
  proto.prependListener = function (name, listener) { return add(this, name, listener, true); };
  proto.once = function (name, listener) { checkListener(listener); return add(this, name, onceWrapper(this, name, listener), false); };
  proto.prependOnceListener = function (name, listener) { checkListener(listener); return add(this, name, onceWrapper(this, name, listener), true); };
  proto.off = proto.removeListener = function (name, listener) {
    const events = eventsOf(this);
    const list = events[name];
    if (!list) return this;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        list.splice(i, 1);
        if (list.length === 0) { delete events[name]; this._eventsCount--; }
        if (events.removeListener !== undefined) this.emit('removeListener', name, listener);
        break;
      }
    }
    return this;
  };
  proto.removeAllListeners = function (name) {
    const events = eventsOf(this);
    if (name === undefined) { this._events = Object.create(null); this._eventsCount = 0; }
    else if (events[name]) { delete events[name]; this._eventsCount--; }
    return this;
  };
  proto.emit = function (name, ...args) {
    const list = eventsOf(this)[name];
    if (!list || list.length === 0) {
      if (name === 'error') {
        const error = args[0];
        if (error instanceof Error) throw error;
        const e = new Error('Unhandled error. (' + k.inspect(error) + ')');
        e.code = 'ERR_UNHANDLED_ERROR';
        e.context = error;
        throw e;
      }
      return false;
    }
    for (const listener of list.slice()) listener.apply(this, args);
    return true;
  };
  proto.listeners = function (name) { return (eventsOf(this)[name] || []).map((l) => l.listener || l); };
  proto.rawListeners = function (name) { return (eventsOf(this)[name] || []).slice(); };
  proto.listenerCount = function (name) { return (eventsOf(this)[name] || []).length; };
  proto.eventNames = function () { return Reflect.ownKeys(eventsOf(this)); };
  proto.setMaxListeners = function (n) { this._maxListeners = n; return this; };
  proto.getMaxListeners = function () { return this._maxListeners === undefined ? EventEmitter.defaultMaxListeners : this._maxListeners; };
  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.once = function (emitter, name) {
    return new Promise((resolve, reject) => {
      const onError = (error) => { emitter.removeListener(name, onEvent); reject(error); };
      const onEvent = (...args) => { if (name !== 'error') emitter.removeListener('error', onError); resolve(args); };
      emitter.once(name, onEvent);
      if (name !== 'error') emitter.once('error', onError);
    });
  };
  EventEmitter.listenerCount = (emitter, name) => emitter.listenerCount(name);
  k.EventEmitter = EventEmitter;
}`;
