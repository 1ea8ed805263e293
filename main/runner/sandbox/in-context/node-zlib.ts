/**
 * In-context piece: the one-shot `zlib` functions (deflate, inflate, gzip, brotli, … in sync and
 * callback forms), `crc32` and `constants`. The bytes go to the host's real zlib as latin1 text and
 * come back as a Buffer of this realm; the host caps the output at 64 MB. Streams are not offered.
 * The constants are those of the Node version running the child (k.nodeFacts). Runs as text inside
 * the context: see kernel.ts.
 */
import type { Kernel } from './kernel';

type OneShotName = 'deflate' | 'inflate' | 'deflateRaw' | 'inflateRaw' | 'gzip' | 'gunzip' | 'unzip' | 'brotliCompress' | 'brotliDecompress';
type StreamName = 'Deflate' | 'Inflate' | 'DeflateRaw' | 'InflateRaw' | 'Gzip' | 'Gunzip' | 'Unzip' | 'BrotliCompress' | 'BrotliDecompress';
type SyncForm = (buffer: unknown, options?: unknown) => Buffer;
type CallbackForm = (buffer: unknown, options: unknown, callback?: unknown) => void;

/** The zlib module app code gets. */
export type ZlibModule = { [M in `${OneShotName}Sync`]: SyncForm } & { [M in OneShotName]: CallbackForm } & { [S in StreamName | `create${StreamName}`]: () => never } & {
  constants: Readonly<Record<string, number>>;
  codes: Readonly<Record<string, number | string>>;
  crc32(data: unknown, value?: unknown): number;
};

declare module './kernel' {
  interface Kernel {
    /** The `zlib` module, built the first time `require('zlib')` asks for it. */
    loadZlib(): ZlibModule;
  }
}

/** Shares k.loadZlib. */
export function installZlib(k: Kernel): void {
  let zlib: ZlibModule | null = null;
  let functions: Record<string, unknown> | null = null;
  // Built on first require: most functions never use zlib, and every context is new. The constants
  // come from the host, which answers only during an invocation; the functions may be made ahead.
  k.loadZlib = function () {
    if (zlib === null) zlib = build(prepare(), k.nodeFacts().zlibConstants);
    return zlib;
  };
  k.whenIdle(prepare);

  function prepare(): Record<string, unknown> {
    if (functions === null) functions = makeFunctions();
    return functions;
  }

  function makeFunctions(): Record<string, unknown> {
    const METHODS: OneShotName[] = ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress', 'brotliDecompress'];
    const PRIMITIVE_OPTIONS = ['level', 'windowBits', 'memLevel', 'strategy', 'chunkSize', 'flush', 'finishFlush', 'maxOutputLength'];
    const STREAMS: StreamName[] = ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress', 'BrotliDecompress'];
    // Errors Node raises before compressing anything; the callback forms throw these at once, like Node.
    const ARGUMENT_CODES = new Set<unknown>(['ERR_INVALID_ARG_TYPE', 'ERR_OUT_OF_RANGE', 'ERR_INVALID_ARG_VALUE', 'ERR_ZLIB_INITIALIZATION_FAILED']);
    const stringify = JSON.stringify;

    function inputText(buffer: unknown): string {
      if (typeof buffer === 'string') return k.latin1OfBytes(k.utf8Encode(buffer));
      const bytes = k.bytesOf(buffer);
      if (!bytes) throw k.argError('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
      return k.latin1OfBytes(bytes);
    }
    function optionsJson(options: unknown): string {
      if (options === undefined || options === null) return '{}';
      if (typeof options !== 'object') throw k.argError('options', 'of type object', options);
      const given = options as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const key of PRIMITIVE_OPTIONS) {
        const value = given[key];
        if (value === undefined) continue;
        if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
          throw k.argError('options.' + key, 'of type number', value, true);
        }
        out[key] = value;
      }
      const dictionary = given.dictionary;
      if (dictionary !== undefined) {
        const bytes = k.bytesOf(dictionary);
        if (!bytes) throw k.argError('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', dictionary, true);
        out.dictionary = k.latin1OfBytes(bytes);
      }
      const params = given.params;
      if (params !== undefined && params !== null && typeof params === 'object') {
        const copied: Record<string, unknown> = {};
        out.params = copied;
        for (const key of Object.keys(params)) copied[key] = (params as Record<string, unknown>)[key];
      }
      return stringify(out);
    }
    function syncForm(method: OneShotName): SyncForm {
      return function (buffer, options) {
        return k.hostBytes('zlib', method + 'Sync', inputText(buffer), optionsJson(options));
      };
    }
    // The work is done at once; the callback runs later, from the event loop, as Node's would.
    function callbackForm(method: OneShotName): CallbackForm {
      const run = syncForm(method);
      return function (buffer, options, callback) {
        if (typeof options === 'function') {
          callback = options;
          options = undefined;
        }
        if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
        let result;
        try {
          result = run(buffer, options);
        } catch (e) {
          if (e !== null && typeof e === 'object' && ARGUMENT_CODES.has((e as { code?: unknown }).code)) throw e;
          k.timers.setImmediate(callback as (...args: unknown[]) => void, e);
          return;
        }
        k.timers.setImmediate(callback as (...args: unknown[]) => void, null, result);
      };
    }
    function notAvailable(name: string): () => never {
      return function () {
        throw k.newError(
          'Error',
          'zlib.' + name + " is not available in Anvil's local runner (streams are not supported; use the one-shot functions such as zlib.gzipSync or zlib.gzip)",
          'ERR_NOT_AVAILABLE_IN_ANVIL',
        );
      };
    }

    let crcTable: Int32Array | null = null;
    function crc32(data: unknown, value?: unknown): number {
      let bytes: Uint8Array | null;
      if (typeof data === 'string') bytes = k.utf8Encode(data);
      else {
        bytes = ArrayBuffer.isView(data) ? k.bytesOf(data) : null;
        if (!bytes) throw k.argError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
      }
      if (value !== undefined && (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 4294967295)) {
        throw k.newError('RangeError', 'The value of "value" is out of range. It must be >= 0 && <= 4294967295.' + k.received(value), 'ERR_OUT_OF_RANGE');
      }
      if (crcTable === null) {
        crcTable = new Int32Array(256);
        for (let n = 0; n < 256; n++) {
          let c = n;
          for (let j = 0; j < 8; j++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
          crcTable[n] = c;
        }
      }
      let crc = ~(value === undefined ? 0 : value);
      for (let i = 0; i < bytes.length; i++) crc = (crcTable[(crc ^ (bytes[i] as number)) & 255] as number) ^ (crc >>> 8);
      return ~crc >>> 0;
    }

    // In the order the module shows them: crc32, then each method's sync and callback forms, then the streams.
    const made: Record<string, unknown> = { crc32 };
    for (const method of METHODS) {
      made[method + 'Sync'] = syncForm(method);
      made[method] = callbackForm(method);
    }
    for (const name of STREAMS) {
      made[name] = notAvailable(name);
      made['create' + name] = notAvailable('create' + name);
    }
    return made;
  }

  function build(made: Record<string, unknown>, CONSTANTS: Record<string, number>): ZlibModule {
    const constants = Object.freeze(Object.assign({}, CONSTANTS));
    const module: Record<string, unknown> = { constants };
    Object.assign(module, made);
    const codes: Record<string, number | string> = {};
    for (const name of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR', 'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
      const code = CONSTANTS[name] as number;
      codes[name] = code;
      codes[code] = name;
    }
    module.codes = Object.freeze(codes);
    // Node still carries the zlib constants on the module itself, read-only and hidden from keys.
    for (const name of Object.keys(CONSTANTS)) {
      if (name.slice(0, 2) === 'Z_') Object.defineProperty(module, name, { value: CONSTANTS[name], enumerable: false });
    }
    return module as ZlibModule;
  }
}
