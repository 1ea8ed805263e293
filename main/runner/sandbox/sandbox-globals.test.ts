import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InProcessRunner, resultOf, writeAppBundles } from './runner-child-harness';

// What app code finds around it, checked with the invocation code running in this process.
const GLOBALS = String.raw`
exports.url = () => {
  const u = new URL('https://user:pw@Your-Domain.atlassian.net:443/rest/api/3/../3/search?jql=project = ABC&x=1#top');
  u.searchParams.append('fields', 'summary,status');
  const relative = new URL('../wiki/spaces?limit=5', 'https://site.atlassian.net/rest/api/');
  const params = new URLSearchParams({ q: 'a b&c', emoji: '✓' });
  return {
    href: u.href, origin: u.origin, host: u.host, pathname: u.pathname, search: u.search, hash: u.hash,
    jql: u.searchParams.get('jql'), relative: relative.href, params: params.toString(),
    parsedBack: Object.fromEntries(new URLSearchParams(params.toString())),
    file: new URL('file:///tmp/x/../y.txt').href, mailto: new URL('mailto:a@b.c').pathname,
    invalid: (() => { try { new URL('/relative'); return 'parsed'; } catch (e) { return e.name + ': ' + e.message; } })(),
    canParse: URL.canParse('https://ok.example'),
    json: JSON.stringify({ u: new URL('http://a.example/p') }),
  };
};
exports.bytes = () => {
  const encoded = new TextEncoder().encode('héllo ✓ 😀');
  return {
    length: encoded.length,
    decoded: new TextDecoder().decode(encoded),
    replacement: new TextDecoder().decode(new Uint8Array([0x61, 0xff, 0x62])),
    btoa: btoa('user:token'),
    atob: atob('dXNlcjp0b2tlbg=='),
    basic: 'Basic ' + Buffer.from('me@example.com:api-token').toString('base64'),
    hex: Buffer.from('Forge').toString('hex'),
    fromHex: Buffer.from('466f726765', 'hex').toString(),
    base64url: Buffer.from([251, 255]).toString('base64url'),
    concat: Buffer.concat([Buffer.from('a'), Buffer.from('bc')]).toString(),
    isBuffer: Buffer.isBuffer(Buffer.alloc(2)) && !Buffer.isBuffer(new Uint8Array(2)),
    byteLength: Buffer.byteLength('✓'),
    json: JSON.stringify(Buffer.from('hi')),
    slice: Buffer.from('abcdef').slice(1, 3).toString(),
  };
};
exports.console = () => {
  console.log('%s: %d issues, %i%% done, %j', 'ABC', 7, 42.9, { a: 1 });
  console.log('no placeholders', 1, true, null, undefined, [1, 'two'], { nested: { deep: 1 } });
  const circular = { name: 'loop' }; circular.self = circular;
  console.log(circular);
  console.log(function named() {}, class Issue {}, Symbol('s'), 10n);
  console.warn('%o', 'quoted');
  console.count(); console.count();
  console.group('group'); console.log('inside'); console.groupEnd(); console.log('outside');
  console.assert(1 === 2, 'maths is broken');
  process.stdout.write('raw line\n');
};
exports.timers = async () => {
  const order = [];
  setTimeout(() => order.push('timeout 40'), 40);
  setTimeout(() => order.push('timeout 20'), 20);
  setImmediate(() => order.push('immediate'));
  queueMicrotask(() => order.push('microtask'));
  process.nextTick(() => order.push('nextTick'));
  const cancelled = setTimeout(() => order.push('cancelled'), 5);
  clearTimeout(cancelled);
  let ticks = 0;
  await new Promise((resolve) => {
    const interval = setInterval(() => { ticks++; if (ticks === 3) { clearInterval(interval); resolve(); } }, 2);
  });
  await new Promise((resolve) => setTimeout(resolve, 50, 'value'));
  const slept = await require('timers/promises').setTimeout(1, 'slept');
  return { order, ticks, slept };
};
exports.modules = async () => {
  const path = require('path');
  const util = require('node:util');
  const { EventEmitter } = require('events');
  const { AsyncLocalStorage } = require('async_hooks');
  const emitter = new EventEmitter();
  const heard = [];
  emitter.on('issue', (key) => heard.push('on ' + key));
  emitter.once('issue', (key) => heard.push('once ' + key));
  emitter.emit('issue', 'A-1');
  emitter.emit('issue', 'A-2');
  const storage = new AsyncLocalStorage();
  const store = storage.run({ user: 'u1' }, () => storage.getStore());
  const sleep = util.promisify((ms, callback) => setTimeout(() => callback(null, 'done ' + ms), ms));
  return {
    join: path.join('/app', 'i18n', '..', 'locales', 'en.json'),
    dirname: path.dirname('/app/locales/en.json'),
    basename: path.basename('/app/locales/en.json', '.json'),
    extname: path.extname('index.test.js'),
    resolve: path.resolve('a', '../b'),
    relative: path.relative('/a/b/c', '/a/d'),
    format: util.format('%s=%d', 'n', 5),
    inspect: util.inspect('text'),
    promisified: await sleep(1),
    heard, listeners: emitter.listenerCount('issue'),
    store, outside: storage.getStore(),
    bound: AsyncLocalStorage.bind(() => 'bound')(),
    exists: require('fs').existsSync('/app/locales/en.json'),
    sameModule: require('fs') === require('node:fs'),
  };
};
exports.runtime = () => {
  const runtime = __forge_runtime__;
  const counter = runtime.metrics.counter('calls', { a: 'b' });
  counter.incr();
  runtime.metrics.timing('t').measure().stop();
  runtime.metrics.gauge('g').set(1);
  return {
    proxy: runtime.proxy,
    contextAri: runtime.contextAri,
    appContext: runtime.appContext,
    aaid: runtime.aaid,
    requestId: runtime.lambdaContext.awsRequestId.startsWith('test-invocation-'),
    remaining: runtime.lambdaContext.getRemainingTimeInMillis() > 0,
    tracing: /^[0-9a-f]{32}$/.test(runtime.tracing.traceId) && /^[0-9a-f]{16}$/.test(runtime.tracing.spanId),
    flag: runtime.featureFlags('anything'),
    global: global === globalThis,
    process: { platform: process.platform, cwd: process.cwd(), node: process.versions.node === process.version.slice(1), env: process.env },
    types: [typeof fetch, typeof Headers, typeof Response, typeof performance.now(), typeof structuredClone],
  };
};
exports.requests = async () => {
  const form = await fetch(new URL('https://api.example.com/form'), { method: 'put', body: new URLSearchParams({ a: '1 2' }) });
  const bytes = await fetch('https://api.example.com/bytes', { method: 'POST', body: new TextEncoder().encode('raw ✓'), headers: [['X-One', '1'], ['x-one', '2']] });
  const headers = new Headers({ 'Content-Type': 'text/plain' });
  headers.append('Accept', 'application/json');
  const response = await __forge_fetch__({ type: 'fpp', provider: 'none', remote: 'confluence' }, '/wiki/api/v2/pages', { headers });
  const text = await response.text();
  let reused;
  try { await response.text(); reused = 'read twice'; } catch (e) { reused = e.message; }
  return {
    formStatus: form.status, formText: form.statusText, formUrl: form.url,
    bytesOk: bytes.ok, text, reused, header: response.headers.get('X-Reply'),
    badUrl: await fetch('not a url').then(() => 'fetched', (e) => e.message),
  };
};
exports.standardStreams = async () => {
  const fs = require('fs');
  const written = fs.writeSync(1, 'to stdout ✓\n');
  const later = await new Promise((resolve) => fs.write(2, Buffer.from('xto stderr\n'), 1, 10, (e, n) => resolve(e ? e.message : n)));
  let other;
  try { fs.writeSync(3, 'x'); } catch (e) { other = e.code; }
  return { written, later, other };
};

exports.files = async () => {
  const fs = require('fs');
  const outcome = {};
  try { fs.readFileSync(__dirname + '/index.js'); outcome.own = 'read'; } catch (e) { outcome.own = e.code; }
  outcome.stat = fs.statSync('/x', { throwIfNoEntry: false });
  try { await require('fs/promises').writeFile('/tmp/x', 'y'); } catch (e) { outcome.write = e.code + ' ' + e.message; }
  return outcome;
};
`;

let folder: string;
const runner = new InProcessRunner();
const app = () => path.join(folder, 'globals.js');

beforeAll(() => {
  folder = writeAppBundles({ 'globals.js': GLOBALS });
});

describe('globals inside the context', () => {
  it('has URL and URLSearchParams that parse, resolve and encode like Node', async () => {
    expect(resultOf(await runner.invoke(app(), 'url'))).toEqual({
      href: 'https://user:pw@your-domain.atlassian.net/rest/api/3/search?jql=project+%3D+ABC&x=1&fields=summary%2Cstatus#top',
      origin: 'https://your-domain.atlassian.net',
      host: 'your-domain.atlassian.net',
      pathname: '/rest/api/3/search',
      search: '?jql=project+%3D+ABC&x=1&fields=summary%2Cstatus',
      hash: '#top',
      jql: 'project = ABC',
      relative: 'https://site.atlassian.net/rest/wiki/spaces?limit=5',
      params: 'q=a+b%26c&emoji=%E2%9C%93',
      parsedBack: { q: 'a b&c', emoji: '✓' },
      file: 'file:///tmp/y.txt',
      mailto: 'a@b.c',
      invalid: 'TypeError: Invalid URL',
      canParse: true,
      json: '{"u":"http://a.example/p"}',
    });
  });

  it('has TextEncoder, TextDecoder, atob, btoa and a Buffer for the usual encodings', async () => {
    expect(resultOf(await runner.invoke(app(), 'bytes'))).toEqual({
      length: 15,
      decoded: 'héllo ✓ 😀',
      replacement: 'a\uFFFDb',
      btoa: 'dXNlcjp0b2tlbg==',
      atob: 'user:token',
      basic: 'Basic bWVAZXhhbXBsZS5jb206YXBpLXRva2Vu',
      hex: '466f726765',
      fromHex: 'Forge',
      base64url: '-_8',
      concat: 'abc',
      isBuffer: true,
      byteLength: 3,
      json: '{"type":"Buffer","data":[104,105]}',
      slice: 'bc',
    });
  });

  it('formats console lines like util.format', async () => {
    const record = await runner.invoke(app(), 'console');
    expect(record.logs.map(({ level, message }) => `${level}: ${message}`)).toEqual([
      'log: ABC: 7 issues, 42% done, {"a":1}',
      "log: no placeholders 1 true null undefined [ 1, 'two' ] { nested: { deep: 1 } }",
      "log: <ref *1> { name: 'loop', self: [Circular *1] }",
      'log: [Function: named] [class Issue] Symbol(s) 10n',
      "warn: 'quoted'",
      'log: default: 1',
      'log: default: 2',
      'log: group',
      'log:   inside',
      'log: outside',
      'warn: Assertion failed: maths is broken',
      'info: raw line',
    ]);
  });

  it('runs microtasks, then immediates, then timers by delay, and honours clear', async () => {
    const { order, ticks, slept } = resultOf(await runner.invoke(app(), 'timers')) as { order: string[]; ticks: number; slept: string };
    expect(order.slice(0, 2).sort()).toEqual(['microtask', 'nextTick']);
    expect(order.slice(2)).toEqual(['immediate', 'timeout 20', 'timeout 40']);
    expect({ ticks, slept }).toEqual({ ticks: 3, slept: 'slept' });
  });

  it('has the Node modules the @forge packages load: path, util, events, async_hooks, fs', async () => {
    expect(resultOf(await runner.invoke(app(), 'modules'))).toEqual({
      join: '/app/locales/en.json',
      dirname: '/app/locales',
      basename: 'en',
      extname: '.js',
      resolve: '/b',
      relative: '../../d',
      format: 'n=5',
      inspect: "'text'",
      promisified: 'done 1',
      heard: ['on A-1', 'once A-1', 'on A-2'],
      listeners: 1,
      store: { user: 'u1' },
      bound: 'bound',
      exists: false,
      sameModule: true,
    });
  });

  it('has the __forge_runtime__ the @forge packages read, and a process with only the given env', async () => {
    const record = await runner.invoke(
      app(),
      'runtime',
      {},
      {
        env: { FORGE_USER_VAR_REGION: 'eu' },
        appContextJson: JSON.stringify({ appId: 'ari:cloud:ecosystem::app/1', environmentType: 'DEVELOPMENT', moduleKey: 'my-resolver' }),
      },
    );
    expect(resultOf(record)).toEqual({
      proxy: { token: 'anvil-local', url: 'https://anvil.invalid' },
      contextAri: 'ari:cloud:jira::site/0000-test',
      appContext: { appId: 'ari:cloud:ecosystem::app/1', environmentType: 'DEVELOPMENT', moduleKey: 'my-resolver' },
      aaid: 'account-1',
      requestId: true,
      remaining: true,
      tracing: true,
      flag: false,
      global: true,
      process: { platform: 'linux', cwd: '/', node: true, env: { FORGE_USER_VAR_REGION: 'eu' } },
      types: ['function', 'function', 'function', 'number', 'function'],
    });
  });

  it('sends requests with normalised methods, headers and bodies, and gives back Response objects', async () => {
    const record = await runner.invoke(
      app(),
      'requests',
      {},
      {
        answer: (call) => ({ status: call.request.url.endsWith('/form') ? 404 : 200, headers: { 'X-Reply': 'yes' }, body: 'reply body' }),
      },
    );
    expect(record.calls.map((c) => [c.kind, c.request.method, c.request.url, c.request.headers, c.request.body])).toEqual([
      ['fetch', 'PUT', 'https://api.example.com/form', { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, 'a=1+2'],
      ['fetch', 'POST', 'https://api.example.com/bytes', { 'x-one': '1, 2' }, 'raw ✓'],
      ['product', 'GET', '/wiki/api/v2/pages', { accept: 'application/json', 'content-type': 'text/plain' }, null],
    ]);
    expect(resultOf(record)).toEqual({
      formStatus: 404,
      formText: 'Not Found',
      formUrl: 'https://api.example.com/form',
      bytesOk: true,
      text: 'reply body',
      reused: 'Body is unusable: Body has already been read',
      header: 'yes',
      badUrl: 'Failed to parse URL from not a url',
    });
  });

  it('logs what is written to file descriptors 1 and 2, as the platform keeps stdout and stderr, and refuses other descriptors', async () => {
    const record = await runner.invoke(app(), 'standardStreams');
    expect(resultOf(record)).toEqual({ written: 14, later: 10, other: 'EROFS' });
    expect(record.logs.map((log) => [log.level, log.message])).toEqual([
      ['info', 'to stdout ✓'],
      ['error', 'to stderr'],
    ]);
  });

  it('shows an fs with no files in it, not even the bundle, and no writes', async () => {
    expect(resultOf(await runner.invoke(app(), 'files'))).toEqual({
      own: 'ENOENT',
      write:
        "EROFS fs.promises.writeFile('/tmp/x') cannot write in Anvil\u2019s local runner: a Forge function has no disk that keeps what it writes. " +
        'On the platform only /tmp is writable (512 MB), and it is not kept between invocations: the next one may run on a fresh instance. ' +
        'Way out: keep data in Forge storage (@forge/kvs, or Forge SQL); build a file the function only passes on (an attachment, an upload) in memory, as a Buffer or string.',
    });
  });
});
