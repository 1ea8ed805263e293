/**
 * In-context source: `stream` and `stream/promises`, from readable-stream (bundled, node-libs.ts).
 * As in Node, every stream is `instanceof Stream`: SDKs such as node-fetch test bodies that way.
 */

/** Shares k.loadStream (the `stream` module, built on first require). */
export const STREAM_SOURCE = String.raw`function installStream(k) {
  let stream = null;
  k.loadStream = function () {
    if (stream !== null) return stream;
    const rs = k.nodeLibs.stream;
    const EventEmitter = k.EventEmitter;
    function Stream(options) { EventEmitter.call(this, options); }
    // readable-stream's streams inherit straight from EventEmitter; sharing its prototype keeps them instanceof Stream.
    Stream.prototype = EventEmitter.prototype;
    Object.setPrototypeOf(Stream, EventEmitter);
    // readable-stream's browser build has no Readable.from; Node's takes any (async) iterable.
    rs.Readable.from = function from(iterable, options) {
      const single = typeof iterable === 'string' || iterable instanceof Uint8Array;
      let iterator;
      if (single) iterator = [iterable][Symbol.iterator]();
      else if (iterable !== null && iterable !== undefined && typeof iterable[Symbol.asyncIterator] === 'function') iterator = iterable[Symbol.asyncIterator]();
      else if (iterable !== null && iterable !== undefined && typeof iterable[Symbol.iterator] === 'function') iterator = iterable[Symbol.iterator]();
      else {
        const e = new TypeError('The "iterable" argument must be an instance of Iterable. Received ' + k.inspect(iterable));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      const readable = new rs.Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, options));
      let reading = false;
      async function next() {
        try {
          for (;;) {
            const step = await iterator.next();
            if (step.done) { readable.push(null); return; }
            if (!readable.push(await step.value)) { reading = false; return; }
          }
        } catch (error) {
          readable.destroy(error);
        }
      }
      readable._read = function () { if (!reading) { reading = true; next(); } };
      readable._destroy = function (error, callback) {
        if (typeof iterator.return !== 'function') { callback(error); return; }
        Promise.resolve().then(() => iterator.return()).then(() => callback(error), (e) => callback(e || error));
      };
      return readable;
    };
    const pipeline = rs.pipeline;
    const finished = rs.finished;
    const promises = {
      pipeline: (...streams) => new Promise((resolve, reject) => pipeline(...streams, (error, value) => (error ? reject(error) : resolve(value)))),
      finished: (target, options) => new Promise((resolve, reject) => finished(target, options || {}, (error) => (error ? reject(error) : resolve()))),
    };
    Object.assign(Stream, {
      Stream,
      Readable: rs.Readable,
      Writable: rs.Writable,
      Duplex: rs.Duplex,
      Transform: rs.Transform,
      PassThrough: rs.PassThrough,
      pipeline,
      finished,
      promises,
      isReadable: (s) => s !== null && typeof s === 'object' && typeof s.read === 'function' && !s.destroyed,
    });
    stream = Stream;
    return stream;
  };
}`;
