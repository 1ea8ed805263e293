/**
 * In-context piece: the parts of `crypto` Forge apps reach for — random bytes, UUIDs and integers,
 * hashes and HMACs, timingSafeEqual — and the Web Crypto `globalThis.crypto` (getRandomValues,
 * randomUUID, subtle.digest). Randomness and digests come from the host's node:crypto as latin1
 * text; the objects app code gets are built here. Everything else Node's crypto has exists by name
 * and throws an error that names it. The digest names and constants are those of the running Node
 * (k.nodeFacts). Runs as text inside the context: see kernel.ts.
 */
import type { CodedError, Kernel } from './kernel';

/** The crypto module app code gets: functions and classes by name (node-crypto-keys.ts adds the key parts). */
export type CryptoModule = Record<string, unknown> & {
  randomBytes(size: unknown, callback?: unknown): Buffer | undefined;
  timingSafeEqual(a: unknown, b: unknown): boolean;
};

/** An Hmac of this module: node-crypto-keys.ts signs HMAC CryptoKeys with it. */
export interface HmacLike {
  update(data: unknown, encoding?: unknown): HmacLike;
  digest(encoding?: unknown): Buffer;
}

/** What node-crypto.ts and node-crypto-keys.ts share while the module is built. */
export interface CryptoTools {
  /** Latin1 text of data given as a string (in an encoding) or bytes. */
  dataText(data: unknown, encoding: unknown, name: string): string;
  /** Bytes as a Buffer, or as a string in the encoding asked for. */
  output(bytes: Buffer, encoding: unknown): Buffer | string;
  Hmac: (new (algorithm: unknown, key: unknown, options?: unknown) => HmacLike) | null;
  /** The bytes of a secret KeyObject or CryptoKey; undefined for anything else. */
  secretBytes: ((key: unknown) => Buffer | undefined) | null;
}

/** subtle's key functions and the CryptoKey class, from node-crypto-keys.ts. */
export interface WebKeys {
  CryptoKey: unknown;
  /** The key itself (not a promise), as before; subtle.importKey rejects only when this throws. */
  importKey(format: unknown, keyData: unknown, algorithm: unknown, extractable: unknown, usages: unknown): unknown;
  sign(algorithm: unknown, key: unknown, data: unknown): Promise<unknown>;
  verify(algorithm: unknown, key: unknown, signature: unknown, data: unknown): Promise<unknown>;
}

type WebKeyName = 'importKey' | 'sign' | 'verify';

declare module './kernel' {
  interface Kernel {
    /** The `crypto` module, built on first use. */
    loadCrypto(): CryptoModule;
  }
}

/** Shares k.loadCrypto; defines the global `crypto` as a lazy accessor, as Node does. */
export function installCrypto(k: Kernel): void {
  let crypto: CryptoModule | null = null;
  let webcrypto: Record<string, unknown> | null = null;
  let webKeys: WebKeys | null = null;
  let withConstants = false;
  // subtle's key functions are filled in by node-crypto-keys.ts once the module is built.
  function web(name: WebKeyName) {
    return function (...args: unknown[]) {
      try {
        return ((webKeys as WebKeys)[name] as (...given: unknown[]) => unknown)(...args);
      } catch (e) {
        return Promise.reject(e);
      }
    };
  }
  // Everything is built on first use: most functions never touch crypto, and every context is new.
  // The constants come from the host, which answers only during an invocation, so the rest may be
  // built ahead (and by the global `crypto`, which has no constants).
  function prepare(): CryptoModule {
    if (crypto === null) build();
    return crypto as CryptoModule;
  }
  k.loadCrypto = function () {
    const module = prepare();
    if (!withConstants) {
      module.constants = Object.freeze(Object.assign({}, k.nodeFacts().cryptoConstants));
      withConstants = true;
    }
    return module;
  };
  k.whenIdle(prepare);
  // Built on first use, like Node's own lazy global; an app may still replace it.
  Object.defineProperty(globalThis, 'crypto', {
    get() {
      prepare();
      return webcrypto;
    },
    set(value) {
      Object.defineProperty(globalThis, 'crypto', { value, writable: true, configurable: true, enumerable: true });
    },
    enumerable: true,
    configurable: true,
  });

  // The interface names Node has as globals; neither can be constructed by app code, as in Node.
  const illegal = () => k.newError('TypeError', 'Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
  class Crypto {
    constructor() {
      throw illegal();
    }
  }
  class SubtleCrypto {
    constructor() {
      throw illegal();
    }
  }
  k.define('Crypto', Crypto);
  k.define('SubtleCrypto', SubtleCrypto);
  // A plain value once crypto is built (unless the app has set its own meanwhile).
  const cryptoKeyGetter = function () {
    prepare();
    return (webcrypto as Record<string, unknown>).CryptoKey;
  };
  Object.defineProperty(globalThis, 'CryptoKey', {
    get: cryptoKeyGetter,
    set(value) {
      Object.defineProperty(globalThis, 'CryptoKey', { value, writable: true, configurable: true, enumerable: false });
    },
    enumerable: false,
    configurable: true,
  });

  function build(): void {
    let hashSet: Set<string> | null = null;
    // The running Node's digest names, asked of the host the first time a digest is named.
    function hashes(): Set<string> {
      if (hashSet === null) hashSet = new Set(k.nodeFacts().hashes.map((name) => name.toLowerCase()));
      return hashSet;
    }
    // What stays out: Diffie-Hellman state, primes, certificates and engine settings.
    const UNAVAILABLE = [
      'checkPrime',
      'checkPrimeSync',
      'createDiffieHellman',
      'createDiffieHellmanGroup',
      'createECDH',
      'diffieHellman',
      'generatePrime',
      'generatePrimeSync',
      'getDiffieHellman',
      'setEngine',
      'getFips',
      'setFips',
      'secureHeapUsed',
      'Certificate',
      'Cipher',
      'Decipher',
      'DiffieHellman',
      'DiffieHellmanGroup',
      'ECDH',
      'X509Certificate',
    ];
    const SUBTLE_UNAVAILABLE = ['encrypt', 'decrypt', 'generateKey', 'deriveKey', 'deriveBits', 'exportKey', 'wrapKey', 'unwrapKey'];
    const WEB_DIGESTS: Record<string, string> = { 'sha-1': 'sha1', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };
    const INTEGER_ARRAYS = new Set<unknown>(['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array']);
    const typedArrayTag = (Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype) as object, Symbol.toStringTag) as PropertyDescriptor).get as (
      this: unknown,
    ) => string | undefined;
    const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
    const PromiseIntrinsic = Promise;

    function notAvailable(name: string) {
      return function (): never {
        throw k.newError('Error', name + " is not available in Anvil's local runner", 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM');
      };
    }
    function domError(name: string, message: string, code: number) {
      const e = k.newError(name, message) as Error & { code?: unknown };
      e.code = code;
      return e;
    }
    function outOfRange(name: string, range: string, value: unknown): CodedError {
      return k.newError('RangeError', 'The value of "' + name + '" is out of range. It must be ' + range + '. Received ' + k.inspect(value), 'ERR_OUT_OF_RANGE');
    }
    function dataText(data: unknown, encoding: unknown, name: string): string {
      if (typeof data === 'string') return k.latin1OfBytes(k.Buffer.from(data, k.Buffer.isEncoding(encoding as string) ? (encoding as BufferEncoding) : 'utf8'));
      if (ArrayBuffer.isView(data)) return k.latin1OfBytes(k.bytesOf(data) as Uint8Array);
      throw k.argError(name, 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    function output(bytes: Buffer, encoding: unknown): Buffer | string {
      return encoding === undefined || encoding === 'buffer' || !k.Buffer.isEncoding(encoding as string) ? bytes : bytes.toString(encoding as BufferEncoding);
    }
    function checkAlgorithm(algorithm: unknown): asserts algorithm is string {
      if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
    }
    function randomInto(view: Uint8Array): void {
      if (view.length > 0) view.set(k.hostBytes('random', view.length));
    }

    // Filled by node-crypto-keys.ts: the bytes of a secret KeyObject or CryptoKey, for Hmac.
    const tools: CryptoTools = { dataText, output, Hmac: null, secretBytes: null };
    class Hash {
      #algorithm: string;
      #text = '';
      #done = false;
      constructor(algorithm: unknown) {
        checkAlgorithm(algorithm);
        if (!hashes().has(algorithm.toLowerCase())) throw k.newError('Error', 'Digest method not supported');
        this.#algorithm = algorithm;
      }
      update(data: unknown, encoding?: unknown): this {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#text += dataText(data, encoding, 'data');
        return this;
      }
      digest(encoding?: unknown): Buffer | string {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#done = true;
        const bytes = k.hostBytes('hash', this.#algorithm, this.#text);
        this.#text = '';
        return output(bytes, encoding);
      }
      copy(): Hash {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        const copy = new Hash(this.#algorithm);
        copy.#text = this.#text;
        return copy;
      }
    }
    class Hmac {
      #algorithm: string;
      #key: string;
      #text = '';
      #done = false;
      constructor(algorithm: unknown, key: unknown, options?: unknown) {
        checkAlgorithm(algorithm);
        const secret = tools.secretBytes === null ? undefined : tools.secretBytes(key);
        if (secret !== undefined) this.#key = k.latin1OfBytes(secret);
        else if (typeof key === 'string') this.#key = dataText(key, options && (options as { encoding?: unknown }).encoding, 'key');
        else if (ArrayBuffer.isView(key) || Object.prototype.toString.call(key) === '[object ArrayBuffer]') this.#key = k.latin1OfBytes(k.bytesOf(key) as Uint8Array);
        else throw k.argError('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', key);
        if (!hashes().has(algorithm.toLowerCase())) throw k.newError('TypeError', 'Invalid digest: ' + algorithm, 'ERR_CRYPTO_INVALID_DIGEST');
        this.#algorithm = algorithm;
      }
      update(data: unknown, encoding?: unknown): this {
        if (this.#done) throw k.newError('Error', 'Digest already called', 'ERR_CRYPTO_HASH_FINALIZED');
        this.#text += dataText(data, encoding, 'data');
        return this;
      }
      // Like Node's Hmac, a second digest() gives an empty result rather than an error.
      digest(encoding?: unknown): Buffer {
        if (this.#done) return output(k.Buffer.alloc(0), encoding) as Buffer;
        this.#done = true;
        const bytes = k.hostBytes('hmac', this.#algorithm, this.#key, this.#text);
        this.#text = '';
        return output(bytes, encoding) as Buffer;
      }
    }

    tools.Hmac = Hmac;
    function randomBytes(size: unknown, callback?: unknown): Buffer | undefined {
      if (typeof size !== 'number') throw k.argError('size', 'of type number', size);
      if (!(size >= 0 && size <= 2147483647)) throw outOfRange('size', '>= 0 && <= 2147483647', size);
      if (callback !== undefined && typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      const bytes = k.hostBytes('random', Math.floor(size));
      if (callback === undefined) return bytes;
      k.timers.setImmediate(callback as (...args: unknown[]) => void, null, bytes);
      return undefined;
    }
    function fillTarget(buffer: unknown): Uint8Array {
      const bytes = k.bytesOf(buffer);
      if (!bytes) throw k.argError('buf', 'an instance of ArrayBuffer or ArrayBufferView', buffer);
      return bytes;
    }
    function fillRange(bytes: Uint8Array, offset: unknown, size: unknown): Uint8Array {
      const start = offset === undefined ? 0 : offset;
      if (typeof start !== 'number') throw k.argError('offset', 'of type number', start);
      if (!(start >= 0 && start <= bytes.length)) throw outOfRange('offset', '>= 0 && <= ' + bytes.length, start);
      const count = size === undefined ? bytes.length - start : size;
      if (typeof count !== 'number') throw k.argError('size', 'of type number', count);
      if (!(count >= 0 && count <= bytes.length - start)) throw outOfRange('size', '>= 0 && <= ' + (bytes.length - start), count);
      return bytes.subarray(Math.floor(start), Math.floor(start) + Math.floor(count));
    }
    function randomFillSync(buffer: unknown, offset?: unknown, size?: unknown): unknown {
      randomInto(fillRange(fillTarget(buffer), offset, size));
      return buffer;
    }
    function randomFill(buffer: unknown, offset?: unknown, size?: unknown, callback?: unknown): void {
      if (typeof offset === 'function') {
        callback = offset;
        offset = undefined;
        size = undefined;
      } else if (typeof size === 'function') {
        callback = size;
        size = undefined;
      }
      if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      randomInto(fillRange(fillTarget(buffer), offset, size));
      k.timers.setImmediate(callback as (...args: unknown[]) => void, null, buffer);
    }
    function randomUUID(options?: unknown): string {
      if (options !== undefined && (options === null || typeof options !== 'object')) throw k.argError('options', 'of type object', options);
      const b = k.hostBytes('random', 16);
      b[6] = ((b[6] as number) & 0x0f) | 0x40;
      b[8] = ((b[8] as number) & 0x3f) | 0x80;
      const hex = b.toString('hex');
      return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
    }
    // Uniform in [min, max): 48 random bits, redrawn when they fall in the uneven top of the range.
    function randomInt(min: unknown, max?: unknown, callback?: unknown): number | undefined {
      if (max === undefined || typeof max === 'function') {
        callback = max;
        max = min;
        min = 0;
      }
      if (callback !== undefined && typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      if (!Number.isSafeInteger(min)) throw k.argError('min', 'a safe integer', min);
      if (!Number.isSafeInteger(max)) throw k.argError('max', 'a safe integer', max);
      const low = min as number;
      const high = max as number;
      if (high <= low) throw k.newError('RangeError', 'The value of "max" is out of range. It must be greater than the value of "min" (' + low + '). Received ' + high, 'ERR_OUT_OF_RANGE');
      const range = high - low;
      if (range > 281474976710655) throw outOfRange('max - min', '<= 281474976710655', range);
      const limit = 281474976710656 - (281474976710656 % range);
      let n: number;
      for (;;) {
        const b = k.hostBytes('random', 6);
        const [b0, b1, b2, b3, b4, b5] = [b[0], b[1], b[2], b[3], b[4], b[5]] as number[] as [number, number, number, number, number, number];
        const x = ((b0 * 256 + b1) * 256 + b2) * 16777216 + ((b3 << 16) | (b4 << 8) | b5);
        if (x < limit) {
          n = low + (x % range);
          break;
        }
      }
      if (callback === undefined) return n;
      k.timers.setImmediate(callback as (...args: unknown[]) => void, null, n);
      return undefined;
    }
    function getRandomValues(data: unknown): unknown {
      const tag = ArrayBuffer.isView(data) ? typedArrayTag.call(data) : undefined;
      if (!INTEGER_ARRAYS.has(tag)) throw domError('TypeMismatchError', 'The data argument must be an integer-type TypedArray', 17);
      const view = data as ArrayBufferView;
      if (view.byteLength > 65536) throw domError('QuotaExceededError', 'The requested length exceeds 65,536 bytes', 22);
      randomInto(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
      return data;
    }
    function timingSafeEqual(a: unknown, b: unknown): boolean {
      const x = k.bytesOf(a);
      if (!x) throw k.newError('TypeError', 'The "buf1" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
      const y = k.bytesOf(b);
      if (!y) throw k.newError('TypeError', 'The "buf2" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
      if (x.length !== y.length) throw k.newError('RangeError', 'Input buffers must have the same byte length', 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH');
      let diff = 0;
      for (let i = 0; i < x.length; i++) diff |= (x[i] as number) ^ (y[i] as number);
      return diff === 0;
    }
    function hash(algorithm: unknown, data: unknown, outputEncoding?: unknown): Buffer | string {
      checkAlgorithm(algorithm);
      if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw k.argError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
      return new Hash(algorithm).update(data).digest(outputEncoding === undefined ? 'hex' : outputEncoding);
    }
    function digest(algorithm: unknown, data: unknown): Promise<ArrayBufferLike> {
      try {
        const name = typeof algorithm === 'string' ? algorithm : algorithm !== null && typeof algorithm === 'object' ? (algorithm as { name?: unknown }).name : undefined;
        const key = typeof name === 'string' ? name.toLowerCase() : '';
        if (!hasOwn(WEB_DIGESTS, key)) throw domError('NotSupportedError', 'Unrecognized algorithm name', 9);
        const bytes = k.bytesOf(data);
        if (!bytes) throw k.newError('TypeError', 'The "data" argument must be an instance of ArrayBuffer, Buffer, TypedArray, or DataView.', 'ERR_INVALID_ARG_TYPE');
        return PromiseIntrinsic.resolve(k.hostBytes('hash', WEB_DIGESTS[key], k.latin1OfBytes(bytes)).buffer);
      } catch (e) {
        return PromiseIntrinsic.reject(e);
      }
    }

    const subtle: Record<string, unknown> = { digest, importKey: web('importKey'), sign: web('sign'), verify: web('verify') };
    for (const name of SUBTLE_UNAVAILABLE) {
      const refuse = notAvailable('crypto.subtle.' + name);
      subtle[name] = function () {
        try {
          refuse();
        } catch (e) {
          return PromiseIntrinsic.reject(e);
        }
      };
    }
    Object.setPrototypeOf(subtle, SubtleCrypto.prototype);
    Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
    const webObject: Record<string, unknown> = Object.assign(Object.create(Crypto.prototype) as object, { getRandomValues, randomUUID: () => randomUUID(), subtle });
    webcrypto = webObject;
    Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
    // constants: filled in by k.loadCrypto (from the host, during the invocation); here for the keys' order.
    const module: CryptoModule = {
      createHash: (algorithm: unknown) => new Hash(algorithm),
      createHmac: (algorithm: unknown, key: unknown, options?: unknown) => new Hmac(algorithm, key, options),
      hash,
      randomBytes,
      randomFill,
      randomFillSync,
      randomInt,
      randomUUID,
      getRandomValues,
      timingSafeEqual,
      getHashes: () => k.nodeFacts().hashes.slice(),
      Hash,
      Hmac,
      constants: null,
      webcrypto: webObject,
      subtle,
    };
    crypto = module;
    for (const name of UNAVAILABLE) module[name] = notAvailable('crypto.' + name);
    const keys = k.extendCrypto(module, tools);
    webKeys = keys;
    webObject.CryptoKey = keys.CryptoKey;
    const current = Object.getOwnPropertyDescriptor(globalThis, 'CryptoKey');
    if (current !== undefined && current.get === cryptoKeyGetter) k.define('CryptoKey', keys.CryptoKey);
  }
}
