import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addFiles, oneFunctionManifest, smallApp } from '../../testing';
import { AppRunner } from '../app-runner';

const MANIFEST = oneFunctionManifest();

/** An app whose src/index.js is `source`, with these files added (package folders under node_modules). */
function appWith(source: string, files: Record<string, string> = {}): string {
  return addFiles(smallApp(MANIFEST, source), files);
}

const runners: AppRunner[] = [];
afterEach(() => {
  for (const runner of runners.splice(0)) runner.close();
});

async function run(app: string) {
  const runner = new AppRunner(app, { dataDir: null });
  runners.push(runner);
  return runner.run({ functionKey: 'main' });
}

/** A package like bcrypt: its entry loads compiled code through node-gyp-build. */
const BCRYPT = {
  'node_modules/bcrypt/package.json': JSON.stringify({ name: 'bcrypt', version: '5.1.1', main: 'index.js', gypfile: true }),
  'node_modules/bcrypt/index.js': "const binding = require('node-gyp-build')(__dirname);\nexports.hashSync = (text, rounds) => binding.hash(text, rounds);\n",
  'node_modules/bcrypt/build/Release/bcrypt_lib.node': '\u007fELF not really',
  'node_modules/node-gyp-build/package.json': JSON.stringify({ name: 'node-gyp-build', version: '4.8.0', main: 'index.js' }),
  'node_modules/node-gyp-build/index.js': "module.exports = (dir) => require(require('path').join(dir, 'build/Release/bcrypt_lib.node'));\n",
};

/**
 * A logger built like pino 8: its tools require worker_threads (for isMainThread) and its transport
 * code requires thread-stream, which takes Worker from worker_threads, and module (createRequire),
 * all at load. Only a transport starts a worker; without one it writes JSON lines to stdout.
 */
const PINO_LIKE = {
  'node_modules/pino/package.json': JSON.stringify({ name: 'pino', version: '8.21.0', main: 'pino.js' }),
  'node_modules/pino/pino.js': [
    "const { isMainThread } = require('worker_threads');",
    "const transport = require('./lib/transport');",
    'module.exports = function pino(opts = {}) {',
    '  const stream = opts.transport ? transport(opts.transport) : process.stdout;',
    "  return { info: (obj, msg) => stream.write(JSON.stringify({ level: 30, mainThread: isMainThread, ...obj, msg }) + '\\n') };",
    '};',
    '',
  ].join('\n'),
  'node_modules/pino/lib/transport.js': [
    "const { createRequire } = require('module');",
    "const ThreadStream = require('thread-stream');",
    'module.exports = (options) => {',
    "  try { createRequire('/').resolve(options.target); } catch (error) { if (options.target !== 'pino/file') throw error; }",
    '  return new ThreadStream({ filename: options.target });',
    '};',
    '',
  ].join('\n'),
  'node_modules/thread-stream/package.json': JSON.stringify({ name: 'thread-stream', version: '2.7.0', main: 'index.js' }),
  'node_modules/thread-stream/index.js': [
    "const { EventEmitter } = require('events');",
    "const { Worker } = require('worker_threads');",
    'class ThreadStream extends EventEmitter {',
    '  constructor(opts) { super(); this.worker = new Worker(opts.filename, { workerData: {} }); }',
    '  write() { return true; }',
    '}',
    'module.exports = ThreadStream;',
    '',
  ].join('\n'),
};

describe('what cannot run locally says which package, why, and the way out', () => {
  it('a package that loads a native addon (bcrypt through node-gyp-build) is named with its version, and bcryptjs is offered', async () => {
    const outcome = await run(appWith("import bcrypt from 'bcrypt';\nexport async function main() { return bcrypt.hashSync('pw', 10); }\n", BCRYPT));
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain("bcrypt 5.1.1 (node_modules/bcrypt) loads a native addon through node-gyp-build: compiled code, which Anvil's local runner never loads");
    expect(outcome.error).toContain('Way out: use a pure-JavaScript package instead (bcryptjs), run this code behind a Forge Remote (an endpoint module), or mock bcrypt in tests.');
  }, 60_000);

  it('a package that requires its .node file directly is named too', async () => {
    const outcome = await run(
      appWith("import { render } from 'fast-render';\nexport async function main() { return render(); }\n", {
        'node_modules/fast-render/package.json': JSON.stringify({ name: 'fast-render', version: '2.0.3', main: 'lib/index.js' }),
        'node_modules/fast-render/lib/index.js': "module.exports = require('../build/Release/render.node');\n",
        'node_modules/fast-render/build/Release/render.node': '\u007fELF',
      }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain('fast-render 2.0.3 (node_modules/fast-render) loads a native addon: compiled code');
    expect(outcome.error).toContain('or mock fast-render in tests');
  }, 60_000);

  it('a try/catch around an optional native package still falls back, as it does on a machine without the addon', async () => {
    const outcome = await run(
      appWith(
        "let fast = null;\ntry { fast = require('bcrypt'); } catch (error) { fast = { hashSync: () => 'slow path: ' + error.code }; }\nexport async function main() { return fast.hashSync('pw', 10); }\n",
        BCRYPT,
      ),
    );
    expect(outcome).toMatchObject({ status: 'ok', result: 'slow path: MODULE_NOT_FOUND' });
  }, 60_000);

  it('the app\u2019s own child_process import names the file, why, and the way out', async () => {
    const outcome = await run(appWith("import { execSync } from 'node:child_process';\nexport async function main() { return String(execSync('id')); }\n"));
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain("Your code (src/index.js) needs Node's child_process module, which Anvil's local runner does not provide: a process it starts would run outside the sandbox");
    expect(outcome.error).toContain('Way out: do the work in JavaScript, or run the program behind a Forge Remote (an endpoint module) that the function calls; or mock child_process in tests.');
  }, 60_000);

  it('a package that needs raw sockets loads, and says so with its name and version when it opens one', async () => {
    const outcome = await run(
      appWith("import { connect } from 'tiny-db';\nexport async function main() { return connect('db.example.com'); }\n", {
        'node_modules/tiny-db/package.json': JSON.stringify({ name: 'tiny-db', version: '0.9.1', main: 'index.js' }),
        'node_modules/tiny-db/index.js': "exports.connect = (host) => require('net').connect(5432, host);\n",
      }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain(
      "tiny-db 0.9.1 (node_modules/tiny-db) needs Node's net module, which Anvil's local runner does not provide: a raw socket or name lookup would bypass the egress checks every fetch goes through.",
    );
    expect(outcome.error).toContain('Way out: use fetch (from @forge/api, or the global one) to a host declared under permissions.external.fetch.backend, which goes through the egress gateway');
  }, 60_000);

  it('worker_threads required only on a path the function never takes changes nothing', async () => {
    const outcome = await run(appWith("export async function main() { if (globalThis.neverSet) require('worker_threads'); return 'fine'; }\n"));
    expect(outcome).toMatchObject({ status: 'ok', result: 'fine' });
  }, 60_000);

  it('a logger that loads worker_threads (pino through thread-stream) logs to stdout; only starting its transport says which package, why and the way out', async () => {
    const app = appWith(
      [
        "import pino from 'pino';",
        "export async function main() { pino().info({ issue: 'ABC-1' }, 'hello from pino'); return 'logged'; }",
        "export async function transported() { pino({ transport: { target: 'pino/file' } }).info({}, 'never written'); return 'started'; }",
        '',
      ].join('\n'),
      PINO_LIKE,
    );
    writeFileSync(path.join(app, 'manifest.yml'), MANIFEST.replace('      handler: index.main\n', '      handler: index.main\n    - key: transported\n      handler: index.transported\n'));
    const runner = new AppRunner(app, { dataDir: null });
    runners.push(runner);

    const logged = await runner.run({ functionKey: 'main' });
    expect(logged).toMatchObject({ status: 'ok', result: 'logged' });
    expect(logged.logs.map((line) => line.message)).toEqual(['{"level":30,"mainThread":true,"issue":"ABC-1","msg":"hello from pino"}']);

    const transported = await runner.run({ functionKey: 'transported' });
    expect(transported.status).toBe('error');
    expect(transported.error).toContain(
      "thread-stream 2.7.0 (node_modules/thread-stream) starts a worker thread (new Worker from Node's worker_threads), which Anvil's local runner does not run: a worker thread would run outside the invocation's sandbox and its time and memory limits.",
    );
    expect(transported.error).toContain("Way out: log without a pino transport (pino's default JSON lines on stdout become the function's logs), or do the work in the invocation itself");
    expect(transported.error).toContain('or mock thread-stream in tests.');
  }, 60_000);

  it('a package that loads a module through createRequire loads, and says which package, why and the way out when it asks', async () => {
    const outcome = await run(
      appWith("import { load } from 'plugin-host';\nexport async function main() { return load('left-pad'); }\n", {
        'node_modules/plugin-host/package.json': JSON.stringify({ name: 'plugin-host', version: '1.4.0', main: 'index.js' }),
        'node_modules/plugin-host/index.js': "const { createRequire } = require('module');\nexports.load = (name) => createRequire(__filename)(name);\n",
      }),
    );
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain(
      "plugin-host 1.4.0 (node_modules/plugin-host) loads a module through Node's module.createRequire, which Anvil's local runner does not run: it loads modules from disk while the function runs",
    );
    expect(outcome.error).toContain('Way out: import what it loads, so the bundle includes it, or avoid the code path that needs it; or mock plugin-host in tests.');
  }, 60_000);
});
