/**
 * In-context piece: the parts of `crypto` that work with keys — KeyObject and createPrivateKey /
 * createPublicKey / createSecretKey, Sign and Verify (RSA, RSA-PSS, ECDSA, EdDSA: what apps need to
 * sign JWTs for Google or GitHub), Cipheriv / Decipheriv, public-key encryption, pbkdf2, scrypt,
 * hkdf and key generation. The computations run in the host (native-crypto-ops.ts) on JSON text
 * with bytes as latin1 strings; every object the app gets is built here. A KeyObject keeps its DER
 * bytes and sends them with each use; a cipher sends all it has been given so far on each update
 * (the host keeps no state), so its output is exactly Node's even when fed in pieces. The cipher
 * and curve names are those of the running Node (k.nodeFacts). Runs as text inside the context:
 * see kernel.ts.
 */
import type { Kernel } from './kernel';
import type { StringDecoder as NodeStringDecoder } from 'node:string_decoder';
import type { CryptoModule, CryptoTools, WebKeys } from './node-crypto';

/** A key as the host describes it; a KeyObject keeps this, out of app code's reach. */
interface DescribedKey {
  type: 'secret' | 'public' | 'private';
  der: string;
  size?: number;
  details: Record<string, unknown> | null;
  asymmetricKeyType: string | null;
}

/** A key as the host reads it: one of ours by its DER, or what the app gave (text, bytes or a JWK). */
type KeyPart = { object: string; der: string } | { s: string } | { b: string };
type KeySpec = Record<string, unknown>;

/** What a key's options may carry. */
interface KeyInput {
  key?: unknown;
  format?: unknown;
  passphrase?: unknown;
  oaepLabel?: unknown;
  [option: string]: unknown;
}

/** A cipher request as the host takes it. */
interface CipherRequest {
  algorithm: string;
  decipher: boolean;
  iv: string | null;
  key?: string;
  keyObject?: { object: string; der: string };
  authTagLength?: unknown;
  autoPadding?: boolean;
  aad?: string;
  plaintextLength?: number;
  authTag?: string;
}

/** What a Web Crypto key holds. */
interface HeldCryptoKey {
  keyObject: KeyObjectLike;
  algorithm: WebAlgorithm;
  extractable: boolean;
  usages: string[];
}

interface WebAlgorithm {
  name: string;
  hash?: { name: string };
  namedCurve?: unknown;
  length?: number;
  modulusLength?: unknown;
  publicExponent?: Uint8Array;
}

/** The KeyObject members the Web Crypto part uses. */
interface KeyObjectLike {
  readonly type: string;
  readonly asymmetricKeyDetails: Record<string, unknown> | undefined;
  export(options?: unknown): unknown;
}

type Callback = (...args: unknown[]) => void;

declare module './node-libs' {
  interface NodeLibs {
    /** The string_decoder package: a cipher's text output keeps multi-byte characters whole across updates. */
    stringDecoder: { StringDecoder: typeof NodeStringDecoder };
  }
}

declare module './kernel' {
  interface Kernel {
    /** Adds the key parts to the crypto module being built (node-crypto.ts); returns subtle's key functions. */
    extendCrypto(crypto: CryptoModule, tools: CryptoTools): WebKeys;
  }
}

/** Shares k.extendCrypto(crypto, tools), called by node-crypto.ts when it builds the module. */
export function installCryptoKeys(k: Kernel): void {
  k.extendCrypto = function (crypto, tools) {
    const Buffer = k.Buffer;
    const stringify = JSON.stringify;
    const hasOwn = (o: object, key: string) => Object.prototype.hasOwnProperty.call(o, key);
    const keys = new WeakMap<object, DescribedKey>();
    const MAKE = {};
    const described = (key: object) => keys.get(key) as DescribedKey;

    function isBytes(value: unknown): boolean {
      return ArrayBuffer.isView(value) || Object.prototype.toString.call(value) === '[object ArrayBuffer]';
    }
    function bytesOf(value: unknown, encoding: unknown, name: string): Buffer {
      if (typeof value === 'string') return Buffer.from(value, Buffer.isEncoding(encoding as string) ? (encoding as BufferEncoding) : 'utf8');
      if (isBytes(value)) return Buffer.from(k.bytesOf(value) as Uint8Array);
      throw k.argError(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', value);
    }
    const latin1 = (bytes: Uint8Array) => k.latin1OfBytes(bytes);
    function later(callback: unknown, run: () => unknown): void {
      if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      const call = callback as Callback;
      let error: unknown = null;
      let value: unknown;
      try {
        value = run();
      } catch (e) {
        error = e;
      }
      k.timers.setImmediate(() => (error ? call(error) : Array.isArray(value) ? call(null, value[0], value[1]) : call(null, value)));
    }

    class KeyObject {
      constructor(type: unknown, handle?: unknown) {
        if (handle !== MAKE) throw k.newError('TypeError', 'The "handle" argument must be of type object.' + k.received(handle), 'ERR_INVALID_ARG_TYPE');
        keys.set(this, type as DescribedKey);
      }
      get type() {
        return described(this).type;
      }
      get asymmetricKeyType() {
        const d = described(this);
        return d.type === 'secret' ? undefined : d.asymmetricKeyType;
      }
      get asymmetricKeyDetails(): Record<string, unknown> | undefined {
        const d = described(this);
        if (d.type === 'secret') return undefined;
        const details = d.details as Record<string, unknown>;
        const out: Record<string, unknown> = {};
        for (const name of Object.keys(details)) {
          const v = details[name];
          out[name] = v !== null && typeof v === 'object' ? BigInt((v as { bigint: string }).bigint) : v;
        }
        return out;
      }
      get symmetricKeySize() {
        const d = described(this);
        return d.type === 'secret' ? d.size : undefined;
      }
      export(options?: unknown): unknown {
        const d = described(this);
        if (d.type === 'secret' && (options === undefined || (options as { format?: unknown }).format === undefined || (options as { format?: unknown }).format === 'buffer'))
          return Buffer.from(d.der, 'latin1');
        const given = options === undefined ? {} : options;
        if (given === null || typeof given !== 'object') throw k.argError('options', 'of type object', given);
        const asked = given as Record<string, unknown>;
        const wanted: Record<string, unknown> = {};
        for (const name of ['format', 'type', 'cipher']) if (asked[name] !== undefined) wanted[name] = asked[name];
        if (asked.passphrase !== undefined) wanted.passphrase = typeof asked.passphrase === 'string' ? asked.passphrase : { b: latin1(bytesOf(asked.passphrase, undefined, 'passphrase')) };
        const out = k.hostJson('keyexport', stringify({ key: { object: d.type, der: d.der }, options: wanted })) as { pem?: string; der?: string; jwk?: unknown };
        if (hasOwn(out, 'pem')) return out.pem;
        if (hasOwn(out, 'der')) return Buffer.from(out.der as string, 'latin1');
        return out.jwk;
      }
      equals(other: unknown): boolean {
        if (!(other instanceof KeyObject)) throw k.argError('otherKeyObject', 'an instance of KeyObject', other);
        const a = described(this);
        const b = described(other);
        return a.type === b.type && a.der === b.der;
      }
      static from(key: unknown): KeyObject {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        return held(key).keyObject as KeyObject;
      }
      get [Symbol.toStringTag]() {
        return 'KeyObject';
      }
    }
    class SecretKeyObject extends KeyObject {}
    class PublicKeyObject extends KeyObject {}
    class PrivateKeyObject extends KeyObject {}
    const KINDS = { secret: SecretKeyObject, public: PublicKeyObject, private: PrivateKeyObject };
    function keyFrom(description: unknown): KeyObject {
      const d = description as DescribedKey;
      return new KINDS[d.type](d, MAKE);
    }

    // A key argument as the host reads it: one of our KeyObjects by its DER, or what the app gave.
    function keyPart(value: unknown, name: string): KeyPart {
      if (value instanceof KeyObject) {
        const d = described(value);
        return { object: d.type, der: d.der };
      }
      if (value instanceof CryptoKey) return keyPart(held(value).keyObject, name);
      if (typeof value === 'string') return { s: value };
      if (isBytes(value)) return { b: latin1(k.bytesOf(value) as Uint8Array) };
      throw k.argError(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', value);
    }
    function keySpec(value: unknown, name: string): KeySpec {
      if (value !== null && typeof value === 'object' && !isBytes(value) && !(value instanceof KeyObject) && !(value instanceof CryptoKey)) {
        const input = value as KeyInput;
        const spec: KeySpec = {};
        if (input.format === 'jwk') {
          if (input.key === null || typeof input.key !== 'object') throw k.argError('key.key', 'of type object', input.key);
          spec.key = { jwk: JSON.parse(stringify(input.key)) as unknown };
        } else spec.key = keyPart(input.key, 'key.key');
        for (const option of ['format', 'type', 'encoding', 'padding', 'saltLength', 'dsaEncoding', 'oaepHash']) if (input[option] !== undefined) spec[option] = input[option];
        if (input.passphrase !== undefined) spec.passphrase = typeof input.passphrase === 'string' ? input.passphrase : { b: latin1(bytesOf(input.passphrase, undefined, 'passphrase')) };
        if (input.oaepLabel !== undefined) spec.oaepLabel = latin1(bytesOf(input.oaepLabel, undefined, 'oaepLabel'));
        return spec;
      }
      const part = keyPart(value, name);
      return (part as { object?: unknown }).object !== undefined ? part : { key: part };
    }

    function createPrivateKey(key: unknown): KeyObject {
      return keyFrom(k.hostJson('key', stringify({ make: 'private', input: keySpec(key, 'key') })));
    }
    function createPublicKey(key: unknown): KeyObject {
      return keyFrom(k.hostJson('key', stringify({ make: 'public', input: keySpec(key, 'key') })));
    }
    function createSecretKey(key: unknown, encoding?: unknown): KeyObject {
      const bytes = bytesOf(key, encoding, 'key');
      return keyFrom({ type: 'secret', der: latin1(bytes), size: bytes.length, details: null, asymmetricKeyType: null });
    }

    function signWith(algorithm: unknown, data: string, key: unknown): Buffer {
      if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
      return k.hostBytes('sign', stringify({ algorithm: algorithm === undefined ? null : algorithm, key: keySpec(key, 'key') }), data);
    }
    function verifyWith(algorithm: unknown, data: string, key: unknown, signature: string): boolean {
      if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
      return k.hostJson('verify', stringify({ algorithm: algorithm === undefined ? null : algorithm, key: keySpec(key, 'key') }), data, signature) as boolean;
    }
    class Sign {
      #algorithm: string;
      #data = '';
      constructor(algorithm: unknown) {
        if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
        this.#algorithm = algorithm;
      }
      update(data: unknown, encoding?: unknown): this {
        this.#data += tools.dataText(data, encoding, 'data');
        return this;
      }
      write(data: unknown, encoding?: unknown): boolean {
        this.update(data, encoding);
        return true;
      }
      end(data?: unknown, encoding?: unknown): this {
        if (data !== undefined) this.update(data, encoding);
        return this;
      }
      sign(key: unknown, encoding?: unknown): Buffer | string {
        return tools.output(signWith(this.#algorithm, this.#data, key), encoding);
      }
    }
    class Verify {
      #algorithm: string;
      #data = '';
      constructor(algorithm: unknown) {
        if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
        this.#algorithm = algorithm;
      }
      update(data: unknown, encoding?: unknown): this {
        this.#data += tools.dataText(data, encoding, 'data');
        return this;
      }
      write(data: unknown, encoding?: unknown): boolean {
        this.update(data, encoding);
        return true;
      }
      end(data?: unknown, encoding?: unknown): this {
        if (data !== undefined) this.update(data, encoding);
        return this;
      }
      verify(key: unknown, signature: unknown, encoding?: unknown): boolean {
        return verifyWith(this.#algorithm, this.#data, key, latin1(bytesOf(signature, encoding, 'signature')));
      }
    }
    function sign(algorithm: unknown, data: unknown, key: unknown, callback?: unknown): Buffer | undefined {
      const run = () => signWith(algorithm, latin1(bytesOf(data, undefined, 'data')), key);
      if (callback === undefined) return run();
      later(callback, run);
      return undefined;
    }
    function verify(algorithm: unknown, data: unknown, key: unknown, signature: unknown, callback?: unknown): boolean | undefined {
      const run = () => verifyWith(algorithm, latin1(bytesOf(data, undefined, 'data')), key, latin1(bytesOf(signature, undefined, 'signature')));
      if (callback === undefined) return run();
      later(callback, run);
      return undefined;
    }

    const StringDecoder = () => k.nodeLibs.stringDecoder.StringDecoder;
    function makeCipher(decipher: boolean) {
      return class {
        #request: CipherRequest;
        #input = '';
        #given = 0;
        #done = false;
        #tag: Buffer | null = null;
        #decoder: { write(bytes: Buffer): string; end(bytes: Buffer): string } | null = null;
        constructor(algorithm: unknown, key: unknown, iv: unknown, options?: unknown) {
          if (typeof algorithm !== 'string') throw k.argError('cipher', 'of type string', algorithm);
          const request: CipherRequest = { algorithm, decipher, iv: iv === null ? null : latin1(bytesOf(iv, undefined, 'iv')) };
          if (key instanceof KeyObject) {
            const d = described(key);
            request.keyObject = { object: d.type, der: d.der };
          } else request.key = latin1(bytesOf(key, undefined, 'key'));
          if (options !== undefined && options !== null && (options as { authTagLength?: unknown }).authTagLength !== undefined)
            request.authTagLength = (options as { authTagLength?: unknown }).authTagLength;
          this.#request = request;
          k.hostJson('cipher', stringify(request), '');
        }
        #run(final: boolean): Buffer {
          const answer = k.hostJson('cipher', stringify(Object.assign({}, this.#request, { final })), this.#input) as { out: string; tag?: string };
          const bytes = Buffer.from(answer.out.slice(this.#given), 'latin1');
          this.#given = answer.out.length;
          if (answer.tag !== undefined) this.#tag = Buffer.from(answer.tag, 'latin1');
          return bytes;
        }
        #out(bytes: Buffer, encoding: unknown, final: boolean): Buffer | string {
          if (encoding === undefined || encoding === 'buffer' || !Buffer.isEncoding(encoding as string)) return bytes;
          let decoder = this.#decoder;
          if (decoder === null) {
            const SD = StringDecoder();
            decoder = this.#decoder = new SD(encoding as BufferEncoding);
          }
          return final ? decoder.end(bytes) : decoder.write(bytes);
        }
        #state(name: string): void {
          if (this.#done) throw k.newError('Error', 'Invalid state for operation ' + name, 'ERR_CRYPTO_INVALID_STATE');
        }
        update(data: unknown, inputEncoding?: unknown, outputEncoding?: unknown): Buffer | string {
          this.#state('update');
          if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw k.argError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
          this.#input += latin1(bytesOf(data, inputEncoding, 'data'));
          return this.#out(this.#run(false), outputEncoding, false);
        }
        final(outputEncoding?: unknown): Buffer | string {
          this.#state('final');
          const bytes = this.#run(true);
          this.#done = true;
          return this.#out(bytes, outputEncoding, true);
        }
        setAutoPadding(autoPadding?: unknown): this {
          this.#state('setAutoPadding');
          this.#request.autoPadding = autoPadding !== false;
          return this;
        }
        setAAD(buffer: unknown, options?: unknown): this {
          this.#state('setAAD');
          this.#request.aad = (this.#request.aad || '') + latin1(bytesOf(buffer, undefined, 'buffer'));
          const length = options ? (options as { plaintextLength?: unknown }).plaintextLength : undefined;
          if (options && typeof length === 'number') this.#request.plaintextLength = length;
          return this;
        }
        setAuthTag(tag: unknown): this {
          if (!decipher || this.#done) throw k.newError('Error', 'Invalid state for operation setAuthTag', 'ERR_CRYPTO_INVALID_STATE');
          this.#request.authTag = latin1(bytesOf(tag, undefined, 'buffer'));
          return this;
        }
        getAuthTag(): Buffer {
          if (decipher || this.#tag === null) throw k.newError('Error', 'Invalid state for operation getAuthTag', 'ERR_CRYPTO_INVALID_STATE');
          return Buffer.from(this.#tag);
        }
      };
    }
    const Cipheriv = makeCipher(false);
    const Decipheriv = makeCipher(true);
    Object.defineProperty(Cipheriv, 'name', { value: 'Cipheriv' });
    Object.defineProperty(Decipheriv, 'name', { value: 'Decipheriv' });

    function pubcrypt(fn: string) {
      return function (key: unknown, buffer: unknown): Buffer {
        return k.hostBytes('pubcrypt', stringify({ fn, key: keySpec(key, 'key') }), latin1(bytesOf(buffer, undefined, 'buffer')));
      };
    }

    function pbkdf2Sync(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown): Buffer {
      return k.hostBytes('pbkdf2', stringify({ password: latin1(bytesOf(password, undefined, 'password')), salt: latin1(bytesOf(salt, undefined, 'salt')), iterations, keylen, digest }));
    }
    function pbkdf2(password: unknown, salt: unknown, iterations: unknown, keylen: unknown, digest: unknown, callback: unknown): void {
      later(callback, () => pbkdf2Sync(password, salt, iterations, keylen, digest));
    }
    function scryptOptions(options: unknown): Record<string, unknown> | undefined {
      if (options === undefined || options === null) return undefined;
      const given = options as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const name of ['N', 'r', 'p', 'cost', 'blockSize', 'parallelization', 'maxmem']) if (given[name] !== undefined) out[name] = given[name];
      return out;
    }
    function scryptSync(password: unknown, salt: unknown, keylen: unknown, options?: unknown): Buffer {
      return k.hostBytes('scrypt', stringify({ password: latin1(bytesOf(password, undefined, 'password')), salt: latin1(bytesOf(salt, undefined, 'salt')), keylen, options: scryptOptions(options) }));
    }
    function scrypt(password: unknown, salt: unknown, keylen: unknown, options: unknown, callback?: unknown): void {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      later(callback, () => scryptSync(password, salt, keylen, options));
    }
    function hkdfSync(digest: unknown, ikm: unknown, salt: unknown, info: unknown, keylen: unknown): ArrayBuffer {
      const request: Record<string, unknown> = { digest, salt: latin1(bytesOf(salt, undefined, 'salt')), info: latin1(bytesOf(info, undefined, 'info')), keylen };
      if (ikm instanceof KeyObject) {
        const d = described(ikm);
        request.keyObject = { object: d.type, der: d.der };
      } else request.ikm = latin1(bytesOf(ikm, undefined, 'ikm'));
      const bytes = k.hostBytes('hkdf', stringify(request));
      return (bytes.buffer as ArrayBuffer).slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    }
    function hkdf(digest: unknown, ikm: unknown, salt: unknown, info: unknown, keylen: unknown, callback: unknown): void {
      later(callback, () => hkdfSync(digest, ikm, salt, info, keylen));
    }

    function encoded(key: KeyObject, encoding: unknown): unknown {
      if (encoding === undefined || encoding === null) return key;
      if (typeof encoding !== 'object') throw k.argError('options.publicKeyEncoding', 'of type object', encoding);
      return key.export(encoding);
    }
    function generateKeyPairSync(type: unknown, options?: unknown): { publicKey: unknown; privateKey: unknown } {
      if (typeof type !== 'string') throw k.argError('type', 'of type string', type);
      const given = (options === undefined || options === null ? {} : options) as Record<string, unknown>;
      const primitive: Record<string, unknown> = {};
      for (const name of ['modulusLength', 'hashAlgorithm', 'mgf1HashAlgorithm', 'saltLength', 'namedCurve', 'hash', 'mgf1Hash', 'divisorLength'])
        if (given[name] !== undefined) primitive[name] = given[name];
      if (given.publicExponent !== undefined) primitive.publicExponent = given.publicExponent;
      const pair = k.hostJson('keypair', type, stringify(primitive)) as { publicKey: unknown; privateKey: unknown };
      return { publicKey: encoded(keyFrom(pair.publicKey), given.publicKeyEncoding), privateKey: encoded(keyFrom(pair.privateKey), given.privateKeyEncoding) };
    }
    function generateKeyPair(type: unknown, options: unknown, callback?: unknown): void {
      if (typeof options === 'function') {
        callback = options;
        options = undefined;
      }
      later(callback, () => {
        const pair = generateKeyPairSync(type, options);
        return [pair.publicKey, pair.privateKey];
      });
    }
    function generateKeySync(type: unknown, options?: unknown): KeyObject {
      if (type !== 'hmac' && type !== 'aes') throw k.newError('TypeError', "The argument 'type' must be one of: 'hmac', 'aes'. Received " + k.inspect(type), 'ERR_INVALID_ARG_VALUE');
      const length: unknown = options && (options as { length?: unknown }).length;
      if (typeof length !== 'number') throw k.argError('options.length', 'of type number', length);
      return createSecretKey(crypto.randomBytes(Math.floor(length / 8)));
    }
    function generateKey(type: unknown, options: unknown, callback: unknown): void {
      later(callback, () => generateKeySync(type, options));
    }

    // Web Crypto keys for HMAC, RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA: what token and webhook code signs with.
    const cryptoKeys = new WeakMap<object, HeldCryptoKey>();
    const held = (key: object) => cryptoKeys.get(key) as HeldCryptoKey;
    class CryptoKey {
      constructor(handle?: unknown) {
        if (handle !== MAKE) throw k.newError('TypeError', 'Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR');
      }
      get type() {
        return held(this).keyObject.type;
      }
      get extractable() {
        return held(this).extractable;
      }
      get algorithm() {
        return held(this).algorithm;
      }
      get usages() {
        return held(this).usages.slice();
      }
      get [Symbol.toStringTag]() {
        return 'CryptoKey';
      }
    }
    const WEB_HASHES: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const SIGNERS = ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'Ed25519'];
    function domError(name: string, message: string) {
      const e = k.newError(name, message);
      return e;
    }
    function algorithmName(algorithm: unknown): string {
      const raw = typeof algorithm === 'string' ? algorithm : algorithm !== null && typeof algorithm === 'object' ? (algorithm as { name?: unknown }).name : undefined;
      const found = typeof raw === 'string' ? SIGNERS.find((n) => n.toLowerCase() === raw.toLowerCase()) : undefined;
      if (found === undefined) throw domError('NotSupportedError', 'Unrecognized algorithm name');
      return found;
    }
    function hashName(hash: unknown): string {
      const raw = typeof hash === 'string' ? hash : hash !== null && typeof hash === 'object' ? (hash as { name?: unknown }).name : undefined;
      const found = typeof raw === 'string' ? Object.keys(WEB_HASHES).find((n) => n.toLowerCase() === raw.toLowerCase()) : undefined;
      if (found === undefined) throw domError('NotSupportedError', 'Unrecognized algorithm name');
      return found;
    }
    function makeCryptoKey(keyObject: KeyObject, algorithm: WebAlgorithm, extractable: unknown, usages: unknown): CryptoKey {
      const key = new CryptoKey(MAKE);
      cryptoKeys.set(key, { keyObject, algorithm, extractable: Boolean(extractable), usages: Array.from(usages as Iterable<string>) });
      return key;
    }
    function importKey(format: unknown, keyData: unknown, algorithm: unknown, extractable: unknown, usages: unknown): CryptoKey {
      const name = algorithmName(algorithm);
      const asked = algorithm as { hash?: unknown; namedCurve?: unknown };
      const data = keyData as { k?: unknown; d?: unknown };
      const description: WebAlgorithm = { name };
      if (name === 'HMAC' || name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS') description.hash = { name: hashName(asked.hash) };
      if (name === 'ECDSA') description.namedCurve = asked.namedCurve;
      let keyObject: KeyObject;
      if (name === 'HMAC') {
        if (format === 'jwk') keyObject = createSecretKey(Buffer.from(String(data.k), 'base64url'));
        else if (format === 'raw') keyObject = createSecretKey(k.bytesOf(keyData));
        else throw domError('NotSupportedError', 'Unable to import HMAC key with format ' + format);
        description.length = (described(keyObject).size as number) * 8;
      } else if (format === 'jwk') keyObject = data.d !== undefined ? createPrivateKey({ key: keyData, format: 'jwk' }) : createPublicKey({ key: keyData, format: 'jwk' });
      else if (format === 'pkcs8') keyObject = createPrivateKey({ key: Buffer.from(k.bytesOf(keyData) as Uint8Array), format: 'der', type: 'pkcs8' });
      else if (format === 'spki') keyObject = createPublicKey({ key: Buffer.from(k.bytesOf(keyData) as Uint8Array), format: 'der', type: 'spki' });
      else throw domError('NotSupportedError', 'Unable to import ' + name + ' key with format ' + format);
      if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS') {
        const details = keyObject.asymmetricKeyDetails as { modulusLength: unknown; publicExponent: bigint };
        description.modulusLength = details.modulusLength;
        description.publicExponent = new Uint8Array(Buffer.from(details.publicExponent.toString(16).padStart(6, '0'), 'hex'));
      }
      return makeCryptoKey(keyObject, description, extractable, usages);
    }
    function webSignOptions(algorithm: unknown, key: object): [string | null | undefined, unknown] {
      const entry = held(key);
      const name = entry.algorithm.name;
      const asked = algorithm as { saltLength?: unknown; hash?: unknown };
      if (name === 'RSA-PSS') return [WEB_HASHES[(entry.algorithm.hash as { name: string }).name], { key: entry.keyObject, padding: 6, saltLength: asked.saltLength }];
      if (name === 'ECDSA') return [WEB_HASHES[hashName(asked.hash)], { key: entry.keyObject, dsaEncoding: 'ieee-p1363' }];
      if (name === 'Ed25519') return [null, entry.keyObject];
      return [WEB_HASHES[(entry.algorithm.hash as { name: string }).name], entry.keyObject];
    }
    function asPromise(run: () => unknown): Promise<unknown> {
      try {
        return Promise.resolve(run());
      } catch (e) {
        return Promise.reject(e);
      }
    }
    function webSign(algorithm: unknown, key: unknown, data: unknown): Promise<unknown> {
      return asPromise(() => {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        const entry = held(key);
        if (algorithmName(algorithm) !== entry.algorithm.name || entry.usages.indexOf('sign') < 0) throw domError('InvalidAccessError', 'The requested operation is not valid for the provided key');
        const bytes =
          entry.algorithm.name === 'HMAC'
            ? new (tools.Hmac as NonNullable<CryptoTools['Hmac']>)(WEB_HASHES[(entry.algorithm.hash as { name: string }).name], entry.keyObject.export()).update(k.bytesOf(data)).digest()
            : (sign(webSignOptions(algorithm, key)[0], k.bytesOf(data), webSignOptions(algorithm, key)[1]) as Buffer);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      });
    }
    function webVerify(algorithm: unknown, key: unknown, signature: unknown, data: unknown): Promise<unknown> {
      return asPromise(() => {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        const entry = held(key);
        if (algorithmName(algorithm) !== entry.algorithm.name || entry.usages.indexOf('verify') < 0) throw domError('InvalidAccessError', 'The requested operation is not valid for the provided key');
        if (entry.algorithm.name === 'HMAC') {
          const expected = new (tools.Hmac as NonNullable<CryptoTools['Hmac']>)(WEB_HASHES[(entry.algorithm.hash as { name: string }).name], entry.keyObject.export()).update(k.bytesOf(data)).digest();
          const given = k.bytesOf(signature) as Uint8Array;
          return expected.length === given.length && crypto.timingSafeEqual(expected, given);
        }
        const [hash, options] = webSignOptions(algorithm, key);
        return verify(
          hash,
          k.bytesOf(data),
          entry.keyObject.type === 'private' ? createPublicKey(entry.keyObject) : Object.assign(options === entry.keyObject ? {} : (options as object), { key: entry.keyObject }),
          k.bytesOf(signature),
        );
      });
    }

    tools.secretBytes = function (key) {
      const keyObject = key instanceof CryptoKey ? held(key).keyObject : key;
      if (!(keyObject instanceof KeyObject)) return undefined;
      const d = described(keyObject);
      if (d.type !== 'secret') throw k.newError('TypeError', 'Invalid key object type ' + d.type + ', expected secret.', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
      return Buffer.from(d.der, 'latin1');
    };
    // The running Node's cipher and curve names, asked of the host the first time they are wanted.
    const facts = () => k.nodeFacts();
    Object.assign(crypto, {
      KeyObject,
      createPrivateKey,
      createPublicKey,
      createSecretKey,
      Sign,
      Verify,
      // Node's (algorithm, options): the options (stream options) change nothing here.
      createSign: (algorithm: unknown, options?: unknown) => new (Sign as new (...args: unknown[]) => Sign)(algorithm, options),
      createVerify: (algorithm: unknown, options?: unknown) => new (Verify as new (...args: unknown[]) => Verify)(algorithm, options),
      sign,
      verify,
      Cipheriv,
      Decipheriv,
      createCipheriv: (algorithm: unknown, key: unknown, iv: unknown, options?: unknown) => new Cipheriv(algorithm, key, iv, options),
      createDecipheriv: (algorithm: unknown, key: unknown, iv: unknown, options?: unknown) => new Decipheriv(algorithm, key, iv, options),
      getCiphers: () => facts().ciphers.slice(),
      getCurves: () => facts().curves.slice(),
      getCipherInfo: (name: unknown) => {
        const info = facts().cipherInfo;
        return typeof name === 'string' && hasOwn(info, name.toLowerCase()) ? Object.assign({}, info[name.toLowerCase()]) : undefined;
      },
      publicEncrypt: pubcrypt('publicEncrypt'),
      privateDecrypt: pubcrypt('privateDecrypt'),
      privateEncrypt: pubcrypt('privateEncrypt'),
      publicDecrypt: pubcrypt('publicDecrypt'),
      pbkdf2,
      pbkdf2Sync,
      scrypt,
      scryptSync,
      hkdf,
      hkdfSync,
      generateKeyPair,
      generateKeyPairSync,
      generateKey,
      generateKeySync,
    });
    return { CryptoKey, importKey, sign: webSign, verify: webVerify };
  };
}
