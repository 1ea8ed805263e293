import { createRequire } from 'node:module';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunnerChild, resultOf, RunnerChild, writeAppBundles } from './runner-child-harness';

// The names app code sees on classes and functions (URL.name, stack frames, inspect output). The
// bundler that builds the child renames nested declarations (class URL once became URL2 there), so
// this runs in the built child, against the names Node itself gives.
const NAMES = String.raw`
  const crypto = require('crypto');
  const url = require('url');
  const events = require('events');
  const fns = [URL, URLSearchParams, TextDecoder, TextEncoder, DOMException, AbortController, AbortSignal, EventTarget, Event, Blob, structuredClone, Buffer,
    setTimeout, queueMicrotask, atob, btoa, ReadableStream, WritableStream, TransformStream,
    crypto.createPublicKey, crypto.createPrivateKey, crypto.createSecretKey, crypto.randomBytes, crypto.scryptSync, crypto.hkdfSync, crypto.generateKeyPairSync, crypto.createHash,
    url.pathToFileURL, url.fileURLToPath, events.once, events.EventEmitter, process.hrtime];
  return fns.map((fn) => fn.name).concat([new URL('http://a.example/').constructor.name, new TextDecoder().constructor.name]);`;

const APP = String.raw`
let invocations = 0;
exports.handler = async (payload, context) => ({ got: payload.x, env: process.env.SECRET_NAME, principal: context.principal.accountId });
exports.talk = () => {
  console.log('issue %s has %d comments', 'ABC-1', 3, { labels: ['x'] });
  console.info('info');
  console.warn('careful');
  console.error(new Error('bad thing'));
  console.debug('details');
  return 'said';
};
exports.callApi = async () => {
  const response = await fetch('https://api.example.com/x', { method: 'post', headers: { 'X-Trace': 't1' }, body: JSON.stringify({ q: 1 }) });
  return { status: response.status, ok: response.ok, type: response.headers.get('Content-Type'), body: await response.json() };
};
exports.callJira = async () => {
  const response = await __forge_fetch__({ type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/myself', { method: 'GET' });
  return { status: response.status, me: await response.json() };
};
exports.callStorage = async () => {
  const response = await __forge_fetch__({ type: 'kvs' }, '/api/v1/get', { method: 'POST', body: JSON.stringify({ key: 'k' }) });
  return (await response.json()).value;
};
exports.leave = () => {
  globalThis.leak = 'from the first invocation';
  invocations += 10;
  Object.prototype.polluted = true;
  return invocations;
};
exports.look = () => ({ leak: typeof globalThis.leak, invocations, polluted: ({}).polluted === true });
exports.realm = (payload, context) => ({
  payloadIsPlain: Object.getPrototypeOf(payload) === Object.prototype,
  contextIsPlain: Object.getPrototypeOf(context) === Object.prototype,
  arrayIsArray: payload.list instanceof Array,
});
exports.fails = async () => { throw new TypeError('the issue key is missing'); };
exports.nothing = () => undefined;
exports.spin = () => { for (;;) {} };
exports.spinInTimer = () => new Promise(() => setTimeout(() => { for (;;) {} }, 5));
exports.microtaskLoop = () => { const again = () => Promise.resolve().then(again); again(); return new Promise(() => {}); };
exports.never = () => new Promise(() => {});
exports.slow = (payload) => new Promise((resolve) => setTimeout(() => resolve(payload.n), payload.ms));
exports.rejectLater = () => { Promise.reject(new RangeError('nobody handles this')); return new Promise(() => {}); };
exports.remaining = async () => {
  const first = __forge_runtime__.lambdaContext.getRemainingTimeInMillis();
  await new Promise((resolve) => setTimeout(resolve, 50));
  return [first, __forge_runtime__.lambdaContext.getRemainingTimeInMillis()];
};
exports.packs = ({ json }) => ({ packed: require('node:zlib').deflateRawSync(Buffer.from(json)).toString('base64'), id: require('crypto').randomUUID() });
exports.chatty = () => { for (let i = 0; i < 10005; i++) console.log('line ' + i); return 'talked'; };
exports.names = () => { ${NAMES} };
`;

let childFile: string;
let folder: string;
let runner: RunnerChild;
const app = () => path.join(folder, 'index.js');

beforeAll(async () => {
  childFile = await buildRunnerChild();
  folder = writeAppBundles({
    'index.js': APP,
    'top-level-loop.js': 'for (;;) {}\nexports.handler = () => 1;',
    'broken.js': 'exports.handler = () => {{;',
  });
  runner = await RunnerChild.start(childFile, folder, { env: { ANVIL_HOST_SECRET: 'host-only' } });
});

afterAll(() => runner?.stop());

describe('the runner child', () => {
  it('gives classes and functions the names Node gives them', async () => {
    const nodeNames: unknown = new Function('require', NAMES)(createRequire(import.meta.url));
    expect(resultOf(await runner.invoke(app(), 'names'))).toEqual(nodeNames);
  });

  it('calls the export with the payload, the context and the environment variables', async () => {
    const record = await runner.invoke(app(), 'handler', { x: 42 }, { env: { SECRET_NAME: 'jira-token' } });
    expect(resultOf(record)).toEqual({ got: 42, env: 'jira-token', principal: 'account-1' });
    expect(record.done.memoryBytes).toBeGreaterThan(0);
  });

  it('sends console output as log messages, formatted like util.format', async () => {
    const record = await runner.invoke(app(), 'talk');
    expect(resultOf(record)).toBe('said');
    expect(record.logs.map(({ level, message }) => [level, message.split('\n')[0]])).toEqual([
      ['log', "issue ABC-1 has 3 comments { labels: [ 'x' ] }"],
      ['info', 'info'],
      ['warn', 'careful'],
      ['error', 'Error: bad thing'],
      ['debug', 'details'],
    ]);
  });

  it('turns fetch into a fetch call and gives the app the reply', async () => {
    const record = await runner.invoke(
      app(),
      'callApi',
      {},
      {
        answer: () => ({ status: 201, headers: { 'content-type': 'application/json' }, body: '{"id":"10001"}' }),
      },
    );
    expect(record.calls).toHaveLength(1);
    expect(record.calls[0]).toMatchObject({
      kind: 'fetch',
      request: { url: 'https://api.example.com/x', method: 'POST', headers: { 'x-trace': 't1' }, body: '{"q":1}' },
    });
    expect(resultOf(record)).toEqual({ status: 201, ok: true, type: 'application/json', body: { id: '10001' } });
  });

  it('turns __forge_fetch__ for a product into a product call carrying the request description', async () => {
    const record = await runner.invoke(
      app(),
      'callJira',
      {},
      {
        answer: () => ({ status: 200, headers: {}, body: '{"accountId":"5b10a"}' }),
      },
    );
    expect(record.calls[0]).toMatchObject({
      kind: 'product',
      request: { meta: { type: 'fpp', provider: 'app', remote: 'jira' }, url: '/rest/api/3/myself', method: 'GET', body: null },
    });
    expect(resultOf(record)).toEqual({ status: 200, me: { accountId: '5b10a' } });
  });

  it('turns __forge_fetch__ for kvs into a storage call', async () => {
    const record = await runner.invoke(
      app(),
      'callStorage',
      {},
      {
        answer: () => ({ status: 200, headers: {}, body: '{"value":{"count":3}}' }),
      },
    );
    expect(record.calls[0]).toMatchObject({ kind: 'storage', request: { meta: { type: 'kvs' }, url: '/api/v1/get', body: '{"key":"k"}' } });
    expect(resultOf(record)).toEqual({ count: 3 });
  });

  it('gives every invocation fresh globals and fresh module state', async () => {
    expect(resultOf(await runner.invoke(app(), 'leave'))).toBe(10);
    expect(resultOf(await runner.invoke(app(), 'look'))).toEqual({ leak: 'undefined', invocations: 0, polluted: false });
  });

  it('parses the payload and context inside the function realm', async () => {
    expect(resultOf(await runner.invoke(app(), 'realm', { list: [1] }))).toEqual({ payloadIsPlain: true, contextIsPlain: true, arrayIsArray: true });
  });

  it('never shows the runner process environment to app code', async () => {
    const record = await runner.invoke(app(), 'handler', { x: 1 }, { env: {} });
    expect(resultOf(record)).toEqual({ got: 1, principal: 'account-1' });
  });

  it('reports a thrown error with its name, message and stack', async () => {
    const { done } = await runner.invoke(app(), 'fails');
    expect(done.ok).toBe(false);
    if (done.ok) return;
    expect(done.error).toMatchObject({ name: 'TypeError', message: 'the issue key is missing' });
    expect(done.error.stack).toContain('index.js');
  });

  it('returns null for undefined', async () => {
    const { done } = await runner.invoke(app(), 'nothing');
    expect(done).toMatchObject({ ok: true, resultJson: 'null' });
  });

  it('names the exports when the handler is missing, and reports a broken bundle', async () => {
    const missing = await runner.invoke(app(), 'hanlder');
    expect(missing.done.ok === false && missing.done.error.message).toMatch(/does not export a function named 'hanlder' \(it exports: handler, talk/);
    const broken = await runner.invoke(path.join(folder, 'broken.js'), 'handler');
    expect(broken.done.ok === false && broken.done.error.name).toBe('SyntaxError');
  });

  it('runs invocations one at a time, in the order they were sent', async () => {
    const finished: number[] = [];
    const slow = runner.invoke(app(), 'slow', { n: 1, ms: 100 }).then((r) => finished.push(resultOf(r) as number));
    const quick = runner.invoke(app(), 'slow', { n: 2, ms: 1 }).then((r) => finished.push(resultOf(r) as number));
    await Promise.all([slow, quick]);
    expect(finished).toEqual([1, 2]);
  });

  it('counts getRemainingTimeInMillis down from the invocation timeout', async () => {
    // A long limit, so a slow start on a busy machine cannot use up the margin.
    const [first, later] = resultOf(await runner.invoke(app(), 'remaining', {}, { timeoutMs: 600_000 })) as [number, number];
    expect(first).toBeGreaterThan(300_000);
    expect(first).toBeLessThanOrEqual(600_000);
    expect(later).toBeLessThanOrEqual(first - 50);
  });

  it('runs zlib and crypto in the host under the permission model, handing back only text', async () => {
    const json = JSON.stringify({ items: [{ text: 'Ship it', done: false }] });
    const result = resultOf(await runner.invoke(app(), 'packs', { json })) as { packed: string; id: string };
    expect(inflateRawSync(Buffer.from(result.packed, 'base64')).toString()).toBe(json);
    expect(result.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('stops forwarding console output after 10 000 lines, and says so', async () => {
    const record = await runner.invoke(app(), 'chatty');
    expect(resultOf(record)).toBe('talked');
    expect(record.logs).toHaveLength(10_001);
    expect(record.logs.at(-1)).toMatchObject({ level: 'warn', message: expect.stringMatching(/dropped the rest of this invocation's console output/) });
  });

  it('fails an invocation that leaves a promise rejection unhandled', async () => {
    const { done } = await runner.invoke(app(), 'rejectLater');
    expect(done.ok === false && done.error).toMatchObject({ name: 'UnhandledPromiseRejection', message: 'Unhandled promise rejection: RangeError: nobody handles this' });
  });
});

describe('timeouts', () => {
  it.each([
    ['a synchronous endless loop in the handler', 'index.js', 'spin'],
    ['an endless loop at the top level of the bundle', 'top-level-loop.js', 'handler'],
    ['an endless loop in a timer callback', 'index.js', 'spinInTimer'],
    ['an endless chain of microtasks', 'index.js', 'microtaskLoop'],
    ['a promise that never settles', 'index.js', 'never'],
  ])('end %s with a TimeoutError, and the child serves the next invocation', async (_, file, exportName) => {
    const { done } = await runner.invoke(path.join(folder, file), exportName, {}, { timeoutMs: 300 });
    expect(done.ok).toBe(false);
    if (!done.ok) expect(done.error).toMatchObject({ name: 'TimeoutError', message: `The function '${exportName}' timed out after 300 ms` });
    expect(resultOf(await runner.invoke(app(), 'handler', { x: 'next' }))).toMatchObject({ got: 'next' });
  });
});

describe('the child process', () => {
  it('exits when the host closes the IPC channel', async () => {
    const second = await RunnerChild.start(childFile, folder);
    second.disconnect();
    expect(await second.exited).toBe(0);
  });
});
