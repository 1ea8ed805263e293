import { constants } from 'node:zlib';

/**
 * In-context source: the one-shot `zlib` functions (deflate, inflate, gzip, brotli, … in sync and
 * callback forms), `crc32` and `constants`. The bytes go to the host's real zlib as latin1 text and
 * come back as a Buffer of this realm; the host caps the output at 64 MB. Streams are not offered.
 * The constants are those of the Node version running the child, written into the source as JSON.
 */

/** Shares k.loadZlib, which builds the module the first time `require('zlib')` asks for it. */
export const ZLIB_SOURCE =
  String.raw`function installZlib(k) {
  let zlib = null;
  // Built on first require: most functions never use zlib, and every context is new.
  k.loadZlib = function () {
    if (zlib === null) build();
    return zlib;
  };
  k.whenIdle(k.loadZlib);

  function build() {
    const CONSTANTS = ` +
  JSON.stringify(constants) +
  String.raw`;
    const METHODS = ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress', 'brotliDecompress'];
    const PRIMITIVE_OPTIONS = ['level', 'windowBits', 'memLevel', 'strategy', 'chunkSize', 'flush', 'finishFlush', 'maxOutputLength'];
    const STREAMS = ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress', 'BrotliDecompress'];
    // Errors Node raises before compressing anything; the callback forms throw these at once, like Node.
    const ARGUMENT_CODES = new Set(['ERR_INVALID_ARG_TYPE', 'ERR_OUT_OF_RANGE', 'ERR_INVALID_ARG_VALUE', 'ERR_ZLIB_INITIALIZATION_FAILED']);
    const stringify = JSON.stringify;

    function inputText(buffer) {
      if (typeof buffer === 'string') return k.latin1OfBytes(k.utf8Encode(buffer));
      const bytes = k.bytesOf(buffer);
      if (!bytes) throw k.argError('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
      return k.latin1OfBytes(bytes);
    }
    function optionsJson(options) {
      if (options === undefined || options === null) return '{}';
      if (typeof options !== 'object') throw k.argError('options', 'of type object', options);
      const out = {};
      for (const key of PRIMITIVE_OPTIONS) {
        const value = options[key];
        if (value === undefined) continue;
        if (typeof value === 'object' || typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint') {
          throw k.argError('options.' + key, 'of type number', value, true);
        }
        out[key] = value;
      }
      const dictionary = options.dictionary;
      if (dictionary !== undefined) {
        const bytes = k.bytesOf(dictionary);
        if (!bytes) throw k.argError('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', dictionary, true);
        out.dictionary = k.latin1OfBytes(bytes);
      }
      const params = options.params;
      if (params !== undefined && params !== null && typeof params === 'object') {
        out.params = {};
        for (const key of Object.keys(params)) out.params[key] = params[key];
      }
      return stringify(out);
    }
    function syncForm(method) {
      return function (buffer, options) {
        return k.hostBytes('zlib', method + 'Sync', inputText(buffer), optionsJson(options));
      };
    }
    // The work is done at once; the callback runs later, from the event loop, as Node's would.
    function callbackForm(method) {
      const run = syncForm(method);
      return function (buffer, options, callback) {
        if (typeof options === 'function') { callback = options; options = undefined; }
        if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
        let result;
        try {
          result = run(buffer, options);
        } catch (e) {
          if (e !== null && typeof e === 'object' && ARGUMENT_CODES.has(e.code)) throw e;
          k.timers.setImmediate(callback, e);
          return;
        }
        k.timers.setImmediate(callback, null, result);
      };
    }
    function notAvailable(name) {
      return function () {
        throw k.newError('Error', 'zlib.' + name + " is not available in Anvil's local runner (streams are not supported; use the one-shot functions such as zlib.gzipSync or zlib.gzip)", 'ERR_NOT_AVAILABLE_IN_ANVIL');
      };
    }

    let crcTable = null;
    function crc32(data, value) {
      let bytes;
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
      for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 255] ^ (crc >>> 8);
      return ~crc >>> 0;
    }

    const constants = Object.freeze(Object.assign({}, CONSTANTS));
    zlib = { constants, crc32 };
    for (const method of METHODS) {
      zlib[method + 'Sync'] = syncForm(method);
      zlib[method] = callbackForm(method);
    }
    for (const name of STREAMS) {
      zlib[name] = notAvailable(name);
      zlib['create' + name] = notAvailable('create' + name);
    }
    const codes = {};
    for (const name of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR', 'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
      codes[name] = CONSTANTS[name];
      codes[CONSTANTS[name]] = name;
    }
    zlib.codes = Object.freeze(codes);
    // Node still carries the zlib constants on the module itself, read-only and hidden from keys.
    for (const name of Object.keys(CONSTANTS)) {
      if (name.slice(0, 2) === 'Z_') Object.defineProperty(zlib, name, { value: CONSTANTS[name], enumerable: false });
    }
  }
}`;
