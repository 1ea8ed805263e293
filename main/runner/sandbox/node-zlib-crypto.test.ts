import { createHash, createHmac } from 'node:crypto';
import path from 'node:path';
import zlib from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner, resultOf, writeAppBundles } from './runner-child-harness';

// What an app author notices of `zlib` and `crypto` inside the sandbox, checked against the host's real modules.
const APP = String.raw`
const zlib = require('node:zlib');
const crypto = require('crypto');
const util = require('util');

// As a Jira checklist app stores its state in an issue property: raw deflate, then base64.
exports.checklist = ({ json }) => {
  const packed = zlib.deflateRawSync(Buffer.from(json)).toString('base64');
  const unpacked = zlib.inflateRawSync(Buffer.from(packed, 'base64')).toString();
  return { packed, unpacked, isBuffer: Buffer.isBuffer(zlib.deflateRawSync('x')), sameModule: require('zlib') === zlib };
};
exports.compress = ({ text }) => ({
  gzip: zlib.gzipSync(text, { level: 9 }).toString('base64'),
  deflate: zlib.deflateSync(Buffer.from(text)).toString('base64'),
  brotli: zlib.brotliCompressSync(text, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).toString('base64'),
});
exports.decompress = ({ gzip, deflate, brotli }) => ({
  gunzip: zlib.gunzipSync(Buffer.from(gzip, 'base64')).toString(),
  unzip: zlib.unzipSync(Buffer.from(gzip, 'base64')).toString(),
  inflate: zlib.inflateSync(Buffer.from(deflate, 'base64')).toString(),
  brotli: zlib.brotliDecompressSync(Buffer.from(brotli, 'base64')).toString(),
});
exports.callbacks = async ({ text }) => {
  const order = [];
  const gzipped = await new Promise((resolve, reject) => {
    zlib.gzip(text, (error, result) => { order.push('callback'); error ? reject(error) : resolve(result); });
    order.push('after the call');
  });
  const gunzip = util.promisify(zlib.gunzip);
  const back = (await gunzip(gzipped)).toString();
  const failed = await util.promisify(zlib.inflate)(Buffer.from('not zlib')).then(() => 'inflated', (e) => e.code);
  let thrown;
  try { zlib.deflate(Buffer.from('x'), { level: 42 }, () => {}); } catch (e) { thrown = e.code; }
  return { order, back, failed, thrown };
};
exports.corrupt = () => {
  try { zlib.inflateSync(Buffer.from('definitely not deflate data')); return 'inflated'; } catch (e) {
    return { isError: e instanceof Error, name: e.name, code: e.code, errno: e.errno, message: e.message };
  }
};
exports.bomb = ({ bomb, limit }) => {
  try { return 'inflated ' + zlib.inflateRawSync(Buffer.from(bomb, 'base64'), limit ? { maxOutputLength: limit } : undefined).length; } catch (e) {
    return { isRangeError: e instanceof RangeError, code: e.code, message: e.message };
  }
};
exports.zlibExtras = () => {
  let stream;
  try { zlib.createGzip(); } catch (e) { stream = e.message; }
  return { crc: zlib.crc32('hello'), z: [zlib.constants.Z_BEST_COMPRESSION, zlib.Z_DATA_ERROR, zlib.codes.Z_DATA_ERROR], stream };
};

exports.hashes = () => ({
  sha256: crypto.createHash('sha256').update('abc').digest('hex'),
  chunked: crypto.createHash('SHA256').update('a').update(Buffer.from('b')).update('63', 'hex').digest('base64'),
  md5: crypto.createHash('md5').update('forge').digest('hex'),
  sha1: crypto.createHash('sha1').update(new Uint8Array([1, 2, 3])).digest().toString('hex'),
  sha384: crypto.createHash('sha384').update('✓').digest('hex'),
  sha512: crypto.createHash('sha512').update('').digest('base64url'),
  oneShot: crypto.hash('sha1', 'abc'),
  hmac: crypto.createHmac('sha256', 'webhook-secret').update('{"event":"issue_updated"}').digest('hex'),
  hmacBytesKey: crypto.createHmac('sha512', Buffer.from('00ff', 'hex')).update('x').digest('hex'),
  digestIsBuffer: Buffer.isBuffer(crypto.createHash('sha256').digest()),
});
exports.subtle = async () => {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode('abc'));
  const viaGlobal = await globalThis.crypto.subtle.digest({ name: 'sha-1' }, new Uint8Array([97, 98, 99]));
  const refused = await crypto.subtle.digest('MD5', new Uint8Array(1)).then(() => 'digested', (e) => e.name);
  return {
    isArrayBuffer: digest instanceof ArrayBuffer,
    sha256: Buffer.from(digest).toString('hex'),
    sha1: Buffer.from(viaGlobal).toString('hex'),
    refused,
    sameObject: crypto.webcrypto === globalThis.crypto && require('node:crypto') === crypto,
  };
};
exports.hashErrors = () => {
  const outcome = {};
  const attempt = (name, run) => { try { run(); outcome[name] = 'no error'; } catch (e) { outcome[name] = [e.name, e.code, e.message]; } };
  attempt('unknown digest', () => crypto.createHash('sha0'));
  attempt('unknown hmac digest', () => crypto.createHmac('sha0', 'k'));
  attempt('digest twice', () => { const h = crypto.createHash('sha256'); h.digest(); h.digest(); });
  attempt('bad data', () => crypto.createHash('sha256').update(5));
  attempt('not available', () => crypto.createECDH('prime256v1'));
  return outcome;
};
exports.random = async () => {
  const uuids = [crypto.randomUUID(), crypto.randomUUID(), globalThis.crypto.randomUUID()];
  const bytes = crypto.randomBytes(32);
  const viaCallback = await util.promisify(crypto.randomBytes)(8);
  const ints = Array.from({ length: 200 }, () => crypto.randomInt(3, 7));
  const values = globalThis.crypto.getRandomValues(new Uint32Array(4));
  let tooMany;
  try { crypto.getRandomValues(new Uint8Array(65537)); } catch (e) { tooMany = e.name; }
  return {
    uuids, distinct: new Set(uuids).size,
    bytes: [Buffer.isBuffer(bytes), bytes.length, viaCallback.length],
    intsInRange: ints.every((n) => Number.isInteger(n) && n >= 3 && n < 7), intsSeen: new Set(ints).size,
    values: values instanceof Uint32Array && values.some((v) => v !== 0),
    filled: crypto.randomFillSync(new Uint8Array(16)).some((v) => v !== 0),
    tooMany,
    safeEqual: [crypto.timingSafeEqual(Buffer.from('token'), Buffer.from('token')), crypto.timingSafeEqual(Buffer.from('token'), Buffer.from('tokem'))],
    safeEqualLengths: (() => { try { crypto.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')); return 'compared'; } catch (e) { return e.code; } })(),
  };
};
`;

let folder: string;
const runner = new InProcessRunner();
const app = () => path.join(folder, 'index.js');
const CHECKLIST = JSON.stringify({
  items: [
    { id: 1, text: 'Write release notes ✓', done: true },
    { id: 2, text: 'Ask QA for sign-off', done: false, assignee: 'account-1' },
  ],
  template: 'release',
});

beforeAll(() => {
  folder = writeAppBundles({ 'index.js': APP });
});

describe('zlib in the sandbox', () => {
  it('round-trips a checklist through deflateRaw, base64 and inflateRaw, as the host would encode it', async () => {
    const result = resultOf(await runner.invoke(app(), 'checklist', { json: CHECKLIST })) as Record<string, unknown>;
    expect(result.unpacked).toBe(CHECKLIST);
    expect(result.packed).toBe(zlib.deflateRawSync(Buffer.from(CHECKLIST)).toString('base64'));
    expect(result).toMatchObject({ isBuffer: true, sameModule: true });
  });

  it('writes gzip, deflate and brotli the host can read, and reads what the host wrote', async () => {
    const text = `${CHECKLIST}\n`.repeat(50);
    const packed = resultOf(await runner.invoke(app(), 'compress', { text })) as Record<string, string>;
    expect(zlib.gunzipSync(Buffer.from(packed.gzip!, 'base64')).toString()).toBe(text);
    expect(zlib.inflateSync(Buffer.from(packed.deflate!, 'base64')).toString()).toBe(text);
    expect(zlib.brotliDecompressSync(Buffer.from(packed.brotli!, 'base64')).toString()).toBe(text);

    const fromHost = {
      gzip: zlib.gzipSync(text).toString('base64'),
      deflate: zlib.deflateSync(text).toString('base64'),
      brotli: zlib.brotliCompressSync(text).toString('base64'),
    };
    expect(resultOf(await runner.invoke(app(), 'decompress', fromHost))).toEqual({ gunzip: text, unzip: text, inflate: text, brotli: text });
  });

  it('calls back later, works with util.promisify, and reports errors the Node way', async () => {
    expect(resultOf(await runner.invoke(app(), 'callbacks', { text: CHECKLIST }))).toEqual({
      order: ['after the call', 'callback'],
      back: CHECKLIST,
      failed: 'Z_DATA_ERROR',
      thrown: 'ERR_OUT_OF_RANGE',
    });
  });

  it('fails a corrupt inflate with an Error carrying code Z_DATA_ERROR', async () => {
    expect(resultOf(await runner.invoke(app(), 'corrupt'))).toEqual({ isError: true, name: 'Error', code: 'Z_DATA_ERROR', errno: -3, message: 'incorrect header check' });
  });

  it('refuses to inflate a decompression bomb past 64 MB, or past a smaller maxOutputLength', async () => {
    const bomb = zlib.deflateRawSync(Buffer.alloc(100 * 1024 * 1024)).toString('base64');
    expect(bomb.length).toBeLessThan(200_000);
    const refused = resultOf(await runner.invoke(app(), 'bomb', { bomb })) as { message: string };
    expect(refused).toMatchObject({ isRangeError: true, code: 'ERR_BUFFER_TOO_LARGE' });
    expect(refused.message).toMatch(/larger than 67108864 bytes.*64 MB/);
    expect(resultOf(await runner.invoke(app(), 'bomb', { bomb, limit: 1000 }))).toEqual({
      isRangeError: true,
      code: 'ERR_BUFFER_TOO_LARGE',
      message: 'Cannot create a Buffer larger than 1000 bytes',
    });
  });

  it('has crc32 and the constants, and says streams are not available', async () => {
    const result = resultOf(await runner.invoke(app(), 'zlibExtras')) as Record<string, unknown>;
    expect(result.crc).toBe(907060870);
    expect(result.z).toEqual([9, -3, -3]);
    expect(result.stream).toMatch(/zlib.createGzip is not available in Anvil's local runner/);
  });
});

describe('crypto in the sandbox', () => {
  it('hashes and HMACs exactly as the host node:crypto does', async () => {
    const hex = (alg: string, data: string | Uint8Array) => createHash(alg).update(data).digest('hex');
    expect(resultOf(await runner.invoke(app(), 'hashes'))).toEqual({
      sha256: hex('sha256', 'abc'),
      chunked: createHash('sha256').update('abc').digest('base64'),
      md5: hex('md5', 'forge'),
      sha1: hex('sha1', new Uint8Array([1, 2, 3])),
      sha384: hex('sha384', '✓'),
      sha512: createHash('sha512').update('').digest('base64url'),
      oneShot: hex('sha1', 'abc'),
      hmac: createHmac('sha256', 'webhook-secret').update('{"event":"issue_updated"}').digest('hex'),
      hmacBytesKey: createHmac('sha512', Buffer.from('00ff', 'hex')).update('x').digest('hex'),
      digestIsBuffer: true,
    });
    expect(hex('sha256', 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('has crypto.subtle.digest giving an ArrayBuffer, on the module and on globalThis.crypto', async () => {
    expect(resultOf(await runner.invoke(app(), 'subtle'))).toEqual({
      isArrayBuffer: true,
      sha256: createHash('sha256').update('abc').digest('hex'),
      sha1: createHash('sha1').update('abc').digest('hex'),
      refused: 'NotSupportedError',
      sameObject: true,
    });
  });

  it("names what is missing, and reports misuse with Node's errors", async () => {
    expect(resultOf(await runner.invoke(app(), 'hashErrors'))).toEqual({
      'unknown digest': ['Error', null, 'Digest method not supported'],
      'unknown hmac digest': ['TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: sha0'],
      'digest twice': ['Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called'],
      'bad data': ['TypeError', 'ERR_INVALID_ARG_TYPE', 'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (5)'],
      'not available': ['Error', 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', "crypto.createECDH is not available in Anvil's local runner"],
    });
  });

  it('gives random UUIDs, bytes, integers and values', async () => {
    const result = resultOf(await runner.invoke(app(), 'random')) as { uuids: string[] } & Record<string, unknown>;
    for (const uuid of result.uuids) expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(result).toMatchObject({
      distinct: 3,
      bytes: [true, 32, 8],
      intsInRange: true,
      intsSeen: 4,
      values: true,
      filled: true,
      tooMany: 'QuotaExceededError',
      safeEqual: [true, false],
      safeEqualLengths: 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH',
    });
  });
});
