/**
 * In-context source: the WHATWG streams Node offers as globals and in `stream/web` —
 * `ReadableStream` (readers, `tee`, `pipeTo`, `pipeThrough`, async iteration, `ReadableStream.from`),
 * `WritableStream` with its writer, `TransformStream`, and the two queuing strategies — written
 * after the spec's algorithms (queues measured by the strategy's size, backpressure through
 * `desiredSize`, close, abort and cancel, errors carried to both ends), all of this realm.
 * Byte streams (`type: 'bytes'`) run as default streams: there is no BYOB reader.
 */

/** Defines the stream globals; shares k.ReadableStream, k.WritableStream, k.TransformStream and k.webStreams. */
export const WEB_STREAMS_SOURCE = String.raw`function installWebStreams(k) {
  const PromiseC = Promise;
  const AbortControllerC = AbortController;
  const resolved = (v) => PromiseC.resolve(v);
  const rejected = (e) => PromiseC.reject(e);
  const noop = () => {};
  const handled = (p) => { p.then(undefined, noop); return p; };
  function deferred() {
    const d = { settled: false };
    d.promise = new PromiseC((resolve, reject) => {
      d.resolve = (v) => { d.settled = true; resolve(v); };
      d.reject = (e) => { d.settled = true; reject(e); };
    });
    return d;
  }
  // A pending promise is rejected; a settled one is replaced by a rejected one (the spec's "ensure … rejected").
  function ensureRejected(d, e) {
    if (d.settled) return rejectedDeferred(e);
    handled(d.promise);
    d.reject(e);
    return d;
  }
  // A settled-rejected deferred whose rejection nobody needs to observe (closed/ready promises).
  function rejectedDeferred(e) { const d = deferred(); handled(d.promise); d.reject(e); return d; }
  function promiseCall(fn, self, args) {
    if (fn === undefined) return resolved(undefined);
    try { return resolved(fn.apply(self, args)); } catch (e) { return rejected(e); }
  }
  function typeError(message, code) { const e = new TypeError(message); if (code) e.code = code; return e; }
  const invalidState = (what) => typeError('Invalid state: ' + what, 'ERR_INVALID_STATE');
  const slots = new WeakMap();
  function slot(value, brand) {
    const s = value !== null && (typeof value === 'object' || typeof value === 'function') ? slots.get(value) : undefined;
    if (s === undefined || s.brand !== brand) throw typeError('Value of "this" must be of type ' + brand, 'ERR_INVALID_THIS');
    return s;
  }
  function getMethod(object, name) {
    if (object === undefined || object === null) return undefined;
    const fn = object[name];
    if (fn === undefined || fn === null) return undefined;
    if (typeof fn !== 'function') throw typeError('The "' + name + '" property must be of type function.' + k.received(fn), 'ERR_INVALID_ARG_TYPE');
    return fn;
  }

  // Strategies: how much a queue may hold before it asks for no more.
  function highWaterMarkOf(strategy, fallback) {
    const hwm = strategy === undefined || strategy === null ? undefined : strategy.highWaterMark;
    if (hwm === undefined) return fallback;
    const n = Number(hwm);
    if (n !== n || n < 0) { const e = new RangeError('The value of "strategy.highWaterMark" is invalid. Received ' + k.inspect(hwm)); e.code = 'ERR_INVALID_ARG_VALUE'; throw e; }
    return n;
  }
  function sizeOf(strategy) {
    const size = strategy === undefined || strategy === null ? undefined : strategy.size;
    if (size === undefined) return () => 1;
    if (typeof size !== 'function') throw typeError('The "strategy.size" property must be of type function.' + k.received(size), 'ERR_INVALID_ARG_TYPE');
    return (chunk) => size(chunk);
  }
  function strategyInit(init, name) {
    if (init === null || typeof init !== 'object') throw typeError('The "init" argument must be of type object.' + k.received(init), 'ERR_INVALID_ARG_TYPE');
    if (init.highWaterMark === undefined) throw typeError('The "init.highWaterMark" property must be of type number.' + k.received(undefined), 'ERR_INVALID_ARG_TYPE');
    return Number(init.highWaterMark);
  }
  const countSize = () => 1;
  Object.defineProperty(countSize, 'name', { value: 'size' });
  const byteLengthSize = (chunk) => chunk.byteLength;
  Object.defineProperty(byteLengthSize, 'name', { value: 'size' });
  class CountQueuingStrategy {
    constructor(init) { slots.set(this, { brand: 'CountQueuingStrategy', hwm: strategyInit(init) }); }
    get highWaterMark() { return slot(this, 'CountQueuingStrategy').hwm; }
    get size() { slot(this, 'CountQueuingStrategy'); return countSize; }
    get [Symbol.toStringTag]() { return 'CountQueuingStrategy'; }
  }
  class ByteLengthQueuingStrategy {
    constructor(init) { slots.set(this, { brand: 'ByteLengthQueuingStrategy', hwm: strategyInit(init) }); }
    get highWaterMark() { return slot(this, 'ByteLengthQueuingStrategy').hwm; }
    get size() { slot(this, 'ByteLengthQueuingStrategy'); return byteLengthSize; }
    get [Symbol.toStringTag]() { return 'ByteLengthQueuingStrategy'; }
  }

  // A queue of chunks with their sizes, as the spec's "queue-with-sizes".
  function enqueueValueWithSize(c, value, size) {
    if (typeof size !== 'number' || size !== size || size < 0 || size === Infinity) {
      const e = new RangeError('The value of "size" is out of range. It must be a finite, non-negative number. Received ' + k.inspect(size));
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    c.queue.push({ value, size });
    c.queueTotalSize += size;
  }
  function dequeueValue(c) {
    const pair = c.queue.shift();
    c.queueTotalSize = Math.max(0, c.queueTotalSize - pair.size);
    return pair.value;
  }
  function resetQueue(c) { c.queue = []; c.queueTotalSize = 0; }

  // ---- ReadableStream ----
  function readableRecord() {
    return { brand: 'ReadableStream', state: 'readable', reader: null, storedError: undefined, disturbed: false, controller: null };
  }
  function setUpReadableController(stream, controllerObject, start, pull, cancel, hwm, size) {
    const c = { brand: 'ReadableStreamDefaultController', stream, queue: [], queueTotalSize: 0, started: false, closeRequested: false, pullAgain: false, pulling: false, size, hwm, pull, cancel };
    slots.set(controllerObject, c);
    stream.controller = c;
    // start runs now, and what it throws is thrown from the constructor, as the spec says.
    const startResult = start === undefined ? undefined : start(controllerObject);
    resolved(startResult).then(() => { c.started = true; readableCallPullIfNeeded(c); }, (r) => readableControllerError(c, r));
    return c;
  }
  function readableCanCloseOrEnqueue(c) { return !c.closeRequested && c.stream.state === 'readable'; }
  function readableDesiredSize(c) {
    const state = c.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return c.hwm - c.queueTotalSize;
  }
  function readableShouldCallPull(c) {
    if (!readableCanCloseOrEnqueue(c) || !c.started) return false;
    const stream = c.stream;
    if (stream.reader !== null && stream.reader.readRequests.length > 0) return true;
    return readableDesiredSize(c) > 0;
  }
  function readableCallPullIfNeeded(c) {
    if (!readableShouldCallPull(c)) return;
    if (c.pulling) { c.pullAgain = true; return; }
    c.pulling = true;
    c.pull().then(() => {
      c.pulling = false;
      if (c.pullAgain) { c.pullAgain = false; readableCallPullIfNeeded(c); }
    }, (e) => readableControllerError(c, e));
  }
  function readableClearAlgorithms(c) { c.pull = () => resolved(undefined); c.cancel = () => resolved(undefined); c.size = () => 1; }
  function readableControllerClose(c) {
    if (!readableCanCloseOrEnqueue(c)) return;
    c.closeRequested = true;
    if (c.queue.length === 0) { readableClearAlgorithms(c); readableStreamClose(c.stream); }
  }
  function readableControllerEnqueue(c, chunk) {
    if (!readableCanCloseOrEnqueue(c)) return;
    const stream = c.stream;
    if (stream.reader !== null && stream.reader.readRequests.length > 0) {
      stream.reader.readRequests.shift().chunk(chunk);
    } else {
      let size;
      try { size = c.size(chunk); enqueueValueWithSize(c, chunk, size); } catch (e) { readableControllerError(c, e); throw e; }
    }
    readableCallPullIfNeeded(c);
  }
  function readableControllerError(c, e) {
    if (c.stream.state !== 'readable') return;
    resetQueue(c);
    readableClearAlgorithms(c);
    readableStreamError(c.stream, e);
  }
  function readableStreamClose(stream) {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === null) return;
    reader.closed.resolve(undefined);
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const request of requests) request.close();
  }
  function readableStreamError(stream, e) {
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
  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') return resolved(undefined);
    if (stream.state === 'errored') return rejected(stream.storedError);
    readableStreamClose(stream);
    const c = stream.controller;
    resetQueue(c);
    const result = c.cancel(reason);
    readableClearAlgorithms(c);
    return result.then(() => undefined);
  }
  function readerRead(reader, request) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') { request.close(); return; }
    if (stream.state === 'errored') { request.error(stream.storedError); return; }
    const c = stream.controller;
    if (c.queue.length > 0) {
      const chunk = dequeueValue(c);
      if (c.closeRequested && c.queue.length === 0) { readableClearAlgorithms(c); readableStreamClose(stream); }
      else readableCallPullIfNeeded(c);
      request.chunk(chunk);
    } else {
      reader.readRequests.push(request);
      readableCallPullIfNeeded(c);
    }
  }
  function acquireReader(stream, readerObject) {
    if (stream.reader !== null) throw invalidState('ReadableStream is locked');
    const reader = { brand: 'ReadableStreamDefaultReader', stream, readRequests: [], closed: deferred() };
    stream.reader = reader;
    if (stream.state === 'closed') reader.closed.resolve(undefined);
    else if (stream.state === 'errored') { handled(reader.closed.promise); reader.closed.reject(stream.storedError); }
    slots.set(readerObject, reader);
    return reader;
  }
  function releaseReader(reader) {
    const stream = reader.stream;
    const e = invalidState('Reader released');
    reader.closed = ensureRejected(reader.closed, e);
    stream.reader = null;
    reader.stream = null;
    const requests = reader.readRequests;
    reader.readRequests = [];
    for (const request of requests) request.error(e);
  }
  const readResult = (value, done) => ({ value, done });
  function readPromise(reader) {
    const d = deferred();
    readerRead(reader, { chunk: (value) => d.resolve(readResult(value, false)), close: () => d.resolve(readResult(undefined, true)), error: (e) => d.reject(e) });
    return d.promise;
  }

  class ReadableStreamDefaultController {
    constructor() { throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    get desiredSize() { return readableDesiredSize(slot(this, 'ReadableStreamDefaultController')); }
    close() {
      const c = slot(this, 'ReadableStreamDefaultController');
      if (!readableCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
      readableControllerClose(c);
    }
    enqueue(chunk) {
      const c = slot(this, 'ReadableStreamDefaultController');
      if (!readableCanCloseOrEnqueue(c)) throw invalidState('Controller is already closed');
      readableControllerEnqueue(c, chunk);
    }
    error(e) { readableControllerError(slot(this, 'ReadableStreamDefaultController'), e); }
    get [Symbol.toStringTag]() { return 'ReadableStreamDefaultController'; }
  }
  const newController = (Ctor) => Object.create(Ctor.prototype);

  class ReadableStreamDefaultReader {
    constructor(stream) { acquireReader(slot(stream, 'ReadableStream'), this); }
    read() {
      let reader;
      try { reader = slot(this, 'ReadableStreamDefaultReader'); } catch (e) { return rejected(e); }
      if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
      return readPromise(reader);
    }
    releaseLock() {
      const reader = slot(this, 'ReadableStreamDefaultReader');
      if (reader.stream !== null) releaseReader(reader);
    }
    cancel(reason) {
      let reader;
      try { reader = slot(this, 'ReadableStreamDefaultReader'); } catch (e) { return rejected(e); }
      if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
      return readableStreamCancel(reader.stream, reason);
    }
    get closed() {
      try { return slot(this, 'ReadableStreamDefaultReader').closed.promise; } catch (e) { return rejected(e); }
    }
    get [Symbol.toStringTag]() { return 'ReadableStreamDefaultReader'; }
  }

  // Makes a stream around algorithms that already return promises (for tee, from and TransformStream).
  function createReadable(start, pull, cancel, hwm, size) {
    const object = Object.create(ReadableStream.prototype);
    const stream = readableRecord();
    slots.set(object, stream);
    setUpReadableController(stream, newController(ReadableStreamDefaultController), start, pull, cancel, hwm === undefined ? 1 : hwm, size || (() => 1));
    return object;
  }

  const AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const iteratorPrototype = Object.create(AsyncIteratorPrototype);
  const iterators = new WeakMap();
  function iteratorState(it) {
    const s = it !== null && typeof it === 'object' ? iterators.get(it) : undefined;
    if (s === undefined) throw typeError('Value of "this" must be of type ReadableStreamAsyncIterator', 'ERR_INVALID_THIS');
    return s;
  }
  // Each step waits for the one before, as the spec's async iterator does.
  function queueStep(s, step) {
    const next = s.ongoing ? s.ongoing.then(step, step) : step();
    s.ongoing = next.then(() => undefined, () => undefined);
    return next;
  }
  Object.defineProperties(iteratorPrototype, {
    next: { value: function next() {
      let s;
      try { s = iteratorState(this); } catch (e) { return rejected(e); }
      return queueStep(s, () => {
        if (s.done) return resolved(readResult(undefined, true));
        const reader = s.reader;
        if (reader.stream === null) return rejected(invalidState('The reader is not attached to a stream'));
        const d = deferred();
        readerRead(reader, {
          chunk: (value) => d.resolve(readResult(value, false)),
          close: () => { s.done = true; releaseReader(reader); d.resolve(readResult(undefined, true)); },
          error: (e) => { s.done = true; releaseReader(reader); d.reject(e); },
        });
        return d.promise;
      });
    }, writable: true, configurable: true },
    return: { value: function (value) {
      let s;
      try { s = iteratorState(this); } catch (e) { return rejected(e); }
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
    }, writable: true, configurable: true },
    [Symbol.toStringTag]: { value: 'ReadableStreamAsyncIterator', configurable: true },
  });

  class ReadableStream {
    constructor(source, strategy) {
      if (source === null) throw typeError('The "source" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = source === undefined ? {} : source;
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
      setUpReadableController(stream, controller,
        start === undefined ? undefined : () => start.call(underlying, controller),
        () => promiseCall(pull, underlying, [controller]),
        (reason) => promiseCall(cancel, underlying, [reason]),
        hwm, size);
    }
    static from(iterable) {
      if (iterable === null || iterable === undefined) throw typeError('The "iterable" argument must be an instance of Iterable.' + k.received(iterable), 'ERR_ARG_NOT_ITERABLE');
      let method = iterable[Symbol.asyncIterator];
      let iterator;
      if (method === undefined || method === null) {
        const syncMethod = iterable[Symbol.iterator];
        if (typeof syncMethod !== 'function') throw typeError('The "iterable" argument must be an instance of Iterable.' + k.received(iterable), 'ERR_ARG_NOT_ITERABLE');
        const sync = syncMethod.call(iterable);
        // A sync iterator's values may be promises: each is awaited, as for-await does.
        iterator = {
          next: () => { const step = sync.next(); return resolved(step.value).then((value) => ({ value, done: Boolean(step.done) })); },
          return: (v) => (typeof sync.return === 'function' ? resolved(sync.return(v)) : resolved({ value: v, done: true })),
        };
      } else {
        iterator = method.call(iterable);
      }
      if (iterator === null || typeof iterator !== 'object') throw typeError('The iterator must be an object');
      const nextMethod = iterator.next;
      let controller;
      const stream = createReadable(undefined, () => {
        let result;
        try { result = resolved(nextMethod.call(iterator)); } catch (e) { return rejected(e); }
        return result.then((step) => {
          if (step === null || typeof step !== 'object') throw typeError('The promise returned by the iterator.next() method must fulfill with an object');
          if (step.done) readableControllerClose(controller);
          else readableControllerEnqueue(controller, step.value);
        });
      }, (reason) => {
        let returnMethod;
        try { returnMethod = iterator.return; } catch (e) { return rejected(e); }
        if (returnMethod === undefined || returnMethod === null) return resolved(undefined);
        return promiseCall(returnMethod, iterator, [reason]).then((result) => {
          if (result === null || typeof result !== 'object') throw typeError('The promise returned by the iterator.return() method must fulfill with an object');
        });
      }, 0);
      controller = slots.get(stream).controller;
      return stream;
    }
    get locked() { return slot(this, 'ReadableStream').reader !== null; }
    cancel(reason) {
      let stream;
      try { stream = slot(this, 'ReadableStream'); } catch (e) { return rejected(e); }
      if (stream.reader !== null) return rejected(invalidState('ReadableStream is locked'));
      return readableStreamCancel(stream, reason);
    }
    getReader(options) {
      slot(this, 'ReadableStream');
      const mode = options === undefined || options === null ? undefined : options.mode;
      if (mode !== undefined) {
        if (String(mode) === 'byob') throw typeError('Anvil runner: BYOB readers are not available in Forge functions run locally', 'ERR_INVALID_ARG_VALUE');
        throw typeError("The argument 'options.mode' is invalid. Received " + k.inspect(mode), 'ERR_INVALID_ARG_VALUE');
      }
      return new ReadableStreamDefaultReader(this);
    }
    pipeThrough(transform, options) {
      const stream = slot(this, 'ReadableStream');
      if (transform === null || typeof transform !== 'object') throw typeError('The "transform" argument must be of type object.' + k.received(transform), 'ERR_INVALID_ARG_TYPE');
      const readable = transform.readable;
      const writable = transform.writable;
      slot(readable, 'ReadableStream');
      const dest = slot(writable, 'WritableStream');
      if (stream.reader !== null) throw invalidState('The ReadableStream is locked');
      if (dest.writer !== null) throw invalidState('The WritableStream is locked');
      handled(pipe(stream, dest, pipeOptions(options)));
      return readable;
    }
    pipeTo(destination, options) {
      let stream;
      let dest;
      let opts;
      try {
        stream = slot(this, 'ReadableStream');
        dest = slot(destination, 'WritableStream');
        opts = pipeOptions(options);
      } catch (e) { return rejected(e); }
      if (stream.reader !== null) return rejected(invalidState('The ReadableStream is locked'));
      if (dest.writer !== null) return rejected(invalidState('The WritableStream is locked'));
      return pipe(stream, dest, opts);
    }
    tee() { return tee(slot(this, 'ReadableStream')); }
    values(options) {
      const stream = slot(this, 'ReadableStream');
      const preventCancel = Boolean(options !== undefined && options !== null && options.preventCancel);
      const readerObject = Object.create(ReadableStreamDefaultReader.prototype);
      const reader = acquireReader(stream, readerObject);
      const it = Object.create(iteratorPrototype);
      iterators.set(it, { reader, preventCancel, done: false, ongoing: null });
      return it;
    }
    get [Symbol.toStringTag]() { return 'ReadableStream'; }
  }
  Object.defineProperty(ReadableStream.prototype, Symbol.asyncIterator, { value: ReadableStream.prototype.values, writable: true, configurable: true });

  function pipeOptions(options) {
    if (options === undefined || options === null) return { preventClose: false, preventAbort: false, preventCancel: false, signal: undefined };
    if (typeof options !== 'object') throw typeError('The "options" argument must be of type object.' + k.received(options), 'ERR_INVALID_ARG_TYPE');
    const signal = options.signal;
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) throw typeError('The "options.signal" property must be an instance of AbortSignal.' + k.received(signal), 'ERR_INVALID_ARG_TYPE');
    return { preventClose: Boolean(options.preventClose), preventAbort: Boolean(options.preventAbort), preventCancel: Boolean(options.preventCancel), signal };
  }

  function tee(stream) {
    const readerObject = Object.create(ReadableStreamDefaultReader.prototype);
    const reader = acquireReader(stream, readerObject);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let c1;
    let c2;
    const cancelDone = deferred();
    function pull() {
      if (reading) { readAgain = true; return resolved(undefined); }
      reading = true;
      readerRead(reader, {
        chunk: (chunk) => resolved(undefined).then(() => {
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
        error: () => { reading = false; },
      });
      return resolved(undefined);
    }
    function cancelBoth() { cancelDone.resolve(readableStreamCancel(stream, [reason1, reason2])); }
    const branch1 = createReadable(undefined, pull, (reason) => { canceled1 = true; reason1 = reason; if (canceled2) cancelBoth(); return cancelDone.promise; });
    const branch2 = createReadable(undefined, pull, (reason) => { canceled2 = true; reason2 = reason; if (canceled1) cancelBoth(); return cancelDone.promise; });
    c1 = slots.get(branch1).controller;
    c2 = slots.get(branch2).controller;
    reader.closed.promise.then(undefined, (r) => {
      readableControllerError(c1, r);
      readableControllerError(c2, r);
      if (!canceled1 || !canceled2) cancelDone.resolve(undefined);
    });
    return [branch1, branch2];
  }

  // ---- WritableStream ----
  const CLOSE = {};
  function writableRecord() {
    return { brand: 'WritableStream', state: 'writable', storedError: undefined, writer: null, controller: null, inFlightWrite: null, closeRequest: null, inFlightClose: null, pendingAbort: null, writeRequests: [], backpressure: false };
  }
  function setUpWritableController(stream, controllerObject, start, write, close, abort, hwm, size) {
    const c = { brand: 'WritableStreamDefaultController', stream, queue: [], queueTotalSize: 0, started: false, size, hwm, write, close, abort, abortController: new AbortControllerC() };
    slots.set(controllerObject, c);
    stream.controller = c;
    updateBackpressure(stream, writableGetBackpressure(c));
    const startResult = start === undefined ? undefined : start(controllerObject);
    resolved(startResult).then(() => {
      c.started = true;
      writableAdvanceQueueIfNeeded(c);
    }, (r) => {
      c.started = true;
      writableDealWithRejection(stream, r);
    });
    return c;
  }
  const closeQueuedOrInFlight = (stream) => stream.closeRequest !== null || stream.inFlightClose !== null;
  const hasInFlight = (stream) => stream.inFlightWrite !== null || stream.inFlightClose !== null;
  function writableDesiredSize(c) { return c.hwm - c.queueTotalSize; }
  function writableGetBackpressure(c) { return writableDesiredSize(c) <= 0; }
  function writableClearAlgorithms(c) { c.write = () => resolved(undefined); c.close = () => resolved(undefined); c.abort = () => resolved(undefined); c.size = () => 1; }
  function updateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== null && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }
  function writableStartErroring(stream, reason) {
    const c = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== null) writerEnsureReadyRejected(writer, reason);
    if (!hasInFlight(stream) && c.started) writableFinishErroring(stream);
  }
  function writableFinishErroring(stream) {
    stream.state = 'errored';
    const c = stream.controller;
    resetQueue(c);
    const e = stream.storedError;
    for (const request of stream.writeRequests) request.reject(e);
    stream.writeRequests = [];
    if (stream.pendingAbort === null) { writableRejectCloseAndClosed(stream); return; }
    const abort = stream.pendingAbort;
    stream.pendingAbort = null;
    if (abort.wasAlreadyErroring) { abort.reject(e); writableRejectCloseAndClosed(stream); return; }
    const result = c.abort(abort.reason);
    writableClearAlgorithms(c);
    result.then(() => { abort.resolve(undefined); writableRejectCloseAndClosed(stream); }, (r) => { abort.reject(r); writableRejectCloseAndClosed(stream); });
  }
  function writableRejectCloseAndClosed(stream) {
    if (stream.closeRequest !== null) { stream.closeRequest.reject(stream.storedError); stream.closeRequest = null; }
    const writer = stream.writer;
    if (writer !== null) { handled(writer.closed.promise); writer.closed.reject(stream.storedError); }
  }
  function writableDealWithRejection(stream, error) {
    if (stream.state === 'writable') { writableStartErroring(stream, error); return; }
    writableFinishErroring(stream);
  }
  function writerEnsureReadyRejected(writer, e) { writer.ready = ensureRejected(writer.ready, e); }
  function writableAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') return resolved(undefined);
    stream.controller.abortController.abort(reason);
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return resolved(undefined);
    if (stream.pendingAbort !== null) return stream.pendingAbort.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') { wasAlreadyErroring = true; reason = undefined; }
    const d = deferred();
    d.reason = reason;
    d.wasAlreadyErroring = wasAlreadyErroring;
    stream.pendingAbort = d;
    if (!wasAlreadyErroring) writableStartErroring(stream, reason);
    return d.promise;
  }
  function writableClose(stream) {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return rejected(invalidState('WritableStream is closed'));
    if (closeQueuedOrInFlight(stream)) return rejected(invalidState('WritableStream is closing'));
    const d = deferred();
    stream.closeRequest = d;
    const writer = stream.writer;
    if (writer !== null && stream.backpressure && state === 'writable') writer.ready.resolve(undefined);
    const c = stream.controller;
    enqueueValueWithSize(c, CLOSE, 0);
    writableAdvanceQueueIfNeeded(c);
    return d.promise;
  }
  function writableAdvanceQueueIfNeeded(c) {
    const stream = c.stream;
    if (!c.started || stream.inFlightWrite !== null) return;
    if (stream.state === 'erroring') { writableFinishErroring(stream); return; }
    if (c.queue.length === 0) return;
    const value = c.queue[0].value;
    if (value === CLOSE) {
      stream.inFlightClose = stream.closeRequest;
      stream.closeRequest = null;
      dequeueValue(c);
      const result = c.close();
      writableClearAlgorithms(c);
      result.then(() => {
        stream.inFlightClose.resolve(undefined);
        stream.inFlightClose = null;
        if (stream.state === 'erroring') {
          stream.storedError = undefined;
          if (stream.pendingAbort !== null) { stream.pendingAbort.resolve(undefined); stream.pendingAbort = null; }
        }
        stream.state = 'closed';
        if (stream.writer !== null) stream.writer.closed.resolve(undefined);
      }, (r) => {
        stream.inFlightClose.reject(r);
        stream.inFlightClose = null;
        if (stream.pendingAbort !== null) { stream.pendingAbort.reject(r); stream.pendingAbort = null; }
        writableDealWithRejection(stream, r);
      });
      return;
    }
    stream.inFlightWrite = stream.writeRequests.shift();
    c.write(value).then(() => {
      stream.inFlightWrite.resolve(undefined);
      stream.inFlightWrite = null;
      const state = stream.state;
      dequeueValue(c);
      if (!closeQueuedOrInFlight(stream) && state === 'writable') updateBackpressure(stream, writableGetBackpressure(c));
      writableAdvanceQueueIfNeeded(c);
    }, (r) => {
      if (stream.state === 'writable') writableClearAlgorithms(c);
      stream.inFlightWrite.reject(r);
      stream.inFlightWrite = null;
      writableDealWithRejection(stream, r);
    });
  }
  function writableControllerErrorIfNeeded(c, e) {
    if (c.stream.state === 'writable') { writableClearAlgorithms(c); writableStartErroring(c.stream, e); }
  }
  function writerWrite(writer, chunk) {
    const stream = writer.stream;
    const c = stream.controller;
    let size;
    try { size = c.size(chunk); } catch (e) { writableControllerErrorIfNeeded(c, e); size = 1; }
    if (stream !== writer.stream) return rejected(invalidState('Writer has been released'));
    const state = stream.state;
    if (state === 'errored') return rejected(stream.storedError);
    if (closeQueuedOrInFlight(stream) || state === 'closed') return rejected(invalidState('WritableStream is closed'));
    if (state === 'erroring') return rejected(stream.storedError);
    const d = deferred();
    stream.writeRequests.push(d);
    try { enqueueValueWithSize(c, chunk, size); } catch (e) { writableControllerErrorIfNeeded(c, e); return d.promise; }
    if (!closeQueuedOrInFlight(stream) && stream.state === 'writable') updateBackpressure(stream, writableGetBackpressure(c));
    writableAdvanceQueueIfNeeded(c);
    return d.promise;
  }
  function writerDesiredSize(writer) {
    const state = writer.stream.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableDesiredSize(writer.stream.controller);
  }
  function acquireWriter(stream, writerObject) {
    if (stream.writer !== null) throw invalidState('WritableStream is locked');
    const writer = { brand: 'WritableStreamDefaultWriter', stream, ready: null, closed: deferred() };
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
  function releaseWriter(writer) {
    const stream = writer.stream;
    const e = invalidState('Writer has been released');
    writerEnsureReadyRejected(writer, e);
    writer.closed = ensureRejected(writer.closed, e);
    stream.writer = null;
    writer.stream = null;
  }
  function writerCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (closeQueuedOrInFlight(stream) || state === 'closed') return resolved(undefined);
    if (state === 'errored') return rejected(stream.storedError);
    return writableClose(stream);
  }

  class WritableStreamDefaultController {
    constructor() { throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    get signal() { return slot(this, 'WritableStreamDefaultController').abortController.signal; }
    error(e) { writableControllerErrorIfNeeded(slot(this, 'WritableStreamDefaultController'), e); }
    get [Symbol.toStringTag]() { return 'WritableStreamDefaultController'; }
  }

  class WritableStreamDefaultWriter {
    constructor(stream) { acquireWriter(slot(stream, 'WritableStream'), this); }
    get closed() { try { return slot(this, 'WritableStreamDefaultWriter').closed.promise; } catch (e) { return rejected(e); } }
    get ready() { try { return slot(this, 'WritableStreamDefaultWriter').ready.promise; } catch (e) { return rejected(e); } }
    get desiredSize() {
      const writer = slot(this, 'WritableStreamDefaultWriter');
      if (writer.stream === null) throw invalidState('Writer is not bound to a WritableStream');
      return writerDesiredSize(writer);
    }
    abort(reason) {
      let writer;
      try { writer = slot(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writableAbort(writer.stream, reason);
    }
    close() {
      let writer;
      try { writer = slot(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      if (closeQueuedOrInFlight(writer.stream)) return rejected(invalidState('WritableStream is closing'));
      return writableClose(writer.stream);
    }
    releaseLock() {
      const writer = slot(this, 'WritableStreamDefaultWriter');
      if (writer.stream !== null) releaseWriter(writer);
    }
    write(chunk) {
      let writer;
      try { writer = slot(this, 'WritableStreamDefaultWriter'); } catch (e) { return rejected(e); }
      if (writer.stream === null) return rejected(invalidState('Writer is not bound to a WritableStream'));
      return writerWrite(writer, chunk);
    }
    get [Symbol.toStringTag]() { return 'WritableStreamDefaultWriter'; }
  }

  function createWritable(start, write, close, abort, hwm, size) {
    const object = Object.create(WritableStream.prototype);
    const stream = writableRecord();
    slots.set(object, stream);
    setUpWritableController(stream, newController(WritableStreamDefaultController), start, write, close, abort, hwm, size);
    return object;
  }

  class WritableStream {
    constructor(sink, strategy) {
      if (sink === null) throw typeError('The "sink" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = sink === undefined ? {} : sink;
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
      setUpWritableController(stream, controller,
        start === undefined ? undefined : () => start.call(underlying, controller),
        (chunk) => promiseCall(write, underlying, [chunk, controller]),
        () => promiseCall(close, underlying, []),
        (reason) => promiseCall(abort, underlying, [reason]),
        hwm, size);
    }
    get locked() { return slot(this, 'WritableStream').writer !== null; }
    abort(reason) {
      let stream;
      try { stream = slot(this, 'WritableStream'); } catch (e) { return rejected(e); }
      if (stream.writer !== null) return rejected(invalidState('WritableStream is locked'));
      return writableAbort(stream, reason);
    }
    close() {
      let stream;
      try { stream = slot(this, 'WritableStream'); } catch (e) { return rejected(e); }
      if (stream.writer !== null) return rejected(invalidState('WritableStream is locked'));
      if (closeQueuedOrInFlight(stream)) return rejected(invalidState('WritableStream is closing'));
      return writableClose(stream);
    }
    getWriter() { slot(this, 'WritableStream'); return new WritableStreamDefaultWriter(this); }
    get [Symbol.toStringTag]() { return 'WritableStream'; }
  }

  // ---- pipeTo: the spec's ReadableStreamPipeTo ----
  function pipe(source, dest, options) {
    const reader = acquireReader(source, Object.create(ReadableStreamDefaultReader.prototype));
    const writer = acquireWriter(dest, Object.create(WritableStreamDefaultWriter.prototype));
    source.disturbed = true;
    const { preventClose, preventAbort, preventCancel, signal } = options;
    const result = deferred();
    let shuttingDown = false;
    let currentWrite = resolved(undefined);
    let abortListener = null;

    function finalize(isError, error) {
      releaseWriter(writer);
      releaseReader(reader);
      if (abortListener !== null) signal.removeEventListener('abort', abortListener);
      if (isError) result.reject(error);
      else result.resolve(undefined);
    }
    function waitForWrites() {
      const last = currentWrite;
      return last.then(() => (last === currentWrite ? undefined : waitForWrites()), () => (last === currentWrite ? undefined : waitForWrites()));
    }
    function shutdownWithAction(action, isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      const run = () => {
        let p;
        try { p = resolved(action()); } catch (e) { p = rejected(e); }
        p.then(() => finalize(isError, error), (e) => finalize(true, e));
      };
      if (dest.state === 'writable' && !closeQueuedOrInFlight(dest)) waitForWrites().then(run);
      else run();
    }
    function shutdown(isError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !closeQueuedOrInFlight(dest)) waitForWrites().then(() => finalize(isError, error));
      else finalize(isError, error);
    }

    if (signal !== undefined) {
      abortListener = () => {
        const error = signal.reason;
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? writableAbort(dest, error) : resolved(undefined)));
        if (!preventCancel) actions.push(() => (source.state === 'readable' ? readableStreamCancel(source, error) : resolved(undefined)));
        shutdownWithAction(() => PromiseC.all(actions.map((act) => act())), true, error);
      };
      if (signal.aborted) { abortListener(); return result.promise; }
      signal.addEventListener('abort', abortListener);
    }

    function onSourceErrored(e) {
      if (!preventAbort) shutdownWithAction(() => writableAbort(dest, e), true, e);
      else shutdown(true, e);
    }
    function onDestErrored(e) {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, e), true, e);
      else shutdown(true, e);
    }
    function onSourceClosed() {
      if (!preventClose) shutdownWithAction(() => writerCloseWithErrorPropagation(writer));
      else shutdown();
    }
    function onDestClosed() {
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
    reader.closed.promise.then(() => { if (!shuttingDown) onSourceClosed(); }, (e) => { if (!shuttingDown) onSourceErrored(e); });
    writer.closed.promise.then(undefined, (e) => { if (!shuttingDown) onDestErrored(e); });
    if (dest.state === 'erroring') onDestErrored(dest.storedError);

    function step() {
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
    constructor() { throw typeError('Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
    get desiredSize() { return readableDesiredSize(slot(this, 'TransformStreamDefaultController').stream.readable.controller); }
    enqueue(chunk) { transformEnqueue(slot(this, 'TransformStreamDefaultController').stream, chunk); }
    error(reason) { transformError(slot(this, 'TransformStreamDefaultController').stream, reason); }
    terminate() {
      const t = slot(this, 'TransformStreamDefaultController').stream;
      readableControllerClose(t.readable.controller);
      transformErrorWritableAndUnblockWrite(t, typeError('Invalid state: The TransformStream has been terminated', 'ERR_INVALID_STATE'));
    }
    get [Symbol.toStringTag]() { return 'TransformStreamDefaultController'; }
  }
  function setBackpressure(t, backpressure) {
    if (t.backpressureChange !== null) t.backpressureChange.resolve(undefined);
    t.backpressureChange = deferred();
    t.backpressure = backpressure;
  }
  function transformEnqueue(t, chunk) {
    const rc = t.readable.controller;
    if (!readableCanCloseOrEnqueue(rc)) throw invalidState('Readable side is not in a state that permits enqueue');
    try { readableControllerEnqueue(rc, chunk); } catch (e) { transformErrorWritableAndUnblockWrite(t, e); throw t.readable.storedError; }
    const backpressure = !readableShouldCallPull(rc);
    if (backpressure !== t.backpressure && backpressure) setBackpressure(t, true);
  }
  function transformClearAlgorithms(t) { t.transform = () => resolved(undefined); t.flush = () => resolved(undefined); t.cancel = () => resolved(undefined); }
  function transformError(t, e) {
    readableControllerError(t.readable.controller, e);
    transformErrorWritableAndUnblockWrite(t, e);
  }
  function transformErrorWritableAndUnblockWrite(t, e) {
    transformClearAlgorithms(t);
    writableControllerErrorIfNeeded(t.writable.controller, e);
    if (t.backpressure) setBackpressure(t, false);
  }
  function performTransform(t, chunk) {
    return t.transform(chunk).then(undefined, (r) => { transformError(t, r); throw r; });
  }

  class TransformStream {
    constructor(transformer, writableStrategy, readableStrategy) {
      if (transformer === null) throw typeError('The "transformer" argument must be of type object. Received null', 'ERR_INVALID_ARG_TYPE');
      const underlying = transformer === undefined ? {} : transformer;
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
      const t = { brand: 'TransformStream', readable: null, writable: null, backpressure: false, backpressureChange: null, readableObject: null, writableObject: null, finish: null };
      slots.set(this, t);
      const startAlgorithm = () => started.promise;
      t.writableObject = createWritable(startAlgorithm, (chunk) => {
        if (t.backpressure) {
          return t.backpressureChange.promise.then(() => {
            if (t.writable.state === 'erroring') throw t.writable.storedError;
            return performTransform(t, chunk);
          });
        }
        return performTransform(t, chunk);
      }, () => {
        if (t.finish !== null) return t.finish;
        const flushed = t.flush();
        transformClearAlgorithms(t);
        t.finish = flushed.then(() => {
          if (t.readable.state === 'errored') throw t.readable.storedError;
          readableControllerClose(t.readable.controller);
        }, (r) => { transformError(t, r); throw t.readable.storedError; });
        return t.finish;
      }, (reason) => {
        if (t.finish !== null) return t.finish;
        const canceled = t.cancel(reason);
        transformClearAlgorithms(t);
        t.finish = canceled.then(() => {
          if (t.readable.state === 'errored') throw t.readable.storedError;
          readableControllerError(t.readable.controller, reason);
        }, (r) => { readableControllerError(t.readable.controller, r); throw r; });
        return t.finish;
      }, writableHwm, writableSize);
      t.readableObject = createReadable(startAlgorithm, () => {
        setBackpressure(t, false);
        return t.backpressureChange.promise;
      }, (reason) => {
        if (t.finish !== null) return t.finish;
        const canceled = t.cancel(reason);
        transformClearAlgorithms(t);
        t.finish = canceled.then(() => {
          if (t.writable.state === 'errored') throw t.writable.storedError;
          writableControllerErrorIfNeeded(t.writable.controller, reason);
          if (t.backpressure) setBackpressure(t, false);
        }, (r) => { writableControllerErrorIfNeeded(t.writable.controller, r); if (t.backpressure) setBackpressure(t, false); throw r; });
        return t.finish;
      }, readableHwm, readableSize);
      t.writable = slots.get(t.writableObject);
      t.readable = slots.get(t.readableObject);
      setBackpressure(t, true);
      slots.set(controller, { brand: 'TransformStreamDefaultController', stream: t });
      t.transform = transform === undefined
        ? (chunk) => { try { transformEnqueue(t, chunk); return resolved(undefined); } catch (e) { return rejected(e); } }
        : (chunk) => promiseCall(transform, underlying, [chunk, controller]);
      t.flush = (() => promiseCall(flush, underlying, [controller]));
      t.cancel = (reason) => promiseCall(cancel, underlying, [reason]);
      let startResult;
      started.resolve(start === undefined ? undefined : start.call(underlying, controller));
    }
    get readable() { return slot(this, 'TransformStream').readableObject; }
    get writable() { return slot(this, 'TransformStream').writableObject; }
    get [Symbol.toStringTag]() { return 'TransformStream'; }
  }

  const names = { ReadableStream, ReadableStreamDefaultReader, ReadableStreamDefaultController, WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream, TransformStreamDefaultController, ByteLengthQueuingStrategy, CountQueuingStrategy };
  k.ReadableStream = ReadableStream;
  k.WritableStream = WritableStream;
  k.TransformStream = TransformStream;
  k.webStreams = names;
  // Whether a stream has been read from or canceled (what makes a Response's body used).
  k.streamDisturbed = (value) => { const s = slots.get(value); return s !== undefined && s.brand === 'ReadableStream' && s.disturbed; };
  for (const name of Object.keys(names)) k.define(name, names[name]);
}`;
