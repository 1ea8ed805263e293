import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { smallApp } from '../../testing';
import { AppRunner } from '../app-runner';

const MANIFEST = `
modules:
  function:
    - key: main
      handler: index.main
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000001
  runtime:
    name: nodejs22.x
`;

/** An app whose src/index.js is `source`, with these files added (package folders under node_modules). */
function appWith(source: string, files: Record<string, string> = {}): string {
  const app = smallApp(MANIFEST, source);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(app, name)), { recursive: true });
    writeFileSync(path.join(app, name), text);
  }
  return app;
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

describe('what cannot run locally says which package, why, and the way out', () => {
  it('a package that loads a native addon (bcrypt through node-gyp-build) is named with its version, and bcryptjs is offered', async () => {
    const outcome = await run(appWith("import bcrypt from 'bcrypt';\nexport async function main() { return bcrypt.hashSync('pw', 10); }\n", BCRYPT));
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain('bcrypt 5.1.1 (node_modules/bcrypt) loads a native addon through node-gyp-build: compiled code, which Anvil\'s local runner never loads');
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
      appWith("let fast = null;\ntry { fast = require('bcrypt'); } catch (error) { fast = { hashSync: () => 'slow path: ' + error.code }; }\nexport async function main() { return fast.hashSync('pw', 10); }\n", BCRYPT),
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
    expect(outcome.error).toContain("tiny-db 0.9.1 (node_modules/tiny-db) needs Node's net module, which Anvil's local runner does not provide: a raw socket or name lookup would bypass the egress checks every fetch goes through.");
    expect(outcome.error).toContain('Way out: use fetch (from @forge/api, or the global one) to a host declared under permissions.external.fetch.backend, which goes through the egress gateway');
  }, 60_000);

  it('worker_threads required only on a path the function never takes changes nothing', async () => {
    const outcome = await run(appWith("export async function main() { if (globalThis.neverSet) require('worker_threads'); return 'fine'; }\n"));
    expect(outcome).toMatchObject({ status: 'ok', result: 'fine' });
  }, 60_000);
});
