import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  createSecretKey,
  generateKeyPairSync,
  hkdfSync,
  pbkdf2Sync,
  privateDecrypt,
  privateEncrypt,
  publicDecrypt,
  publicEncrypt,
  scryptSync,
  sign,
  verify,
  type CipherGCM,
  type DecipherGCM,
  type KeyObject,
} from 'node:crypto';

/*
 * The host half of the in-context ciphers, signatures, key objects and key derivation. Each call is
 * one pure computation on values that arrive as JSON text (bytes inside it as latin1 strings) and
 * leave the same way: no KeyObject, cipher or Buffer of the host ever reaches the context, and no
 * state is kept here between calls. A cipher in the context re-sends everything it has been given
 * (ciphers are deterministic, so the same input gives the same output); a KeyObject in the context
 * holds its DER bytes and sends them with each use.
 */

/** Largest RSA modulus a function may generate: bigger keys take seconds of the child's only thread. */
export const MAX_GENERATED_MODULUS = 4096;
/** Most pbkdf2 rounds one call may ask for, so a call stays well inside an invocation's time. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
/** Most memory one scrypt call may use (Node's own default is 32 MB). */
export const MAX_SCRYPT_MEMORY = 64 * 1024 * 1024;

type Json = Record<string, unknown>;

export class CryptoRequestError extends Error {}

const bytes = (value: unknown): Buffer => {
  if (typeof value !== 'string') throw new CryptoRequestError('bytes');
  return Buffer.from(value, 'latin1');
};
const text = (value: unknown): string => {
  if (typeof value !== 'string') throw new CryptoRequestError('text');
  return value;
};
const record = (value: unknown): Json => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CryptoRequestError('record');
  return value as Json;
};
const PRIMITIVE_KEY_OPTIONS = ['format', 'type', 'encoding', 'padding', 'saltLength', 'dsaEncoding', 'oaepHash'] as const;

/**
 * A key as the context describes it: `{object, der}` for one of its KeyObjects, or what the app
 * passed (`{s}` a string, `{b}` bytes, `{jwk}` a JSON Web Key) with Node's primitive key options.
 */
function keyInput(value: unknown): KeyObject | Json {
  const spec = record(value);
  if (typeof spec.object === 'string') return keyObjectOf(spec);
  const key = record(spec.key);
  const out: Json = {};
  for (const name of PRIMITIVE_KEY_OPTIONS) if (typeof spec[name] === 'string' || typeof spec[name] === 'number') out[name] = spec[name];
  if (typeof key.s === 'string') out.key = key.s;
  else if (typeof key.b === 'string') out.key = bytes(key.b);
  else if (typeof key.object === 'string') out.key = keyObjectOf(key);
  else if (key.jwk !== undefined) out.key = record(key.jwk);
  else throw new CryptoRequestError('key');
  if (spec.passphrase !== undefined) out.passphrase = typeof spec.passphrase === 'string' ? spec.passphrase : bytes(record(spec.passphrase).b);
  if (spec.oaepLabel !== undefined) out.oaepLabel = bytes(spec.oaepLabel);
  return out;
}

function keyObjectOf(spec: Json): KeyObject {
  const der = bytes(spec.der);
  switch (spec.object) {
    case 'private':
      return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    case 'public':
      return createPublicKey({ key: der, format: 'der', type: 'spki' });
    case 'secret':
      return createSecretKey(der);
    default:
      throw new CryptoRequestError('object');
  }
}

/** What the context needs to rebuild a KeyObject: its kind, details and canonical DER. */
function describeKey(key: KeyObject): Json {
  const der = key.type === 'secret' ? key.export() : key.type === 'private' ? key.export({ format: 'der', type: 'pkcs8' }) : key.export({ format: 'der', type: 'spki' });
  const details: Json = {};
  for (const [name, value] of Object.entries(key.asymmetricKeyDetails ?? {})) details[name] = typeof value === 'bigint' ? { bigint: value.toString() } : value;
  return {
    type: key.type,
    asymmetricKeyType: key.asymmetricKeyType ?? null,
    details: key.type === 'secret' ? null : details,
    size: key.symmetricKeySize ?? null,
    der: der.toString('latin1'),
  };
}

function makeKey(request: Json): Json {
  const input = keyInput(request.input);
  switch (request.make) {
    case 'private':
      return describeKey(createPrivateKey(input as never));
    case 'public':
      return describeKey(createPublicKey(input as never));
    case 'secret':
      return describeKey(createSecretKey(bytes(record(request.input).b)));
    default:
      throw new CryptoRequestError('make');
  }
}

function exportKey(request: Json): Json {
  const key = keyObjectOf(record(request.key));
  const given = request.options === undefined ? {} : record(request.options);
  const options: Json = {};
  for (const name of ['format', 'type', 'cipher'] as const) if (typeof given[name] === 'string') options[name] = given[name];
  if (given.passphrase !== undefined) options.passphrase = typeof given.passphrase === 'string' ? given.passphrase : bytes(record(given.passphrase).b);
  const out = key.export(options as never) as unknown;
  if (typeof out === 'string') return { pem: out };
  if (Buffer.isBuffer(out)) return { der: out.toString('latin1') };
  return { jwk: out };
}

function signOp(request: Json, data: Buffer): Buffer {
  const algorithm = request.algorithm === null || request.algorithm === undefined ? null : text(request.algorithm);
  return sign(algorithm, data, keyInput(request.key) as Parameters<typeof sign>[2]);
}

function verifyOp(request: Json, data: Buffer, signature: Buffer): boolean {
  const algorithm = request.algorithm === null || request.algorithm === undefined ? null : text(request.algorithm);
  return verify(algorithm, data, keyInput(request.key) as Parameters<typeof verify>[2], signature);
}

const PUBLIC_CRYPT = { publicEncrypt, privateDecrypt, privateEncrypt, publicDecrypt } as const;

function publicCrypt(request: Json, data: Buffer): Buffer {
  const name = text(request.fn);
  if (!Object.hasOwn(PUBLIC_CRYPT, name)) throw new CryptoRequestError('fn');
  return PUBLIC_CRYPT[name as keyof typeof PUBLIC_CRYPT](keyInput(request.key) as never, data);
}

/** Runs a cipher over all input given so far; with `final`, finishes it (and reads the tag of an AEAD cipher). */
function cipherOp(request: Json, input: Buffer): Json {
  const algorithm = text(request.algorithm);
  const key = request.keyObject !== undefined ? keyObjectOf(record(request.keyObject)) : bytes(request.key);
  const iv = request.iv === null ? null : bytes(request.iv);
  const options = typeof request.authTagLength === 'number' ? { authTagLength: request.authTagLength } : undefined;
  const cipher = (request.decipher === true ? createDecipheriv(algorithm, key, iv, options as never) : createCipheriv(algorithm, key, iv, options as never)) as CipherGCM & DecipherGCM;
  if (request.autoPadding === false) cipher.setAutoPadding(false);
  if (request.authTag !== undefined && request.authTag !== null) cipher.setAuthTag(bytes(request.authTag));
  if (request.aad !== undefined && request.aad !== null) {
    const plaintextLength = request.plaintextLength;
    cipher.setAAD(bytes(request.aad), typeof plaintextLength === 'number' ? { plaintextLength } : (undefined as never));
  }
  const parts = [cipher.update(input)];
  if (request.final !== true) return { out: parts[0]!.toString('latin1') };
  parts.push(cipher.final());
  const tagged = request.decipher !== true && typeof cipher.getAuthTag === 'function' && /-(gcm|ccm|ocb)$|chacha20-poly1305/i.test(algorithm);
  return { out: Buffer.concat(parts).toString('latin1'), ...(tagged ? { tag: cipher.getAuthTag().toString('latin1') } : {}) };
}

function pbkdf2Op(request: Json): Buffer {
  const iterations = request.iterations;
  if (typeof iterations === 'number' && iterations > MAX_PBKDF2_ITERATIONS) throw limit(`pbkdf2 with at most ${MAX_PBKDF2_ITERATIONS} iterations`);
  return pbkdf2Sync(bytes(request.password), bytes(request.salt), iterations as number, request.keylen as number, text(request.digest));
}

function scryptOp(request: Json): Buffer {
  const given = request.options === undefined ? {} : record(request.options);
  const options: Json = {};
  for (const name of ['N', 'r', 'p', 'cost', 'blockSize', 'parallelization', 'maxmem'] as const) if (given[name] !== undefined) options[name] = given[name];
  if (typeof options.maxmem === 'number' && options.maxmem > MAX_SCRYPT_MEMORY) options.maxmem = MAX_SCRYPT_MEMORY;
  return scryptSync(bytes(request.password), bytes(request.salt), request.keylen as number, options);
}

function hkdfOp(request: Json): Buffer {
  const ikm = request.keyObject !== undefined ? keyObjectOf(record(request.keyObject)) : bytes(request.ikm);
  return Buffer.from(hkdfSync(text(request.digest), ikm, bytes(request.salt), bytes(request.info), request.keylen as number));
}

const KEY_PAIR_TYPES = new Set(['rsa', 'rsa-pss', 'ec', 'ed25519', 'ed448', 'x25519', 'x448']);
const KEY_PAIR_OPTIONS = ['modulusLength', 'publicExponent', 'hashAlgorithm', 'mgf1HashAlgorithm', 'saltLength', 'namedCurve', 'hash', 'mgf1Hash'] as const;

function keyPairOp(type: string, request: Json): Json {
  if (!KEY_PAIR_TYPES.has(type)) {
    if (type === 'dsa' || type === 'dh') throw limit(`generating ${type} keys (their parameters take long to find)`);
    // Unknown types reach Node, so the app gets Node's own error.
  }
  const options: Json = {};
  for (const name of KEY_PAIR_OPTIONS) if (request[name] !== undefined) options[name] = request[name];
  if (typeof options.modulusLength === 'number' && options.modulusLength > MAX_GENERATED_MODULUS) throw limit(`RSA keys of at most ${MAX_GENERATED_MODULUS} bits`);
  const pair = generateKeyPairSync(type as 'rsa', options as never) as unknown as { publicKey: KeyObject; privateKey: KeyObject };
  return { publicKey: describeKey(pair.publicKey), privateKey: describeKey(pair.privateKey) };
}

function limit(what: string): Error {
  const error = new RangeError(`Anvil's local runner allows ${what}`);
  (error as Error & { code?: string }).code = 'ERR_OUT_OF_RANGE';
  return error;
}

/** The crypto operations the context may ask for. */
export const CRYPTO_OPS: ReadonlySet<string> = new Set(['key', 'keyexport', 'keypair', 'sign', 'verify', 'pubcrypt', 'cipher', 'pbkdf2', 'scrypt', 'hkdf']);

/** Runs one crypto operation: bytes (latin1 text) or a JSON-able answer; throws Node's error or CryptoRequestError. */
export function runCryptoOp(op: string, a: unknown, b: unknown, c: unknown): { bytes: Buffer } | { json: unknown } {
  const request = typeof a === 'string' && op !== 'keypair' ? record(JSON.parse(a)) : {};
  switch (op) {
    case 'key':
      return { json: makeKey(request) };
    case 'keyexport':
      return { json: exportKey(request) };
    case 'keypair':
      return { json: keyPairOp(text(a), record(JSON.parse(text(b)))) };
    case 'sign':
      return { bytes: signOp(request, bytes(b)) };
    case 'verify':
      return { json: verifyOp(request, bytes(b), bytes(c)) };
    case 'pubcrypt':
      return { bytes: publicCrypt(request, bytes(b)) };
    case 'cipher':
      return { json: cipherOp(request, bytes(b)) };
    case 'pbkdf2':
      return { bytes: pbkdf2Op(request) };
    case 'scrypt':
      return { bytes: scryptOp(request) };
    case 'hkdf':
      return { bytes: hkdfOp(request) };
    default:
      throw new CryptoRequestError(op);
  }
}
