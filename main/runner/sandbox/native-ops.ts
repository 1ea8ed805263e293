import { constants as cryptoConstants, createHash, createHmac, getCipherInfo, getCiphers, getCurves, getHashes, randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import { CRYPTO_OPS, CryptoRequestError, runCryptoOp } from './native-crypto-ops';
import { URL_OPS, UrlRequestError, runUrlOp } from './native-url-ops';

/*
 * The host half of the in-context `zlib` and `crypto` modules. Everything crosses the membrane as
 * text: bytes as latin1 strings (one char per byte, the cheapest lossless form on both sides), and
 * the answer as one string starting with 'o' (ok, then the bytes), 'j' (ok, then JSON of strings,
 * numbers and booleans) or 'e' (then JSON of the error's name, message, code and errno). No Buffer, Error or other host object ever reaches the context;
 * in-context/host-bytes.ts turns the answer back into a Buffer or an error of the context's realm.
 */

/** Most bytes one zlib call may produce or take in: inflating a small bomb must not fill the child's memory. */
export const MAX_NATIVE_BYTES = 64 * 1024 * 1024;

const ZLIB_METHODS: ReadonlyMap<string, (input: Buffer, options: zlib.ZlibOptions & zlib.BrotliOptions) => Buffer> = new Map([
  ['deflateSync', zlib.deflateSync],
  ['inflateSync', zlib.inflateSync],
  ['deflateRawSync', zlib.deflateRawSync],
  ['inflateRawSync', zlib.inflateRawSync],
  ['gzipSync', zlib.gzipSync],
  ['gunzipSync', zlib.gunzipSync],
  ['unzipSync', zlib.unzipSync],
  ['brotliCompressSync', zlib.brotliCompressSync],
  ['brotliDecompressSync', zlib.brotliDecompressSync],
]);
// Primitive options passed on as given, so Node itself validates them and its messages reach the app.
const ZLIB_PRIMITIVE_OPTIONS = ['level', 'windowBits', 'memLevel', 'strategy', 'chunkSize', 'flush', 'finishFlush', 'maxOutputLength'] as const;
const HASHES: ReadonlySet<string> = new Set(getHashes().map((name) => name.toLowerCase()));

const BASIC_OPS = ['zlib', 'hash', 'hmac', 'random', 'nodeFacts'];
/** Every operation nativeOp serves: pure computations on strings and numbers, none with lasting state. */
export const NATIVE_OPS: ReadonlySet<string> = new Set([...BASIC_OPS, ...CRYPTO_OPS, ...URL_OPS]);

/** Serves one of the context's NATIVE_OPS calls; never throws. */
export function nativeOp(op: string, a: unknown, b: unknown, c: unknown): string {
  try {
    for (const given of [a, b, c]) if (typeof given === 'string' && given.length > MAX_NATIVE_BYTES + 1024) return tooLarge(given.length);
    if (CRYPTO_OPS.has(op)) {
      const answer = runCryptoOp(op, a, b, c);
      return 'bytes' in answer ? ok(answer.bytes) : 'j' + JSON.stringify(answer.json);
    }
    if (URL_OPS.has(op)) return 'j' + JSON.stringify(runUrlOp(op, a, b, c));
    switch (op) {
      case 'zlib':
        return runZlib(a, b, c);
      case 'hash':
        if (typeof a !== 'string' || typeof b !== 'string') return refused();
        if (!HASHES.has(a.toLowerCase())) return failure({ name: 'Error', message: 'Digest method not supported' });
        return ok(createHash(a).update(Buffer.from(b, 'latin1')).digest());
      case 'hmac':
        if (typeof a !== 'string' || typeof b !== 'string' || typeof c !== 'string') return refused();
        if (!HASHES.has(a.toLowerCase())) return failure({ name: 'TypeError', message: `Invalid digest: ${a}`, code: 'ERR_CRYPTO_INVALID_DIGEST' });
        return ok(createHmac(a, Buffer.from(b, 'latin1')).update(Buffer.from(c, 'latin1')).digest());
      case 'nodeFacts':
        return 'j' + nodeFactsJson();
      case 'random':
        if (typeof a !== 'number' || !Number.isSafeInteger(a) || a < 0) return refused();
        if (a > MAX_NATIVE_BYTES) return tooLarge(a);
        return ok(randomBytes(a));
      default:
        return refused();
    }
  } catch (error) {
    if (error instanceof CryptoRequestError || error instanceof UrlRequestError || error instanceof SyntaxError) return refused();
    return failure(describeNodeError(error));
  }
}

let nodeFactsText: string | null = null;
/**
 * What the running Node reports about its crypto and zlib (getCiphers(), getCurves(), getHashes(),
 * getCipherInfo(), the constants), so the in-context modules answer as this Node does. The same for
 * every call; fetched only by an app that loads crypto or zlib.
 */
function nodeFactsJson(): string {
  if (nodeFactsText === null) {
    const ciphers = getCiphers();
    const cipherInfo: Record<string, unknown> = {};
    for (const name of ciphers) {
      const info = getCipherInfo(name);
      if (info) cipherInfo[name] = info;
    }
    nodeFactsText = JSON.stringify({ ciphers, cipherInfo, curves: getCurves(), hashes: getHashes(), cryptoConstants, zlibConstants: zlib.constants });
  }
  return nodeFactsText;
}

function runZlib(method: unknown, input: unknown, optionsJson: unknown): string {
  const run = typeof method === 'string' ? ZLIB_METHODS.get(method) : undefined;
  if (!run || typeof input !== 'string' || typeof optionsJson !== 'string') return refused();
  if (input.length > MAX_NATIVE_BYTES) return tooLarge(input.length);
  const given: unknown = JSON.parse(optionsJson);
  const options: Record<string, unknown> = {};
  if (isRecord(given)) {
    for (const key of ZLIB_PRIMITIVE_OPTIONS) {
      const value = given[key];
      if (value !== undefined && value !== null) options[key] = value;
    }
    if (typeof given.dictionary === 'string') options.dictionary = Buffer.from(given.dictionary, 'latin1');
    else if (given.dictionary !== undefined && given.dictionary !== null) options.dictionary = given.dictionary;
    if (isRecord(given.params)) {
      const params: Record<number, number | boolean> = {};
      for (const [key, value] of Object.entries(given.params)) {
        if (/^\d+$/.test(key) && (typeof value === 'number' || typeof value === 'boolean')) params[Number(key)] = value;
      }
      options.params = params;
    }
  }
  // The app may lower the cap, never raise it; a value Node would refuse is left for Node to refuse.
  const asked = options.maxOutputLength;
  const capped = asked === undefined || (typeof asked === 'number' && asked > MAX_NATIVE_BYTES);
  if (capped) options.maxOutputLength = MAX_NATIVE_BYTES;
  try {
    return ok(run(Buffer.from(input, 'latin1'), options));
  } catch (error) {
    const described = describeNodeError(error);
    if (capped && described.code === 'ERR_BUFFER_TOO_LARGE') {
      described.message = `Cannot create a Buffer larger than ${MAX_NATIVE_BYTES} bytes: Anvil's local runner stops zlib output at 64 MB (a decompression bomb?)`;
    }
    return failure(described);
  }
}

interface NodeErrorParts {
  name: string;
  message: string;
  code?: string;
  errno?: number;
}

// The errors here come from Node's own zlib and crypto code, so reading their fields is safe.
function describeNodeError(error: unknown): NodeErrorParts {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, errno } = error as Error & { code?: unknown; errno?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof errno === 'number' ? { errno } : {}),
  };
}

function tooLarge(size: number): string {
  return failure({
    name: 'RangeError',
    message: `Anvil's local runner handles at most ${MAX_NATIVE_BYTES} bytes in one zlib or crypto call (got ${size})`,
    code: 'ERR_BUFFER_TOO_LARGE',
  });
}

function ok(bytes: Buffer): string {
  return 'o' + bytes.toString('latin1');
}

function failure(parts: NodeErrorParts): string {
  return 'e' + JSON.stringify(parts);
}

function refused(): string {
  return failure({ name: 'TypeError', message: 'Anvil runner: the call to the host was malformed', code: 'ERR_INVALID_ARG_TYPE' });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
