/**
 * In-context source: `stream` and `stream/promises`, from readable-stream (bundled, node-libs.ts).
 * As in Node, `Stream` is the legacy stream (with the old `pipe`) every stream class inherits from.
 */

/** Shares k.loadStream (the `stream` module, built on first require). */
export const STREAM_SOURCE = String.raw`function installStream(k) {
  let stream = null;
  k.loadStream = function () {
    if (stream !== null) return stream;
    const rs = k.nodeLibs.stream;
    const EventEmitter = k.EventEmitter;
    // Node's legacy Stream: an EventEmitter with the old pipe(), which stream classes written before
    // streams2 (combined-stream under form-data, delayed-stream) inherit and call directly.
    function Stream(options) { EventEmitter.call(this, options); }
    Stream.prototype = Object.create(EventEmitter.prototype, { constructor: { value: Stream, writable: true, configurable: true } });
    Object.setPrototypeOf(Stream, EventEmitter);
    Stream.prototype.pipe = function pipe(dest, options) {
      const source = this;
      let ended = false;
      const ondata = (chunk) => { if (dest.writable && dest.write(chunk) === false && typeof source.pause === 'function') source.pause(); };
      const ondrain = () => { if (source.readable && typeof source.resume === 'function') source.resume(); };
      const onend = () => { if (!ended) { ended = true; dest.end(); } };
      const onclose = () => { if (!ended) { ended = true; if (typeof dest.destroy === 'function') dest.destroy(); } };
      function onerror(error) {
        cleanup();
        if (this.listenerCount('error') === 0) this.emit('error', error);
      }
      function cleanup() {
        source.removeListener('data', ondata);
        dest.removeListener('drain', ondrain);
        source.removeListener('end', onend);
        source.removeListener('close', onclose);
        source.removeListener('error', onerror);
        dest.removeListener('error', onerror);
        source.removeListener('end', cleanup);
        source.removeListener('close', cleanup);
        dest.removeListener('close', cleanup);
      }
      source.on('data', ondata);
      dest.on('drain', ondrain);
      if (!options || options.end !== false) {
        source.on('end', onend);
        source.on('close', onclose);
      }
      source.prependListener('error', onerror);
      dest.prependListener('error', onerror);
      source.on('end', cleanup);
      source.on('close', cleanup);
      dest.on('close', cleanup);
      dest.emit('pipe', source);
      return dest;
    };
    // readable-stream's classes inherit straight from EventEmitter; put Stream between, as in Node,
    // so every stream is instanceof Stream (node-fetch tests bodies that way).
    Object.setPrototypeOf(rs.Readable.prototype, Stream.prototype);
    Object.setPrototypeOf(rs.Writable.prototype, Stream.prototype);
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
