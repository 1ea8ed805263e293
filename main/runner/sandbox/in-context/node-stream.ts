/**
 * In-context piece: `stream` and `stream/promises`, from readable-stream (bundled, node-libs.ts).
 * As in Node, `Stream` is the legacy stream (with the old `pipe`) every stream class inherits from.
 * Runs as text inside the context: see kernel.ts.
 */
import type { EventEmitter } from 'node:events';
import type { Duplex, PassThrough, Readable, Transform, Writable } from 'node:stream';
import type { CodedError, Kernel } from './kernel';

type Done = (error?: unknown, value?: unknown) => void;

/** readable-stream's exports (its API is Node's). */
export interface ReadableStreamLib {
  Readable: typeof Readable;
  Writable: typeof Writable;
  Duplex: typeof Duplex;
  Transform: typeof Transform;
  PassThrough: typeof PassThrough;
  pipeline(...streamsAndCallback: unknown[]): unknown;
  finished(stream: unknown, options: object, callback: Done): unknown;
}

/** Node's legacy Stream: an EventEmitter whose prototype has the old pipe(). */
export type LegacyStream = new (options?: object) => EventEmitter;

/** The `stream` module: the legacy Stream, with the stream classes and helpers as its members. */
export type StreamModule = LegacyStream &
  Omit<ReadableStreamLib, 'pipeline' | 'finished'> & {
    Stream: LegacyStream;
    pipeline: ReadableStreamLib['pipeline'];
    finished: ReadableStreamLib['finished'];
    promises: { pipeline(...streams: unknown[]): Promise<unknown>; finished(target: unknown, options?: object): Promise<void> };
    isReadable(s: unknown): boolean;
  };

/** The part of a source the legacy pipe() uses. */
interface PipeSource extends EventEmitter {
  readable?: boolean;
  pause?(): unknown;
  resume?(): unknown;
}

/** The part of a destination the legacy pipe() uses. */
interface PipeDestination extends EventEmitter {
  writable?: boolean;
  write(chunk: unknown): boolean;
  end(): unknown;
  destroy?(): unknown;
}

declare module './node-libs' {
  interface NodeLibs {
    stream: ReadableStreamLib;
  }
}

declare module './kernel' {
  interface Kernel {
    /** The `stream` module, built on first require. */
    loadStream(): StreamModule;
  }
}

/** Shares k.loadStream (the `stream` module, built on first require). */
export function installStream(k: Kernel): void {
  let stream: StreamModule | null = null;
  k.loadStream = function () {
    if (stream !== null) return stream;
    const rs = k.nodeLibs.stream;
    const EventEmitter = k.EventEmitter;
    // Node's legacy Stream: an EventEmitter with the old pipe(), which stream classes written before
    // streams2 (combined-stream under form-data, delayed-stream) inherit and call directly.
    function Stream(this: EventEmitter, options?: object) {
      EventEmitter.call(this, options);
    }
    Stream.prototype = Object.create(EventEmitter.prototype, { constructor: { value: Stream, writable: true, configurable: true } });
    Object.setPrototypeOf(Stream, EventEmitter);
    Stream.prototype.pipe = function pipe(this: PipeSource, dest: PipeDestination, options?: { end?: boolean }) {
      // eslint-disable-next-line @typescript-eslint/no-this-alias -- the listeners below close over the piped stream
      const source = this;
      let ended = false;
      const ondata = (chunk: unknown) => {
        if (dest.writable && dest.write(chunk) === false && typeof source.pause === 'function') source.pause();
      };
      const ondrain = () => {
        if (source.readable && typeof source.resume === 'function') source.resume();
      };
      const onend = () => {
        if (!ended) {
          ended = true;
          dest.end();
        }
      };
      const onclose = () => {
        if (!ended) {
          ended = true;
          if (typeof dest.destroy === 'function') dest.destroy();
        }
      };
      function onerror(this: EventEmitter, error: unknown) {
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
    (rs.Readable as { from: unknown }).from = function from(iterable: unknown, options?: object) {
      const single = typeof iterable === 'string' || iterable instanceof Uint8Array;
      const source = iterable as { [Symbol.asyncIterator]?: unknown; [Symbol.iterator]?: unknown } | null | undefined;
      let iterator: Iterator<unknown> | AsyncIterator<unknown>;
      if (single) iterator = [iterable][Symbol.iterator]();
      else if (source !== null && source !== undefined && typeof source[Symbol.asyncIterator] === 'function') iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
      else if (source !== null && source !== undefined && typeof source[Symbol.iterator] === 'function') iterator = (source as Iterable<unknown>)[Symbol.iterator]();
      else {
        const e: CodedError = new TypeError('The "iterable" argument must be an instance of Iterable. Received ' + k.inspect(iterable));
        e.code = 'ERR_INVALID_ARG_TYPE';
        throw e;
      }
      const readable = new rs.Readable(Object.assign({ objectMode: true, highWaterMark: 1 }, options));
      let reading = false;
      async function next() {
        try {
          for (;;) {
            const step = await iterator.next();
            if (step.done) {
              readable.push(null);
              return;
            }
            if (!readable.push(await step.value)) {
              reading = false;
              return;
            }
          }
        } catch (error) {
          readable.destroy(error as Error);
        }
      }
      readable._read = function () {
        if (!reading) {
          reading = true;
          next();
        }
      };
      readable._destroy = function (error, callback) {
        if (typeof iterator.return !== 'function') {
          callback(error);
          return;
        }
        Promise.resolve()
          .then(() => (iterator as { return(): unknown }).return())
          .then(
            () => callback(error),
            (e: Error | null) => callback(e || error),
          );
      };
      return readable;
    };
    const pipeline = rs.pipeline;
    const finished = rs.finished;
    const promises = {
      pipeline: (...streams: unknown[]) => new Promise((resolve, reject) => pipeline(...streams, (error: unknown, value: unknown) => (error ? reject(error) : resolve(value)))),
      finished: (target: unknown, options?: object) => new Promise<void>((resolve, reject) => finished(target, options || {}, (error) => (error ? reject(error) : resolve()))),
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
      isReadable: (s: unknown) => s !== null && typeof s === 'object' && typeof (s as { read?: unknown }).read === 'function' && !(s as { destroyed?: unknown }).destroyed,
    });
    stream = Stream as unknown as StreamModule;
    return stream;
  };
}
