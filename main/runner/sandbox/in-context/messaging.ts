/**
 * In-context source: `MessageChannel`, `MessagePort`, `MessageEvent` and `BroadcastChannel`. Messages
 * are structured clones delivered after the current work (as Node does), and only ever between
 * objects of this invocation: a BroadcastChannel reaches the channels of the same name in this
 * context, never another invocation nor the runner process.
 */

/** Defines the globals above. */
export const MESSAGING_SOURCE = String.raw`function installMessaging(k) {
  const Base = globalThis.EventTarget;
  const EventBase = globalThis.Event;
  class MessageEvent extends EventBase {
    #data; #origin; #ports;
    constructor(type, init) {
      super(type, init);
      this.#data = init && init.data !== undefined ? init.data : null;
      this.#origin = init && init.origin !== undefined ? String(init.origin) : '';
      this.#ports = init && init.ports ? Array.from(init.ports) : [];
    }
    get data() { return this.#data; }
    get origin() { return this.#origin; }
    get lastEventId() { return ''; }
    get source() { return null; }
    get ports() { return this.#ports.slice(); }
  }
  const illegal = () => { const e = new TypeError('Illegal constructor'); e.code = 'ERR_ILLEGAL_CONSTRUCTOR'; return e; };
  const MAKE = Symbol('make');
  class MessagePort extends Base {
    #other = null; #queue = []; #started = false; #closed = false; #onmessage = null;
    constructor(token) { if (token !== MAKE) throw illegal(); super(); }
    static pair(a, b) { a.#other = b; b.#other = a; }
    postMessage(message, transfer) {
      if (transfer !== undefined && transfer !== null && (Array.isArray(transfer) ? transfer.length > 0 : transfer.transfer && transfer.transfer.length > 0)) {
        throw new DOMException('Transferring objects is not supported here', 'DataCloneError');
      }
      const data = structuredClone(message);
      const other = this.#other;
      if (this.#closed || other === null || other.#closed) return;
      other.#queue.push(data);
      other.#flushLater();
    }
    #flushLater() {
      if (!this.#started) return;
      setImmediate(() => {
        while (this.#started && !this.#closed && this.#queue.length > 0) this.dispatchEvent(new MessageEvent('message', { data: this.#queue.shift() }));
      });
    }
    start() { if (!this.#started) { this.#started = true; if (this.#queue.length > 0) this.#flushLater(); } }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      this.#queue = [];
      const other = this.#other;
      this.#other = null;
      if (other !== null) { other.#other = null; setImmediate(() => other.dispatchEvent(new EventBase('close'))); }
      setImmediate(() => this.dispatchEvent(new EventBase('close')));
    }
    addEventListener(type, listener, options) { super.addEventListener(type, listener, options); if (type === 'message') this.start(); }
    get onmessage() { return this.#onmessage; }
    set onmessage(fn) { this.#onmessage = typeof fn === 'function' ? fn : null; if (this.#onmessage !== null && this.start) this.start(); }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return false; }
    get [Symbol.toStringTag]() { return 'MessagePort'; }
  }
  class MessageChannel {
    #port1 = new MessagePort(MAKE); #port2 = new MessagePort(MAKE);
    constructor() { MessagePort.pair(this.#port1, this.#port2); }
    get port1() { return this.#port1; }
    get port2() { return this.#port2; }
  }
  const channels = new Map();
  class BroadcastChannel extends Base {
    #name; #closed = false; #onmessage = null;
    constructor(name) {
      if (arguments.length === 0) { const e = new TypeError('The "name" argument must be specified'); e.code = 'ERR_MISSING_ARGS'; throw e; }
      super();
      this.#name = String(name);
      if (!channels.has(this.#name)) channels.set(this.#name, new Set());
      channels.get(this.#name).add(this);
    }
    get name() { return this.#name; }
    postMessage(message) {
      if (this.#closed) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
      const data = structuredClone(message);
      for (const other of channels.get(this.#name) || []) {
        if (other === this) continue;
        setImmediate(() => { if (!other.#closed) other.dispatchEvent(new MessageEvent('message', { data: structuredClone(data) })); });
      }
    }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      const set = channels.get(this.#name);
      if (set) { set.delete(this); if (set.size === 0) channels.delete(this.#name); }
    }
    get onmessage() { return this.#onmessage; }
    set onmessage(fn) { this.#onmessage = typeof fn === 'function' ? fn : null; }
    ref() { return this; }
    unref() { return this; }
    get [Symbol.toStringTag]() { return 'BroadcastChannel'; }
  }
  k.define('MessageEvent', MessageEvent);
  k.define('MessagePort', MessagePort);
  k.define('MessageChannel', MessageChannel);
  k.define('BroadcastChannel', BroadcastChannel);
}`;
