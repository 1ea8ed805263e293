import { constants, getHashes } from 'node:crypto';

/**
 * In-context source: the parts of `crypto` Forge apps reach for — random bytes, UUIDs and integers,
 * hashes and HMACs, timingSafeEqual — and the Web Crypto `globalThis.crypto` (getRandomValues,
 * randomUUID, subtle.digest). Randomness and digests come from the host's node:crypto as latin1
 * text; the objects app code gets are built here. Everything else Node's crypto has exists by name
 * and throws an error that names it. The digest names and constants are those of the running Node.
 */

/** Shares k.loadCrypto; defines the global `crypto` as a lazy accessor, as Node does. */
export const CRYPTO_SOURCE =
  String.raw`function installCrypto(k) {
  let crypto = null;
  let webcrypto = null;
  let webKeys = null;
  // subtle's key functions are filled in by node-crypto-keys.ts once the module is built.
  function web(name) {
    return function (...args) {
      try { return webKeys[name](...args); } catch (e) { return Promise.reject(e); }
    };
  }
  // Everything is built on first use: most functions never touch crypto, and every context is new.
  k.loadCrypto = function () {
    if (crypto === null) build();
    return crypto;
  };
  k.whenIdle(k.loadCrypto);
  // Built on first use, like Node's own lazy global; an app may still replace it.
  Object.defineProperty(globalThis, 'crypto', {
    get() { k.loadCrypto(); return webcrypto; },
    set(value) { Object.defineProperty(globalThis, 'crypto', { value, writable: true, configurable: true, enumerable: true }); },
    enumerable: true,
    configurable: true,
  });

  // The interface names Node has as globals; neither can be constructed by app code, as in Node.
  const illegal = () => k.newError('TypeError', 'Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
  class Crypto { constructor() { throw illegal(); } }
  class SubtleCrypto { constructor() { throw illegal(); } }
  k.define('Crypto', Crypto);
  k.define('SubtleCrypto', SubtleCrypto);
  // A plain value once crypto is built (unless the app has set its own meanwhile).
  const cryptoKeyGetter = function () { k.loadCrypto(); return webcrypto.CryptoKey; };
  Object.defineProperty(globalThis, 'CryptoKey', {
    get: cryptoKeyGetter,
    set(value) { Object.defineProperty(globalThis, 'CryptoKey', { value, writable: true, configurable: true, enumerable: false }); },
    enumerable: false,
    configurable: true,
  });

  function build() {
    const HASH_NAMES = ` +
  JSON.stringify(getHashes()) +
  String.raw`;
    const HASHES = new Set(HASH_NAMES.map((name) => name.toLowerCase()));
    const CONSTANTS = ` +
  JSON.stringify(constants) +
  String.raw`;
    // What stays out: Diffie-Hellman state, primes, certificates and engine settings.
    const UNAVAILABLE = [
      'checkPrime', 'checkPrimeSync', 'createDiffieHellman', 'createDiffieHellmanGroup', 'createECDH', 'diffieHellman',
      'generatePrime', 'generatePrimeSync', 'getDiffieHellman', 'setEngine', 'getFips', 'setFips', 'secureHeapUsed',
      'Certificate', 'Cipher', 'Decipher', 'DiffieHellman', 'DiffieHellmanGroup', 'ECDH', 'X509Certificate',
    ];
    const SUBTLE_UNAVAILABLE = ['encrypt', 'decrypt', 'generateKey', 'deriveKey', 'deriveBits', 'exportKey', 'wrapKey', 'unwrapKey'];
    const WEB_DIGESTS = { 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };
    const INTEGER_ARRAYS = new Set(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']);
    const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
    const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
    const PromiseIntrinsic = Promise;

    function notAvailable(name) {
      return function () {
        throw k.newError('Error', name + " is not available in Anvil's local runner", 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM');
      };
    }
    function domError(name, message, code) {
      const e = k.newError(name, message);
      e.code = code;
      return e;
    }
    function outOfRange(name, range, value) {
      return k.newError('RangeError', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + k.inspect(value), 'ERR_OUT_OF_RANGE');
    }
    function dataText(data, encoding, name) {
      if (typeof data === 'string') return k.latin1OfBytes(k.Buffer.from(data, k.Buffer.isEncoding(encoding) ? encoding : 'utf8'));
      if (ArrayBuffer.isView(data)) return k.latin1OfBytes(k.bytesOf(data));
      throw k.argError(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    function output(bytes, encoding) {
      return encoding === undefined || encoding === 'buffer' || !k.Buffer.isEncoding(encoding) ? bytes : bytes.toString(encoding);
    }
    function checkAlgorithm(algorithm) {
      if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
    }
    function randomInto(view) {
      if (view.length > 0) view.set(k.hostBytes('random', view.length));
    }

    // Filled by node-crypto-keys.ts: the bytes of a secret KeyObject or CryptoKey, for Hmac.
    const tools = { dataText, output, Hmac: null, secretBytes: null };
    class Hash {
      #algorithm;
      #text = '';
      #done = false;
      constructor(algorithm) {
        checkAlgorithm(algorithm);
        if (!HASHES.has(algorithm.toLowerCase())) throw k.newError('Error', 'Digest method not supported');
        this.#algorithm = algorithm;
      }
      update(data, encoding) {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#text += dataText(data, encoding, 'data');
        return this;
      }
      digest(encoding) {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#done = true;
        const bytes = k.hostBytes('hash', this.#algorithm, this.#text);
        this.#text = '';
        return output(bytes, encoding);
      }
      copy() {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        const copy = new Hash(this.#algorithm);
        copy.#text = this.#text;
        return copy;
      }
    }
    class Hmac {
      #algorithm;
      #key;
      #text = '';
      #done = false;
      constructor(algorithm, key, options) {
        checkAlgorithm(algorithm);
        const secret = tools.secretBytes === null ? undefined : tools.secretBytes(key);
        if (secret !== undefined) this.#key = k.latin1OfBytes(secret);
        else if (typeof key === 'string') this.#key = dataText(key, options && options.encoding, 'key');
        else if (ArrayBuffer.isView(key) || Object.prototype.toString.call(key) === '[object ArrayBuffer]') this.#key = k.latin1OfBytes(k.bytesOf(key));
        else throw k.argError('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
        if (!HASHES.has(algorithm.toLowerCase())) throw k.newError('TypeError', 'Invalid digest: ' + algorithm, 'ERR_CRYPTO_INVALID_DIGEST');
        this.#algorithm = algorithm;
      }
      update(data, encoding) {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#text += dataText(data, encoding, 'data');
        return this;
      }
      // Like Node's Hmac, a second digest() gives an empty result rather than an error.
      digest(encoding) {
        if (this.#done) return output(k.Buffer.alloc(0), encoding);
        this.#done = true;
        const bytes = k.hostBytes('hmac', this.#algorithm, this.#key, this.#text);
        this.#text = '';
        return output(bytes, encoding);
      }
    }

    tools.Hmac = Hmac;
    function randomBytes(size, callback) {
      if (typeof size !== 'number') throw k.argError('size', 'of type number', size);
      if (!(size >= 0 && size <= 2147483647)) throw outOfRange('size', '>= 0 && <= 2147483647', size);
      if (callback !== undefined && typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      const bytes = k.hostBytes('random', Math.floor(size));
      if (callback === undefined) return bytes;
      k.timers.setImmediate(callback, null, bytes);
    }
    function fillTarget(buffer) {
      const bytes = k.bytesOf(buffer);
      if (!bytes) throw k.argError('buf', 'an instance of ArrayBuffer or ArrayBufferView', buffer);
      return bytes;
    }
    function fillRange(bytes, offset, size) {
      const start = offset === undefined ? 0 : offset;
      if (typeof start !== 'number') throw k.argError('offset', 'of type number', start);
      if (!(start >= 0 && start <= bytes.length)) throw outOfRange('offset', '>= 0 && <= ' + bytes.length, start);
      const count = size === undefined ? bytes.length - start : size;
      if (typeof count !== 'number') throw k.argError('size', 'of type number', count);
      if (!(count >= 0 && count <= bytes.length - start)) throw outOfRange('size', '>= 0 && <= ' + (bytes.length - start), count);
      return bytes.subarray(Math.floor(start), Math.floor(start) + Math.floor(count));
    }
    function randomFillSync(buffer, offset, size) {
      randomInto(fillRange(fillTarget(buffer), offset, size));
      return buffer;
    }
    function randomFill(buffer, offset, size, callback) {
      if (typeof offset === 'function') { callback = offset; offset = undefined; size = undefined; }
      else if (typeof size === 'function') { callback = size; size = undefined; }
      if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      randomInto(fillRange(fillTarget(buffer), offset, size));
      k.timers.setImmediate(callback, null, buffer);
    }
    function randomUUID(options) {
      if (options !== undefined && (options === null || typeof options !== 'object')) throw k.argError('options', 'of type object', options);
      const b = k.hostBytes('random', 16);
      b[6] = (b[6] & 0x0f) | 0x40;
      b[8] = (b[8] & 0x3f) | 0x80;
      const hex = b.toString('hex');
      return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    }
    // Uniform in [min, max): 48 random bits, redrawn when they fall in the uneven top of the range.
    function randomInt(min, max, callback) {
      if (max === undefined || typeof max === 'function') { callback = max; max = min; min = 0; }
      if (callback !== undefined && typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      if (!Number.isSafeInteger(min)) throw k.argError('min', 'a safe integer', min);
      if (!Number.isSafeInteger(max)) throw k.argError('max', 'a safe integer', max);
      if (max <= min) throw k.newError('RangeError', 'The value of "max" is out of range. It must be greater than the value of "min" (' + min + '). Received ' + max, 'ERR_OUT_OF_RANGE');
      const range = max - min;
      if (range > 281474976710655) throw outOfRange('max - min', '<= 281474976710655', range);
      const limit = 281474976710656 - (281474976710656 % range);
      let n;
      for (;;) {
        const b = k.hostBytes('random', 6);
        const x = ((b[0] * 256 + b[1]) * 256 + b[2]) * 16777216 + ((b[3] << 16) | (b[4] << 8) | b[5]);
        if (x < limit) { n = min + (x % range); break; }
      }
      if (callback === undefined) return n;
      k.timers.setImmediate(callback, null, n);
    }
    function getRandomValues(data) {
      const tag = ArrayBuffer.isView(data) ? typedArrayTag.call(data) : undefined;
      if (!INTEGER_ARRAYS.has(tag)) throw domError('TypeMismatchError', 'The data argument must be an integer-type TypedArray', 17);
      if (data.byteLength > 65536) throw domError('QuotaExceededError', 'The requested length exceeds 65,536 bytes', 22);
      randomInto(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
      return data;
    }
    function timingSafeEqual(a, b) {
      const x = k.bytesOf(a);
      if (!x) throw k.newError('TypeError', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
      const y = k.bytesOf(b);
      if (!y) throw k.newError('TypeError', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
      if (x.length !== y.length) throw k.newError('RangeError', 'Input buffers must have the same byte length', 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH');
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= x[i] ^ y[i];
      return diff === 0;
    }
    function hash(algorithm, data, outputEncoding) {
      checkAlgorithm(algorithm);
      if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw k.argError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
      return new Hash(algorithm).update(data).digest(outputEncoding === undefined ? 'hex' : outputEncoding);
    }
    function digest(algorithm, data) {
      try {
        const name = typeof algorithm === 'string' ? algorithm : algorithm !== null && typeof algorithm === 'object' ? algorithm.name : undefined;
        const key = typeof name === 'string' ? name.toLowerCase() : '';
        if (!hasOwn(WEB_DIGESTS, key)) throw domError('NotSupportedError', 'Unrecognized algorithm name', 9);
        const bytes = k.bytesOf(data);
        if (!bytes) throw k.newError('TypeError', 'The "data" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
        return PromiseIntrinsic.resolve(k.hostBytes('hash', WEB_DIGESTS[key], k.latin1OfBytes(bytes)).buffer);
      } catch (e) {
        return PromiseIntrinsic.reject(e);
      }
    }

    const subtle = { digest, importKey: web('importKey'), sign: web('sign'), verify: web('verify') };
    for (const name of SUBTLE_UNAVAILABLE) {
      const refuse = notAvailable('crypto.subtle.' + name);
      subtle[name] = function () { try { refuse(); } catch (e) { return PromiseIntrinsic.reject(e); } };
    }
    Object.setPrototypeOf(subtle, SubtleCrypto.prototype);
    Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
    webcrypto = Object.assign(Object.create(Crypto.prototype), { getRandomValues, randomUUID: () => randomUUID(), subtle });
    Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
    crypto = {
      createHash: (algorithm) => new Hash(algorithm),
      createHmac: (algorithm, key, options) => new Hmac(algorithm, key, options),
      hash, randomBytes, randomFill, randomFillSync, randomInt, randomUUID, getRandomValues, timingSafeEqual,
      getHashes: () => HASH_NAMES.slice(),
      Hash, Hmac,
      constants: Object.freeze(Object.assign({}, CONSTANTS)),
      webcrypto, subtle,
    };
    for (const name of UNAVAILABLE) crypto[name] = notAvailable('crypto.' + name);
    webKeys = k.extendCrypto(crypto, tools);
    webcrypto.CryptoKey = webKeys.CryptoKey;
    const current = Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey');
    if (current !== undefined && current.get === cryptoKeyGetter) k.define('CryptoKey', webKeys.CryptoKey);
  }
}`;
