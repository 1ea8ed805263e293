/**
 * In-context piece: `MessageChannel`, `MessagePort`, `MessageEvent` and `BroadcastChannel`. Messages
 * are structured clones delivered after the current work (as Node does), and only ever between
 * objects of this invocation: a BroadcastChannel reaches the channels of the same name in this
 * context, never another invocation nor the runner process. Runs as text inside the context: see
 * kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

interface MessageEventInit {
  bubbles?: unknown;
  cancelable?: unknown;
  data?: unknown;
  origin?: unknown;
  ports?: Iterable<unknown> | ArrayLike<unknown>;
}

type AddListenerArgs = Parameters<EventTarget['addEventListener']>;

type MessageHandler = ((event: unknown) => unknown) | null;

/** Defines the globals above. */
export function installMessaging(k: Kernel): void {
  // The context's own EventTarget and Event (web-globals.ts), taken when this piece is built.
  const Base = globalThis.EventTarget;
  const EventBase = globalThis.Event;
  class MessageEvent extends EventBase {
    #data: unknown;
    #origin: string;
    #ports: unknown[];
    constructor(type: string, init?: MessageEventInit) {
      super(type, init as ConstructorParameters<typeof Event>[1]);
      this.#data = init && init.data !== undefined ? init.data : null;
      this.#origin = init && init.origin !== undefined ? String(init.origin) : '';
      this.#ports = init && init.ports ? Array.from(init.ports) : [];
    }
    get data() {
      return this.#data;
    }
    get origin() {
      return this.#origin;
    }
    get lastEventId() {
      return '';
    }
    get source() {
      return null;
    }
    get ports() {
      return this.#ports.slice();
    }
  }
  const illegal = () => {
    const e: CodedError = new TypeError('Illegal constructor');
    e.code = 'ERR_ILLEGAL_CONSTRUCTOR';
    return e;
  };
  const MAKE = Symbol('make');
  class MessagePort extends Base {
    #other: MessagePort | null = null;
    #queue: unknown[] = [];
    #started = false;
    #closed = false;
    #onmessage: MessageHandler = null;
    constructor(token: unknown) {
      if (token !== MAKE) throw illegal();
      super();
    }
    static pair(a: MessagePort, b: MessagePort) {
      a.#other = b;
      b.#other = a;
    }
    postMessage(message: unknown, transfer?: unknown) {
      if (
        transfer !== undefined &&
        transfer !== null &&
        (Array.isArray(transfer) ? transfer.length > 0 : (transfer as { transfer?: unknown[] }).transfer && (transfer as { transfer: unknown[] }).transfer.length > 0)
      ) {
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
    start() {
      if (!this.#started) {
        this.#started = true;
        if (this.#queue.length > 0) this.#flushLater();
      }
    }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      this.#queue = [];
      const other = this.#other;
      this.#other = null;
      if (other !== null) {
        other.#other = null;
        setImmediate(() => other.dispatchEvent(new EventBase('close')));
      }
      setImmediate(() => this.dispatchEvent(new EventBase('close')));
    }
    override addEventListener(type: AddListenerArgs[0], listener: AddListenerArgs[1], options?: AddListenerArgs[2]) {
      super.addEventListener(type, listener, options);
      if (type === 'message') this.start();
    }
    get onmessage(): MessageHandler {
      return this.#onmessage;
    }
    set onmessage(fn: unknown) {
      this.#onmessage = typeof fn === 'function' ? (fn as MessageHandler) : null;
      if (this.#onmessage !== null && this.start) this.start();
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    hasRef() {
      return false;
    }
    get [Symbol.toStringTag]() {
      return 'MessagePort';
    }
  }
  class MessageChannel {
    #port1 = new MessagePort(MAKE);
    #port2 = new MessagePort(MAKE);
    constructor() {
      MessagePort.pair(this.#port1, this.#port2);
    }
    get port1() {
      return this.#port1;
    }
    get port2() {
      return this.#port2;
    }
  }
  const channels = new Map<string, Set<BroadcastChannel>>();
  class BroadcastChannel extends Base {
    #name: string;
    #closed = false;
    #onmessage: MessageHandler = null;
    constructor(name: unknown) {
      if (arguments.length === 0) {
        const e: CodedError = new TypeError('The "name" argument must be specified');
        e.code = 'ERR_MISSING_ARGS';
        throw e;
      }
      super();
      this.#name = String(name);
      if (!channels.has(this.#name)) channels.set(this.#name, new Set());
      (channels.get(this.#name) as Set<BroadcastChannel>).add(this);
    }
    get name() {
      return this.#name;
    }
    postMessage(message: unknown) {
      if (this.#closed) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
      const data = structuredClone(message);
      for (const other of channels.get(this.#name) || []) {
        if (other === this) continue;
        setImmediate(() => {
          if (!other.#closed) other.dispatchEvent(new MessageEvent('message', { data: structuredClone(data) }));
        });
      }
    }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      const set = channels.get(this.#name);
      if (set) {
        set.delete(this);
        if (set.size === 0) channels.delete(this.#name);
      }
    }
    get onmessage(): MessageHandler {
      return this.#onmessage;
    }
    set onmessage(fn: unknown) {
      this.#onmessage = typeof fn === 'function' ? (fn as MessageHandler) : null;
    }
    ref() {
      return this;
    }
    unref() {
      return this;
    }
    get [Symbol.toStringTag]() {
      return 'BroadcastChannel';
    }
  }
  k.define('MessageEvent', MessageEvent);
  k.define('MessagePort', MessagePort);
  k.define('MessageChannel', MessageChannel);
  k.define('BroadcastChannel', BroadcastChannel);
}
