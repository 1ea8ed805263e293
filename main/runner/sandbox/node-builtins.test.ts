import { build } from 'esbuild';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallMessage } from '../protocol';
import { buildRunnerChild, InProcessRunner, resultOf, RunnerChild, writeAppBundles } from './runner-child-harness';

// Node's standard modules as app code finds them in the sandbox, checked against Node itself where
// the answer is data: the same expressions run here and in the context must agree.

const BUFFER_CASES: [string, string][] = [
  ['indexOf', "Buffer.from('hello').indexOf('ll')"],
  ['lastIndexOf', "Buffer.from('abcabc').lastIndexOf('b')"],
  ['includes', "Buffer.from('hello').includes('ell')"],
  ['indexOf a byte', "Buffer.from('hello').indexOf(0x6c, 3)"],
  ['equals', "Buffer.from('ab').equals(Buffer.from('ab'))"],
  ['compare', "Buffer.compare(Buffer.from('a'), Buffer.from('b'))"],
  ['readUInt32BE', 'Buffer.from([1, 2, 3, 4]).readUInt32BE(0)'],
  ['readInt16LE', 'Buffer.from([0xfe, 0xff]).readInt16LE(0)'],
  ['readBigUInt64LE', 'String(Buffer.from([1, 0, 0, 0, 0, 0, 0, 1]).readBigUInt64LE(0))'],
  ['readDoubleBE', "Buffer.from('400921fb54442d18', 'hex').readDoubleBE(0)"],
  ['writeUInt16BE', "(() => { const b = Buffer.alloc(4); b.writeUInt16BE(0xbeef, 1); return b.toString('hex'); })()"],
  ['writeInt32LE', "(() => { const b = Buffer.alloc(4); b.writeInt32LE(-2, 0); return b.toString('hex'); })()"],
  ['writeFloatLE', '(() => { const b = Buffer.alloc(4); b.writeFloatLE(1.5, 0); return [...b]; })()'],
  ['swap16', "Buffer.from([1, 2, 3, 4]).swap16().toString('hex')"],
  ['fill', "Buffer.alloc(5, 'ab').toString()"],
  ['subarray', "Buffer.from('abcdef').subarray(2, 4).toString()"],
  ['toString range', "Buffer.from('abcdef').toString('utf8', 1, 3)"],
  ['latin1', "Buffer.from('é', 'latin1').toString('hex')"],
  ['utf16le', "Buffer.from('hi', 'utf16le').toString('hex')"],
  ['base64url', "Buffer.from([251, 255, 191]).toString('base64url')"],
  ['from base64url', "Buffer.from('-_-_', 'base64url').toString('hex')"],
  ['byteLength', "Buffer.byteLength('✓😀')"],
  ['concat with length', "Buffer.concat([Buffer.from('abc'), Buffer.from('def')], 4).toString()"],
  ['copy', "(() => { const t = Buffer.alloc(4, '.'); Buffer.from('xy').copy(t, 1); return t.toString(); })()"],
  ['write with encoding', "(() => { const b = Buffer.alloc(4); const n = b.write('ff00', 'hex'); return [n, b.toString('hex')]; })()"],
  ['toJSON', 'JSON.stringify(Buffer.from([1, 2]))'],
  ['isEncoding', "[Buffer.isEncoding('utf8'), Buffer.isEncoding('base64url'), Buffer.isEncoding('nope')]"],
  ['instance of Uint8Array', 'Buffer.alloc(1) instanceof Uint8Array'],
];

const MODULE_CASES: [string, string][] = [
  ['querystring.parse', "require('querystring').parse('a=1&b=2&b=3&c=x%20y')"],
  ['querystring.stringify', "require('querystring').stringify({ a: [1, 2], b: 'x y', c: '' })"],
  ['url.parse', "JSON.parse(JSON.stringify(require('url').parse('https://user:pw@example.com:8443/p/a/t/h?query=string#hash')))"],
  ['url.parse with query', "require('url').parse('http://example.com/x?a=1&b=2', true).query"],
  ['url.format', "require('url').format({ protocol: 'https', hostname: 'example.com', pathname: '/a', query: { b: 'c d' } })"],
  ['url.resolve', "require('url').resolve('https://example.com/a/b', '../c')"],
  [
    'string_decoder',
    "(() => { const d = new (require('string_decoder').StringDecoder)('utf8'); const b = Buffer.from('✓'); return d.write(b.subarray(0, 1)) + '|' + d.write(b.subarray(1)) + '|' + d.end(); })()",
  ],
  ['util.isDeepStrictEqual', "[require('util').isDeepStrictEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }), require('util').isDeepStrictEqual([1], ['1'])]"],
  ['assert.deepStrictEqual', "(() => { try { require('assert').deepStrictEqual({ a: 1 }, { a: 2 }); return 'passed'; } catch (e) { return [e.name, e.code]; } })()"],
  ['assert.throws', "(() => { require('assert').throws(() => { throw new TypeError('x'); }, TypeError); return 'ok'; })()"],
  ['punycode', "require('punycode').toASCII('mañana.example')"],
  ['http.STATUS_CODES', "require('http').STATUS_CODES[404]"],
  ['events statics', "['once', 'on', 'getEventListeners', 'setMaxListeners', 'listenerCount'].map((name) => typeof require('events')[name]).concat(typeof require('events').errorMonitor)"],
  ['events.getEventListeners', "(() => { const E = require('events'); const e = new E(); e.on('x', () => {}); return E.getEventListeners(e, 'x').length; })()"],
];

const SOURCE = (cases: [string, string][]) =>
  `exports.run = () => {\n  const out = {};\n${cases.map(([name, expression]) => `  out[${JSON.stringify(name)}] = ${expression};`).join('\n')}\n  return out;\n};\n`;

const STREAMS = String.raw`
const { Readable, Transform, PassThrough, pipeline } = require('stream');
exports.streams = async () => {
  const upper = new Transform({ transform(chunk, encoding, done) { done(null, chunk.toString().toUpperCase()); } });
  const collected = [];
  const sink = new PassThrough();
  sink.on('data', (chunk) => collected.push(chunk.toString()));
  await require('stream/promises').pipeline(Readable.from(['forge ', 'functions']), upper, sink);
  const items = [];
  for await (const item of Readable.from([1, 2, 3])) items.push(item);
  const emitter = new (require('events'))();
  setTimeout(() => { emitter.emit('tick', 1); emitter.emit('tick', 2); emitter.emit('error', new Error('done')); }, 1);
  const ticks = [];
  try { for await (const [n] of require('events').on(emitter, 'tick')) ticks.push(n); } catch (e) { ticks.push(e.message); }
  const failed = await new Promise((resolve) => pipeline(new Readable({ read() { this.destroy(new Error('source broke')); } }), new PassThrough(), (e) => resolve(e && e.message)));
  return { piped: collected.join(''), items, failed, ticks, isStream: new PassThrough() instanceof require('stream') };
};
exports.os = () => {
  const os = require('os');
  return { platform: os.platform(), arch: os.arch(), type: os.type(), EOL: os.EOL, hostname: os.hostname(), user: os.userInfo().username, cpus: os.cpus().length, interfaces: os.networkInterfaces() };
};
exports.raw = async (payload) => {
  const https = require('https');
  return new Promise((resolve) => {
    const request = https.request({ hostname: 'api.example.com', path: '/v1/items?limit=2', method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Trace': ['a', 'b'] } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode, message: response.statusMessage, headers: response.headers, body: Buffer.concat(chunks).toString() }));
    });
    request.on('error', (error) => resolve({ error: error.message }));
    request.write('{"name":');
    request.end('"widget"}');
  });
};
// How @forge/api 3–4 send product and provider requests through node-fetch: a named agent and a Forge authorization.
exports.agents = async () => {
  const https = require('https');
  const send = (url, agent, authorization) => new Promise((resolve) => {
    const request = https.request(url, { agent, headers: { authorization, accept: 'application/json' } }, (response) => { response.resume(); response.on('end', () => resolve(response.statusCode)); });
    request.on('error', (error) => resolve(error.message));
    request.end();
  });
  return [
    await send('https://jira/rest/api/3/myself', 'FORGE_PRODUCT_REQUEST', 'Forge app'),
    await send('https://google-apis/?path=%2Fdrive%2Fv3%2Ffiles', 'EXTERNAL_AUTH_REQUEST', 'Forge user google acct-1'),
    await send('https://jira/rest/api/3/myself', undefined, 'Forge app'),
  ];
};
exports.server = () => { try { require('http').createServer(); return 'listening'; } catch (e) { return e.message; } };
`;

const WEB = String.raw`
exports.web = async () => {
  const out = {};
  const controller = new AbortController();
  const pending = fetch('https://api.example.com/slow', { signal: controller.signal });
  controller.abort();
  out.aborted = await pending.then(() => 'settled', (e) => e.name + ': ' + e.message);
  out.preAborted = await fetch('https://api.example.com/never', { signal: AbortSignal.abort(new Error('stop')) }).then(() => 'settled', (e) => e.message);
  const original = { when: new Date(0), list: [1, { deep: true }], map: new Map([['k', new Set([1])]]), bytes: new Uint8Array([1, 2]) };
  original.self = original;
  const copy = structuredClone(original);
  out.clone = { distinct: copy !== original && copy.list[1] !== original.list[1], cyclic: copy.self === copy, when: copy.when.toISOString(), map: [...copy.map.get('k')], bytes: [...copy.bytes] };
  out.cloneFunction = (() => { try { structuredClone({ f() {} }); return 'cloned'; } catch (e) { return e.name; } })();
  const blob = new Blob(['forge ', new Uint8Array([0x6f, 0x6b])], { type: 'Text/Plain' });
  out.blob = { size: blob.size, type: blob.type, text: await blob.text(), slice: await blob.slice(-2).text() };
  const form = new FormData();
  form.append('summary', 'Bug');
  form.append('file', new Blob(['data'], { type: 'text/csv' }), 'a.csv');
  await fetch(new Request('https://api.example.com/form', { method: 'POST', body: form }));
  const response = await fetch('https://api.example.com/stream');
  const reader = response.body.getReader();
  const chunks = [];
  for (let step = await reader.read(); !step.done; step = await reader.read()) chunks.push(new TextDecoder().decode(step.value));
  out.bodyChunks = chunks;
  const iterated = [];
  for await (const chunk of new Response('iterated').body) iterated.push(new TextDecoder().decode(chunk));
  out.iterated = iterated;
  out.emptyBody = new Response(null, { status: 204 }).body;
  return out;
};
`;

const NODE_FETCH_ENTRY = `
const fetch = require('node-fetch');
exports.get = async (payload) => {
  const response = await fetch(payload.url, { method: 'PUT', body: JSON.stringify({ ok: true }), headers: { 'content-type': 'application/json' } });
  return { status: response.status, ok: response.ok, type: response.headers.get('content-type'), body: await response.json() };
};
`;

// form-data's streams are pre-streams2 classes that call the legacy Stream.prototype.pipe.
const FORM_DATA_ENTRY = `
const fetch = require('node-fetch');
const FormData = require('form-data');
exports.upload = async () => {
  const form = new FormData();
  form.append('summary', 'Bug report');
  form.append('attachment', Buffer.from('line 1'), { filename: 'log.txt', contentType: 'text/plain' });
  const response = await fetch('https://api.example.com/upload', { method: 'POST', body: form, headers: form.getHeaders() });
  return { status: response.status, boundary: form.getBoundary() };
};
`;

const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
let folder: string;
const runner = new InProcessRunner();

beforeAll(async () => {
  folder = writeAppBundles({ 'buffers.js': SOURCE(BUFFER_CASES), 'modules.js': SOURCE(MODULE_CASES), 'streams.js': STREAMS, 'web.js': WEB });
  // node-fetch 2 bundled as an app bundles it: Node's modules left to the runner's require.
  const { outputFiles } = await build({ stdin: { contents: NODE_FETCH_ENTRY, resolveDir: projectRoot }, bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  writeFileSync(path.join(folder, 'node-fetch.js'), outputFiles[0]!.text);
  const formData = await build({ stdin: { contents: FORM_DATA_ENTRY, resolveDir: projectRoot }, bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'silent' });
  writeFileSync(path.join(folder, 'form-data.js'), formData.outputFiles[0]!.text);
});

describe('SDKs built on old-style streams, in the real runner child', () => {
  let child: RunnerChild;
  beforeAll(async () => {
    child = await RunnerChild.start(await buildRunnerChild(), folder);
  });
  afterAll(() => child?.stop());

  it("sends form-data's multipart body through node-fetch as one egress call", async () => {
    const calls: CallMessage[] = [];
    const record = await child.invoke(
      path.join(folder, 'form-data.js'),
      'upload',
      {},
      {
        answer: (call) => {
          calls.push(call);
          return { status: 201, headers: {}, body: '' };
        },
      },
    );
    const { status, boundary } = resultOf(record) as { status: number; boundary: string };
    expect(status).toBe(201);
    expect(calls).toHaveLength(1);
    const request = calls[0]!.request;
    expect(request.headers['content-type']).toBe(`multipart/form-data; boundary=${boundary}`);
    expect(request.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="summary"\r\n\r\nBug report\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachment"; filename="log.txt"\r\nContent-Type: text/plain\r\n\r\nline 1\r\n--${boundary}--\r\n`,
    );
    expect(Number(request.headers['content-length'])).toBe(Buffer.byteLength(request.body ?? ''));
  });
});

function inNode(cases: [string, string][]): unknown {
  const module = { exports: {} as { run: () => unknown } };
  new Function('exports', 'require', 'module', SOURCE(cases))(module.exports, (name: string) => require(name), module);
  return JSON.parse(JSON.stringify(module.exports.run()));
}
// Node's own modules, for the comparison run in this process.
const require = createRequire(import.meta.url);

describe("Node's modules in the sandbox", () => {
  it.each([
    ['Buffer', 'buffers.js', BUFFER_CASES],
    ['querystring, url, string_decoder, util, assert, punycode, http and events', 'modules.js', MODULE_CASES],
  ] as const)('%s answers as Node does', async (_label, file, cases) => {
    const sandboxed = resultOf(await runner.invoke(path.join(folder, file), 'run')) as Record<string, unknown>;
    const expected = inNode([...cases]) as Record<string, unknown>;
    for (const [name] of cases) expect.soft(sandboxed[name], name).toEqual(expected[name]);
    if (file === 'buffers.js') expect(sandboxed['indexOf']).toBe(2);
  });

  it('pipes, transforms and iterates streams, and reports a broken pipeline', async () => {
    expect(resultOf(await runner.invoke(path.join(folder, 'streams.js'), 'streams'))).toEqual({
      piped: 'FORGE FUNCTIONS',
      items: [1, 2, 3],
      failed: 'source broke',
      ticks: [1, 2, 'done'],
      isStream: true,
    });
  });

  it("reports the platform's Linux x64 and nothing of this machine", async () => {
    expect(resultOf(await runner.invoke(path.join(folder, 'streams.js'), 'os'))).toEqual({
      platform: 'linux',
      arch: 'x64',
      type: 'Linux',
      EOL: '\n',
      hostname: 'localhost',
      user: 'sbx_user1051',
      cpus: 0,
      interfaces: {},
    });
  });

  it('sends https.request as one egress call with its method, headers and body, and reads the reply as a response', async () => {
    const calls: CallMessage[] = [];
    const record = await runner.invoke(
      path.join(folder, 'streams.js'),
      'raw',
      {},
      {
        answer: (call) => {
          calls.push(call);
          return { status: 201, headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: '{"id":7}' };
        },
      },
    );
    expect(resultOf(record)).toEqual({ status: 201, message: 'Created', headers: { 'content-type': 'application/json' }, body: '{"id":7}' });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      kind: 'fetch',
      request: { url: 'https://api.example.com/v1/items?limit=2', method: 'POST', headers: { 'content-type': 'application/json', 'x-trace': 'a, b' }, body: '{"name":"widget"}' },
    });
  });

  it('turns the product and provider requests @forge/api 3–4 mark with an agent into the calls __forge_fetch__ makes; without the agent it is egress', async () => {
    const calls: CallMessage[] = [];
    const record = await runner.invoke(
      path.join(folder, 'streams.js'),
      'agents',
      {},
      {
        answer: (call) => {
          calls.push(call);
          return { status: 200, headers: {}, body: '{}' };
        },
      },
    );
    expect(resultOf(record)).toEqual([200, 200, 200]);
    expect(calls.map((call) => [call.kind, call.request.meta ?? null, call.request.url, call.request.headers['authorization'] ?? null])).toEqual([
      ['product', { type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/myself', null],
      ['product', { type: 'tpp', provider: 'google', remote: 'google-apis', accountId: 'acct-1' }, '/drive/v3/files', null],
      ['fetch', null, 'https://jira/rest/api/3/myself', 'Forge app'],
    ]);
  });

  it('offers no server: http.createServer names what is missing', async () => {
    expect(resultOf(await runner.invoke(path.join(folder, 'streams.js'), 'server'))).toBe('Forge functions cannot listen for connections: http.createServer is not available');
  });

  it('offers AbortController, structuredClone, Blob, FormData, Request and a readable Response.body', async () => {
    const calls: CallMessage[] = [];
    const record = await runner.invoke(
      path.join(folder, 'web.js'),
      'web',
      {},
      {
        answer: (call) => {
          calls.push(call);
          return call.request.url.endsWith('/slow') ? null : { status: 200, headers: { 'content-type': 'text/plain' }, body: 'streamed body' };
        },
      },
    );
    expect(resultOf(record)).toEqual({
      aborted: 'AbortError: This operation was aborted',
      preAborted: 'stop',
      clone: { distinct: true, cyclic: true, when: '1970-01-01T00:00:00.000Z', map: [1], bytes: [1, 2] },
      cloneFunction: 'DataCloneError',
      blob: { size: 8, type: 'text/plain', text: 'forge ok', slice: 'ok' },
      bodyChunks: ['streamed body'],
      iterated: ['iterated'],
      emptyBody: null,
    });
    expect(calls.map((call) => call.request.url)).toEqual(['https://api.example.com/slow', 'https://api.example.com/form', 'https://api.example.com/stream']);
    const form = calls[1]!.request;
    const boundary = /^multipart\/form-data; boundary=(.+)$/.exec(form.headers['content-type'] ?? '')?.[1];
    expect(boundary).toBeTruthy();
    expect(form.body).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="summary"\r\n\r\nBug\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\ndata\r\n--${boundary}--\r\n`,
    );
  });

  it('runs node-fetch 2: its request leaves as one egress call and its response body is read', async () => {
    const calls: CallMessage[] = [];
    const record = await runner.invoke(
      path.join(folder, 'node-fetch.js'),
      'get',
      { url: 'https://api.example.com/things/1' },
      {
        answer: (call) => {
          calls.push(call);
          return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"saved":true}' };
        },
      },
    );
    expect(resultOf(record)).toEqual({ status: 200, ok: true, type: 'application/json', body: { saved: true } });
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ kind: 'fetch', request: { url: 'https://api.example.com/things/1', method: 'PUT', body: '{"ok":true}', headers: { 'content-type': 'application/json' } } });
  });
});
