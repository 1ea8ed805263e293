import { getCipherInfo, getCiphers, getCurves } from 'node:crypto';

/**
 * In-context source: the parts of `crypto` that work with keys — KeyObject and createPrivateKey /
 * createPublicKey / createSecretKey, Sign and Verify (RSA, RSA-PSS, ECDSA, EdDSA: what apps need to
 * sign JWTs for Google or GitHub), Cipheriv / Decipheriv, public-key encryption, pbkdf2, scrypt,
 * hkdf and key generation. The computations run in the host (native-crypto-ops.ts) on JSON text
 * with bytes as latin1 strings; every object the app gets is built here. A KeyObject keeps its DER
 * bytes and sends them with each use; a cipher sends all it has been given so far on each update
 * (the host keeps no state), so its output is exactly Node's even when fed in pieces.
 */

const CIPHERS = getCiphers();
const CIPHER_INFO: Record<string, unknown> = {};
for (const name of CIPHERS) {
  const info = getCipherInfo(name);
  if (info) CIPHER_INFO[name] = info;
}

/** Shares k.extendCrypto(crypto, tools), called by node-crypto.ts when it builds the module. */
export const CRYPTO_KEYS_SOURCE =
  String.raw`function installCryptoKeys(k) {
  const CIPHERS = ` +
  JSON.stringify(CIPHERS) +
  String.raw`;
  const CURVES = ` +
  JSON.stringify(getCurves()) +
  String.raw`;
  const CIPHER_INFO = ` +
  JSON.stringify(CIPHER_INFO) +
  String.raw`;
  k.extendCrypto = function (crypto, tools) {
    const Buffer = k.Buffer;
    const stringify = JSON.stringify;
    const hasOwn = (o, key) => Object.prototype.hasOwnProperty.call(o, key);
    const keys = new WeakMap();
    const MAKE = {};

    function isBytes(value) { return ArrayBuffer.isView(value) || Object.prototype.toString.call(value) === '[object ArrayBuffer]'; }
    function bytesOf(value, encoding, name) {
      if (typeof value === 'string') return Buffer.from(value, Buffer.isEncoding(encoding) ? encoding : 'utf8');
      if (isBytes(value)) return Buffer.from(k.bytesOf(value));
      throw k.argError(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', value);
    }
    const latin1 = (bytes) => k.latin1OfBytes(bytes);
    function later(callback, run) {
      if (typeof callback !== 'function') throw k.argError('callback', 'of type function', callback);
      let error = null;
      let value;
      try { value = run(); } catch (e) { error = e; }
      k.timers.setImmediate(() => (error ? callback(error) : Array.isArray(value) ? callback(null, value[0], value[1]) : callback(null, value)));
    }

    class KeyObject {
      constructor(type, handle) {
        if (handle !== MAKE) throw k.newError('TypeError', 'The "handle" argument must be of type object.' + k.received(handle), 'ERR_INVALID_ARG_TYPE');
        keys.set(this, type);
      }
      get type() { return keys.get(this).type; }
      get asymmetricKeyType() { const d = keys.get(this); return d.type === 'secret' ? undefined : d.asymmetricKeyType; }
      get asymmetricKeyDetails() {
        const d = keys.get(this);
        if (d.type === 'secret') return undefined;
        const out = {};
        for (const name of Object.keys(d.details)) { const v = d.details[name]; out[name] = v !== null && typeof v === 'object' ? BigInt(v.bigint) : v; }
        return out;
      }
      get symmetricKeySize() { const d = keys.get(this); return d.type === 'secret' ? d.size : undefined; }
      export(options) {
        const d = keys.get(this);
        if (d.type === 'secret' && (options === undefined || options.format === undefined || options.format === 'buffer')) return Buffer.from(d.der, 'latin1');
        const given = options === undefined ? {} : options;
        if (given === null || typeof given !== 'object') throw k.argError('options', 'of type object', given);
        const wanted = {};
        for (const name of ['format', 'type', 'cipher']) if (given[name] !== undefined) wanted[name] = given[name];
        if (given.passphrase !== undefined) wanted.passphrase = typeof given.passphrase === 'string' ? given.passphrase : { b: latin1(bytesOf(given.passphrase, undefined, 'passphrase')) };
        const out = k.hostJson('keyexport', stringify({ key: { object: d.type, der: d.der }, options: wanted }));
        if (hasOwn(out, 'pem')) return out.pem;
        if (hasOwn(out, 'der')) return Buffer.from(out.der, 'latin1');
        return out.jwk;
      }
      equals(other) {
        if (!(other instanceof KeyObject)) throw k.argError('otherKeyObject', 'an instance of KeyObject', other);
        const a = keys.get(this);
        const b = keys.get(other);
        return a.type === b.type && a.der === b.der;
      }
      static from(key) {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        return cryptoKeys.get(key).keyObject;
      }
      get [Symbol.toStringTag]() { return 'KeyObject'; }
    }
    class SecretKeyObject extends KeyObject {}
    class PublicKeyObject extends KeyObject {}
    class PrivateKeyObject extends KeyObject {}
    const KINDS = { secret: SecretKeyObject, public: PublicKeyObject, private: PrivateKeyObject };
    function keyFrom(described) { return new KINDS[described.type](described, MAKE); }

    // A key argument as the host reads it: one of our KeyObjects by its DER, or what the app gave.
    function keyPart(value, name) {
      if (value instanceof KeyObject) { const d = keys.get(value); return { object: d.type, der: d.der }; }
      if (value instanceof CryptoKey) return keyPart(cryptoKeys.get(value).keyObject, name);
      if (typeof value === 'string') return { s: value };
      if (isBytes(value)) return { b: latin1(k.bytesOf(value)) };
      throw k.argError(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey', value);
    }
    function keySpec(value, name) {
      if (value !== null && typeof value === 'object' && !isBytes(value) && !(value instanceof KeyObject) && !(value instanceof CryptoKey)) {
        const spec = {};
        if (value.format === 'jwk') {
          if (value.key === null || typeof value.key !== 'object') throw k.argError('key.key', 'of type object', value.key);
          spec.key = { jwk: JSON.parse(stringify(value.key)) };
        } else spec.key = keyPart(value.key, 'key.key');
        for (const option of ['format', 'type', 'encoding', 'padding', 'saltLength', 'dsaEncoding', 'oaepHash']) if (value[option] !== undefined) spec[option] = value[option];
        if (value.passphrase !== undefined) spec.passphrase = typeof value.passphrase === 'string' ? value.passphrase : { b: latin1(bytesOf(value.passphrase, undefined, 'passphrase')) };
        if (value.oaepLabel !== undefined) spec.oaepLabel = latin1(bytesOf(value.oaepLabel, undefined, 'oaepLabel'));
        return spec;
      }
      const part = keyPart(value, name);
      return part.object !== undefined ? part : { key: part };
    }

    function createPrivateKey(key) { return keyFrom(k.hostJson('key', stringify({ make: 'private', input: keySpec(key, 'key') }))); }
    function createPublicKey(key) { return keyFrom(k.hostJson('key', stringify({ make: 'public', input: keySpec(key, 'key') }))); }
    function createSecretKey(key, encoding) {
      const bytes = bytesOf(key, encoding, 'key');
      return keyFrom({ type: 'secret', der: latin1(bytes), size: bytes.length, details: null, asymmetricKeyType: null });
    }

    function signWith(algorithm, data, key) {
      if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
      return k.hostBytes('sign', stringify({ algorithm: algorithm === undefined ? null : algorithm, key: keySpec(key, 'key') }), data);
    }
    function verifyWith(algorithm, data, key, signature) {
      if (algorithm !== null && algorithm !== undefined && typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
      return k.hostJson('verify', stringify({ algorithm: algorithm === undefined ? null : algorithm, key: keySpec(key, 'key') }), data, signature);
    }
    class Sign {
      #algorithm;
      #data = '';
      constructor(algorithm) {
        if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
        this.#algorithm = algorithm;
      }
      update(data, encoding) { this.#data += tools.dataText(data, encoding, 'data'); return this; }
      write(data, encoding) { this.update(data, encoding); return true; }
      end(data, encoding) { if (data !== undefined) this.update(data, encoding); return this; }
      sign(key, encoding) { return tools.output(signWith(this.#algorithm, this.#data, key), encoding); }
    }
    class Verify {
      #algorithm;
      #data = '';
      constructor(algorithm) {
        if (typeof algorithm !== 'string') throw k.argError('algorithm', 'of type string', algorithm);
        this.#algorithm = algorithm;
      }
      update(data, encoding) { this.#data += tools.dataText(data, encoding, 'data'); return this; }
      write(data, encoding) { this.update(data, encoding); return true; }
      end(data, encoding) { if (data !== undefined) this.update(data, encoding); return this; }
      verify(key, signature, encoding) { return verifyWith(this.#algorithm, this.#data, key, latin1(bytesOf(signature, encoding, 'signature'))); }
    }
    function sign(algorithm, data, key, callback) {
      const run = () => signWith(algorithm, latin1(bytesOf(data, undefined, 'data')), key);
      if (callback === undefined) return run();
      later(callback, run);
    }
    function verify(algorithm, data, key, signature, callback) {
      const run = () => verifyWith(algorithm, latin1(bytesOf(data, undefined, 'data')), key, latin1(bytesOf(signature, undefined, 'signature')));
      if (callback === undefined) return run();
      later(callback, run);
    }

    const StringDecoder = () => k.nodeLibs.stringDecoder.StringDecoder;
    function makeCipher(decipher) {
      return class {
        #request;
        #input = '';
        #given = 0;
        #done = false;
        #tag = null;
        #decoder = null;
        constructor(algorithm, key, iv, options) {
          if (typeof algorithm !== 'string') throw k.argError('cipher', 'of type string', algorithm);
          const request = { algorithm, decipher, iv: iv === null ? null : latin1(bytesOf(iv, undefined, 'iv')) };
          if (key instanceof KeyObject) {
            const d = keys.get(key);
            request.keyObject = { object: d.type, der: d.der };
          } else request.key = latin1(bytesOf(key, undefined, 'key'));
          if (options !== undefined && options !== null && options.authTagLength !== undefined) request.authTagLength = options.authTagLength;
          this.#request = request;
          k.hostJson('cipher', stringify(request), '');
        }
        #run(final) {
          const answer = k.hostJson('cipher', stringify(Object.assign({}, this.#request, { final })), this.#input);
          const bytes = Buffer.from(answer.out.slice(this.#given), 'latin1');
          this.#given = answer.out.length;
          if (answer.tag !== undefined) this.#tag = Buffer.from(answer.tag, 'latin1');
          return bytes;
        }
        #out(bytes, encoding, final) {
          if (encoding === undefined || encoding === 'buffer' || !Buffer.isEncoding(encoding)) return bytes;
          if (this.#decoder === null) { const SD = StringDecoder(); this.#decoder = new SD(encoding); }
          return final ? this.#decoder.end(bytes) : this.#decoder.write(bytes);
        }
        #state(name) {
          if (this.#done) throw k.newError('Error', 'Invalid state for operation ' + name, 'ERR_CRYPTO_INVALID_STATE');
        }
        update(data, inputEncoding, outputEncoding) {
          this.#state('update');
          if (typeof data !== 'string' && !ArrayBuffer.isView(data)) throw k.argError('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
          this.#input += latin1(bytesOf(data, inputEncoding, 'data'));
          return this.#out(this.#run(false), outputEncoding, false);
        }
        final(outputEncoding) {
          this.#state('final');
          const bytes = this.#run(true);
          this.#done = true;
          return this.#out(bytes, outputEncoding, true);
        }
        setAutoPadding(autoPadding) { this.#state('setAutoPadding'); this.#request.autoPadding = autoPadding !== false; return this; }
        setAAD(buffer, options) {
          this.#state('setAAD');
          this.#request.aad = (this.#request.aad || '') + latin1(bytesOf(buffer, undefined, 'buffer'));
          if (options && typeof options.plaintextLength === 'number') this.#request.plaintextLength = options.plaintextLength;
          return this;
        }
        setAuthTag(tag) {
          if (!decipher || this.#done) throw k.newError('Error', 'Invalid state for operation setAuthTag', 'ERR_CRYPTO_INVALID_STATE');
          this.#request.authTag = latin1(bytesOf(tag, undefined, 'buffer'));
          return this;
        }
        getAuthTag() {
          if (decipher || this.#tag === null) throw k.newError('Error', 'Invalid state for operation getAuthTag', 'ERR_CRYPTO_INVALID_STATE');
          return Buffer.from(this.#tag);
        }
      };
    }
    const Cipheriv = makeCipher(false);
    const Decipheriv = makeCipher(true);
    Object.defineProperty(Cipheriv, 'name', { value: 'Cipheriv' });
    Object.defineProperty(Decipheriv, 'name', { value: 'Decipheriv' });

    function pubcrypt(fn) {
      return function (key, buffer) {
        return k.hostBytes('pubcrypt', stringify({ fn, key: keySpec(key, 'key') }), latin1(bytesOf(buffer, undefined, 'buffer')));
      };
    }

    function pbkdf2Sync(password, salt, iterations, keylen, digest) {
      return k.hostBytes('pbkdf2', stringify({ password: latin1(bytesOf(password, undefined, 'password')), salt: latin1(bytesOf(salt, undefined, 'salt')), iterations, keylen, digest }));
    }
    function pbkdf2(password, salt, iterations, keylen, digest, callback) { later(callback, () => pbkdf2Sync(password, salt, iterations, keylen, digest)); }
    function scryptOptions(options) {
      if (options === undefined || options === null) return undefined;
      const out = {};
      for (const name of ['N', 'r', 'p', 'cost', 'blockSize', 'parallelization', 'maxmem']) if (options[name] !== undefined) out[name] = options[name];
      return out;
    }
    function scryptSync(password, salt, keylen, options) {
      return k.hostBytes('scrypt', stringify({ password: latin1(bytesOf(password, undefined, 'password')), salt: latin1(bytesOf(salt, undefined, 'salt')), keylen, options: scryptOptions(options) }));
    }
    function scrypt(password, salt, keylen, options, callback) {
      if (typeof options === 'function') { callback = options; options = undefined; }
      later(callback, () => scryptSync(password, salt, keylen, options));
    }
    function hkdfSync(digest, ikm, salt, info, keylen) {
      const request = { digest, salt: latin1(bytesOf(salt, undefined, 'salt')), info: latin1(bytesOf(info, undefined, 'info')), keylen };
      if (ikm instanceof KeyObject) { const d = keys.get(ikm); request.keyObject = { object: d.type, der: d.der }; }
      else request.ikm = latin1(bytesOf(ikm, undefined, 'ikm'));
      const bytes = k.hostBytes('hkdf', stringify(request));
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
    }
    function hkdf(digest, ikm, salt, info, keylen, callback) { later(callback, () => hkdfSync(digest, ikm, salt, info, keylen)); }

    function encoded(key, encoding) {
      if (encoding === undefined || encoding === null) return key;
      if (typeof encoding !== 'object') throw k.argError('options.publicKeyEncoding', 'of type object', encoding);
      return key.export(encoding);
    }
    function generateKeyPairSync(type, options) {
      if (typeof type !== 'string') throw k.argError('type', 'of type string', type);
      const given = options === undefined || options === null ? {} : options;
      const primitive = {};
      for (const name of ['modulusLength', 'hashAlgorithm', 'mgf1HashAlgorithm', 'saltLength', 'namedCurve', 'hash', 'mgf1Hash', 'divisorLength']) if (given[name] !== undefined) primitive[name] = given[name];
      if (given.publicExponent !== undefined) primitive.publicExponent = given.publicExponent;
      const pair = k.hostJson('keypair', type, stringify(primitive));
      return { publicKey: encoded(keyFrom(pair.publicKey), given.publicKeyEncoding), privateKey: encoded(keyFrom(pair.privateKey), given.privateKeyEncoding) };
    }
    function generateKeyPair(type, options, callback) {
      if (typeof options === 'function') { callback = options; options = undefined; }
      later(callback, () => { const pair = generateKeyPairSync(type, options); return [pair.publicKey, pair.privateKey]; });
    }
    function generateKeySync(type, options) {
      if (type !== 'hmac' && type !== 'aes') throw k.newError('TypeError', "The argument 'type' must be one of: 'hmac', 'aes'. Received " + k.inspect(type), 'ERR_INVALID_ARG_VALUE');
      const length = options && options.length;
      if (typeof length !== 'number') throw k.argError('options.length', 'of type number', length);
      return createSecretKey(crypto.randomBytes(Math.floor(length / 8)));
    }
    function generateKey(type, options, callback) { later(callback, () => generateKeySync(type, options)); }

    // Web Crypto keys for HMAC, RSASSA-PKCS1-v1_5, RSA-PSS and ECDSA: what token and webhook code signs with.
    const cryptoKeys = new WeakMap();
    class CryptoKey {
      constructor(handle) { if (handle !== MAKE) throw k.newError('TypeError', 'Illegal constructor', 'ERR_ILLEGAL_CONSTRUCTOR'); }
      get type() { return cryptoKeys.get(this).keyObject.type; }
      get extractable() { return cryptoKeys.get(this).extractable; }
      get algorithm() { return cryptoKeys.get(this).algorithm; }
      get usages() { return cryptoKeys.get(this).usages.slice(); }
      get [Symbol.toStringTag]() { return 'CryptoKey'; }
    }
    const WEB_HASHES = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
    const SIGNERS = ['HMAC', 'RSASSA-PKCS1-v1_5', 'RSA-PSS', 'ECDSA', 'Ed25519'];
    function domError(name, message) { const e = k.newError(name, message); return e; }
    function algorithmName(algorithm) {
      const raw = typeof algorithm === 'string' ? algorithm : algorithm !== null && typeof algorithm === 'object' ? algorithm.name : undefined;
      const found = typeof raw === 'string' ? SIGNERS.find((n) => n.toLowerCase() === raw.toLowerCase()) : undefined;
      if (found === undefined) throw domError('NotSupportedError', 'Unrecognized algorithm name');
      return found;
    }
    function hashName(hash) {
      const raw = typeof hash === 'string' ? hash : hash !== null && typeof hash === 'object' ? hash.name : undefined;
      const found = typeof raw === 'string' ? Object.keys(WEB_HASHES).find((n) => n.toLowerCase() === raw.toLowerCase()) : undefined;
      if (found === undefined) throw domError('NotSupportedError', 'Unrecognized algorithm name');
      return found;
    }
    function makeCryptoKey(keyObject, algorithm, extractable, usages) {
      const key = new CryptoKey(MAKE);
      cryptoKeys.set(key, { keyObject, algorithm, extractable: Boolean(extractable), usages: Array.from(usages) });
      return key;
    }
    function importKey(format, keyData, algorithm, extractable, usages) {
      const name = algorithmName(algorithm);
      const described = { name };
      if (name === 'HMAC' || name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS') described.hash = { name: hashName(algorithm.hash) };
      if (name === 'ECDSA') described.namedCurve = algorithm.namedCurve;
      let keyObject;
      if (name === 'HMAC') {
        if (format === 'jwk') keyObject = createSecretKey(Buffer.from(String(keyData.k), 'base64url'));
        else if (format === 'raw') keyObject = createSecretKey(k.bytesOf(keyData));
        else throw domError('NotSupportedError', 'Unable to import HMAC key with format ' + format);
        described.length = keys.get(keyObject).size * 8;
      } else if (format === 'jwk') keyObject = keyData.d !== undefined ? createPrivateKey({ key: keyData, format: 'jwk' }) : createPublicKey({ key: keyData, format: 'jwk' });
      else if (format === 'pkcs8') keyObject = createPrivateKey({ key: Buffer.from(k.bytesOf(keyData)), format: 'der', type: 'pkcs8' });
      else if (format === 'spki') keyObject = createPublicKey({ key: Buffer.from(k.bytesOf(keyData)), format: 'der', type: 'spki' });
      else throw domError('NotSupportedError', 'Unable to import ' + name + ' key with format ' + format);
      if (name === 'RSASSA-PKCS1-v1_5' || name === 'RSA-PSS') {
        const details = keyObject.asymmetricKeyDetails;
        described.modulusLength = details.modulusLength;
        described.publicExponent = new Uint8Array(Buffer.from(details.publicExponent.toString(16).padStart(6, '0'), 'hex'));
      }
      return makeCryptoKey(keyObject, described, extractable, usages);
    }
    function webSignOptions(algorithm, key) {
      const held = cryptoKeys.get(key);
      const name = held.algorithm.name;
      if (name === 'RSA-PSS') return [WEB_HASHES[held.algorithm.hash.name], { key: held.keyObject, padding: 6, saltLength: algorithm.saltLength }];
      if (name === 'ECDSA') return [WEB_HASHES[hashName(algorithm.hash)], { key: held.keyObject, dsaEncoding: 'ieee-p1363' }];
      if (name === 'Ed25519') return [null, held.keyObject];
      return [WEB_HASHES[held.algorithm.hash.name], held.keyObject];
    }
    function asPromise(run) { try { return Promise.resolve(run()); } catch (e) { return Promise.reject(e); } }
    function webSign(algorithm, key, data) {
      return asPromise(() => {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        const held = cryptoKeys.get(key);
        if (algorithmName(algorithm) !== held.algorithm.name || held.usages.indexOf('sign') < 0) throw domError('InvalidAccessError', 'The requested operation is not valid for the provided key');
        const bytes = held.algorithm.name === 'HMAC'
          ? new tools.Hmac(WEB_HASHES[held.algorithm.hash.name], held.keyObject.export()).update(k.bytesOf(data)).digest()
          : sign(webSignOptions(algorithm, key)[0], k.bytesOf(data), webSignOptions(algorithm, key)[1]);
        return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      });
    }
    function webVerify(algorithm, key, signature, data) {
      return asPromise(() => {
        if (!(key instanceof CryptoKey)) throw k.argError('key', 'an instance of CryptoKey', key);
        const held = cryptoKeys.get(key);
        if (algorithmName(algorithm) !== held.algorithm.name || held.usages.indexOf('verify') < 0) throw domError('InvalidAccessError', 'The requested operation is not valid for the provided key');
        if (held.algorithm.name === 'HMAC') {
          const expected = new tools.Hmac(WEB_HASHES[held.algorithm.hash.name], held.keyObject.export()).update(k.bytesOf(data)).digest();
          const given = k.bytesOf(signature);
          return expected.length === given.length && crypto.timingSafeEqual(expected, given);
        }
        const [hash, options] = webSignOptions(algorithm, key);
        return verify(hash, k.bytesOf(data), held.keyObject.type === 'private' ? createPublicKey(held.keyObject) : Object.assign(options === held.keyObject ? {} : options, { key: held.keyObject }), k.bytesOf(signature));
      });
    }

    tools.secretBytes = function (key) {
      const held = key instanceof CryptoKey ? cryptoKeys.get(key).keyObject : key;
      if (!(held instanceof KeyObject)) return undefined;
      const d = keys.get(held);
      if (d.type !== 'secret') throw k.newError('TypeError', 'Invalid key object type ' + d.type + ', expected secret.', 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE');
      return Buffer.from(d.der, 'latin1');
    };
    Object.assign(crypto, {
      KeyObject, createPrivateKey, createPublicKey, createSecretKey,
      Sign, Verify, createSign: (algorithm, options) => new Sign(algorithm, options), createVerify: (algorithm, options) => new Verify(algorithm, options), sign, verify,
      Cipheriv, Decipheriv,
      createCipheriv: (algorithm, key, iv, options) => new Cipheriv(algorithm, key, iv, options),
      createDecipheriv: (algorithm, key, iv, options) => new Decipheriv(algorithm, key, iv, options),
      getCiphers: () => CIPHERS.slice(), getCurves: () => CURVES.slice(),
      getCipherInfo: (name) => (typeof name === 'string' && hasOwn(CIPHER_INFO, name.toLowerCase()) ? Object.assign({}, CIPHER_INFO[name.toLowerCase()]) : undefined),
      publicEncrypt: pubcrypt('publicEncrypt'), privateDecrypt: pubcrypt('privateDecrypt'), privateEncrypt: pubcrypt('privateEncrypt'), publicDecrypt: pubcrypt('publicDecrypt'),
      pbkdf2, pbkdf2Sync, scrypt, scryptSync, hkdf, hkdfSync,
      generateKeyPair, generateKeyPairSync, generateKey, generateKeySync,
    });
    return { CryptoKey, importKey, sign: webSign, verify: webVerify };
  };
}`;
