import path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRunnerChild, resultOf, RunnerChild, writeAppBundles } from './runner-child-harness';

/*
 * App code that tries every known way out of a vm context. Each probe either reaches a Function
 * constructor and asks it for `process`, or inspects what it got. Code generation from strings is
 * off in the context, so the context's own Function constructors throw EvalError; only a HOST
 * Function would hand back the real process — reported as ESCAPED.
 */
const PROBES = String.raw`
function describe(value) {
  if (value !== null && typeof value === 'object' && typeof value.pid === 'number') return 'ESCAPED: host process ' + value.pid;
  if (typeof value === 'function' && typeof value('return 1') === 'function') return 'ESCAPED: a working Function constructor';
  return 'got ' + (value === null ? 'null' : typeof value);
}
function probe(fn) {
  try { return describe(fn()); } catch (e) { return 'blocked: ' + (e && e.name); }
}
async function probeAsync(fn) {
  try { return describe(await fn()); } catch (e) { return 'blocked: ' + (e && e.name); }
}
const viaConstructor = (value) => value.constructor.constructor('return process')();
const viaError = (run) => { try { run(); } catch (e) { return viaConstructor(e); } throw new Error('did not throw'); };
const viaRejection = async (promise) => { try { await promise; } catch (e) { return viaConstructor(e); } throw new Error('did not reject'); };
`;

const ESCAPES =
  PROBES +
  String.raw`
const moduleThis = this;

exports.escapes = async () => {
  const results = {};
  results['this.constructor.constructor'] = probe(function () { return this.constructor.constructor('return process')(); });
  results['module this.constructor.constructor'] = probe(() => viaConstructor(moduleThis));
  results['function constructor'] = probe(() => (function () {}).constructor('return process')());
  results['async function constructor'] = probe(() => (async function () {}).constructor('return process')());
  results['generator function constructor'] = probe(() => (function* () {}).constructor('return process')());
  results['prototype of globalThis'] = probe(() => viaConstructor(Object.getPrototypeOf(globalThis)));
  results['global descriptor'] = probe(() => viaConstructor(Object.getOwnPropertyDescriptor(globalThis, 'console')));
  results['__forge_fetch__.constructor'] = probe(() => __forge_fetch__.constructor('return process')());
  results['fetch.constructor'] = probe(() => fetch.constructor('return process')());
  results['console.log.constructor'] = probe(() => console.log.constructor('return process')());
  results['setTimeout handle'] = probe(() => viaConstructor(setTimeout(() => {}, 1)));
  results['require.constructor'] = probe(() => require.constructor('return process')());
  results["require('fs').constructor"] = probe(() => viaConstructor(require('fs')));
  results["require('fs').readFileSync.constructor"] = probe(() => require('fs').readFileSync.constructor('return process')());
  results["require('async_hooks')"] = probe(() => require('async_hooks').AsyncLocalStorage.constructor('return process')());
  results["require('events')"] = probe(() => viaConstructor(new (require('events'))()));
  results['process.constructor'] = probe(() => viaConstructor(process));
  results['process.env.constructor'] = probe(() => viaConstructor(process.env));
  results['__forge_runtime__'] = probe(() => __forge_runtime__.lambdaContext.getRemainingTimeInMillis.constructor('return process')());
  results['module.constructor'] = probe(() => viaConstructor(module));
  results['Buffer'] = probe(() => viaConstructor(Buffer.from('x')));
  results['__anvil_run__'] = probe(() => __anvil_run__.constructor('return process')());
  results['__anvil_run__ called by app code'] = probe(() => __anvil_run__(function () { return 1; }, '{}', function () {}));
  results['error from require'] = probe(() => viaError(() => require('child_process')));
  results['error from a bad URL'] = probe(() => viaError(() => new URL('nope')));
  results['fetch promise'] = probe(() => viaConstructor(fetch('https://api.example.com/p')));
  results['__forge_fetch__ promise'] = probe(() => viaConstructor(__forge_fetch__({ type: 'fpp', provider: 'app', remote: 'jira' }, '/rest/api/3/myself')));
  results['response'] = await probeAsync(async () => viaConstructor(await fetch('https://api.example.com/r')));
  results['response headers'] = await probeAsync(async () => viaConstructor((await fetch('https://api.example.com/h')).headers));
  results['response.json() promise'] = await probeAsync(async () => viaConstructor((await fetch('https://api.example.com/j')).json()));
  results['rejection of fetch(file:)'] = await probeAsync(() => viaRejection(fetch('file:///etc/passwd')));
  results['rejection of import()'] = await probeAsync(() => viaRejection(import('fs')));
  results['rejection of fs.promises'] = await probeAsync(() => viaRejection(require('fs').promises.readFile('/etc/passwd')));

  // zlib and crypto do their work in the host: nothing they hand back may be a host object.
  const zlib = require('node:zlib');
  const crypto = require('crypto');
  const promisify = require('util').promisify;
  results["zlib.deflateSync(...).constructor.constructor"] = probe(() => zlib.deflateSync('x').constructor.constructor('return process')());
  results['zlib result buffer'] = probe(() => viaConstructor(zlib.deflateSync('x').buffer));
  results['zlib module'] = probe(() => viaConstructor(zlib));
  results['zlib function'] = probe(() => zlib.inflateRawSync.constructor('return process')());
  results['zlib error'] = probe(() => viaError(() => zlib.inflateSync(Buffer.from('not deflate'))));
  results['zlib limit error'] = probe(() => viaError(() => zlib.inflateSync(zlib.deflateSync(Buffer.alloc(64)), { maxOutputLength: 8 })));
  results['zlib callback result'] = await probeAsync(async () => viaConstructor(await promisify(zlib.gzip)('x')));
  results['zlib callback error'] = await probeAsync(() => viaRejection(promisify(zlib.gunzip)(Buffer.from('not gzip'))));
  results['crypto hash'] = probe(() => viaConstructor(crypto.createHash('sha256')));
  results['crypto digest'] = probe(() => viaConstructor(crypto.createHash('sha256').update('x').digest()));
  results['crypto hmac digest'] = probe(() => viaConstructor(crypto.createHmac('sha256', 'k').update('x').digest()));
  results['crypto randomBytes'] = probe(() => viaConstructor(crypto.randomBytes(4)));
  results['crypto error'] = probe(() => viaError(() => crypto.createHash('nope')));
  results['crypto unavailable error'] = probe(() => viaError(() => crypto.createCipheriv('aes-128-cbc', 'k', 'iv')));
  results['globalThis.crypto'] = probe(() => viaConstructor(globalThis.crypto));
  results['globalThis.crypto getter'] = probe(() => Object.getOwnPropertyDescriptor(globalThis, 'crypto').get.constructor('return process')());
  results['subtle.digest promise'] = probe(() => viaConstructor(crypto.subtle.digest('SHA-256', new Uint8Array(1))));
  results['subtle.digest result'] = await probeAsync(async () => viaConstructor(await crypto.subtle.digest('SHA-256', new Uint8Array(1))));
  results['subtle refusal'] = await probeAsync(() => viaRejection(crypto.subtle.encrypt()));

  // The Node modules built in-context (bundled packages and the http facade over the egress call).
  const stream = require('stream');
  const http = require('https');
  results['stream module'] = probe(() => viaConstructor(stream));
  results['stream.Readable instance'] = probe(() => viaConstructor(stream.Readable.from(['x'])));
  results['stream pipeline error'] = await probeAsync(() => viaRejection(stream.promises.pipeline(new stream.Readable({ read() { this.destroy(new Error('x')); } }), new stream.PassThrough())));
  results['string_decoder'] = probe(() => viaConstructor(new (require('string_decoder').StringDecoder)('utf8')));
  results['querystring'] = probe(() => require('querystring').parse.constructor('return process')());
  results['punycode'] = probe(() => viaConstructor(require('punycode')));
  results['os'] = probe(() => viaConstructor(require('os').userInfo()));
  results['assert error'] = probe(() => viaError(() => require('assert').strictEqual(1, 2)));
  results['url.parse result'] = probe(() => viaConstructor(require('url').parse('https://api.example.com/u')));
  results['https.request'] = probe(() => viaConstructor(http.request('https://api.example.com/q')));
  results['https.request constructor'] = probe(() => http.request.constructor('return process')());
  results['https response'] = await probeAsync(() => new Promise((resolve, reject) => {
    const req = http.get('https://api.example.com/m', (res) => { res.resume(); try { resolve(viaConstructor(res)); } catch (e) { reject(e); } });
    req.on('error', reject);
  }));
  results['https response body'] = await probeAsync(() => new Promise((resolve, reject) => {
    const req = http.get('https://api.example.com/b', (res) => res.once('data', (chunk) => { try { resolve(viaConstructor(chunk)); } catch (e) { reject(e); } }));
    req.on('error', reject);
  }));
  results['http error of a refused protocol'] = probe(() => viaError(() => require('http').request('https://api.example.com/')));

  // Web globals built in-context: AbortController, structuredClone, Blob, FormData, Request, Response.body.
  results['AbortController signal'] = probe(() => viaConstructor(new AbortController().signal));
  results['abort rejection'] = await probeAsync(() => viaRejection(fetch('https://api.example.com/a', { signal: AbortSignal.abort() })));
  results['structuredClone result'] = probe(() => viaConstructor(structuredClone({ a: [1] })));
  results['DataCloneError'] = probe(() => viaError(() => structuredClone(() => 1)));
  results['Blob'] = probe(() => viaConstructor(new Blob(['x'])));
  results['FormData'] = probe(() => viaConstructor(new FormData()));
  results['Request'] = probe(() => viaConstructor(new Request('https://api.example.com/x')));
  results['Response.body chunk'] = await probeAsync(async () => viaConstructor((await (await fetch('https://api.example.com/c')).body.getReader().read()).value));

  // Globals built on first use are accessors until then: their getters and setters are functions too.
  const accessors = [];
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const descriptor = Object.getOwnPropertyDescriptor(globalThis, name);
    if (descriptor.get) accessors.push(probe(() => descriptor.get.constructor('return process')()));
    if (descriptor.set) accessors.push(probe(() => descriptor.set.constructor('return process')()));
  }
  results['global accessors'] = accessors.length === 0 ? 'got none' : [...new Set(accessors)].join(', ');

  // Errors raised at the boundary itself: call into the host with the stack nearly exhausted.
  const boundaryErrors = [];
  (function deeper(n) {
    try { deeper(n + 1); } catch (first) {
      try { console.log('deep ' + n); } catch (e) { boundaryErrors.push(e); }
    }
  })(0);
  results['errors at the host boundary'] = boundaryErrors.length === 0 ? 'got none' : boundaryErrors.map((e) => probe(() => viaConstructor(e))).join(', ');

  // Structured stack traces: every frame's this and function, in a timer callback and a reply continuation.
  const frames = [];
  Error.prepareStackTrace = (error, callSites) => { for (const site of callSites) frames.push(site.getThis(), site.getFunction()); return 'trace'; };
  await new Promise((resolve) => setTimeout(() => { new Error('in a timer').stack; resolve(); }, 1));
  await fetch('https://api.example.com/s').then(() => { new Error('in a reply').stack; });
  Error.prepareStackTrace = undefined;
  const reachable = frames.filter((value) => value !== undefined && value !== null && value !== globalThis && value !== moduleThis);
  results['stack frames'] = reachable.length === 0 ? 'blocked: nothing reachable' : reachable.map((value) => probe(() => viaConstructor(value))).join(', ');

  // The function that called a sloppy callback, as Function.prototype.caller shows it.
  let caller = 'unset';
  await new Promise((resolve) => setTimeout(function callback() { caller = callback.caller; resolve(); }, 1));
  results['caller of a timer callback'] = caller === null ? 'blocked: null' : probe(() => viaConstructor(caller));

  results['eval'] = probe(() => eval('1'));
  results['new Function'] = probe(() => new Function('return 1'));
  results['WebAssembly'] = await probeAsync(() => WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])));
  return results;
};

exports.whatIsThere = () => ({
  pid: typeof process.pid,
  binding: typeof process.binding,
  mainModule: typeof process.mainModule,
  globalRequire: typeof globalThis.require,
  globalProcessIsFake: Object.keys(process.env).join(','),
  hostSecret: process.env.ANVIL_HOST_SECRET === undefined,
});

exports.modules = () => {
  const outcome = {};
  for (const name of ['child_process', 'node:child_process', 'net', 'vm', 'module', 'v8', 'inspector', 'dgram', 'dns', 'cluster', 'tls', 'lodash', './secrets']) {
    try { require(name); outcome[name] = 'LOADED'; } catch (e) { outcome[name] = e.message; }
  }
  const threads = require('worker_threads');
  outcome['worker_threads.isMainThread'] = threads.isMainThread;
  const tty = require('node:tty');
  outcome['tty.isatty'] = [tty.isatty(process.stderr.fd), tty.isatty(2), tty.isatty(1)];
  try { new tty.WriteStream(1); outcome['new tty.WriteStream'] = 'MADE'; } catch (e) { outcome['new tty.WriteStream'] = e.code; }
  try { new threads.Worker('globalThis.started = true', { eval: true }); outcome['new Worker'] = 'STARTED'; } catch (e) { outcome['new Worker'] = e.message; }
  const fs = require('fs');
  for (const name of ['writeFileSync', 'appendFileSync', 'mkdirSync', 'rmSync', 'unlinkSync', 'writeSync']) {
    try { fs[name]('/tmp/anvil-sandbox-should-not-exist', 'x'); outcome['fs.' + name] = 'WROTE'; } catch (e) { outcome['fs.' + name] = e.message; }
  }
  return outcome;
};

exports.passwd = async () => {
  const fs = require('fs');
  const routes = {
    readFileSync: () => fs.readFileSync('/etc/passwd', 'utf8'),
    existsSync: () => fs.existsSync('/etc/passwd'),
    promises: () => fs.promises.readFile('/etc/passwd', 'utf8'),
    callback: () => new Promise((resolve, reject) => fs.readFile('/etc/passwd', 'utf8', (e, text) => (e ? reject(e) : resolve(text)))),
    'fetch(file:)': () => fetch('file:///etc/passwd').then((r) => r.text()),
    'import()': () => import('/etc/passwd'),
    'process.binding': () => process.binding('fs'),
  };
  const outcome = {};
  for (const [route, read] of Object.entries(routes)) {
    try { outcome[route] = 'read: ' + String(await read()).slice(0, 40); } catch (e) { outcome[route] = 'failed: ' + (e && e.message); }
  }
  return outcome;
};
`;

let childFile: string;
let folder: string;
let runner: RunnerChild;
const answer = () => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{}' });

beforeAll(async () => {
  childFile = await buildRunnerChild();
  folder = writeAppBundles({
    'escapes.js': ESCAPES,
    'plain.js': 'exports.handler = () => "fine";',
    'breakout.js': "exports.handler = () => 1;\n}); console.log('outside the wrapper, __forge_fetch__ is a ' + typeof __forge_fetch__); (function () {",
  });
  runner = await RunnerChild.start(childFile, folder, { env: { ANVIL_HOST_SECRET: 'host-only' } });
});

afterAll(() => runner?.stop());

describe('the membrane', () => {
  it('is tested by probes that do report a real escape (control: a context made from a host object)', () => {
    const leaky = vm.createContext({});
    const outcome: unknown = vm.runInContext(PROBES + "probe(function () { return this.constructor.constructor('return process')(); })", leaky);
    expect(outcome).toBe(`ESCAPED: host process ${process.pid}`);
  });

  it('leaves app code no way to the host realm', async () => {
    const results = resultOf(await runner.invoke(path.join(folder, 'escapes.js'), 'escapes', {}, { answer })) as Record<string, string>;
    const escaped = Object.entries(results).filter(([, outcome]) => outcome.includes('ESCAPED'));
    expect(escaped).toEqual([]);
    for (const [probe, outcome] of Object.entries(results)) {
      expect.soft(outcome, probe).toMatch(/^blocked|^got (null|undefined|number)$/);
    }
    expect(results['this.constructor.constructor']).toBe('blocked: EvalError');
    expect(results['errors at the host boundary']).not.toBe('got none');
    expect(results['rejection of import()']).toBe('blocked: EvalError');
    expect(results['eval']).toBe('blocked: EvalError');
    expect(results['new Function']).toBe('blocked: EvalError');
    expect(results['WebAssembly']).toBe('blocked: CompileError');
    // These reach their constructor only when zlib and crypto work in the real child.
    expect(results['global accessors']).toBe('blocked: EvalError');
    for (const probe of ['AbortController signal', 'abort rejection', 'structuredClone result', 'DataCloneError', 'Blob', 'Request', 'Response.body chunk']) {
      expect(results[probe], probe).toBe('blocked: EvalError');
    }
    for (const probe of ['stream module', 'stream.Readable instance', 'stream pipeline error', 'https.request', 'https response', 'https response body', 'assert error']) {
      expect(results[probe], probe).toBe('blocked: EvalError');
    }
    for (const probe of ['zlib.deflateSync(...).constructor.constructor', 'zlib error', 'zlib callback result', 'zlib callback error', 'crypto digest', 'subtle.digest result']) {
      expect(results[probe], probe).toBe('blocked: EvalError');
    }
  });

  it('shows app code a process with no pid, no bindings and only its own environment', async () => {
    const seen = resultOf(await runner.invoke(path.join(folder, 'escapes.js'), 'whatIsThere', {}, { env: { FORGE_USER_VAR_A: '1' } }));
    expect(seen).toEqual({ pid: 'undefined', binding: 'undefined', mainModule: 'undefined', globalRequire: 'undefined', globalProcessIsFake: 'FORGE_USER_VAR_A', hostSecret: true });
  });

  it('refuses Node modules that reach outside, and every file write, with a clear message', async () => {
    const outcome = resultOf(await runner.invoke(path.join(folder, 'escapes.js'), 'modules')) as Record<string, string>;
    expect(outcome['child_process']).toBe("Cannot find module 'child_process': Forge functions run without Node's child_process module here");
    expect(outcome['node:child_process']).toBe("Cannot find module 'node:child_process': Forge functions run without Node's child_process module here");
    for (const name of ['net', 'vm', 'module', 'v8', 'inspector', 'dgram', 'dns', 'cluster', 'tls']) {
      expect(outcome[name]).toBe(`Cannot find module '${name}': Forge functions run without Node's ${name} module here`);
    }
    expect(outcome['lodash']).toMatch(/must include its dependencies/);
    expect(outcome['./secrets']).toMatch(/must be a single file/);
    // tty loads (debug and supports-color require it at load) and says no stream is a terminal, as in a deployed function.
    expect(outcome['tty.isatty']).toEqual([false, false, false]);
    expect(outcome['new tty.WriteStream']).toBe('ERR_TTY_INIT_FAILED');
    // worker_threads loads (packages such as pino require it at load), but no worker starts.
    expect(outcome['worker_threads.isMainThread']).toBe(true);
    expect(outcome['new Worker']).toMatch(/^Node's worker_threads module cannot start a worker in Anvil's local runner: a worker thread would run outside the invocation's sandbox/);
    expect(outcome['fs.writeFileSync']).toBe(
      "fs.writeFileSync('/tmp/anvil-sandbox-should-not-exist') cannot write in Anvil\u2019s local runner: a Forge function has no disk that keeps what it writes. " +
        'On the platform only /tmp is writable (512 MB), and it is not kept between invocations: the next one may run on a fresh instance. ' +
        'Way out: keep data in Forge storage (@forge/kvs, or Forge SQL); build a file the function only passes on (an attachment, an upload) in memory, as a Buffer or string.',
    );
    expect(outcome['fs.writeSync']).toMatch(/^fs\.writeSync\('\/tmp\/anvil-sandbox-should-not-exist'\) cannot write/);
    expect(Object.values(outcome).join('\n')).not.toMatch(/LOADED|WROTE|STARTED/);
  });

  it('lets no route read /etc/passwd', async () => {
    const outcome = resultOf(await runner.invoke(path.join(folder, 'escapes.js'), 'passwd')) as Record<string, string>;
    expect(outcome).toEqual({
      readFileSync: "failed: ENOENT: no such file or directory, open '/etc/passwd'",
      existsSync: 'read: false',
      promises: "failed: ENOENT: no such file or directory, open '/etc/passwd'",
      callback: "failed: ENOENT: no such file or directory, open '/etc/passwd'",
      'fetch(file:)': 'failed: fetch failed: Forge functions can only fetch http: and https: URLs, not file:',
      'import()': "failed: Cannot find module '/etc/passwd': Forge functions run without dynamic import() here",
      'process.binding': 'failed: process.binding is not a function',
    });
  });
});

describe('a bundle that closes its module wrapper early', () => {
  it('runs its outside code only after the globals exist, and finds no export', async () => {
    const record = await runner.invoke(path.join(folder, 'breakout.js'), 'handler');
    expect(record.logs.map((log) => log.message)).toEqual(['outside the wrapper, __forge_fetch__ is a function']);
    expect(record.done.ok === false && record.done.error.message).toMatch(/does not export a function named 'handler'/);
  });
});

describe('without --experimental-vm-modules', () => {
  it('refuses a bundle that contains import(), and still runs one that does not', async () => {
    const plainRunner = await RunnerChild.start(childFile, folder, { vmModules: false });
    try {
      const refused = await plainRunner.invoke(path.join(folder, 'escapes.js'), 'whatIsThere');
      expect(refused.done.ok === false && refused.done.error).toMatchObject({ name: 'ImportNotContainedError' });
      expect(resultOf(await plainRunner.invoke(path.join(folder, 'plain.js'), 'handler'))).toBe('fine');
    } finally {
      plainRunner.stop();
    }
  });
});
