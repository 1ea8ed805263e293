/**
 * In-context piece: the WHATWG streams Node offers as globals and in `stream/web` —
 * `ReadableStream` (readers, `tee`, `pipeTo`, `pipeThrough`, async iteration, `ReadableStream.from`),
 * `WritableStream` with its writer, `TransformStream`, and the two queuing strategies — written
 * after the spec's algorithms (queues measured by the strategy's size, backpressure through
 * `desiredSize`, close, abort and cancel, errors carried to both ends), all of this realm.
 * Byte streams (`type: 'bytes'`) run as default streams: there is no BYOB reader. Runs as text
 * inside the context: see kernel.ts.
 */
import type * as NodeWebStreams from 'node:stream/web';
import type { CodedError, Kernel } from './kernel';

/** The stream classes of `stream/web`, as Node's typings describe them. */
export interface WebStreamClasses {
  ReadableStream: typeof NodeWebStreams.ReadableStream;
  ReadableStreamDefaultReader: typeof NodeWebStreams.ReadableStreamDefaultReader;
  ReadableStreamDefaultController: typeof NodeWebStreams.ReadableStreamDefaultController;
  WritableStream: typeof NodeWebStreams.WritableStream;
  WritableStreamDefaultWriter: typeof NodeWebStreams.WritableStreamDefaultWriter;
  WritableStreamDefaultController: typeof NodeWebStreams.WritableStreamDefaultController;
  TransformStream: typeof NodeWebStreams.TransformStream;
  TransformStreamDefaultController: typeof NodeWebStreams.TransformStreamDefaultController;
  ByteLengthQueuingStrategy: typeof NodeWebStreams.ByteLengthQueuingStrategy;
  CountQueuingStrategy: typeof NodeWebStreams.CountQueuingStrategy;
}

declare module './kernel' {
  interface Kernel {
    ReadableStream: WebStreamClasses['ReadableStream'];
    WritableStream: WebStreamClasses['WritableStream'];
    TransformStream: WebStreamClasses['TransformStream'];
    /** The `stream/web` module's stream classes. */
    webStreams: WebStreamClasses;
    /** Whether a stream has been read from or canceled (what makes a Response's body used). */
    streamDisturbed(value: unknown): boolean;
  }
}

type AnyFunction = (...args: unknown[]) => unknown;
type SizeAlgorithm = (chunk: unknown) => unknown;
type StartAlgorithm = (() => unknown) | undefined;
type PromiseAlgorithm = (arg?: unknown) => Promise<unknown>;

/** A promise with its settle functions (the spec's promise capability). */
interface Deferred {
  settled: boolean;
  promise: Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
  /** For a pending abort: its reason, and whether the stream was already erroring. */
  reason?: unknown;
  wasAlreadyErroring?: boolean;
}

interface ReadRequest {
  chunk(value: unknown): unknown;
  close(): void;
  error(e: unknown): void;
}

/** A queue of chunks with their sizes, as the spec's "queue-with-sizes". */
interface SizedQueue {
  queue: { value: unknown; size: number }[];
  queueTotalSize: number;
}

interface ReadableRecord {
  brand: 'ReadableStream';
  state: 'readable' | 'closed' | 'errored';
  reader: ReaderRecord | null;
  storedError: unknown;
  disturbed: boolean;
  controller: ReadableControllerRecord | null;
}

interface ReadableControllerRecord extends SizedQueue {
  brand: 'ReadableStreamDefaultController';
  stream: ReadableRecord;
  started: boolean;
  closeRequested: boolean;
  pullAgain: boolean;
  pulling: boolean;
  size: SizeAlgorithm;
  hwm: number;
  pull: PromiseAlgorithm;
  cancel: PromiseAlgorithm;
}

interface ReaderRecord {
  brand: 'ReadableStreamDefaultReader';
  stream: ReadableRecord | null;
  readRequests: ReadRequest[];
  closed: Deferred;
}

interface WritableRecord {
  brand: 'WritableStream';
  state: 'writable' | 'erroring' | 'errored' | 'closed';
  storedError: unknown;
  writer: WriterRecord | null;
  controller: WritableControllerRecord | null;
  inFlightWrite: Deferred | null;
  closeRequest: Deferred | null;
  inFlightClose: Deferred | null;
  pendingAbort: Deferred | null;
  writeRequests: Deferred[];
  backpressure: boolean;
}

interface WritableControllerRecord extends SizedQueue {
  brand: 'WritableStreamDefaultController';
  stream: WritableRecord;
  started: boolean;
  size: SizeAlgorithm;
  hwm: number;
  write: PromiseAlgorithm;
  close: PromiseAlgorithm;
  abort: PromiseAlgorithm;
  abortController: AbortController;
}

interface WriterRecord {
  brand: 'WritableStreamDefaultWriter';
  stream: WritableRecord | null;
  ready: Deferred;
  closed: Deferred;
}

interface TransformRecord {
  brand: 'TransformStream';
  readable: ReadableRecord;
  writable: WritableRecord;
  backpressure: boolean;
  backpressureChange: Deferred | null;
  readableObject: object;
  writableObject: object;
  finish: Promise<unknown> | null;
  transform: PromiseAlgorithm;
  flush: PromiseAlgorithm;
  cancel: PromiseAlgorithm;
}

interface TransformControllerRecord {
  brand: 'TransformStreamDefaultController';
  stream: TransformRecord;
}

interface StrategyRecord {
  brand: 'CountQueuingStrategy' | 'ByteLengthQueuingStrategy';
  hwm: number;
}

/** What each class keeps of an instance, by brand, out of app code's reach. */
interface Brands {
  ReadableStream: ReadableRecord;
  ReadableStreamDefaultController: ReadableControllerRecord;
  ReadableStreamDefaultReader: ReaderRecord;
  WritableStream: WritableRecord;
  WritableStreamDefaultController: WritableControllerRecord;
  WritableStreamDefaultWriter: WriterRecord;
  TransformStream: TransformRecord;
  TransformStreamDefaultController: TransformControllerRecord;
  CountQueuingStrategy: StrategyRecord;
  ByteLengthQueuingStrategy: StrategyRecord;
}

interface IteratorRecord {
  reader: ReaderRecord;
  preventCancel: boolean;
  done: boolean;
  ongoing: Promise<unknown> | null;
}

interface PipeOptions {
  preventClose: boolean;
  preventAbort: boolean;
  preventCancel: boolean;
  signal: AbortSignal | undefined;
}

/** An underlying source, sink or transformer, as app code hands it over: anything may be on it. */
type Underlying = Record<string | symbol, unknown>;

/** Defines the stream globals; shares k.ReadableStream, k.WritableStream, k.TransformStream and k.webStreams. */
export function installWebStreams(k: Kernel): void {
  const PromiseC = Promise;
  const AbortControllerC = AbortController;
  const resolved = (v: unknown): Promise<unknown> => PromiseC.resolve(v);
  const rejected = (e: unknown): Promise<never> => PromiseC.reject(e);
  const noop = () => {};
  const handled = (p: Promise<unknown>) => {
    p.then(undefined, noop);
    return p;
  };
  function deferred(): Deferred {
    const d = { settled: false } as Deferred;
    d.promise = new PromiseC((resolve, reject) => {
      d.resolve = (v) => {
        d.settled = true;
        resolve(v);
      };
      d.reject = (e) => {
        d.settled = true;
        reject(e);
      };
    });
    return d;
  }
  // A pending promise is rejected; a settled one is replaced by a rejected one (the spec's "ensure … rejected").
  function ensureRejected(d: Deferred, e: unknown): Deferred {
    if (d.settled) return rejectedDeferred(e);
    handled(d.promise);
    d.reject(e);
    return d;
  }
  // A settled-rejected deferred whose rejection nobody needs to observe (closed/ready promises).
  function rejectedDeferred(e: unknown): Deferred {
    const d = deferred();
    handled(d.promise);
    d.reject(e);
    return d;
  }
  function promiseCall(fn: AnyFunction | undefined, self: unknown, args: unknown[]): Promise<unknown> {
    if (fn === undefined) return resolved(undefined);
    try {
      return resolved(fn.apply(self, args));
    } catch (e) {
      return rejected(e);
    }
  }
  function typeError(message: string, code?: string): CodedError {
    const e: CodedError = new TypeError(message);
    if (code) e.code = code;
    return e;
  }
  const invalidState = (what: string) => typeError('Invalid state: ' + what, 'ERR_INVALID_STATE');
  const slots = new WeakMap<object, Brands[keyof Brands]>();
  function slot<B extends keyof Brands>(value: unknown, brand: B): Brands[B] {
    const s = value !== null && (typeof value === 'object' || typeof value === 'function') ? slots.get(value as object) : undefined;
    if (s === undefined || s.brand !== brand) throw typeError('Value of "this" must be of type ' + brand, 'ERR_INVALID_THIS');
    return s as Brands[B];
  }
  function getMethod(object: unknown, name: string): AnyFunction | undefined {
    if (object === undefined || object === null) return undefined;
    const fn = (object as Underlying)[name];
    if (fn === undefined || fn === null) return undefined;
    if (typeof fn !== 'function') throw typeError('The "' + name + '" property must be of type function.' + k.received(fn), 'ERR_INVALID_ARG_TYPE');
    return fn as AnyFunction;
  }

  // Strategies: how much a queue may hold before it asks for no more.
  function highWaterMarkOf(strategy: unknown, fallback: number): number {
    const hwm = strategy === undefined || strategy === null ? undefined : (strategy as Underlying).highWaterMark;
    if (hwm === undefined) return fallback;
    const n = Number(hwm);
    if (n !== n || n < 0) {
      const e: CodedError = new RangeError('The value of "strategy.highWaterMark" is invalid. Received ' + k.inspect(hwm));
      e.code = 'ERR_INVALID_ARG_VALUE';
      throw e;
    }
    return n;
  }
  function sizeOf(strategy: unknown): SizeAlgorithm {
    const size = strategy === undefined || strategy === null ? undefined : (strategy as Underlying).size;
    if (size === undefined) return () => 1;
    if (typeof size !== 'function') throw typeError('The "strategy.size" property must be of type function.' + k.received(size), 'ERR_INVALID_ARG_TYPE');
    return (chunk) => (size as AnyFunction)(chunk);
  }
  function strategyInit(init: unknown): number {
    if (init === null || typeof init !== 'object') throw typeError('The "init" argument must be of type object.' + k.received(init), 'ERR_INVALID_ARG_TYPE');
    if ((init as Underlying).highWaterMark === undefined) throw typeError('The "init.highWaterMark" property must be of type number.' + k.received(undefined), 'ERR_INVALID_ARG_TYPE');
    return Number((init as Underlying).highWaterMark);
  }
  const countSize = () => 1;
  Object.defineProperty(countSize, 'name', { value: 'size' });
  const byteLengthSize = (chunk: { byteLength: unknown }) => chunk.byteLength;
  Object.defineProperty(byteLengthSize, 'name', { value: 'size' });
  class CountQueuingStrategy {
    constructor(init: unknown) {
      slots.set(this, { brand: 'CountQueuingStrategy', hwm: strategyInit(init) });
    }
    get highWaterMark() {
      return slot(this, 'CountQueuingStrategy').hwm;
    }
    get size() {
      slot(this, 'CountQueuingStrategy');
      return countSize;
    }
    get [Symbol.toStringTag]() {
      return 'CountQueuingStrategy';
    }
  }
  class ByteLengthQueuingStrategy {
    constructor(init: unknown) {
      slots.set(this, { brand: 'ByteLengthQueuingStrategy', hwm: strategyInit(init) });
    }
    get highWaterMark() {
      return slot(this, 'ByteLengthQueuingStrategy').hwm;
    }
    get size() {
      slot(this, 'ByteLengthQueuingStrategy');
      return byteLengthSize;
    }
    get [Symbol.toStringTag]() {
      return 'ByteLengthQueuingStrategy';
    }
  }

  // A queue of chunks with their sizes, as the spec's "queue-with-sizes".
  function enqueueValueWithSize(c: SizedQueue, value: unknown, size: unknown): void {
    if (typeof size !== 'number' || size !== size || size < 0 || size === Infinity) {
      const e: CodedError = new RangeError('The value of "size" is out of range. It must be a finite, non-negative number. Received ' + k.inspect(size));
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  }
  function dequeueValue(c: SizedQueue): unknown {
    const pair = c.queue.shift()!;
    c.queueTotalSize = Math.max(0, c.queueTotalSize - pair.size);
    return pair.value;
  }
  function resetQueue(c: SizedQueue): void {
    c.queue = [];
    c.queueTotalSize = 0;
  }

  // ---- ReadableStream ----
  function readableRecord(): ReadableRecord {
    return { brand: 'ReadableStream', state: 'readable', reader: null, storedError: undefined, disturbed: false, controller: null };
  }
  function setUpReadableController(
    stream: ReadableRecord,
    controllerObject: object,
    start: StartAlgorithm | ((controller: object) => unknown),
    pull: PromiseAlgorithm,
    cancel: PromiseAlgorithm,
    hwm: number,
    size: SizeAlgorithm,
  ): ReadableControllerRecord {
    const c: ReadableControllerRecord = {
      brand: 'ReadableStreamDefaultController',
      stream,
      queue: [],
      queueTotalSize: 0,
      started: false,
      closeRequested: false,
      pullAgain: false,
      pulling: false,
      size,
      hwm,
      pull,
      cancel,
    };
    slots.set(controllerObject, c);
    stream.controller = c;
    // start runs now, and what it throws is thrown from the constructor, as the spec says.
    const startResult = start === undefined ? undefined : start(controllerObject);
    resolved(startResult).then(
      () => {
        c.started = true;
        readableCallPullIfNeeded(c);
      },
      (r) => readableControllerError(c, r),
    );
    return c;
  }
  function readableCanCloseOrEnqueue(c: ReadableControllerRecord): boolean {
    return !c.closeRequested && c.stream.state === 'readable';
  }
  function readableDesiredSize(c: ReadableControllerRecord): number | null {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.hwm - c.queueTotalSize;
  }
  function readableShouldCallPull(c: ReadableControllerRecord): boolean {
    if (!readableCanCloseOrEnqueue(c) || !c.started) return false;
    const stream = c.stream;
    if (stream.reader !== null && stream.reader.readRequests.length > 0) return true;
    return (readableDesiredSize(c) as number) > 0;
  }
  function readableCallPullIfNeeded(c: ReadableControllerRecord): void {
    if (!readableShouldCallPull(c)) return;
    if (c.pulling) {
      c.pullAgain = true;
      return;
    }
    c.pulling = true;
    c.pull().then(
      () => {
        c.pulling = false;
        if (c.pullAgain) {
          c.pullAgain = false;
          readableCallPullIfNeeded(c);
        }
      },
      (e) => readableControllerError(c, e),
    );
  }
  function readableClearAlgorithms(c: ReadableControllerRecord): void {
    c.pull = () => resolved(undefined);
    c.cancel = () => resolved(undefined);
    c.size = () => 1;
  }
  function readableControllerClose(c: ReadableControllerRecord): void {
    if (!readableCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) {
      readableClearAlgorithms(c);
      readableStreamClose(c.stream);
    }
  }
  function readableControllerEnqueue(c: ReadableControllerRecord, chunk: unknown): void {
    if (!readableCanCloseOrEnqueue(c)) return;
    const stream = c.stream;
    if (stream.reader !== null && stream.reader.readRequests.length > 0) {
      stream.reader.readRequests.shift()!.chunk(chunk);
    } else {
      let size;
      try {
        size = c.size(chunk);
        enqueueValueWithSize(c, chunk, size);
      } catch (e) {
        readableControllerError(c, e);
        throw e;
      }
    }
    readableCallPullIfNeeded(c);
  }
  function readableControllerError(c: ReadableControllerRecord, e: unknown): void {
    if (c.stream.state !== 'readable') return;
    resetQueue(c);
    readableClearAlgorithms(c);
    readableStreamError(c.stream, e);
  }
  function readableStreamClose(stream: ReadableRecord): void {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === null) return;
    reader.closed.resolve(undefined);
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const request of requests) request.close();
  }
  function readableStreamError(stream: ReadableRecord, e: unknown): void {
    stream.state = 'errored';
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === null) return;
    handled(reader.closed.promise);
    reader.closed.reject(e);
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const request of requests) request.error(e);
  }
  function readableStreamCancel(stream: ReadableRecord, reason: unknown): Promise<unknown> {
    stream.disturbed = true;
    if (stream.state === 'closed') return resolved(undefined);
    if (stream.state === 'errored') return rejected(stream.storedError);
    readableStreamClose(stream);
    const c = stream.controller!;
    resetQueue(c);
    const result = c.cancel(reason);
    readableClearAlgorithms(c);
    return result.then(() => undefined);
  }
  function readerRead(reader: ReaderRecord, request: ReadRequest): void {
    const stream = reader.stream!;
    stream.disturbed = true;
    if (stream.state === 'closed') {
      request.close();
      return;
    }
    if (stream.state === 'errored') {
      request.error(stream.storedError);
      return;
    }
    const c = stream.controller!;
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) {
        readableClearAlgorithms(c);
        readableStreamClose(stream);
      } else readableCallPullIfNeeded(c);
      request.chunk(chunk);
    } else {
      reader.readRequests.push(request);
      readableCallPullIfNeeded(c);
    }
  }
  function acquireReader(stream: ReadableRecord, readerObject: object): ReaderRecord {
    if (stream.reader !== null) throw invalidState('ReadableStream is locked');
    const reader: ReaderRecord = { brand: 'ReadableStreamDefaultReader', stream, readRequests: [], closed: deferred() };
    stream.reader = reader;
    if (stream.state === 'closed') reader.closed.resolve(undefined);
    else if (stream.state === 'errored') {
      handled(reader.closed.promise);
      reader.closed.reject(stream.storedError);
    }
    slots.set(readerObject, reader);
    return reader;
  }
  function releaseReader(reader: ReaderRecord): void {
    const stream = reader.stream!;
    const e = invalidState('Reader released');
    reader.closed = ensureRejected(reader.closed, e);
    stream.reader = null;
    reader.stream = null;
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const request of requests) request.error(e);
  }
  const readResult = (value: unknown, done: boolean) => ({ value, done });
  function readPromise(reader: ReaderRecord): Promise<unknown> {
    const d = deferred();
    readerRead(reader, { chunk: (value) => d.resolve(readResult(value, false)), close: () => d.resolve(readResult(undefined, true)), error: (e) => d.reject(e) });
    return d.promise;
  }

  class ReadableStreamDefaultController {
    constructor() {
      throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
    }
    get desiredSize() {
      return readableDesiredSize(slot(this, 'ReadableStreamDefaultController'));
    }
    close() {
      const c = slot(this, 'ReadableStreamDefaultController');
      if (!readableCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
      readableControllerClose(c);
    }
    enqueue(chunk?: unknown) {
      const c = slot(this, 'ReadableStreamDefaultController');
      if (!readableCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
      readableControllerEnqueue(c, chunk);
    }
    error(e?: unknown) {
      readableControllerError(slot(this, 'ReadableStreamDefaultController'), e);
    }
    get [Symbol.toStringTag]() {
      return 'ReadableStreamDefaultController';
    }
  }
  const newController = (Ctor: { prototype: object }): object => Object.create(Ctor.prototype) as object;

  class ReadableStreamDefaultReader {
    constructor(stream: unknown) {
      acquireReader(slot(stream, 'ReadableStream'), this);
    }
    read() {
      let reader;
      try {
        reader = slot(this, 'ReadableStreamDefaultReader');
      } catch (e) {
        return rejected(e);
      }
      if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
      return readPromise(reader);
    }
    releaseLock() {
      const reader = slot(this, 'ReadableStreamDefaultReader');
      if (reader.stream !== null) releaseReader(reader);
    }
    cancel(reason?: unknown) {
      let reader;
      try {
        reader = slot(this, 'ReadableStreamDefaultReader');
      } catch (e) {
        return rejected(e);
      }
      if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
      return readableStreamCancel(reader.stream, reason);
    }
    get closed() {
      try {
        return slot(this, 'ReadableStreamDefaultReader').closed.promise;
      } catch (e) {
        return rejected(e);
      }
    }
    get [Symbol.toStringTag]() {
      return 'ReadableStreamDefaultReader';
    }
  }

  // Makes a stream around algorithms that already return promises (for tee, from and TransformStream).
  function createReadable(start: StartAlgorithm, pull: PromiseAlgorithm, cancel: PromiseAlgorithm, hwm?: number, size?: SizeAlgorithm): object {
    const object = Object.create(ReadableStream.prototype) as object;
    const stream = readableRecord();
    slots.set(object, stream);
    setUpReadableController(stream, newController(ReadableStreamDefaultController), start, pull, cancel, hwm === undefined ? 1 : hwm, size || (() => 1));
    return object;
  }

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype) as object;
  const iteratorPrototype = Object.create(AsyncIteratorPrototype) as object;
  const iterators = new WeakMap<object, IteratorRecord>();
  function iteratorState(it: unknown): IteratorRecord {
    const s = it !== null && typeof it === 'object' ? iterators.get(it) : undefined;
    if (s === undefined) throw typeError('Value of "this" must be of type ReadableStreamAsyncIterator', 'ERR_INVALID_THIS');
    return s;
  }
  // Each step waits for the one before, as the spec's async iterator does.
  function queueStep(s: IteratorRecord, step: () => Promise<unknown>): Promise<unknown> {
    const next = s.ongoing ? s.ongoing.then(step, step) : step();
    s.ongoing = next.then(
      () => undefined,
      () => undefined,
    );
    return next;
  }
  Object.defineProperties(iteratorPrototype, {
    next: {
      value: function next(this: unknown) {
        let s: IteratorRecord;
        try {
          s = iteratorState(this);
        } catch (e) {
          return rejected(e);
        }
        return queueStep(s, () => {
          if (s.done) return resolved(readResult(undefined, true));
          const reader = s.reader;
          if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
          const d = deferred();
          readerRead(reader, {
            chunk: (value) => d.resolve(readResult(value, false)),
            close: () => {
              s.done = true;
              releaseReader(reader);
              d.resolve(readResult(undefined, true));
            },
            error: (e) => {
              s.done = true;
              releaseReader(reader);
              d.reject(e);
            },
          });
          return d.promise;
        });
      },
      writable: true,
      configurable: true,
    },
    return: {
      value: function (this: unknown, value: unknown) {
        let s: IteratorRecord;
        try {
          s = iteratorState(this);
        } catch (e) {
          return rejected(e);
        }
        return queueStep(s, () => {
          if (s.done) return resolved(readResult(value, true));
          s.done = true;
          const reader = s.reader;
          if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
          if (!s.preventCancel) {
            const result = readableStreamCancel(reader.stream, value);
            releaseReader(reader);
            return result.then(() => readResult(value, true));
          }
          releaseReader(reader);
          return resolved(readResult(value, true));
        });
      },
      writable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: { value: 'ReadableStreamAsyncIterator', configurable: true },
  });

  class ReadableStream {
    constructor(source?: unknown, strategy?: unknown) {
      if (source === null) throw typeError('The "source" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = (source === undefined ? {} : source) as Underlying;
      const stream = readableRecord();
      slots.set(this, stream);
      const type = underlying.type;
      if (type !== undefined && String(type) !== 'bytes') {
        throw typeError("The argument 'source.type' is invalid. Received " + k.inspect(type), 'ERR_INVALID_ARG_VALUE');
      }
      const hwm = highWaterMarkOf(strategy, type === undefined ? 1 : 0);
      const size = sizeOf(strategy);
      const start = getMethod(underlying, 'start');
      const pull = getMethod(underlying, 'pull');
      const cancel = getMethod(underlying, 'cancel');
      const controller = newController(ReadableStreamDefaultController);
      setUpReadableController(
        stream,
        controller,
        start === undefined ? undefined : () => start.call(underlying, controller),
        () => promiseCall(pull, underlying, [controller]),
        (reason) => promiseCall(cancel, underlying, [reason]),
        hwm,
        size,
      );
    }
    static from(iterable: unknown) {
      if (iterable === null || iterable === undefined) throw typeError('The "iterable" argument must be an instance of Iterable.' + k.received(iterable), 'ERR_ARG_NOT_ITERABLE');
      const source = iterable as Underlying;
      const method = source[Symbol.asyncIterator] as AnyFunction | undefined | null;
      let iterator: Underlying;
      if (method === undefined || method === null) {
        const syncMethod = source[Symbol.iterator];
        if (typeof syncMethod !== 'function') throw typeError('The "iterable" argument must be an instance of Iterable.' + k.received(iterable), 'ERR_ARG_NOT_ITERABLE');
        const sync = (syncMethod as AnyFunction).call(iterable) as Iterator<unknown>;
        // A sync iterator's values may be promises: each is awaited, as for-await does.
        iterator = {
          next: () => {
            const step = sync.next();
            return resolved(step.value).then((value) => ({ value, done: Boolean(step.done) }));
          },
          return: (v: unknown) => (typeof sync.return === 'function' ? resolved(sync.return(v)) : resolved({ value: v, done: true })),
        };
      } else {
        iterator = method.call(iterable) as Underlying;
      }
      if (iterator === null || typeof iterator !== 'object') throw typeError('The iterator must be an object');
      const nextMethod = iterator.next as AnyFunction;
      // eslint-disable-next-line prefer-const -- set once the stream exists; pull reads it only after
      let controller: ReadableControllerRecord;
      const stream = createReadable(
        undefined,
        () => {
          let result;
          try {
            result = resolved(nextMethod.call(iterator));
          } catch (e) {
            return rejected(e);
          }
          return result.then((step) => {
            if (step === null || typeof step !== 'object') throw typeError('The promise returned by the iterator.next() method must fulfill with an object');
            if ((step as IteratorResult<unknown>).done) readableControllerClose(controller);
            else readableControllerEnqueue(controller, (step as IteratorResult<unknown>).value);
          });
        },
        (reason) => {
          let returnMethod;
          try {
            returnMethod = iterator.return;
          } catch (e) {
            return rejected(e);
          }
          if (returnMethod === undefined || returnMethod === null) return resolved(undefined);
          return promiseCall(returnMethod as AnyFunction, iterator, [reason]).then((result) => {
            if (result === null || typeof result !== 'object') throw typeError('The promise returned by the iterator.return() method must fulfill with an object');
          });
        },
        0,
      );
      controller = (slots.get(stream) as ReadableRecord).controller!;
      return stream;
    }
    get locked() {
      return slot(this, 'ReadableStream').reader !== null;
    }
    cancel(reason?: unknown) {
      let stream;
      try {
        stream = slot(this, 'ReadableStream');
      } catch (e) {
        return rejected(e);
      }
      if (stream.reader !== null) return rejected(invalidState('ReadableStream is locked'));
      return readableStreamCancel(stream, reason);
    }
    getReader(options?: unknown) {
      slot(this, 'ReadableStream');
      const mode = options === undefined || options === null ? undefined : (options as Underlying).mode;
      if (mode !== undefined) {
        if (String(mode) === 'byob') throw typeError('Anvil runner: BYOB readers are not available in Forge functions run locally', 'ERR_INVALID_ARG_VALUE');
        throw typeError("The argument 'options.mode' is invalid. Received " + k.inspect(mode), 'ERR_INVALID_ARG_VALUE');
      }
      return new ReadableStreamDefaultReader(this);
    }
    pipeThrough(transform: unknown, options?: unknown) {
      const stream = slot(this, 'ReadableStream');
      if (transform === null || typeof transform !== 'object') throw typeError('The "transform" argument must be of type object.' + k.received(transform), 'ERR_INVALID_ARG_TYPE');
      const readable = (transform as Underlying).readable;
      const writable = (transform as Underlying).writable;
      slot(readable, 'ReadableStream');
      const dest = slot(writable, 'WritableStream');
      if (stream.reader !== null) throw invalidState('The ReadableStream is locked');
      if (dest.writer !== null) throw invalidState('The WritableStream is locked');
      handled(pipe(stream, dest, pipeOptions(options)));
      return readable;
    }
    pipeTo(destination: unknown, options?: unknown) {
      let stream;
      let dest;
      let opts;
      try {
        stream = slot(this, 'ReadableStream');
        dest = slot(destination, 'WritableStream');
        opts = pipeOptions(options);
      } catch (e) {
        return rejected(e);
      }
      if (stream.reader !== null) return rejected(invalidState('The ReadableStream is locked'));
      if (dest.writer !== null) return rejected(invalidState('The WritableStream is locked'));
      return pipe(stream, dest, opts);
    }
    tee() {
      return tee(slot(this, 'ReadableStream'));
    }
    values(options?: unknown) {
      const stream = slot(this, 'ReadableStream');
      const preventCancel = Boolean(options !== undefined && options !== null && (options as Underlying).preventCancel);
      const readerObject = Object.create(ReadableStreamDefaultReader.prototype) as object;
      const reader = acquireReader(stream, readerObject);
      const it = Object.create(iteratorPrototype) as object;
      iterators.set(it, { reader, preventCancel, done: false, ongoing: null });
      return it;
    }
    get [Symbol.toStringTag]() {
      return 'ReadableStream';
    }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { value: ReadableStream.prototype.values, writable: true, configurable: true });

  function pipeOptions(options: unknown): PipeOptions {
    if (options === undefined || options === null) return { preventClose: false, preventAbort: false, preventCancel: false, signal: undefined };
    if (typeof options !== 'object') throw typeError('The "options" argument must be of type object.' + k.received(options), 'ERR_INVALID_ARG_TYPE');
    const o = options as Underlying;
    const signal = o.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw typeError('The "options.signal" property must be an instance of AbortSignal.' + k.received(signal), 'ERR_INVALID_ARG_TYPE');
    }
    return { preventClose: Boolean(o.preventClose), preventAbort: Boolean(o.preventAbort), preventCancel: Boolean(o.preventCancel), signal: signal as AbortSignal | undefined };
  }

  function tee(stream: ReadableRecord): [object, object] {
    const readerObject = Object.create(ReadableStreamDefaultReader.prototype) as object;
    const reader = acquireReader(stream, readerObject);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1: unknown;
    let reason2: unknown;
    // eslint-disable-next-line prefer-const -- set once both branches exist; pull reads them only after
    let c1: ReadableControllerRecord;
    // eslint-disable-next-line prefer-const -- as c1
    let c2: ReadableControllerRecord;
    const cancelDone = deferred();
    function pull(): Promise<unknown> {
      if (reading) {
        readAgain = true;
        return resolved(undefined);
      }
      reading = true;
      readerRead(reader, {
        chunk: (chunk) =>
          resolved(undefined).then(() => {
            readAgain = false;
            if (!canceled1) readableControllerEnqueue(c1, chunk);
            if (!canceled2) readableControllerEnqueue(c2, chunk);
            reading = false;
            if (readAgain) pull();
          }),
        close: () => {
          reading = false;
          if (!canceled1) readableControllerClose(c1);
          if (!canceled2) readableControllerClose(c2);
          if (!canceled1 || !canceled2) cancelDone.resolve(undefined);
        },
        error: () => {
          reading = false;
        },
      });
      return resolved(undefined);
    }
    function cancelBoth() {
      cancelDone.resolve(readableStreamCancel(stream, [reason1, reason2]));
    }
    const branch1 = createReadable(undefined, pull, (reason) => {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelBoth();
      return cancelDone.promise;
    });
    const branch2 = createReadable(undefined, pull, (reason) => {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelBoth();
      return cancelDone.promise;
    });
    c1 = (slots.get(branch1) as ReadableRecord).controller!;
    c2 = (slots.get(branch2) as ReadableRecord).controller!;
    reader.closed.promise.then(undefined, (r) => {
      readableControllerError(c1, r);
      readableControllerError(c2, r);
      if (!canceled1 || !canceled2) cancelDone.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // ---- WritableStream ----
  const CLOSE = {};
  function writableRecord(): WritableRecord {
    return {
      brand: 'WritableStream',
      state: 'writable',
      storedError: undefined,
      writer: null,
      controller: null,
      inFlightWrite: null,
      closeRequest: null,
      inFlightClose: null,
      pendingAbort: null,
      writeRequests: [],
      backpressure: false,
    };
  }
  function setUpWritableController(
    stream: WritableRecord,
    controllerObject: object,
    start: StartAlgorithm | ((controller: object) => unknown),
    write: PromiseAlgorithm,
    close: PromiseAlgorithm,
    abort: PromiseAlgorithm,
    hwm: number,
    size: SizeAlgorithm,
  ): WritableControllerRecord {
    const c: WritableControllerRecord = {
      brand: 'WritableStreamDefaultController',
      stream,
      queue: [],
      queueTotalSize: 0,
      started: false,
      size,
      hwm,
      write,
      close,
      abort,
      abortController: new AbortControllerC(),
    };
    slots.set(controllerObject, c);
    stream.controller = c;
    updateBackpressure(stream, writableGetBackpressure(c));
    const startResult = start === undefined ? undefined : start(controllerObject);
    resolved(startResult).then(
      () => {
        c.started = true;
        writableAdvanceQueueIfNeeded(c);
      },
      (r) => {
        c.started = true;
        writableDealWithRejection(stream, r);
      },
    );
    return c;
  }
  const closeQueuedOrInFlight = (stream: WritableRecord) => stream.closeRequest !== null || stream.inFlightClose !== null;
  const hasInFlight = (stream: WritableRecord) => stream.inFlightWrite !== null || stream.inFlightClose !== null;
  function writableDesiredSize(c: WritableControllerRecord): number {
    return c.hwm - c.queueTotalSize;
  }
  function writableGetBackpressure(c: WritableControllerRecord): boolean {
    return writableDesiredSize(c) <= 0;
  }
  function writableClearAlgorithms(c: WritableControllerRecord): void {
    c.write = () => resolved(undefined);
    c.close = () => resolved(undefined);
    c.abort = () => resolved(undefined);
    c.size = () => 1;
  }
  function updateBackpressure(stream: WritableRecord, backpressure: boolean): void {
    const writer = stream.writer;
    if (writer !== null && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }
  function writableStartErroring(stream: WritableRecord, reason: unknown): void {
    const c = stream.controller!;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== null) writerEnsureReadyRejected(writer, reason);
    if (!hasInFlight(stream) && c.started) writableFinishErroring(stream);
  }
  function writableFinishErroring(stream: WritableRecord): void {
    stream.state = 'errored';
    const c = stream.controller!;
    resetQueue(c);
    const e = stream.storedError;
    for (const request of stream.writeRequests) request.reject(e);
    stream.writeRequests = [];
    if (stream.pendingAbort === null) {
      writableRejectCloseAndClosed(stream);
      return;
    }
    const abort = stream.pendingAbort;
    stream.pendingAbort = null;
    if (abort.wasAlreadyErroring) {
      abort.reject(e);
      writableRejectCloseAndClosed(stream);
      return;
    }
    const result = c.abort(abort.reason);
    writableClearAlgorithms(c);
    result.then(
      () => {
        abort.resolve(undefined);
        writableRejectCloseAndClosed(stream);
      },
      (r) => {
        abort.reject(r);
        writableRejectCloseAndClosed(stream);
      },
    );
  }
  function writableRejectCloseAndClosed(stream: WritableRecord): void {
    if (stream.closeRequest !== null) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = null;
    }
    const writer = stream.writer;
    if (writer !== null) {
      handled(writer.closed.promise);
      writer.closed.reject(stream.storedError);
    }
  }
  function writableDealWithRejection(stream: WritableRecord, error: unknown): void {
    if (stream.state === 'writable') {
      writableStartErroring(stream, error);
      return;
    }
    writableFinishErroring(stream);
  }
  function writerEnsureReadyRejected(writer: WriterRecord, e: unknown): void {
    writer.ready = ensureRejected(writer.ready, e);
  }
  function writableAbort(stream: WritableRecord, reason: unknown): Promise<unknown> {
    if (stream.state === 'closed' || stream.state === 'errored') return resolved(undefined);
    stream.controller!.abortController.abort(reason);
    // The abort signal's listeners may have changed the state.
    const state = stream.state as WritableRecord['state'];
    if (state === 'closed' || state === 'errored') return resolved(undefined);
    if (stream.pendingAbort !== null) return stream.pendingAbort.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const d = deferred();
    d.reason = reason;
    d.wasAlreadyErroring = wasAlreadyErroring;
    stream.pendingAbort = d;
    if (!wasAlreadyErroring) writableStartErroring(stream, reason);
    return d.promise;
  }
  function writableClose(stream: WritableRecord): Promise<unknown> {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return rejected(invalidState('WritableStream is closed'));
    if (closeQueuedOrInFlight(stream)) return rejected(invalidState('WritableStream is closing'));
    const d = deferred();
    stream.closeRequest = d;
    const writer = stream.writer;
    if (writer !== null && stream.backpressure && state === 'writable') writer.ready.resolve(undefined);
    const c = stream.controller!;
    enqueueValueWithSize(c, CLOSE, 0);
    writableAdvanceQueueIfNeeded(c);
    return d.promise;
  }
  function writableAdvanceQueueIfNeeded(c: WritableControllerRecord): void {
    const stream = c.stream;
    if (!c.started || stream.inFlightWrite !== null) return;
    if (stream.state === 'erroring') {
      writableFinishErroring(stream);
      return;
    }
    if (c.queue.length === 0) return;
    const value = c.queue[0]!.value;
    if (value === CLOSE) {
      stream.inFlightClose = stream.closeRequest;
      stream.closeRequest = null;
      dequeueValue(c);
      const result = c.close();
      writableClearAlgorithms(c);
      result.then(
        () => {
          stream.inFlightClose!.resolve(undefined);
          stream.inFlightClose = null;
          if (stream.state === 'erroring') {
            stream.storedError = undefined;
            if (stream.pendingAbort !== null) {
              stream.pendingAbort.resolve(undefined);
              stream.pendingAbort = null;
            }
          }
          stream.state = 'closed';
          if (stream.writer !== null) stream.writer.closed.resolve(undefined);
        },
        (r) => {
          stream.inFlightClose!.reject(r);
          stream.inFlightClose = null;
          if (stream.pendingAbort !== null) {
            stream.pendingAbort.reject(r);
            stream.pendingAbort = null;
          }
          writableDealWithRejection(stream, r);
        },
      );
      return;
    }
    stream.inFlightWrite = stream.writeRequests.shift()!;
    c.write(value).then(
      () => {
        stream.inFlightWrite!.resolve(undefined);
        stream.inFlightWrite = null;
        const state = stream.state;
        dequeueValue(c);
        if (!closeQueuedOrInFlight(stream) && state === 'writable') updateBackpressure(stream, writableGetBackpressure(c));
        writableAdvanceQueueIfNeeded(c);
      },
      (r) => {
        if (stream.state === 'writable') writableClearAlgorithms(c);
        stream.inFlightWrite!.reject(r);
        stream.inFlightWrite = null;
        writableDealWithRejection(stream, r);
      },
    );
  }
  function writableControllerErrorIfNeeded(c: WritableControllerRecord, e: unknown): void {
    if (c.stream.state === 'writable') {
      writableClearAlgorithms(c);
      writableStartErroring(c.stream, e);
    }
  }
  function writerWrite(writer: WriterRecord, chunk: unknown): Promise<unknown> {
    const stream = writer.stream!;
    const c = stream.controller!;
    let size;
    try {
      size = c.size(chunk);
    } catch (e) {
      writableControllerErrorIfNeeded(c, e);
      size = 1;
    }
    if (stream !== writer.stream) return rejected(invalidState('Writer has been released'));
    const state = stream.state;
    if (state === 'errored') return rejected(stream.storedError);
    if (closeQueuedOrInFlight(stream) || state === 'closed') return rejected(invalidState('WritableStream is closed'));
    if (state === 'erroring') return rejected(stream.storedError);
    const d = deferred();
    stream.writeRequests.push(d);
    try {
      enqueueValueWithSize(c, chunk, size);
    } catch (e) {
      writableControllerErrorIfNeeded(c, e);
      return d.promise;
    }
    if (!closeQueuedOrInFlight(stream) && stream.state === 'writable') updateBackpressure(stream, writableGetBackpressure(c));
    writableAdvanceQueueIfNeeded(c);
    return d.promise;
  }
  function writerDesiredSize(writer: WriterRecord): number | null {
    const state = writer.stream!.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableDesiredSize(writer.stream!.controller!);
  }
  function acquireWriter(stream: WritableRecord, writerObject: object): WriterRecord {
    if (stream.writer !== null) throw invalidState('WritableStream is locked');
    // ready is set below, for every state.
    const writer: WriterRecord = { brand: 'WritableStreamDefaultWriter', stream, ready: null as unknown as Deferred, closed: deferred() };
    stream.writer = writer;
    const state = stream.state;
    if (state === 'writable') {
      writer.ready = deferred();
      if (closeQueuedOrInFlight(stream) || !stream.backpressure) writer.ready.resolve(undefined);
    } else if (state === 'erroring') {
      writer.ready = rejectedDeferred(stream.storedError);
    } else if (state === 'closed') {
      writer.ready = deferred();
      writer.ready.resolve(undefined);
      writer.closed.resolve(undefined);
    } else {
      writer.ready = rejectedDeferred(stream.storedError);
      writer.closed = rejectedDeferred(stream.storedError);
    }
    slots.set(writerObject, writer);
    return writer;
  }
  function releaseWriter(writer: WriterRecord): void {
    const stream = writer.stream!;
    const e = invalidState('Writer has been released');
    writerEnsureReadyRejected(writer, e);
    writer.closed = ensureRejected(writer.closed, e);
    stream.writer = null;
    writer.stream = null;
  }
  function writerCloseWithErrorPropagation(writer: WriterRecord): Promise<unknown> {
    const stream = writer.stream!;
    const state = stream.state;
    if (closeQueuedOrInFlight(stream) || state === 'closed') return resolved(undefined);
    if (state === 'errored') return rejected(stream.storedError);
    return writableClose(stream);
  }

  class WritableStreamDefaultController {
    constructor() {
      throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
    }
    get signal() {
      return slot(this, 'WritableStreamDefaultController').abortController.signal;
    }
    error(e?: unknown) {
      writableControllerErrorIfNeeded(slot(this, 'WritableStreamDefaultController'), e);
    }
    get [Symbol.toStringTag]() {
      return 'WritableStreamDefaultController';
    }
  }

  class WritableStreamDefaultWriter {
    constructor(stream: unknown) {
      acquireWriter(slot(stream, 'WritableStream'), this);
    }
    get closed() {
      try {
        return slot(this, 'WritableStreamDefaultWriter').closed.promise;
      } catch (e) {
        return rejected(e);
      }
    }
    get ready() {
      try {
        return slot(this, 'WritableStreamDefaultWriter').ready.promise;
      } catch (e) {
        return rejected(e);
      }
    }
    get desiredSize() {
      const writer = slot(this, 'WritableStreamDefaultWriter');
      if (writer.stream === null) throw invalidState('Writer is not bound to a WritableStream');
      return writerDesiredSize(writer);
    }
    abort(reason?: unknown) {
      let writer;
      try {
        writer = slot(this, 'WritableStreamDefaultWriter');
      } catch (e) {
        return rejected(e);
      }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writableAbort(writer.stream, reason);
    }
    close() {
      let writer;
      try {
        writer = slot(this, 'WritableStreamDefaultWriter');
      } catch (e) {
        return rejected(e);
      }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      if (closeQueuedOrInFlight(writer.stream)) return rejected(invalidState('WritableStream is closing'));
      return writableClose(writer.stream);
    }
    releaseLock() {
      const writer = slot(this, 'WritableStreamDefaultWriter');
      if (writer.stream !== null) releaseWriter(writer);
    }
    write(chunk?: unknown) {
      let writer;
      try {
        writer = slot(this, 'WritableStreamDefaultWriter');
      } catch (e) {
        return rejected(e);
      }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writerWrite(writer, chunk);
    }
    get [Symbol.toStringTag]() {
      return 'WritableStreamDefaultWriter';
    }
  }

  function createWritable(start: StartAlgorithm, write: PromiseAlgorithm, close: PromiseAlgorithm, abort: PromiseAlgorithm, hwm: number, size: SizeAlgorithm): object {
    const object = Object.create(WritableStream.prototype) as object;
    const stream = writableRecord();
    slots.set(object, stream);
    setUpWritableController(stream, newController(WritableStreamDefaultController), start, write, close, abort, hwm, size);
    return object;
  }

  class WritableStream {
    constructor(sink?: unknown, strategy?: unknown) {
      if (sink === null) throw typeError('The "sink" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = (sink === undefined ? {} : sink) as Underlying;
      if (underlying.type !== undefined) throw typeError("The argument 'sink.type' is invalid. Received " + k.inspect(underlying.type), 'ERR_INVALID_ARG_VALUE');
      const stream = writableRecord();
      slots.set(this, stream);
      const hwm = highWaterMarkOf(strategy, 1);
      const size = sizeOf(strategy);
      const start = getMethod(underlying, 'start');
      const write = getMethod(underlying, 'write');
      const close = getMethod(underlying, 'close');
      const abort = getMethod(underlying, 'abort');
      const controller = newController(WritableStreamDefaultController);
      setUpWritableController(
        stream,
        controller,
        start === undefined ? undefined : () => start.call(underlying, controller),
        (chunk) => promiseCall(write, underlying, [chunk, controller]),
        () => promiseCall(close, underlying, []),
        (reason) => promiseCall(abort, underlying, [reason]),
        hwm,
        size,
      );
    }
    get locked() {
      return slot(this, 'WritableStream').writer !== null;
    }
    abort(reason?: unknown) {
      let stream;
      try {
        stream = slot(this, 'WritableStream');
      } catch (e) {
        return rejected(e);
      }
      if (stream.writer !== null) return rejected(invalidState('WritableStream is locked'));
      return writableAbort(stream, reason);
    }
    close() {
      let stream;
      try {
        stream = slot(this, 'WritableStream');
      } catch (e) {
        return rejected(e);
      }
      if (stream.writer !== null) return rejected(invalidState('WritableStream is locked'));
      if (closeQueuedOrInFlight(stream)) return rejected(invalidState('WritableStream is closing'));
      return writableClose(stream);
    }
    getWriter() {
      slot(this, 'WritableStream');
      return new WritableStreamDefaultWriter(this);
    }
    get [Symbol.toStringTag]() {
      return 'WritableStream';
    }
  }

  // ---- pipeTo: the spec's ReadableStreamPipeTo ----
  function pipe(source: ReadableRecord, dest: WritableRecord, options: PipeOptions): Promise<unknown> {
    const reader = acquireReader(source, Object.create(ReadableStreamDefaultReader.prototype) as object);
    const writer = acquireWriter(dest, Object.create(WritableStreamDefaultWriter.prototype) as object);
    source.disturbed = true;
    const { preventClose, preventAbort, preventCancel, signal } = options;
    const result = deferred();
    let shuttingDown = false;
    let currentWrite = resolved(undefined);
    let abortListener: (() => void) | null = null;

    function finalize(isError?: boolean, error?: unknown): void {
      releaseWriter(writer);
      releaseReader(reader);
      if (abortListener !== null) signal!.removeEventListener('abort', abortListener);
      if (isError) result.reject(error);
      else result.resolve(undefined);
    }
    function waitForWrites(): Promise<unknown> {
      const last = currentWrite;
      return last.then(
        () => (last === currentWrite ? undefined : waitForWrites()),
        () => (last === currentWrite ? undefined : waitForWrites()),
      );
    }
    function shutdownWithAction(action: () => unknown, isError?: boolean, error?: unknown): void {
      if (shuttingDown) return;
      shuttingDown = true;
      const run = () => {
        let p;
        try {
          p = resolved(action());
        } catch (e) {
          p = rejected(e);
        }
        p.then(
          () => finalize(isError, error),
          (e) => finalize(true, e),
        );
      };
      if (dest.state === 'writable' && !closeQueuedOrInFlight(dest)) waitForWrites().then(run);
      else run();
    }
    function shutdown(isError?: boolean, error?: unknown): void {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !closeQueuedOrInFlight(dest)) waitForWrites().then(() => finalize(isError, error));
      else finalize(isError, error);
    }

    if (signal !== undefined) {
      abortListener = () => {
        const error = signal.reason;
        const actions: (() => Promise<unknown>)[] = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? writableAbort(dest, error) : resolved(undefined)));
        if (!preventCancel) actions.push(() => (source.state === 'readable' ? readableStreamCancel(source, error) : resolved(undefined)));
        shutdownWithAction(() => PromiseC.all(actions.map((act) => act())), true, error);
      };
      if (signal.aborted) {
        abortListener();
        return result.promise;
      }
      signal.addEventListener('abort', abortListener);
    }

    function onSourceErrored(e: unknown): void {
      if (!preventAbort) shutdownWithAction(() => writableAbort(dest, e), true, e);
      else shutdown(true, e);
    }
    function onDestErrored(e: unknown): void {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, e), true, e);
      else shutdown(true, e);
    }
    function onSourceClosed(): void {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
      else shutdown();
    }
    function onDestClosed(): void {
      const e = typeError('Invalid state: the destination WritableStream is closed', 'ERR_INVALID_STATE');
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, e), true, e);
      else shutdown(true, e);
    }

    // The states as they are now, in the spec's order; then watch for changes.
    if (source.state === 'errored') onSourceErrored(source.storedError);
    else if (dest.state === 'errored' || dest.state === 'erroring') onDestErrored(dest.storedError);
    else if (source.state === 'closed') onSourceClosed();
    else if (closeQueuedOrInFlight(dest) || dest.state === 'closed') onDestClosed();
    if (shuttingDown) return result.promise;
    reader.closed.promise.then(
      () => {
        if (!shuttingDown) onSourceClosed();
      },
      (e) => {
        if (!shuttingDown) onSourceErrored(e);
      },
    );
    writer.closed.promise.then(undefined, (e) => {
      if (!shuttingDown) onDestErrored(e);
    });
    if (dest.state === 'erroring') onDestErrored(dest.storedError);

    function step(): void {
      if (shuttingDown) return;
      writer.ready.promise.then(() => {
        if (shuttingDown) return;
        readerRead(reader, {
          chunk: (chunk) => {
            currentWrite = handled(writerWrite(writer, chunk));
            step();
          },
          close: noop,
          error: noop,
        });
      }, noop);
    }
    step();
    return result.promise;
  }

  // ---- TransformStream ----
  class TransformStreamDefaultController {
    constructor() {
      throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
    }
    get desiredSize() {
      return readableDesiredSize(slot(this, 'TransformStreamDefaultController').stream.readable.controller!);
    }
    enqueue(chunk?: unknown) {
      transformEnqueue(slot(this, 'TransformStreamDefaultController').stream, chunk);
    }
    error(reason?: unknown) {
      transformError(slot(this, 'TransformStreamDefaultController').stream, reason);
    }
    terminate() {
      const t = slot(this, 'TransformStreamDefaultController').stream;
      readableControllerClose(t.readable.controller!);
      transformErrorWritableAndUnblockWrite(t, typeError('Invalid state: The TransformStream has been terminated', 'ERR_INVALID_STATE'));
    }
    get [Symbol.toStringTag]() {
      return 'TransformStreamDefaultController';
    }
  }
  function setBackpressure(t: TransformRecord, backpressure: boolean): void {
    if (t.backpressureChange !== null) t.backpressureChange.resolve(undefined);
    t.backpressureChange = deferred();
    t.backpressure = backpressure;
  }
  function transformEnqueue(t: TransformRecord, chunk: unknown): void {
    const rc = t.readable.controller!;
    if (!readableCanCloseOrEnqueue(rc)) throw invalidState('Readable side is not in a state that permits enqueue');
    try {
      readableControllerEnqueue(rc, chunk);
    } catch (e) {
      transformErrorWritableAndUnblockWrite(t, e);
      throw t.readable.storedError;
    }
    const backpressure = !readableShouldCallPull(rc);
    if (backpressure !== t.backpressure && backpressure) setBackpressure(t, true);
  }
  function transformClearAlgorithms(t: TransformRecord): void {
    t.transform = () => resolved(undefined);
    t.flush = () => resolved(undefined);
    t.cancel = () => resolved(undefined);
  }
  function transformError(t: TransformRecord, e: unknown): void {
    readableControllerError(t.readable.controller!, e);
    transformErrorWritableAndUnblockWrite(t, e);
  }
  function transformErrorWritableAndUnblockWrite(t: TransformRecord, e: unknown): void {
    transformClearAlgorithms(t);
    writableControllerErrorIfNeeded(t.writable.controller!, e);
    if (t.backpressure) setBackpressure(t, false);
  }
  function performTransform(t: TransformRecord, chunk: unknown): Promise<unknown> {
    return t.transform(chunk).then(undefined, (r) => {
      transformError(t, r);
      throw r;
    });
  }

  class TransformStream {
    constructor(transformer?: unknown, writableStrategy?: unknown, readableStrategy?: unknown) {
      if (transformer === null) throw typeError('The "transformer" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = (transformer === undefined ? {} : transformer) as Underlying;
      if (underlying.readableType !== undefined) throw typeError("The argument 'transformer.readableType' is invalid. Received " + k.inspect(underlying.readableType), 'ERR_INVALID_ARG_VALUE');
      if (underlying.writableType !== undefined) throw typeError("The argument 'transformer.writableType' is invalid. Received " + k.inspect(underlying.writableType), 'ERR_INVALID_ARG_VALUE');
      const readableHwm = highWaterMarkOf(readableStrategy, 0);
      const readableSize = sizeOf(readableStrategy);
      const writableHwm = highWaterMarkOf(writableStrategy, 1);
      const writableSize = sizeOf(writableStrategy);
      const start = getMethod(underlying, 'start');
      const transform = getMethod(underlying, 'transform');
      const flush = getMethod(underlying, 'flush');
      const cancel = getMethod(underlying, 'cancel');
      const controller = newController(TransformStreamDefaultController);
      const started = deferred();
      // The two sides and the algorithms are filled in below, once both sides exist.
      const t = {
        brand: 'TransformStream',
        readable: null,
        writable: null,
        backpressure: false,
        backpressureChange: null,
        readableObject: null,
        writableObject: null,
        finish: null,
      } as unknown as TransformRecord;
      slots.set(this, t);
      const startAlgorithm = () => started.promise;
      t.writableObject = createWritable(
        startAlgorithm,
        (chunk) => {
          if (t.backpressure) {
            return t.backpressureChange!.promise.then(() => {
              if (t.writable.state === 'erroring') throw t.writable.storedError;
              return performTransform(t, chunk);
            });
          }
          return performTransform(t, chunk);
        },
        () => {
          if (t.finish !== null) return t.finish;
          const flushed = t.flush();
          transformClearAlgorithms(t);
          t.finish = flushed.then(
            () => {
              if (t.readable.state === 'errored') throw t.readable.storedError;
              readableControllerClose(t.readable.controller!);
            },
            (r) => {
              transformError(t, r);
              throw t.readable.storedError;
            },
          );
          return t.finish;
        },
        (reason) => {
          if (t.finish !== null) return t.finish;
          const canceled = t.cancel(reason);
          transformClearAlgorithms(t);
          t.finish = canceled.then(
            () => {
              if (t.readable.state === 'errored') throw t.readable.storedError;
              readableControllerError(t.readable.controller!, reason);
            },
            (r) => {
              readableControllerError(t.readable.controller!, r);
              throw r;
            },
          );
          return t.finish;
        },
        writableHwm,
        writableSize,
      );
      t.readableObject = createReadable(
        startAlgorithm,
        () => {
          setBackpressure(t, false);
          return t.backpressureChange!.promise;
        },
        (reason) => {
          if (t.finish !== null) return t.finish;
          const canceled = t.cancel(reason);
          transformClearAlgorithms(t);
          t.finish = canceled.then(
            () => {
              if (t.writable.state === 'errored') throw t.writable.storedError;
              writableControllerErrorIfNeeded(t.writable.controller!, reason);
              if (t.backpressure) setBackpressure(t, false);
            },
            (r) => {
              writableControllerErrorIfNeeded(t.writable.controller!, r);
              if (t.backpressure) setBackpressure(t, false);
              throw r;
            },
          );
          return t.finish;
        },
        readableHwm,
        readableSize,
      );
      t.writable = slots.get(t.writableObject) as WritableRecord;
      t.readable = slots.get(t.readableObject) as ReadableRecord;
      setBackpressure(t, true);
      slots.set(controller, { brand: 'TransformStreamDefaultController', stream: t });
      t.transform =
        transform === undefined
          ? (chunk) => {
              try {
                transformEnqueue(t, chunk);
                return resolved(undefined);
              } catch (e) {
                return rejected(e);
              }
            }
          : (chunk) => promiseCall(transform, underlying, [chunk, controller]);
      t.flush = () => promiseCall(flush, underlying, [controller]);
      t.cancel = (reason) => promiseCall(cancel, underlying, [reason]);
      started.resolve(start === undefined ? undefined : start.call(underlying, controller));
    }
    get readable() {
      return slot(this, 'TransformStream').readableObject;
    }
    get writable() {
      return slot(this, 'TransformStream').writableObject;
    }
    get [Symbol.toStringTag]() {
      return 'TransformStream';
    }
  }

  const names = {
    ReadableStream,
    ReadableStreamDefaultReader,
    ReadableStreamDefaultController,
    WritableStream,
    WritableStreamDefaultWriter,
    WritableStreamDefaultController,
    TransformStream,
    TransformStreamDefaultController,
    ByteLengthQueuingStrategy,
    CountQueuingStrategy,
  };
  const classes = names as unknown as WebStreamClasses;
  k.ReadableStream = classes.ReadableStream;
  k.WritableStream = classes.WritableStream;
  k.TransformStream = classes.TransformStream;
  k.webStreams = classes;
  // Whether a stream has been read from or canceled (what makes a Response's body used).
  k.streamDisturbed = (value) => {
    const s = slots.get(value as object);
    return s !== undefined && s.brand === 'ReadableStream' && s.disturbed;
  };
  for (const name of Object.keys(names)) k.define(name, names[name as keyof typeof names]);
}
