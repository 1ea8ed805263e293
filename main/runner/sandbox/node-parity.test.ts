import { generateKeyPairSync } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner, resultOf, writeAppBundles } from './runner-child-harness';

/*
 * The same snippets of app code run twice: inside the sandbox, and here in the test process with
 * Node's own modules and globals. What a function sees must be what Node gives it, so the expected
 * value of every check is whatever real Node answers.
 */
const PROBES: Record<string, string> = {
  bufferMethods: String.raw`
    const own = (o) => Object.getOwnPropertyNames(o).filter((n) => n !== 'constructor').sort();
    return { prototype: own(Buffer.prototype), statics: own(Buffer).filter((n) => !['length', 'name', 'prototype', 'arguments', 'caller'].includes(n)) };`,
  bufferBehaviour: String.raw`
    const b = Buffer.alloc(16);
    b.writeBigInt64LE(-5n, 0); b.writeBigUInt64BE(2n ** 63n, 8);
    const r = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8, 0xff, 0x80]);
    const ab = new ArrayBuffer(8); new Uint8Array(ab).set([9, 8, 7, 6, 5, 4, 3, 2]);
    const swapped = Buffer.from('0102030405060708', 'hex');
    return {
      indexOf: [Buffer.from('hello').indexOf('ll'), Buffer.from('hello').indexOf(Buffer.from('lo')), Buffer.from('hello').indexOf(108, 3), Buffer.from('hello').lastIndexOf('l'), Buffer.from('hello').includes('ell')],
      encodings: ['utf8', 'utf-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'utf16le'].map((e) => Buffer.from('héllo wörld ✓ ~?>', e === 'hex' ? 'utf8' : e).toString(e)),
      fromBase64url: Buffer.from('-_-_AA', 'base64url').toString('hex'), fromSloppyBase64: Buffer.from('SGVs bG8=\n', 'base64').toString(),
      bigints: [b.readBigInt64LE(0).toString(), b.readBigUInt64BE(8).toString(), b.toString('hex')],
      ints: [r.readUInt8(0), r.readUInt16LE(0), r.readUInt16BE(1), r.readUInt32LE(2), r.readInt32BE(6), r.readIntBE(4, 6), r.readUIntLE(2, 5), r.readInt8(9), r.readInt16LE(8), r.readFloatLE(0), r.readDoubleBE(0)],
      aliases: [typeof r.readUint8, typeof r.readUint32BE, typeof r.writeUint16LE, typeof r.readBigUint64LE],
      writes: (() => { const w = Buffer.alloc(12); return [w.writeUInt32BE(0xdeadbeef, 0), w.writeInt16LE(-2, 4), w.writeIntBE(-123456, 6, 3), w.writeDoubleLE !== undefined, w.toString('hex')]; })(),
      fromArrayBuffer: Buffer.from(ab, 2, 4).toString('hex'), shared: (() => { const v = Buffer.from(ab); v[0] = 1; return new Uint8Array(ab)[0]; })(),
      alloc: [Buffer.alloc(5, 'ab').toString(), Buffer.alloc(4, 0x41).toString(), Buffer.alloc(6, 'aGk=', 'base64').toString()],
      compare: [Buffer.compare(Buffer.from('a'), Buffer.from('b')), Buffer.from('abc').compare(Buffer.from('abd'), 0, 2, 0, 2), Buffer.from('x').equals(Buffer.from('x'))],
      swap: [Buffer.from(swapped).swap16().toString('hex'), Buffer.from(swapped).swap32().toString('hex'), Buffer.from(swapped).swap64().toString('hex')],
      json: JSON.stringify(Buffer.from('hi')), byteLength: [Buffer.byteLength('aGVsbG8=', 'base64'), Buffer.byteLength('✓✓'), Buffer.byteLength(new Uint16Array(3)), Buffer.byteLength('abcd', 'hex')],
      copy: (() => { const t = Buffer.alloc(6, '.'); const n = Buffer.from('abcdef').copy(t, 1, 2, 5); return [n, t.toString()]; })(),
      fill: Buffer.alloc(7).fill('xyz', 1, 6).toString('hex'),
      concat: Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.from('de')], 4).toString(),
      slices: [Buffer.from('abcdef').subarray(-3, -1).toString(), Buffer.from('abcdef').slice(2).toString(), Buffer.from('abcdef').toString('utf8', 1, 3)],
      identity: [Buffer.from('x') instanceof Uint8Array, Buffer.isBuffer(Buffer.from('x').subarray(0)), Buffer.isEncoding('UTF-8'), Buffer.isEncoding('nope'), Buffer.poolSize],
      invalidUtf8: Buffer.from([0xe2, 0x28, 0xa1, 0xc3]).toString(),
      ofAndCopy: [Buffer.of(1, 2, 3).toString('hex'), typeof Buffer.copyBytesFrom === 'function' ? Buffer.copyBytesFrom(new Uint16Array([1, 2]), 1).toString('hex') : 'missing'],
      errors: [
        () => Buffer.alloc(2).readUInt32LE(0), () => Buffer.alloc(16).readUInt32LE(100), () => Buffer.alloc(16).readUint32BE(13), () => Buffer.alloc(4).readUInt8(1.5),
        () => Buffer.alloc(4).readUInt16BE('1'), () => Buffer.alloc(4).readInt8(-1), () => Buffer.alloc(4).readFloatBE(2 ** 40), () => Buffer.alloc(4).readDoubleLE(),
        () => Buffer.alloc(16).readBigInt64LE(9), () => Buffer.alloc(8).readUIntLE(0, 7), () => Buffer.alloc(8).readIntBE(4, 6), () => Buffer.alloc(8).readUIntBE(undefined, 2),
        () => Buffer.alloc(8).readUInt16LE(NaN), () => Buffer.alloc(4).readUInt8(), () => Buffer.from({}), () => Buffer.from(5), () => Buffer.from(null), () => Buffer.from(Symbol('s')),
        () => Buffer.from({ length: 2, 0: 7, 1: 8 }).toString('hex'), () => Buffer.from({ type: 'Buffer', data: [1, 2] }).toString('hex'), () => Buffer.from(new String('str')).toString(),
      ].map((run) => { try { return ['returned', run()]; } catch (e) { return [e.name, e.code, e.message, e instanceof RangeError || e instanceof TypeError]; } }),
      emptyNeedle: (() => { const h = Buffer.from('hello'); return [h.indexOf('', 10), h.indexOf('', 3), h.indexOf('', -1), h.indexOf('', -10), h.lastIndexOf('', 10), h.lastIndexOf('', 2), h.lastIndexOf(''), h.indexOf(Buffer.alloc(0), 10), h.includes('', 10), h.indexOf('l', 10), h.indexOf('', 'utf8'), Buffer.alloc(0).indexOf(''), h.lastIndexOf('l', -10)]; })(),
    };`,
  bufferModule: String.raw`
    const buffer = require('buffer');
    return {
      names: Object.keys(buffer).filter((n) => !['SlowBuffer', 'transcode', 'resolveObjectURL', 'File'].includes(n)).sort(),
      kMaxLength: typeof buffer.kMaxLength, same: buffer.Buffer === Buffer, constants: Object.keys(buffer.constants).sort(),
      isUtf8: typeof buffer.isUtf8 === 'function' ? [buffer.isUtf8(Buffer.from('✓')), buffer.isUtf8(Buffer.from([0xff]))] : 'missing',
      isAscii: typeof buffer.isAscii === 'function' ? [buffer.isAscii(Buffer.from('a')), buffer.isAscii(Buffer.from('✓'))] : 'missing',
      blob: typeof buffer.Blob,
    };`,
  urls: String.raw`
    const cases = input.urls;
    const show = (u) => ({ href: u.href, origin: u.origin, protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash });
    return cases.map(([text, base]) => { try { return show(base === undefined ? new URL(text) : new URL(text, base)); } catch (e) { return 'throws ' + e.name + ' ' + e.code; } });`,
  urlSetters: String.raw`
    const out = [];
    const u = new URL('https://example.com/a/b?x=1#f');
    for (const [name, value] of [['pathname', '/c d/é'], ['search', 'q=a b'], ['hash', 'top'], ['port', '8443'], ['port', '443'], ['host', 'other.example:99'], ['hostname', 'Ünïcode.example'], ['username', 'me@x'], ['password', 'p:w'], ['protocol', 'http'], ['protocol', 'foo'], ['href', 'http://x.example/']]) {
      u[name] = value;
      out.push(u.href);
    }
    u.searchParams.append('k', 'v w');
    out.push(u.href, u.search);
    u.search = '?a=1&a=2';
    out.push(u.searchParams.getAll('a'));
    try { u.href = 'not a url'; } catch (e) { out.push(e.name + ' ' + e.code); }
    out.push(URL.canParse('x', 'https://a.b'), URL.canParse('http://['), String(new URL('https://a.b/c')), new URL('https://a.b').toJSON());
    return out;`,
  searchParams: String.raw`
    const p = new URLSearchParams('?a=1&b=2&a=3&c=%20x+y&d=%zz&e');
    const out = [p.toString(), p.getAll('a'), p.get('c'), p.get('d'), p.get('e'), p.has('a', '3'), p.size];
    p.sort(); out.push(p.toString());
    p.delete('a', '1'); out.push(p.toString());
    p.set('f', '☃ & =+'); out.push(p.toString());
    out.push(new URLSearchParams([['x', '1'], ['y', '2']]).toString(), new URLSearchParams({ z: 'q', n: 5 }).toString());
    out.push(Array.from(new URLSearchParams('b=2&a=1').keys()), String(new URLSearchParams("~!'()*-._")));
    return out;`,
  legacyUrl: String.raw`
    const url = require('url');
    const fields = (u) => { const o = {}; for (const k of ['protocol', 'slashes', 'auth', 'host', 'port', 'hostname', 'hash', 'search', 'query', 'pathname', 'path', 'href']) o[k] = u[k]; return o; };
    return {
      parsed: input.legacy.map((t) => { try { return fields(url.parse(t)); } catch (e) { return 'throws ' + e.code; } }),
      withQuery: fields(url.parse('http://a.example/p?x=1&x=2&y=z', true)),
      slashesHost: fields(url.parse('//cdn.example/lib.js', false, true)),
      format: [url.format({ protocol: 'https', hostname: 'api.example', pathname: '/v1/items', query: { a: 1, b: 'x y' } }), url.format(url.parse('http://u:p@h.example:81/p?q#h')), url.format({ host: 'h.example', pathname: 'no-slash' }), url.format(new URL('https://a.b/ü?x#y'), { fragment: false, unicode: true })],
      resolve: [url.resolve('http://a.example/b/c', '../d'), url.resolve('/one/two', 'three'), url.resolve('http://a.example', 'https://b.example/x'), url.resolve('http://a.example/b/', '?q')],
      files: [url.fileURLToPath('file:///tmp/a%20b/c.txt'), url.pathToFileURL('/tmp/a b#?.txt').href],
      domains: [url.domainToASCII('español.com'), url.domainToASCII('xn--iñvalid.com'), url.domainToUnicode('xn--espaol-zwa.com')],
    };`,
  cryptoNames: String.raw`
    const crypto = require('crypto');
    return { names: Object.keys(crypto).filter((n) => !['Certificate', 'setEngine', 'secureHeapUsed', 'getFips', 'setFips', 'fips', 'DEFAULT_ENCODING', 'prng', 'pseudoRandomBytes', 'rng', 'createCipher', 'createDecipher'].includes(n)).sort() };`,
  ciphers: String.raw`
    const crypto = require('crypto');
    const key32 = Buffer.alloc(32, 7); const key16 = Buffer.alloc(16, 3); const iv = Buffer.alloc(16, 1); const nonce = Buffer.alloc(12, 2);
    const run = (alg, key, iv, parts, options) => { const c = crypto.createCipheriv(alg, key, iv, options); const out = parts.map((p) => c.update(p, 'utf8', 'hex')); out.push(c.final('hex')); return out; };
    const cbc = run('aes-256-cbc', key32, iv, ['hello ', 'world, this is more than one block of text']);
    const ctr = run('aes-128-ctr', key16, iv, ['counter ', 'mode']);
    const gcm = crypto.createCipheriv('aes-256-gcm', key32, nonce); gcm.setAAD(Buffer.from('header'));
    const sealed = Buffer.concat([gcm.update('secret token'), gcm.final()]); const tag = gcm.getAuthTag();
    const open = crypto.createDecipheriv('aes-256-gcm', key32, nonce); open.setAAD(Buffer.from('header')); open.setAuthTag(tag);
    const opened = open.update(sealed, undefined, 'utf8') + open.final('utf8');
    const bad = crypto.createDecipheriv('aes-256-gcm', key32, nonce); bad.setAuthTag(Buffer.alloc(16));
    let badTag; try { bad.update(sealed); bad.final(); } catch (e) { badTag = [e.name, e.message]; }
    const back = crypto.createDecipheriv('aes-256-cbc', key32, iv); const plain = back.update(cbc.join(''), 'hex', 'utf8') + back.final('utf8');
    const nopad = crypto.createCipheriv('aes-128-cbc', key16, iv); nopad.setAutoPadding(false);
    let unpadded; try { nopad.update('short'); nopad.final(); } catch (e) { unpadded = [e.name, e.code, e.message]; }
    let badKey; try { crypto.createCipheriv('aes-256-cbc', key16, iv); } catch (e) { badKey = [e.name, e.code, e.message]; }
    const ecb = crypto.createCipheriv('aes-128-ecb', key16, null); const ecbOut = Buffer.concat([ecb.update('sixteen byte blk'), ecb.final()]).toString('base64');
    const wrongKey = crypto.createDecipheriv('aes-256-cbc', Buffer.alloc(32, 9), iv); let wrong; try { wrongKey.update(cbc.join(''), 'hex'); wrongKey.final(); } catch (e) { wrong = [e.name, e.code]; }
    return { cbc, ctr, sealed: sealed.toString('hex'), tag: tag.toString('hex'), opened, badTag, plain, unpadded, badKey, ecbOut, wrong,
      ciphers: crypto.getCiphers().includes('aes-256-gcm'), curves: crypto.getCurves().includes('prime256v1'), info: crypto.getCipherInfo('aes-256-gcm') };`,
  derive: String.raw`
    const crypto = require('crypto');
    const hkdf = crypto.hkdfSync('sha256', 'key', 'salt', 'info', 42);
    return {
      pbkdf2: crypto.pbkdf2Sync('password', 'salt', 1000, 32, 'sha256').toString('hex'),
      pbkdf2Async: await new Promise((resolve, reject) => crypto.pbkdf2('pw', Buffer.from('s'), 10, 16, 'sha512', (e, k) => (e ? reject(e) : resolve(k.toString('base64'))))),
      scrypt: crypto.scryptSync('password', 'salt', 64, { N: 1024 }).toString('hex'),
      scryptAsync: await new Promise((resolve, reject) => crypto.scrypt('pw', 'salt', 16, (e, k) => (e ? reject(e) : resolve(k.toString('hex'))))),
      hkdf: [hkdf instanceof ArrayBuffer, Buffer.from(hkdf).toString('hex')],
      badDigest: (() => { try { crypto.pbkdf2Sync('a', 'b', 1, 8, 'nope'); } catch (e) { return [e.name, e.code, e.message]; } })(),
    };`,
  signing: String.raw`
    const crypto = require('crypto');
    const header = Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT' })).toString('base64url');
    const claims = Buffer.from(JSON.stringify({ iss: 'svc@project.iam.gserviceaccount.com', aud: 'https://oauth2.googleapis.com/token' })).toString('base64url');
    const signed = header + '.' + claims;
    const rsSig = crypto.createSign('RSA-SHA256').update(signed).sign(input.rsaPrivate, 'base64url');
    const key = crypto.createPrivateKey(input.rsaPrivate);
    const pub = crypto.createPublicKey(key);
    const ecSig = crypto.sign('sha256', Buffer.from(signed), { key: input.ecPrivate, dsaEncoding: 'ieee-p1363' });
    const pss = crypto.sign('sha256', Buffer.from('x'), { key, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
    const secret = crypto.createSecretKey(Buffer.from('shh'));
    return {
      rsSig, rsVerify: crypto.createVerify('RSA-SHA256').update(signed).verify(input.rsaPublic, rsSig, 'base64url'),
      tampered: crypto.createVerify('SHA256').update(signed + 'x').verify(pub, rsSig, 'base64url'),
      ecLength: ecSig.length, ecVerify: crypto.verify('sha256', Buffer.from(signed), { key: input.ecPublic, dsaEncoding: 'ieee-p1363' }, ecSig),
      ecFromHost: crypto.verify('sha256', Buffer.from('from host'), input.ecPublic, Buffer.from(input.ecHostSig, 'base64')),
      pssVerify: crypto.verify('sha256', Buffer.from('x'), { key: pub, padding: crypto.constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 }, pss),
      key: [key.type, key.asymmetricKeyType, key.asymmetricKeyDetails.modulusLength, String(key.asymmetricKeyDetails.publicExponent), key instanceof crypto.KeyObject, pub.type, key.symmetricKeySize],
      ecKey: (() => { const k = crypto.createPrivateKey(input.ecPrivate); return [k.asymmetricKeyType, k.asymmetricKeyDetails]; })(),
      pubPem: pub.export({ type: 'spki', format: 'pem' }), pkcs1: key.export({ type: 'pkcs1', format: 'pem' }).split('\n')[0],
      jwk: crypto.createPublicKey(input.rsaPublic).export({ format: 'jwk' }), fromJwk: crypto.createPublicKey({ key: pub.export({ format: 'jwk' }), format: 'jwk' }).export({ type: 'spki', format: 'der' }).toString('base64'),
      secret: [secret.type, secret.symmetricKeySize, secret.export().toString(), crypto.createHmac('sha256', secret).update('m').digest('hex')],
      equals: key.equals(crypto.createPrivateKey({ key: input.rsaPrivate, format: 'pem' })),
      oaep: crypto.privateDecrypt(key, crypto.publicEncrypt(input.rsaPublic, Buffer.from('wrapped'))).toString(),
      badPem: (() => { try { crypto.createPrivateKey('-----BEGIN PRIVATE KEY-----\nnope\n-----END PRIVATE KEY-----'); } catch (e) { return [e.name, typeof e.message]; } })(),
    };`,
  keygen: String.raw`
    const crypto = require('crypto');
    const rsa = crypto.generateKeyPairSync('rsa', { modulusLength: 1024, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
    const ec = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ed = crypto.generateKeyPairSync('ed25519');
    const sig = crypto.sign(null, Buffer.from('m'), ed.privateKey);
    const pair = await new Promise((resolve, reject) => crypto.generateKeyPair('ec', { namedCurve: 'secp384r1' }, (e, pub, priv) => (e ? reject(e) : resolve([pub.type, priv.asymmetricKeyDetails.namedCurve]))));
    return {
      rsa: [rsa.publicKey.split('\n')[0], rsa.privateKey.split('\n')[0], crypto.createPrivateKey(rsa.privateKey).asymmetricKeyDetails.modulusLength],
      ec: [ec.publicKey.type, ec.privateKey.type, ec.privateKey.asymmetricKeyDetails],
      ed: [ed.privateKey.asymmetricKeyType, sig.length, crypto.verify(null, Buffer.from('m'), ed.publicKey, sig)],
      pair, secret: crypto.generateKeySync('hmac', { length: 128 }).symmetricKeySize,
    };`,
  subtle: String.raw`
    const subtle = globalThis.crypto.subtle;
    const key = await subtle.importKey('raw', new TextEncoder().encode('secret'), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    const sig = await subtle.sign('HMAC', key, new TextEncoder().encode('message'));
    return {
      key: [key.type, key.algorithm, key.extractable, key.usages, Object.prototype.toString.call(key)],
      sig: Buffer.from(sig).toString('hex'), verify: await subtle.verify('HMAC', key, sig, new TextEncoder().encode('message')),
      digest: Buffer.from(await subtle.digest('SHA-384', new Uint8Array([1]))).toString('hex'),
    };`,
  perfHooks: String.raw`
    // What @forge/api 2.18–2.19 load for their request timings, and what timing libraries use.
    const ph = require('perf_hooks');
    performance.clearMarks(); performance.clearMeasures();
    const observed = new Promise((resolve) => { const o = new ph.PerformanceObserver((list, self) => { resolve([list.getEntries().map((e) => [e.name, e.entryType]), self === o, list.getEntriesByType('measure').length]); o.disconnect(); }); o.observe({ entryTypes: ['mark', 'measure'] }); });
    const start = ph.performance.now();
    // Fixed start times: the order of entries must not depend on how long the process has run.
    const m = performance.mark('a', { startTime: 2, detail: { x: 1 } });
    performance.mark('b', { startTime: 3 });
    const me = performance.measure('b to now', 'b');
    const byOptions = performance.measure('span', { start: 1, duration: 5, detail: 'd' });
    const ours = (list) => list.filter((e) => e.entryType === 'mark' || e.entryType === 'measure').map((e) => [e.name, e.entryType]);
    const missing = (() => { try { performance.measure('x', 'never marked'); } catch (e) { return [e.name, e.code, e.message, e instanceof DOMException]; } })();
    const lag = ph.monitorEventLoopDelay({ resolution: 20 });
    const recorded = ph.createHistogram(); recorded.record(5); recorded.record(7); recorded.record(7);
    const timed = performance.timerify(function add(a, b) { return a + b; });
    return {
      names: Object.keys(ph).sort(), same: ph.performance === performance && require('node:perf_hooks') === ph, elapsed: ph.performance.now() >= start,
      clock: [typeof performance.now(), typeof performance.timeOrigin, Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000],
      mark: [m.name, m.entryType, m.duration, m.detail, m instanceof ph.PerformanceEntry, m instanceof PerformanceMark, Object.prototype.toString.call(m), Object.keys(m.toJSON())],
      measure: [me.entryType, me.startTime, typeof me.duration, byOptions.startTime, byOptions.duration, byOptions.detail],
      entries: [ours(performance.getEntries()), ours(performance.getEntriesByName('a')), ours(performance.getEntriesByType('measure'))],
      cleared: (() => { performance.clearMarks('a'); return ours(performance.getEntries()); })(),
      missing, observed: await observed, supported: ph.PerformanceObserver.supportedEntryTypes,
      lag: [lag.count, lag.min, lag.max, lag.mean, lag.stddev, lag.exceeds, Array.from(lag.percentiles), lag.enable(), lag.enable(), lag.disable(), lag.disable()],
      recorded: [recorded.count, recorded.min, recorded.max, recorded.mean, recorded.stddev, recorded.percentile(50), recorded.percentile(100)],
      timerify: [timed(2, 3), timed.name, timed.length],
      utilization: performance.eventLoopUtilization !== undefined, json: Object.keys(performance.toJSON()).sort(),
      constants: ph.constants.NODE_PERFORMANCE_GC_MAJOR,
    };`,
  messagingAndText: String.raw`
    const { port1, port2 } = new MessageChannel();
    const viaPort = new Promise((resolve) => { port2.onmessage = (e) => resolve([e.data, e instanceof MessageEvent, e.type]); });
    const sent = { n: 1, d: new Date(0), m: new Map([[1, 2]]) };
    port1.postMessage(sent);
    const [data, isEvent, type] = await viaPort;
    port1.close();
    const a = new BroadcastChannel('forge'); const b = new BroadcastChannel('forge'); const other = new BroadcastChannel('elsewhere');
    const heard = [];
    a.onmessage = (e) => heard.push('a:' + e.data); other.onmessage = (e) => heard.push('other:' + e.data);
    const viaChannel = new Promise((resolve) => b.addEventListener('message', (e) => resolve(e.data)));
    a.postMessage('to others'); b.postMessage('from b');
    const broadcast = await viaChannel; await new Promise((r) => setTimeout(r, 5));
    a.close(); b.close(); other.close();
    const closed = (() => { try { a.postMessage('x'); } catch (e) { return [e.name, e.constructor === DOMException]; } })();
    const utf16 = new TextDecoder('utf-16le'); const streamed = utf16.decode(new Uint8Array([0x3d, 0xd8]), { stream: true }) + utf16.decode(new Uint8Array([0x00, 0xde, 0x68]), { stream: true }) + utf16.decode(new Uint8Array([0]));
    return {
      port: [data.n, data.d instanceof Date, data.m.get(1), data === sent, isEvent, type], broadcast, heard, closed,
      decoders: ['utf-16le', 'UTF-16', 'latin1', 'ascii', 'utf8'].map((label) => new TextDecoder(label).encoding),
      utf16: [new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0])), streamed, new TextDecoder('utf-16le').decode(new Uint8Array([0xff, 0xfe, 0x61, 0x00, 0x62]))],
      cp1252: new TextDecoder('latin1').decode(new Uint8Array([0x61, 0x80, 0x99, 0xe9])),
      unsupported: (() => { try { new TextDecoder('klingon'); } catch (e) { return [e.name, e.code]; } })(),
      crypto: [crypto instanceof Crypto, crypto.subtle instanceof SubtleCrypto, Object.prototype.toString.call(crypto), Object.prototype.toString.call(crypto.subtle), typeof CryptoKey, (() => { try { new Crypto(); } catch (e) { return e.name; } })()],
    };`,
  globals: String.raw`
    const names = ['AbortController', 'AbortSignal', 'structuredClone', 'Request', 'Response', 'Headers', 'FormData', 'Blob', 'File', 'TextEncoder', 'TextDecoder', 'atob', 'btoa', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'performance', 'EventTarget', 'Event', 'CustomEvent', 'ReadableStream', 'WritableStream', 'TransformStream', 'TextEncoderStream', 'TextDecoderStream', 'CompressionStream', 'DecompressionStream', 'MessageChannel', 'BroadcastChannel', 'DOMException', 'URL', 'URLSearchParams', 'crypto', 'Crypto', 'CryptoKey', 'SubtleCrypto', 'WebAssembly', 'global', 'fetch'];
    return Object.fromEntries(names.map((n) => [n, typeof globalThis[n]]));`,
  webApis: String.raw`
    const out = {};
    const ac = new AbortController(); ac.abort();
    out.abort = [ac.signal.aborted, ac.signal.reason.name, typeof AbortSignal.timeout, typeof AbortSignal.any, typeof AbortSignal.abort, AbortSignal.abort('why').reason];
    const timed = AbortSignal.timeout(5); await new Promise((r) => setTimeout(r, 30)); out.timeout = [timed.aborted, timed.reason && timed.reason.name];
    const any = AbortSignal.any([new AbortController().signal, AbortSignal.abort('first')]); out.any = [any.aborted, any.reason];
    out.throwIfAborted = (() => { try { AbortSignal.abort().throwIfAborted(); } catch (e) { return [e.name, e.code]; } })();
    const cloned = structuredClone({ d: new Date(0), m: new Map([[1, { a: 2 }]]), s: new Set([1]), r: /x/gi, u: new Uint8Array([1, 2]), n: null, big: 10n });
    out.clone = [cloned.d instanceof Date, cloned.d.getTime(), cloned.m.get(1).a, cloned.s.has(1), cloned.r.flags, Array.from(cloned.u), typeof cloned.big];
    out.cloneError = (() => { try { structuredClone({ f() {} }); } catch (e) { return [e.name, e.constructor === DOMException]; } })();
    const circular = { x: 1 }; circular.self = circular; const c2 = structuredClone(circular); out.circular = c2.self === c2;
    const res = new Response(new Uint8Array([0, 1, 2, 255]), { status: 201, headers: { 'X-A': '1' } });
    const reader = res.body.getReader(); const chunks = []; for (;;) { const { done, value } = await reader.read(); if (done) break; chunks.push(...value); }
    out.responseBody = [chunks, res.bodyUsed, res.status, res.statusText, res.headers.get('x-a')];
    out.responseBytes = Array.from(new Uint8Array(await new Response(new Uint8Array([0xc3, 0x28, 0xff])).arrayBuffer()));
    out.responseJson = await Response.json({ a: 1 }).text();
    out.responseError = [Response.error().type, Response.error().status, Response.redirect('https://a.example/', 302).headers.get('location')];
    const h = new Headers([['Set-Cookie', 'a=1'], ['set-cookie', 'b=2'], ['Accept', 'x']]); h.append('accept', 'y');
    out.headers = [h.getSetCookie(), h.get('set-cookie'), h.get('accept'), Array.from(h.keys())];
    const req = new Request('https://a.example/p?q', { method: 'post', body: 'x=1', headers: { 'content-type': 'text/plain' } });
    out.request = [req.method, req.url, await req.clone().text(), req.headers.get('content-type'), req.body instanceof ReadableStream, req.duplex];
    const fd = new FormData(); fd.append('a', '1'); fd.append('file', new Blob(['bytes'], { type: 'text/plain' }), 'f.txt');
    out.formData = [fd.get('a'), fd.get('file') instanceof File, fd.get('file').name, fd.get('file').type, await fd.get('file').text()];
    const blob = new Blob(['ab', new Uint8Array([0xe2, 0x9c, 0x93]), new Blob(['c'])], { type: 'Text/Plain' });
    out.blob = [blob.size, blob.type, await blob.text(), await blob.slice(1, 5).text(), Array.from(new Uint8Array(await blob.arrayBuffer())), typeof blob.stream];
    const file = new File(['x'], 'n.txt', { type: 'text/plain', lastModified: 5 }); out.file = [file.name, file.size, file.lastModified, file instanceof Blob];
    out.text = [new TextDecoder('utf-16le').decode(new Uint8Array([104, 0, 105, 0])), new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), new TextDecoder('latin1').encoding, new TextEncoder().encodeInto('✓', new Uint8Array(2))];
    out.fatal = (() => { try { new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xff])); } catch (e) { return [e.name, e.code]; } })();
    const dec = new TextDecoder(); out.streamDecode = dec.decode(new Uint8Array([0xe2, 0x9c]), { stream: true }) + dec.decode(new Uint8Array([0x93]));
    out.base64 = [btoa('\xff\x00'), atob(' aGk= '), (() => { try { atob('*'); } catch (e) { return [e.name, e.code]; } })(), (() => { try { btoa('✓'); } catch (e) { return e.name; } })()];
    const target = new EventTarget(); const seen = []; target.addEventListener('ping', (e) => seen.push([e.type, e instanceof Event, e.detail]), { once: true });
    target.dispatchEvent(new CustomEvent('ping', { detail: 7 })); target.dispatchEvent(new Event('ping')); out.events = seen;
    const ev = new Event('x', { cancelable: true }); ev.preventDefault(); out.event = [ev.defaultPrevented, ev.bubbles, typeof ev.timeStamp];
    const order = []; setImmediate(() => order.push('immediate')); queueMicrotask(() => order.push('micro')); await new Promise((r) => setTimeout(r, 5)); out.order = order;
    out.performance = [typeof performance.now(), typeof performance.timeOrigin, typeof performance.mark];
    const rs = ReadableStream.from ? ReadableStream.from(['a', 'b']) : null; const got = []; if (rs) for await (const c of rs) got.push(c); out.readableFrom = got;
    const [t1, t2] = new ReadableStream({ start(c) { c.enqueue('x'); c.close(); } }).tee(); out.tee = [(await t1.getReader().read()).value, (await t2.getReader().read()).value];
    if (typeof TransformStream === 'function') { const upper = new ReadableStream({ start(c) { c.enqueue('ab'); c.close(); } }).pipeThrough(new TransformStream({ transform(chunk, c) { c.enqueue(chunk.toUpperCase()); } })); out.transform = (await upper.getReader().read()).value; }
    out.domException = [new DOMException('m', 'AbortError').code, new DOMException('m', 'AbortError') instanceof Error];
    return out;`,
  webStreams: String.raw`
    const web = require('stream/web');
    const out = {};
    const settle = (p) => p.then((v) => ['ok', v === undefined ? null : v], (e) => ['rejected', e instanceof Error ? [e.name, e.code, e.message] : e]);
    const tick = () => new Promise((r) => setTimeout(r, 0));
    const collect = async (readable) => { const parts = []; for await (const c of readable) parts.push(...c); return parts; };
    const props = (C) => [Object.getOwnPropertyNames(C.prototype).sort(), Object.getOwnPropertyNames(C).filter((n) => !['length', 'name', 'prototype'].includes(n)).sort()];
    // BYOB readers and byte controllers are not offered (see web-streams.ts).
    out.names = Object.keys(web).filter((n) => !['ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest', 'ReadableByteStreamController'].includes(n)).sort();
    out.same = [web.ReadableStream === ReadableStream, web.WritableStream === WritableStream, web.TransformStream === TransformStream, web.TextDecoderStream === TextDecoderStream, web.CompressionStream === CompressionStream, require('node:stream/web') === web];
    out.shapes = ['ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController', 'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy'].map((n) => [n, props(web[n])]);
    out.tags = [new ReadableStream(), new WritableStream(), new TransformStream(), new ReadableStream().getReader(), new WritableStream().getWriter(), new CountQueuingStrategy({ highWaterMark: 1 })].map((v) => Object.prototype.toString.call(v));
    out.iteratorIsValues = ReadableStream.prototype[Symbol.asyncIterator] === ReadableStream.prototype.values;
    out.startThrows = [ReadableStream, WritableStream, TransformStream].map((S) => { try { new S({ start() { throw new Error('no start'); } }); return 'built'; } catch (e) { return e.message; } });

    // A sink that finishes one write at a time: desiredSize and ready show the backpressure.
    const written = [];
    let release = null;
    const sink = new WritableStream({ write(chunk) { written.push(chunk); return new Promise((r) => { release = r; }); }, close() { written.push('closed'); } }, new CountQueuingStrategy({ highWaterMark: 2 }));
    const writer = sink.getWriter();
    let ready = false;
    const sizes = [writer.desiredSize];
    const first = writer.write('a'); sizes.push(writer.desiredSize);
    writer.write('b'); sizes.push(writer.desiredSize);
    writer.write('c'); sizes.push(writer.desiredSize);
    writer.ready.then(() => { ready = true; });
    await tick(); sizes.push(writer.desiredSize, ready, written.slice());
    release(); await first; await tick(); sizes.push(writer.desiredSize, ready);
    release(); await tick(); sizes.push(writer.desiredSize, ready);
    const closing = writer.close(); sizes.push(writer.desiredSize);
    release(); await closing; sizes.push(writer.desiredSize, written, await settle(writer.closed));
    out.backpressure = sizes;
    out.writerLocked = [sink.locked, (() => { try { sink.getWriter(); } catch (e) { return [e.name, e.code, e.message]; } })(), await settle(sink.close())];

    const aborts = [];
    let controllerSignal = null;
    const abortable = new WritableStream({ start(c) { controllerSignal = c.signal; }, abort(reason) { aborts.push(reason); } });
    const aw = abortable.getWriter();
    out.abort = [controllerSignal instanceof AbortSignal, controllerSignal.aborted, await settle(aw.abort('stop')), controllerSignal.aborted, controllerSignal.reason, aborts, await settle(aw.closed), await settle(aw.write('x')), aw.desiredSize];
    const failing = new WritableStream({ write() { throw new Error('disk full'); } });
    const fw = failing.getWriter();
    out.sinkError = [await settle(fw.write('x')), await settle(fw.closed), await settle(fw.ready), fw.desiredSize, await settle(fw.write('y'))];
    let wc = null;
    const errored = new WritableStream({ start(c) { wc = c; } });
    wc.error(new TypeError('from controller'));
    out.controllerError = [await settle(errored.getWriter().closed)];

    // Transforms: two outputs per input, a flush, and backpressure from the readable side.
    const log = [];
    const doubler = new TransformStream({ transform(chunk, c) { log.push('t' + chunk + ':' + c.desiredSize); c.enqueue(chunk * 2); c.enqueue(chunk * 2 + 1); }, flush(c) { log.push('flush'); c.enqueue(-1); } });
    const tw = doubler.writable.getWriter();
    const tr = doubler.readable.getReader();
    const writerSize = tw.desiredSize;
    tw.write(1); tw.write(2); tw.close();
    const doubled = [];
    for (;;) { const { done, value } = await tr.read(); if (done) break; doubled.push(value); }
    out.transform = [writerSize, doubled, log, await settle(tw.closed)];
    const broken = new TransformStream({ transform() { throw new TypeError('bad chunk'); } });
    const bw = broken.writable.getWriter();
    const br = broken.readable.getReader();
    out.transformError = await Promise.all([settle(bw.write('x')), settle(br.read()), settle(bw.closed), settle(br.closed)]);
    const ending = new TransformStream({ transform(chunk, c) { c.enqueue(chunk); c.terminate(); } });
    const ew = ending.writable.getWriter();
    const er = ending.readable.getReader();
    const firstRead = er.read();
    ew.write('last').catch(() => {});
    out.terminate = [(await firstRead).value, (await er.read()).done, (await settle(ew.closed))[0]];
    const identity = new TransformStream();
    const iw = identity.writable.getWriter(); iw.write('same'); iw.close();
    out.identity = await (async () => { const got = []; for await (const v of identity.readable) got.push(v); return got; })();

    // Pipes: completion, errors carried both ways, preventClose, and an AbortSignal.
    const piped = [];
    await ReadableStream.from(['x', 'y', 'z']).pipeTo(new WritableStream({ write(c) { piped.push(c); }, close() { piped.push('end'); } }));
    out.pipeTo = piped;
    const destAborts = [];
    const failingSource = new ReadableStream({ start(c) { c.enqueue('1'); c.error(new Error('source broke')); } });
    out.pipeSourceError = [await settle(failingSource.pipeTo(new WritableStream({ abort(r) { destAborts.push(r.message); } }))), destAborts];
    const cancels = [];
    const endless = new ReadableStream({ pull(c) { c.enqueue('more'); }, cancel(r) { cancels.push(r.message); } });
    out.pipeDestError = [await settle(endless.pipeTo(new WritableStream({ write() { throw new Error('sink broke'); } }))), cancels, endless.locked];
    const kept = [];
    const keptSink = new WritableStream({ write(c) { kept.push(c); }, close() { kept.push('closed'); } });
    await ReadableStream.from([1]).pipeTo(keptSink, { preventClose: true });
    const kw = keptSink.getWriter(); await kw.write(2); await kw.close();
    out.preventClose = kept;
    const ac = new AbortController();
    const stopped = [];
    const ticking = new ReadableStream({ pull(c) { c.enqueue('tick'); }, cancel(r) { stopped.push('cancel ' + r); } });
    const abortedPipe = ticking.pipeTo(new WritableStream({ abort(r) { stopped.push('abort ' + r); } }), { signal: ac.signal });
    ac.abort('enough');
    out.pipeAbort = [await settle(abortedPipe), stopped.sort()];
    out.pipeLocked = await settle(new ReadableStream().pipeTo((() => { const w = new WritableStream(); w.getWriter(); return w; })()));

    // Tee, async iteration, ReadableStream.from.
    const [left, right] = new ReadableStream({ start(c) { c.enqueue(1); c.enqueue(2); c.close(); } }).tee();
    const leftValues = []; for await (const v of left) leftValues.push(v);
    out.tee = [leftValues, (await right.getReader().read()).value];
    const reasons = [];
    const shared = new ReadableStream({ pull(c) { c.enqueue('x'); }, cancel(r) { reasons.push(r); } });
    const [c1, c2] = shared.tee();
    await Promise.all([c1.cancel('one'), c2.cancel('two')]);
    out.teeCancel = reasons;
    const counted = [];
    const counter = new ReadableStream({ pull(c) { c.enqueue(counted.length); }, cancel(r) { counted.push('cancel ' + r); } });
    for await (const v of counter) { counted.push(v); if (v >= 0) break; }
    out.iterBreak = [counted, counter.locked];
    const kept2 = ReadableStream.from([1, 2, 3]);
    for await (const v of kept2.values({ preventCancel: true })) { if (v === 1) break; }
    out.preventCancel = [kept2.locked, (await kept2.getReader().read()).value];
    const fromValues = [];
    for await (const v of ReadableStream.from((async function* () { yield 'g1'; yield 'g2'; })())) fromValues.push(v);
    for await (const v of ReadableStream.from([Promise.resolve('p1'), 'p2'])) fromValues.push(v);
    out.from = [fromValues, (() => { try { ReadableStream.from(5); } catch (e) { return [e.name, e.code]; } })()];

    // Queuing strategies and the readable controller's desiredSize.
    const bytes = new ByteLengthQueuingStrategy({ highWaterMark: 16 });
    const count = new CountQueuingStrategy({ highWaterMark: 3 });
    let rc = null;
    new ReadableStream({ start(c) { rc = c; } }, bytes);
    const before = rc.desiredSize; rc.enqueue(new Uint8Array(10)); const mid = rc.desiredSize; rc.enqueue(new Uint8Array(10));
    out.strategies = [bytes.highWaterMark, bytes.size(new Uint8Array(7)), count.highWaterMark, count.size('anything'), before, mid, rc.desiredSize, new ReadableStream(undefined, count).locked];
    const locked = new ReadableStream();
    const reader = locked.getReader();
    out.readerErrors = [locked.locked, (() => { try { locked.getReader(); } catch (e) { return [e.name, e.code, e.message]; } })(), (await settle(locked.cancel()))[0]];
    reader.releaseLock();
    out.readerErrors.push(locked.locked, (await settle(reader.read()))[0], (await settle(reader.closed))[0]);
    out.closedController = (() => { let r; new ReadableStream({ start(c) { c.close(); try { c.enqueue(1); } catch (e) { r = [e.name, e.code, e.message]; } } }); return r; })();
    const failed = new ReadableStream({ start(c) { c.error(new RangeError('nope')); } }).getReader();
    out.streamError = [await settle(failed.read()), await settle(failed.closed)];
    out.canceled = await (async () => { const got = []; const s = new ReadableStream({ start(c) { c.enqueue('a'); }, cancel(r) { got.push(r); } }); await s.cancel('bye'); got.push((await s.getReader().read()).done); return got; })();

    // Text and compression streams; Response and Blob bodies are the same ReadableStream.
    const response = new Response(new Uint8Array([0xe2, 0x9c, 0x93, 0x20, 0x6f, 0x6b]));
    let text = '';
    for await (const part of response.body.pipeThrough(new TextDecoderStream())) text += part;
    out.responseText = [text, response.bodyUsed, response.body instanceof ReadableStream, await settle(response.text().then(() => 'read again'))];
    const decoder = new TextDecoderStream();
    const dw = decoder.writable.getWriter();
    dw.write(new Uint8Array([0xe2, 0x9c])); dw.write(new Uint8Array([0x93, 0x41])); dw.close();
    const decoded = []; for await (const p of decoder.readable) decoded.push(p);
    out.textDecoderStream = [decoded.join(''), decoder.encoding, decoder.fatal, decoder.ignoreBOM, new TextDecoderStream('utf-16le', { fatal: true }).encoding];
    const encoder = new TextEncoderStream();
    const enw = encoder.writable.getWriter();
    enw.write('a\ud83d'); enw.write('\ude00b'); enw.write('\ud83d'); enw.close();
    out.textEncoderStream = [await collect(encoder.readable), encoder.encoding];
    const plain = new TextEncoder().encode('forge '.repeat(200));
    out.compression = {};
    for (const format of ['gzip', 'deflate', 'deflate-raw']) {
      const cs = new CompressionStream(format);
      const cw = cs.writable.getWriter(); cw.write(plain.subarray(0, 500)); cw.write(plain.subarray(500)); cw.close();
      const packed = await collect(cs.readable);
      const ds = new DecompressionStream(format);
      const dsw = ds.writable.getWriter(); dsw.write(new Uint8Array(packed)); dsw.close();
      const unpacked = await collect(ds.readable);
      out.compression[format] = [Buffer.from(packed).toString('base64'), new TextDecoder().decode(new Uint8Array(unpacked)) === 'forge '.repeat(200)];
    }
    const nodeGzip = require('zlib').gzipSync('from zlib');
    const gunzipped = new Blob([nodeGzip]).stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream());
    out.blobThroughGunzip = await (async () => { let s = ''; for await (const p of gunzipped) s += p; return s; })();
    const bad = new DecompressionStream('gzip');
    const badWriter = bad.writable.getWriter();
    badWriter.write(new Uint8Array([1, 2, 3])).catch(() => {});
    const badClose = settle(badWriter.close());
    out.badGzip = [await settle(collect(bad.readable)), await badClose];
    out.badFormat = (() => { try { new CompressionStream('zip'); } catch (e) { return [e.name, e.code, e.message]; } })();
    return out;`,
};

const HOST_REQUIRE = createRequire(import.meta.url);
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (require: NodeJS.Require, input: unknown) => Promise<unknown>;

/** What Node itself answers for a probe, in the same JSON form the sandbox's result takes. */
async function inNode(name: string, input: unknown): Promise<unknown> {
  const run = new AsyncFunction('require', 'input', PROBES[name]!);
  return JSON.parse(JSON.stringify(await run(HOST_REQUIRE, input)) ?? 'null');
}

const APP = Object.entries(PROBES)
  .map(([name, body]) => `exports.${name} = async (input) => {\n${body}\n};`)
  .join('\n');

const runner = new InProcessRunner();
let folder: string;
const input: Record<string, unknown> = {};

async function same(name: string): Promise<void> {
  const sandboxed = resultOf(await runner.invoke(path.join(folder, 'index.js'), name, input));
  expect(sandboxed).toEqual(await inNode(name, input));
}

beforeAll(() => {
  folder = writeAppBundles({ 'index.js': APP });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  Object.assign(input, {
    rsaPrivate: rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }),
    rsaPublic: rsa.publicKey.export({ type: 'spki', format: 'pem' }),
    ecPrivate: ec.privateKey.export({ type: 'sec1', format: 'pem' }),
    ecPublic: ec.publicKey.export({ type: 'spki', format: 'pem' }),
    ecHostSig: HOST_REQUIRE('node:crypto').sign('sha256', Buffer.from('from host'), ec.privateKey).toString('base64'),
    urls: URL_CASES,
    legacy: LEGACY_URLS,
  });
});

const URL_CASES: [string, string?][] = [
  ['https://user:pass@Sub.Example.COM:8080/p/a/t/h?query=string#hash'],
  ['HTTP://EXAMPLE.com:80/'],
  ['https://example.com:443'],
  ['https://example.com:0443/'],
  ['https://example.com:65536/'],
  ['http://[::1]:3000/x'],
  ['http://[2001:DB8:0:0:8:800:200C:417A]/'],
  ['http://[::ffff:192.168.0.1]/'],
  ['http://[1:2:3]/'],
  ['http://0x7f.1/'],
  ['http://192.168.0.257/'],
  ['http://3232235521/'],
  ['http://1.2.3.4.5/'],
  ['https://münchen.de/straße'],
  ['https://xn--mnchen-3ya.de/'],
  ['https://☃.net/'],
  ['https://EXAMPLE.com./'],
  ['https://ex%41mple.com/'],
  ['https://exa mple.com/'],
  ['https://a.example/ä?ö=ü#ß'],
  ['https://a.example/%7Efoo/%2e%2E/bar'],
  ['https://a.example/a/./b/../../c'],
  ['https://a.example\\b\\c'],
  ['https:a.example/x'],
  ['https:///a.example/x'],
  ['  https://a.example/\t\nx  '],
  ['https://a.example/?a=b c&\'d\'"e"'],
  ['https://a.example/#a b<c>`'],
  ['https://us er:pa@ss@a.example/'],
  ['file:///C:/Users/x/../y.txt'],
  ['file://localhost/etc/hosts'],
  ['file://server/share/x'],
  ['file:/etc/passwd'],
  ['mailto:Someone@Example.com?subject=Hi there'],
  ['data:text/plain;base64,SGVsbG8='],
  ['javascript:alert(1)'],
  ['urn:isbn:0451450523'],
  ['git+ssh://git@github.com:owner/repo.git'],
  ['custom://Host.Example/Path/../x?y#z'],
  ['custom:/a/../b'],
  ['blob:https://a.example/uuid'],
  ['ws://a.example:80/'],
  ['wss://a.example:443/socket'],
  ['ftp://a.example:21/file'],
  ['../x?y', 'https://a.example/b/c/d'],
  ['//other.example/p', 'https://a.example/'],
  ['?only', 'https://a.example/p?q#h'],
  ['#frag', 'https://a.example/p?q'],
  ['', 'https://a.example/p?q#h'],
  ['/abs', 'file:///C:/dir/file'],
  ['x', 'mailto:a@b.c'],
  ['http:relative', 'http://a.example/dir/'],
  ['not a url'],
  ['http://'],
  ['https://a.example:x/'],
  ['https://a b.example/'],
  ['https://a.example/%zz'],
];

const LEGACY_URLS = [
  'https://user:pw@api.example.com:8443/v1/items?id=1&x=y#frag',
  'http://EXAMPLE.com/Path',
  '/relative/path?x=1',
  'relative?x',
  '//protocol-relative.example/p',
  'mailto:someone@example.com',
  'http://a.example/a b',
  'http://[::1]:8080/',
  'javascript:alert(1)',
  'https://a.example?x',
  'http://x.example/\\back',
  'file:///tmp/a.txt',
  'HTTPS://münchen.de/',
];

describe('what app code gets matches Node', () => {
  for (const name of Object.keys(PROBES)) it(`${name} behaves as in Node`, () => same(name));
});

// Every byte value, twice, and bytes that are not UTF-8: what an image or a zip looks like.
const BINARY = Buffer.from([...Array.from({ length: 256 }, (_, i) => i), 0xff, 0xfe, 0xc3, 0x28, 0x00]);
const BINARY_APP = String.raw`
const https = require('https');
const bytes = (b64) => Buffer.from(b64, 'base64');
exports.send = async ({ data }) => {
  const blob = new Blob([bytes(data)], { type: 'image/png' });
  const form = new FormData();
  form.append('file', blob, 'logo.png');
  form.append('comment', 'attached');
  await fetch('https://api.example.com/buffer', { method: 'POST', body: bytes(data) });
  await fetch('https://api.example.com/uint8', { method: 'PUT', body: new Uint8Array(bytes(data)) });
  await fetch('https://api.example.com/arraybuffer', { method: 'POST', body: new Uint8Array(bytes(data)).buffer });
  await fetch('https://api.example.com/blob', { method: 'POST', body: blob });
  await fetch('https://api.example.com/form', { method: 'POST', body: form });
  await new Promise((resolve, reject) => {
    const req = https.request('https://api.example.com/http', { method: 'POST' }, (res) => { res.resume(); res.on('end', resolve); });
    req.on('error', reject);
    req.write(bytes(data).subarray(0, 100));
    req.end(bytes(data).subarray(100));
  });
};
exports.receive = async () => {
  const response = await fetch('https://api.example.com/image.png');
  const viaFetch = Buffer.from(await response.arrayBuffer()).toString('base64');
  const viaReader = [];
  const reader = (await fetch('https://api.example.com/image.png')).body.getReader();
  for (;;) { const { done, value } = await reader.read(); if (done) break; viaReader.push(...value); }
  const viaHttp = await new Promise((resolve, reject) => {
    https.get('https://api.example.com/image.png', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('base64')));
    }).on('error', reject);
  });
  const text = await (await fetch('https://api.example.com/text')).text();
  return { viaFetch, viaReader: Buffer.from(viaReader).toString('base64'), viaHttp, text };
};
`;

describe('binary bodies through the egress call', () => {
  let binaryFolder: string;
  beforeAll(() => {
    binaryFolder = writeAppBundles({ 'index.js': BINARY_APP });
  });
  const sentBytes = (request: { body: string | null; bodyEncoding?: string }) => Buffer.from(request.body ?? '', request.bodyEncoding === 'base64' ? 'base64' : 'utf8');

  it('sends Buffer, Uint8Array, ArrayBuffer, Blob, FormData and http.request bodies byte for byte', async () => {
    const record = await runner.invoke(path.join(binaryFolder, 'index.js'), 'send', { data: BINARY.toString('base64') });
    resultOf(record);
    const byUrl = new Map(record.calls.map((call) => [new URL(call.request.url).pathname, call.request]));
    for (const name of ['/buffer', '/uint8', '/arraybuffer', '/blob', '/http']) expect(sentBytes(byUrl.get(name)!).equals(BINARY), name).toBe(true);
    expect(byUrl.get('/blob')!.headers['content-type']).toBe('image/png');
    // The multipart body Node's own fetch would send holds the same file bytes.
    const form = byUrl.get('/form')!;
    const boundary = /boundary=(.+)$/.exec(form.headers['content-type']!)![1]!;
    const multipart = sentBytes(form);
    const parsed = await new Response(multipart, { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }).formData();
    const file = parsed.get('file') as File;
    expect(Buffer.from(await file.arrayBuffer()).equals(BINARY)).toBe(true);
    expect([file.name, file.type, parsed.get('comment')]).toEqual(['logo.png', 'image/png', 'attached']);
  });

  it('hands binary responses to arrayBuffer(), body readers and http data chunks unchanged', async () => {
    const record = await runner.invoke(
      path.join(binaryFolder, 'index.js'),
      'receive',
      {},
      {
        answer: (call) =>
          call.request.url.endsWith('/text')
            ? { status: 200, headers: { 'content-type': 'text/plain' }, body: 'héllo ✓' }
            : { status: 200, headers: { 'content-type': 'image/png' }, body: BINARY.toString('base64'), bodyEncoding: 'base64' },
      },
    );
    const expected = BINARY.toString('base64');
    expect(resultOf(record)).toEqual({ viaFetch: expected, viaReader: expected, viaHttp: expected, text: 'héllo ✓' });
  });
});

const REALM_APP = String.raw`
const crypto = require('crypto');
const url = require('url');
exports.realm = ({ pem }) => {
  const values = [
    crypto.createPrivateKey(pem), crypto.createPublicKey(pem), crypto.createSecretKey(Buffer.from('k')),
    crypto.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12)), crypto.createSign('SHA256'),
    crypto.pbkdf2Sync('p', 's', 1, 8, 'sha256'), new URL('https://münchen.de/?a=1'), new URL('https://a.example').searchParams,
    url.parse('http://a.example/p?q'), crypto.privateDecrypt(pem, crypto.publicEncrypt(pem, Buffer.from('x'))),
  ];
  // The context refuses code from strings; the host's Function would not.
  return values.map((value) => { try { value.constructor.constructor('return 1')(); return 'host realm'; } catch (e) { return e instanceof EvalError ? 'own realm' : 'other: ' + e; } });
};
exports.streamRealm = async () => {
  const gzip = new CompressionStream('gzip');
  const writer = gzip.writable.getWriter(); writer.write(new Uint8Array([1, 2, 3])); writer.close();
  const reader = gzip.readable.getReader();
  const step = await reader.read();
  const broken = new DecompressionStream('deflate');
  const bw = broken.writable.getWriter(); bw.write(new Uint8Array([9])).catch(() => {});
  broken.readable.getReader().read().catch(() => {});
  const failure = await bw.close().catch((e) => e);
  let controller;
  new ReadableStream({ start(c) { controller = c; } });
  const bodyStep = await new Response('x').body.getReader().read();
  let bufferError; try { Buffer.alloc(1).readUInt32LE(4); } catch (e) { bufferError = e; }
  const values = [step, step.value, failure, reader, writer, controller, bodyStep.value, require('stream/web'), bufferError, reader.closed, new TransformStream().readable.values()];
  return values.map((value) => { try { value.constructor.constructor('return 1')(); return 'host realm'; } catch (e) { return e instanceof EvalError ? 'own realm' : 'other: ' + e; } });
};
exports.limits = () => {
  const tryIt = (run) => { try { run(); return 'ran'; } catch (e) { return e.code; } };
  return [
    tryIt(() => crypto.pbkdf2Sync('p', 's', 100000000, 32, 'sha256')),
    tryIt(() => crypto.generateKeyPairSync('rsa', { modulusLength: 16384 })),
    tryIt(() => crypto.scryptSync('p', 's', 16, { N: 2 ** 20, r: 8, maxmem: 2 ** 31 })),
  ];
};
`;

describe('the host operations behind crypto and URL', () => {
  let realmFolder: string;
  beforeAll(() => {
    realmFolder = writeAppBundles({ 'index.js': REALM_APP });
  });

  it('gives app code keys, ciphers, signatures and URLs of its own realm, never a host object', async () => {
    const result = resultOf(await runner.invoke(path.join(realmFolder, 'index.js'), 'realm', { pem: input.rsaPrivate })) as string[];
    expect(result.length).toBe(10);
    expect(new Set(result)).toEqual(new Set(['own realm']));
  });

  it('gives app code stream chunks, readers, writers, controllers and zlib stream errors of its own realm', async () => {
    const result = resultOf(await runner.invoke(path.join(realmFolder, 'index.js'), 'streamRealm')) as string[];
    expect(result.length).toBe(11);
    expect(new Set(result)).toEqual(new Set(['own realm']));
  });

  it('refuses pbkdf2, RSA key generation and scrypt work too large to finish inside an invocation', async () => {
    expect(resultOf(await runner.invoke(path.join(realmFolder, 'index.js'), 'limits'))).toEqual(['ERR_OUT_OF_RANGE', 'ERR_OUT_OF_RANGE', 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS']);
  });
});
