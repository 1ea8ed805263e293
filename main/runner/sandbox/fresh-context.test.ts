import { utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DoneMessage, InvokeMessage } from '../protocol';
import { BundleScripts } from './bundle-scripts';
import { ForgeInvocation } from './forge-invocation';
import { ContextSupply, FreshContext } from './fresh-context';
import { InProcessRunner, resultOf, writeAppBundles } from './runner-child-harness';

// Contexts are made ahead while the child is idle, and their rarely used globals built lazily when
// it is not: whichever way, app code must see the same sandbox, and only its own invocation.
const APP = String.raw`
exports.globals = async () => {
  const accessorsBefore = Object.getOwnPropertyNames(globalThis).filter((name) => 'get' in Object.getOwnPropertyDescriptor(globalThis, name)).sort();
  const response = await fetch(new URL('/x?y=1', 'https://api.example.com'), { method: 'POST', body: new TextEncoder().encode('✓') });
  const seen = {
    buffer: Buffer.from('hi ✓').toString('base64'),
    atob: atob(btoa('ok')),
    url: new URLSearchParams({ a: '1 2' }).toString(),
    fetched: [response.status, await response.text()],
    headers: new Headers({ A: 'b' }).get('a'),
    path: require('path').join('/a', '..', 'b'),
    fs: require('fs').existsSync('/'),
    events: typeof new (require('events'))().on,
    util: typeof require('util').promisify,
    storage: new (require('async_hooks').AsyncLocalStorage)().run(1, function () { return this === undefined; }),
    zlib: require('zlib').inflateSync(require('zlib').deflateSync('z')).toString(),
    crypto: require('crypto').createHash('md5').update('').digest('hex'),
    uuid: typeof crypto.randomUUID(),
    clock: typeof performance.now(),
    messaging: typeof MessageChannel,
    streams: (await new Response('s ✓').body.pipeThrough(new TextDecoderStream()).getReader().read()).value,
    types: ['Buffer', 'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'fetch', 'Headers', 'Response', '__forge_fetch__', 'atob', 'btoa', 'crypto']
      .map((name) => typeof globalThis[name]).join(),
  };
  const accessorsAfter = Object.getOwnPropertyNames(globalThis).filter((name) => 'get' in Object.getOwnPropertyDescriptor(globalThis, name)).sort();
  return { seen, accessorsBefore, accessorsAfter };
};
exports.invocation = () => ({
  env: process.env,
  appContext: __forge_runtime__.appContext,
  requestId: __forge_runtime__.lambdaContext.awsRequestId,
  clockStartedAtBegin: Date.now() - performance.timeOrigin < 100 && process.uptime() < 0.1,
});
exports.version = () => 1;
`;

let folder: string;
const app = () => path.join(folder, 'index.js');
let invocationCount = 0;

beforeAll(() => {
  folder = writeAppBundles({ 'index.js': APP, 'hot.js': 'exports.version = () => 1;' });
});

function invokeMessage(exportName: string, overrides: Partial<InvokeMessage> = {}): InvokeMessage {
  return {
    type: 'invoke',
    invocationId: `fresh-${++invocationCount}`,
    bundlePath: app(),
    exportName,
    payloadJson: '{}',
    contextJson: '{}',
    appContextJson: '{}',
    externalAuthJson: '[]',
    env: {},
    timeoutMs: 5_000,
    memoryMB: 512,
    ...overrides,
  };
}

/** Runs one invocation on whatever context `contexts` hands out, answering every call with 200 "ok". */
async function runOn(contexts: ContextSupply, exportName: string): Promise<unknown> {
  let done: DoneMessage | null = null;
  const invocation: ForgeInvocation = new ForgeInvocation(
    invokeMessage(exportName),
    {
      send: (message) => {
        if (message.type === 'done') done = message;
        if (message.type === 'call') setImmediate(() => invocation.reply({ type: 'reply', callId: message.callId, status: 200, headers: {}, body: 'ok' }));
      },
    },
    new BundleScripts(),
    contexts,
    () => ++invocationCount,
  );
  await invocation.run();
  return resultOf({ done: done!, logs: [], calls: [] });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('contexts prepared ahead', () => {
  it('show app code the same globals whether built on arrival, prepared, or prepared and warmed', async () => {
    const onArrival = new ContextSupply();
    const prepared = new ContextSupply();
    prepared.prepareStep();
    const warmed = new ContextSupply();
    while (warmed.prepareStep());

    type Seen = { seen: unknown; accessorsBefore: string[]; accessorsAfter: string[] };
    const results = [(await runOn(onArrival, 'globals')) as Seen, (await runOn(prepared, 'globals')) as Seen, (await runOn(warmed, 'globals')) as Seen];
    expect(results[1]!.seen).toEqual(results[0]!.seen);
    expect(results[2]!.seen).toEqual(results[0]!.seen);
    expect(results[0]!.seen).toMatchObject({
      buffer: 'aGkg4pyT',
      fetched: [200, 'ok'],
      path: '/b',
      zlib: 'z',
      types: 'function,function,function,function,function,function,function,function,function,function,function,object',
    });

    // Lazily built globals are accessors until first touched, then plain values; `crypto` stays an accessor, as in Node.
    expect(results[0]!.accessorsBefore).toEqual(expect.arrayContaining(['Buffer', 'URL', 'fetch', 'crypto']));
    expect(results[2]!.accessorsBefore).toEqual(['crypto']);
    for (const result of results) expect(result.accessorsAfter).toEqual(['crypto']);
  });

  it('take the invocation they are given: env, app context, ids and clock go in when it begins', async () => {
    const runner = new InProcessRunner();
    const first = resultOf(await runner.invoke(app(), 'invocation', {}, { env: { FIRST: '1' }, appContextJson: JSON.stringify({ moduleKey: 'first' }) }));
    await wait(150); // the next context is made and warmed meanwhile, before anything is known of its invocation
    const second = resultOf(await runner.invoke(app(), 'invocation', {}, { env: { SECOND: '2' }, appContextJson: JSON.stringify({ moduleKey: 'second' }) }));
    expect(first).toMatchObject({ env: { FIRST: '1' }, appContext: { moduleKey: 'first' }, clockStartedAtBegin: true });
    expect(second).toMatchObject({ env: { SECOND: '2' }, appContext: { moduleKey: 'second' }, clockStartedAtBegin: true });
    expect((first as { requestId: string }).requestId).not.toBe((second as { requestId: string }).requestId);
  });

  it('run a bundle rebuilt after the context was prepared', async () => {
    const runner = new InProcessRunner();
    const hot = path.join(folder, 'hot.js');
    expect(resultOf(await runner.invoke(hot, 'version'))).toBe(1);
    await wait(50);
    writeFileSync(hot, 'exports.version = () => 2;');
    utimesSync(hot, new Date(), new Date(Date.now() + 5_000));
    expect(resultOf(await runner.invoke(hot, 'version'))).toBe(2);
  });

  it('are handed out once each, and are not warmed once their invocation has begun', () => {
    const contexts = new ContextSupply();
    contexts.prepareStep();
    const first = contexts.take();
    const second = contexts.take();
    expect(second).not.toBe(first);

    const fresh = new FreshContext();
    fresh.begin(() => 0, JSON.stringify({ invocationId: 'x', env: {}, contextJson: '{}', appContextJson: '{}', deadline: Date.now() + 1_000, traceId: 't', spanId: 's' }));
    expect(fresh.warm()).toBe(0);
    expect(vm.runInContext("typeof Object.getOwnPropertyDescriptor(globalThis, 'URL').get", fresh.context)).toBe('function');
    expect(() => fresh.begin(() => 0, '{}')).toThrow(/one invocation only/);
  });
});
