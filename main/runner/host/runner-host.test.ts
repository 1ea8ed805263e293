import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder } from '../../testing';
import type { CallHandler, InvocationResult } from './runner-host';
import { MAX_KEPT_LINE_CHARS, MAX_LOG_LINES, MAX_MEMORY_MB, platformMemoryMB, RunnerHost, STOPPED_BY_DEVELOPER } from './runner-host';

const hosts: RunnerHost[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.close()));

const refuseCalls: CallHandler = async (call) => ({
  response: { status: 500, headers: {}, body: '{}' },
  record: { kind: call.kind, target: call.request.url, method: call.request.method, allowed: false, reason: 'not in this test' },
});

/** A runner host over a bundles folder holding the given hand-written CommonJS bundles. */
function hostWith(bundles: Record<string, string>, options: { memoryMB?: number; childScript?: () => Promise<string>; idleGraceMs?: number } = {}) {
  const root = scratchFolder();
  const bundlesRoot = path.join(root, 'bundles');
  mkdirSync(bundlesRoot);
  for (const [name, text] of Object.entries(bundles)) writeFileSync(path.join(bundlesRoot, name), text);
  const host = new RunnerHost({ bundlesRoot, memoryMB: options.memoryMB ?? 512, childScript: options.childScript, idleGraceMs: options.idleGraceMs });
  hosts.push(host);
  const invoke = (bundle: string, exportName = 'handler', timeoutMs = 10_000): Promise<InvocationResult> =>
    host.invoke({ bundlePath: path.join(bundlesRoot, bundle), exportName, payload: {}, context: {}, appContext: {}, env: {}, timeoutMs, onCall: refuseCalls });
  return { root, bundlesRoot, host, invoke };
}

const TRIVIAL = 'exports.handler = async () => "still here";\n';

describe('the runner process is started under the permission model with an empty environment', () => {
  it('cannot read a file outside the bundles, start a process or see Anvil environment', async () => {
    process.env.ANVIL_HOST_ONLY_SECRET = 'host-secret-value';
    try {
      // The runner takes V8's collector for its memory checks; app code must not get it.
      const { root, host, invoke } = hostWith({ 'index.cjs': 'exports.handler = async () => [typeof gc, typeof globalThis.gc];\n' });
      expect(await invoke('index.cjs')).toMatchObject({ status: 'ok', result: ['undefined', 'undefined'] });
      const outside = path.join(root, 'developer-notes.txt');
      writeFileSync(outside, 'private');
      const probe = await host.probe(outside);
      expect(probe.permissionModel).toBe(true);
      expect(probe.mayRead).toBe(false);
      expect(probe.read).toBe('ERR_ACCESS_DENIED');
      expect(probe.mayStartProcesses).toBe(false);
      expect(probe.spawn).toBe('ERR_ACCESS_DENIED');
      expect(probe.environment).toEqual([]);
    } finally {
      delete process.env.ANVIL_HOST_ONLY_SECRET;
    }
  });
});

describe('no app code runs unwatched after its invocation', () => {
  // Drops an object watched by a FinalizationRegistry whose callback never ends, and waits (a timer
  // turn at a time, making garbage so V8 collects) until the object is gone, so the callback is due.
  const LEFTOVER_LOOP = `
exports.handler = async () => {
  const registry = new FinalizationRegistry(() => { for (;;) {} });
  let target = {};
  registry.register(target, 'held');
  const ref = new WeakRef(target);
  target = null;
  globalThis.keep = registry;
  // Objects that live a few turns reach the old generation, whose collection is what clears weak targets.
  const ring = [];
  for (let turn = 0; turn < 3000 && ref.deref() !== undefined; turn++) {
    // Large arrays go straight to the old generation, so full collections come within a few turns.
    ring[turn % 8] = [Array.from({ length: 50000 }, (_, i) => ({ i })), new Array(1000000).fill(turn)];
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  setTimeout(() => { for (;;) {} }, 5);
  return ref.deref() === undefined ? 'collected' : 'not collected';
};
`;

  it('runs a trivial invocation normally after one that left an endless FinalizationRegistry callback and timer', async () => {
    const { invoke } = hostWith({ 'leftover.cjs': LEFTOVER_LOOP, 'index.cjs': TRIVIAL });
    // Allocation until the collector clears the target takes half a minute on a quiet machine of two
    // cores (the collection depends on how much was allocated, not on time): a limit with room for a
    // machine several times slower, so only what follows decides.
    const first = await invoke('leftover.cjs', 'handler', 240_000);
    expect(first.status).toBe('ok');
    // Whether V8 collected the target in time depends on the machine's load; either way the endless
    // timer is left behind, and if collected, the registry's endless callback is due too.
    expect(['collected', 'not collected']).toContain(first.result);
    const second = await invoke('index.cjs', 'handler', 5_000);
    expect(second).toMatchObject({ status: 'ok', result: 'still here' });
  }, 300_000);

  it('never calls a FinalizationRegistry callback, whose time no invocation could watch', async () => {
    const { invoke } = hostWith({
      'registry.cjs': `exports.handler = async () => {
  let called = false;
  const registry = new FinalizationRegistry(() => { called = true; });
  let target = {};
  registry.register(target, 'held');
  const ref = new WeakRef(target);
  target = null;
  const ring = [];
  for (let turn = 0; turn < 3000 && ref.deref() !== undefined; turn++) {
    // Large arrays go straight to the old generation, so full collections come within a few turns.
    ring[turn % 8] = [Array.from({ length: 50000 }, (_, i) => ({ i })), new Array(1000000).fill(turn)];
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // The collector has cleared the target: a real registry's callback is due within a few turns.
  for (let turn = 0; turn < 20 && !called; turn++) await new Promise((resolve) => setTimeout(resolve, 5));
  return { collected: ref.deref() === undefined, called };
};`,
    });
    // As above: a time limit with room for a slow machine, so only the callback decides.
    const outcome = await invoke('registry.cjs', 'handler', 240_000);
    expect(outcome).toMatchObject({ status: 'ok', result: { collected: true, called: false } });
  }, 300_000);

  it('replaces a runner that is busy with no invocation, without billing the next invocation', async () => {
    // A stand-in child that answers each invocation and then keeps its thread busy, as code left
    // behind by an invocation would: the host must notice and start a fresh one.
    const fake = path.join(scratchFolder(), 'busy-after-done.mjs');
    writeFileSync(
      fake,
      `process.on('message', (m) => {
  if (m.type === 'ping') process.send({ type: 'pong', id: m.id });
  if (m.type !== 'invoke') return;
  process.send({ type: 'done', invocationId: m.invocationId, ok: true, resultJson: JSON.stringify(process.pid), memoryBytes: 0 }, () => { for (;;) {} });
});
process.send({ type: 'ready' });
`,
    );
    const { invoke } = hostWith({ 'index.cjs': TRIVIAL }, { childScript: async () => fake, idleGraceMs: 1_000 });
    const first = await invoke('index.cjs');
    expect(first.status).toBe('ok');
    const second = await invoke('index.cjs', 'handler', 5_000);
    expect(second.status).toBe('ok');
    expect(second.result).not.toBe(first.result);
    expect(second.logs.map((line) => line.message).join('\n')).toContain('Anvil replaced the runner');
  });
});

describe('a runner process that breaks the protocol', () => {
  it('is stopped with a status naming what was wrong, and the next invocation runs in a fresh one', async () => {
    // A stand-in child, as one taken over by app code would be: what it sends is not what Anvil's script sends.
    const fake = path.join(scratchFolder(), 'off-protocol.mjs');
    writeFileSync(
      fake,
      `process.on('message', (m) => {
  if (m.type === 'ping') process.send({ type: 'pong', id: m.id });
  if (m.type !== 'invoke') return;
  if (m.exportName === 'callWithoutRequest') process.send({ type: 'call', invocationId: m.invocationId, callId: 1, kind: 'product' });
  else if (m.exportName === 'resultNotText') process.send({ type: 'done', invocationId: m.invocationId, ok: true, resultJson: { pid: process.pid }, memoryBytes: 0 });
  else if (m.exportName === 'nothing') process.send(null);
  else process.send({ type: 'done', invocationId: m.invocationId, ok: true, resultJson: JSON.stringify(process.pid), memoryBytes: 0 });
});
process.send({ type: 'ready' });
`,
    );
    const { invoke } = hostWith({ 'index.cjs': TRIVIAL }, { childScript: async () => fake });
    const broken = [await invoke('index.cjs', 'callWithoutRequest'), await invoke('index.cjs', 'resultNotText'), await invoke('index.cjs', 'nothing')];
    expect(broken.map(({ status, error }) => [status, error])).toEqual([
      ['crashed', "The runner process sent a message outside Anvil's protocol (request is required), so it was stopped; run the function again."],
      ['crashed', "The runner process sent a message outside Anvil's protocol (resultJson must be a string, got an object), so it was stopped; run the function again."],
      ['crashed', "The runner process sent a message outside Anvil's protocol (type must be one of: call, log, done, ready, pong, probe-result), so it was stopped; run the function again."],
    ]);
    const after = await invoke('index.cjs');
    expect(after.status).toBe('ok');
  });
});

describe('memoryMB holds heap and array buffers together', () => {
  it('stops a function whose array buffers go over memoryMB, naming the limit and the fix, and runs the next one', async () => {
    const { invoke } = hostWith(
      {
        'buffers.cjs': `exports.handler = async () => {
  const held = [];
  for (let i = 0; i < 4; i++) { const bytes = new Uint8Array(64 * 1024 * 1024); bytes.fill(i + 1); held.push(bytes); }
  return held.length;
};`,
        'index.cjs': TRIVIAL,
      },
      { memoryMB: 128 },
    );
    const outcome = await invoke('buffers.cjs');
    expect(outcome.status).toBe('crashed');
    expect(outcome.result).toBeNull();
    expect(outcome.error).toContain('memory limit of 128 MB');
    expect(outcome.error).toContain('runtime.memoryMB');
    expect((await invoke('index.cjs')).status).toBe('ok');
  });

  it('stops a function that grows its buffers across timer turns', async () => {
    const { invoke } = hostWith(
      {
        'growing.cjs': `exports.handler = async () => {
  const held = [];
  for (let i = 0; i < 6; i++) { const bytes = new Uint8Array(48 * 1024 * 1024); bytes.fill(7); held.push(bytes); await new Promise((r) => setTimeout(r, 1)); }
  await new Promise((r) => setTimeout(r, 200));
  return held.length;
};`,
      },
      { memoryMB: 128 },
    );
    const outcome = await invoke('growing.cjs');
    expect(outcome.status).toBe('crashed');
    expect(outcome.error).toContain('memory limit of 128 MB');
  });

  // The backstop reads the process's resident memory from /proc, which only Linux has.
  it.runIf(process.platform === 'linux')('stops a function that allocates in one synchronous loop, which never reaches the runner checks', async () => {
    const { invoke } = hostWith(
      // Bounded (640 MB) so the machine is safe even without the backstop; it is stopped well before that.
      {
        'bomb.cjs': 'exports.handler = () => { const held = []; for (let i = 0; i < 40; i++) { const b = new Uint8Array(16 * 1024 * 1024); b.fill(1); held.push(b); } return held.length; };\n',
        'index.cjs': TRIVIAL,
      },
      { memoryMB: 128 },
    );
    const outcome = await invoke('bomb.cjs', 'handler', 60_000);
    expect(outcome.status).toBe('crashed');
    expect(outcome.error).toContain('memory limit of 128 MB');
    // Stopped by the host while the loop ran, not by the runner's check at the result.
    expect(outcome.error).toMatch(/reached \d+ MB resident/);
    expect((await invoke('index.cjs')).status).toBe('ok');
  });

  it('holds memoryMB to the platform range and says so', async () => {
    expect(platformMemoryMB(4096)).toBe(MAX_MEMORY_MB);
    expect(platformMemoryMB(64)).toBe(128);
    expect(platformMemoryMB(256)).toBe(256);
    const { invoke } = hostWith({ 'index.cjs': TRIVIAL }, { memoryMB: 4096 });
    const outcome = await invoke('index.cjs');
    expect(outcome.status).toBe('ok');
    expect(outcome.logs.map((line) => line.message).join('\n')).toContain(`runs with ${MAX_MEMORY_MB} MB`);
  });
});

describe('every invocation ends with a status', () => {
  it('reports a timeout for a synchronous endless loop or Atomics.wait and a crash for a runner that dies, then runs again', async () => {
    const { invoke } = hostWith(
      {
        'loop.cjs': 'exports.handler = () => { for (;;) {} };\n',
        'wait.cjs': 'exports.handler = () => { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); };\n',
        'heap.cjs': 'exports.handler = () => { const all = []; for (;;) all.push(new Array(100000).fill({ a: 1 })); };\n',
        'index.cjs': TRIVIAL,
      },
      { memoryMB: 128 },
    );
    expect((await invoke('loop.cjs', 'handler', 500)).status).toBe('timeout');
    expect((await invoke('wait.cjs', 'handler', 500)).status).toBe('timeout');
    const heap = await invoke('heap.cjs', 'handler', 60_000);
    expect(heap.status).toBe('crashed');
    expect(heap.error).toContain('memory limit of 128 MB');
    expect((await invoke('index.cjs')).status).toBe('ok');
  });
});

describe('a flood of console output', () => {
  it('keeps at most MAX_LOG_LINES lines of at most MAX_KEPT_LINE_CHARS each, and says how many more there were', async () => {
    // Ten 2 MB lines and 600 short ones: the host keeps what the log budget can use, not 20 MB.
    const { invoke } = hostWith({
      'flood.cjs':
        'exports.handler = async () => { const big = "x".repeat(2 * 1024 * 1024); for (let i = 0; i < 10; i++) console.log(big); for (let i = 0; i < 600; i++) console.log("line " + i); return "done"; };\n',
    });
    const result = await invoke('flood.cjs');
    expect(result.status).toBe('ok');
    expect(result.logs.slice(0, 10).every((line) => line.message.length === MAX_KEPT_LINE_CHARS)).toBe(true);
    expect(result.logs.filter((line) => line.message.startsWith('line '))).toHaveLength(MAX_LOG_LINES - 10);
    expect(result.logs.at(-1)!.message).toBe(`110 more log lines were dropped (at most ${MAX_LOG_LINES} are kept per invocation)`);
  });
});

describe('the developer stops an invocation', () => {
  const ENDLESS = 'exports.handler = async () => { console.log("spinning"); for (;;) {} };\n';

  it('ends an endless loop at once with status stopped, says so in its logs, and runs the next one on a fresh runner', async () => {
    const { bundlesRoot, host, invoke } = hostWith({ 'endless.cjs': ENDLESS, 'index.cjs': TRIVIAL });
    const stop = new AbortController();
    const lines: string[] = [];
    const running = host.invoke({
      bundlePath: path.join(bundlesRoot, 'endless.cjs'),
      exportName: 'handler',
      payload: {},
      context: {},
      appContext: {},
      env: {},
      // Far beyond the test's own time limit: only Stop can end it in time.
      timeoutMs: 900_000,
      onCall: refuseCalls,
      signal: stop.signal,
      onLog: (_id, _level, message) => {
        lines.push(message);
        if (message === 'spinning') stop.abort();
      },
    });
    const stopped = await running;
    expect(stopped).toMatchObject({ status: 'stopped', error: STOPPED_BY_DEVELOPER });
    expect(stopped.logs).toContainEqual({ level: 'warn', message: STOPPED_BY_DEVELOPER });
    expect(lines).toEqual(['spinning', STOPPED_BY_DEVELOPER]);
    expect(await invoke('index.cjs')).toMatchObject({ status: 'ok', result: 'still here' });
  });

  it('never starts an invocation stopped while it waited for the one before it', async () => {
    const { bundlesRoot, host } = hostWith({ 'index.cjs': 'exports.handler = async () => { console.log("ran"); return 1; };\n' });
    const stop = new AbortController();
    stop.abort();
    const lines: string[] = [];
    const outcome = await host.invoke({
      bundlePath: path.join(bundlesRoot, 'index.cjs'),
      exportName: 'handler',
      payload: {},
      context: {},
      appContext: {},
      env: {},
      timeoutMs: 10_000,
      onCall: refuseCalls,
      signal: stop.signal,
      onLog: (_id, _level, message) => lines.push(message),
    });
    expect(outcome).toMatchObject({ status: 'stopped', error: STOPPED_BY_DEVELOPER, durationMs: 0 });
    expect(lines).toEqual([]);
  });
});

describe('a closed runner', () => {
  it('starts no process: an invocation after close is refused, and one whose process was still starting ends it', async () => {
    const { invoke, host } = hostWith({ 'index.cjs': TRIVIAL });
    // Closed while its process is starting: the process is ended as soon as it is up.
    const starting = invoke('index.cjs');
    await new Promise((resolve) => setImmediate(resolve));
    host.close();
    await expect(starting).rejects.toThrow(/runner was closed/);
    await expect(invoke('index.cjs')).rejects.toThrow(/runner was closed/);
    await expect(host.probe('any-file')).rejects.toThrow(/runner was closed/);
  });
});
