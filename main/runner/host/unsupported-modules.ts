import type { Plugin } from 'esbuild';
import { realpathSync } from 'node:fs';
import { packageOf } from './package-identity';

/**
 * What app code imports that Anvil's local runner cannot run, and the message that says so: which
 * package (name and version from its package.json) or which file of the app asked for it, why it
 * cannot run here, and the way out. Decided when the bundle is built, said when the code runs:
 * a package that only mentions `child_process` on a path the function never takes keeps working,
 * a `try { require(…) } catch` keeps falling back, and whatever runs into it gets the message.
 * Nothing here gives app code anything: a wrapped Node module is still the sandbox's own (or its
 * absence), and a native addon is never loaded. Two modules load and fail only when used, because
 * common packages load them for features they rarely use (pino requires worker_threads through
 * thread-stream and module for createRequire, both only for transports): starting a worker, and
 * createRequire, carry the message instead.
 */

const NAMESPACE = 'anvil-unsupported';

type Reason = 'process' | 'worker' | 'socket' | 'engine' | 'loader';

/** Node modules the sandbox does not provide (and the platform's legacy runtime did not either). */
const UNSUPPORTED_BUILTINS: Readonly<Record<string, Reason>> = {
  child_process: 'process',
  cluster: 'process',
  net: 'socket',
  tls: 'socket',
  dgram: 'socket',
  dns: 'socket',
  'dns/promises': 'socket',
  http2: 'socket',
  vm: 'engine',
  v8: 'engine',
  inspector: 'engine',
  'inspector/promises': 'engine',
  repl: 'engine',
  wasi: 'engine',
};

/** Node modules that load (the sandbox's own, or a stand-in), whose named export fails when used. */
const FAILS_ON_USE: Readonly<Record<string, { reason: Reason; use: string }>> = {
  worker_threads: { reason: 'worker', use: "starts a worker thread (new Worker from Node's worker_threads)" },
  module: { reason: 'loader', use: "loads a module through Node's module.createRequire" },
};

const WHY: Readonly<Record<Reason, string>> = {
  process: 'a process it starts would run outside the sandbox, able to do anything on your machine',
  worker: "a worker thread would run outside the invocation's sandbox and its time and memory limits",
  socket: 'a raw socket or name lookup would bypass the egress checks every fetch goes through',
  engine: 'it reaches the JavaScript engine beneath the sandbox',
  loader: 'it loads modules from disk while the function runs, and Anvil runs only the bundle it built from the app',
};

const WAY_OUT: Readonly<Record<Reason, string>> = {
  process: 'do the work in JavaScript, or run the program behind a Forge Remote (an endpoint module) that the function calls',
  worker: 'do the work in the invocation itself (long work fits an async-events consumer, which may run up to 900 s)',
  socket:
    'use fetch (from @forge/api, or the global one) to a host declared under permissions.external.fetch.backend, which goes through the egress gateway; put a database or another non-HTTP service behind a Forge Remote (an endpoint module)',
  engine: 'avoid the code path that needs it',
  loader: 'import what it loads, so the bundle includes it, or avoid the code path that needs it',
};

/** A better way out for packages known to reach these modules for an optional feature. */
const PACKAGE_WAY_OUT: Readonly<Record<string, string>> = {
  'thread-stream': "log without a pino transport (pino's default JSON lines on stdout become the function's logs)",
  pino: "log without a pino transport (pino's default JSON lines on stdout become the function's logs)",
};

/** Packages that load compiled code: the loader is what they call, so that is where the message goes. */
const NATIVE_LOADERS: ReadonlySet<string> = new Set([
  'bindings',
  'node-gyp-build',
  'node-gyp-build-optional-packages',
  'prebuild-install',
  '@mapbox/node-pre-gyp',
  'node-pre-gyp',
  '@discordjs/node-pre-gyp',
]);
/** Native packages that find their addon another way (a computed require), with the way out that fits them. */
const NATIVE_PACKAGES: Readonly<Record<string, string>> = {
  sharp: 'resize images in the browser (Custom UI) or behind a Forge Remote',
  canvas: 'draw in the browser (Custom UI) or behind a Forge Remote',
};
const NATIVE_PACKAGE_FILE = new RegExp(`[\\\\/]node_modules[\\\\/](?:${Object.keys(NATIVE_PACKAGES).join('|')})[\\\\/]`);
/** Pure-JavaScript stand-ins worth naming. */
const ALTERNATIVES: Readonly<Record<string, string>> = {
  bcrypt: 'bcryptjs',
  argon2: 'a pure-JavaScript hash (e.g. bcryptjs), or crypto.scrypt',
  'better-sqlite3': 'Forge SQL or Forge storage (@forge/kvs)',
  sqlite3: 'Forge SQL or Forge storage (@forge/kvs)',
  bufferutil: 'nothing: ws works without it',
  'utf-8-validate': 'nothing: ws works without it',
};

function withoutScheme(specifier: string): string {
  return specifier.startsWith('node:') ? specifier.slice(5) : specifier;
}

function builtinName(specifier: string): string | null {
  const name = withoutScheme(specifier);
  return Object.prototype.hasOwnProperty.call(UNSUPPORTED_BUILTINS, name) ? name : null;
}

function failsOnUseName(specifier: string): string | null {
  const name = withoutScheme(specifier);
  return Object.prototype.hasOwnProperty.call(FAILS_ON_USE, name) ? name : null;
}

/** The message for a Node module the sandbox lacks, asked for by `who`. */
export function unsupportedBuiltinMessage(who: string, packageName: string | null, module: string): string {
  const reason = UNSUPPORTED_BUILTINS[module] ?? 'engine';
  const platform = reason === 'socket' ? '' : " Forge's Node.js runtime has it, so a deployed function may get further than Anvil shows.";
  return (
    `${capitalise(who)} needs Node's ${module} module, which Anvil's local runner does not provide: ${WHY[reason]}.${platform} ` +
    `Way out: ${WAY_OUT[reason]}; or mock ${packageName ?? module} in tests.`
  );
}

/** The message for a Node module that loads but whose use Anvil's local runner cannot run (a worker, createRequire), by `who`. */
export function unsupportedUseMessage(who: string, packageName: string | null, module: string): string {
  const { reason, use } = FAILS_ON_USE[module] ?? { reason: 'engine' as const, use: `uses Node's ${module} module` };
  const wayOut = packageName !== null && Object.prototype.hasOwnProperty.call(PACKAGE_WAY_OUT, packageName) ? `${PACKAGE_WAY_OUT[packageName]}, or ${WAY_OUT[reason]}` : WAY_OUT[reason];
  return (
    `${capitalise(who)} ${use}, which Anvil's local runner does not run: ${WHY[reason]}. Forge's Node.js runtime has it, so a deployed function may get further than Anvil shows. ` +
    `Way out: ${wayOut}; or mock ${packageName ?? module} in tests.`
  );
}

/** The message for a package that loads a native addon (compiled `.node` code). */
export function nativeAddonMessage(who: string, packageName: string | null, through: string | null): string {
  const alternative = packageName ? (ALTERNATIVES[packageName] ?? NATIVE_PACKAGES[packageName]) : undefined;
  return (
    `${capitalise(who)} loads a native addon${through ? ` through ${through}` : ''}: compiled code, which Anvil's local runner never loads ` +
    "(it would run outside the sandbox, and Node's permission model refuses it). On the platform it loads only if it was built for the platform's Linux runtime, not for the machine that ran npm install. " +
    `Way out: use a pure-JavaScript package instead${alternative ? ` (${alternative})` : ''}, run this code behind a Forge Remote (an endpoint module), or mock ${packageName ?? 'it'} in tests.`
  );
}

function capitalise(text: string): string {
  return text.startsWith('your code') ? `Y${text.slice(1)}` : text;
}

/** A module whose loading throws `message`, as a missing module does (MODULE_NOT_FOUND, so feature checks still fall back). */
function throwing(message: string): string {
  return `var e = new Error(${JSON.stringify(message)}); e.code = 'MODULE_NOT_FOUND'; throw e;\n`;
}

/** Loads the sandbox's own module and, when it has none, says who needed it and why. */
function wrappedBuiltin(module: string, message: string): string {
  return (
    `var m; try { m = require(${JSON.stringify(`node:${module}`)}); } catch (cause) {\n` +
    `  if (!cause || cause.code !== 'MODULE_NOT_FOUND') throw cause;\n  ${throwing(message)}}\nmodule.exports = m;\n`
  );
}

/** A native loader (bindings, node-gyp-build, node-pre-gyp): a function, and an object with `find`, that throw when used. */
function throwingLoader(message: string): string {
  return (
    `function fail() { var e = new Error(${JSON.stringify(message)}); e.code = 'MODULE_NOT_FOUND'; throw e; }\n` + 'module.exports = fail; fail.find = fail; fail.path = fail; fail.resolve = fail;\n'
  );
}

/**
 * The sandbox's own module with the export that would start something Anvil cannot run replaced by
 * one that throws `message` when used. Loading it works, as on the platform.
 */
function failingOnUse(module: string, message: string): string {
  const fail = (code: string) => `var e = new Error(${JSON.stringify(message)}); e.code = '${code}'; throw e;`;
  if (module === 'worker_threads') {
    return (
      "var m; try { m = require('node:worker_threads'); } catch (cause) { if (!cause || cause.code !== 'MODULE_NOT_FOUND') throw cause; m = { isMainThread: true, parentPort: null, workerData: null, threadId: 0 }; }\n" +
      `class Worker { constructor() { ${fail('ERR_WORKER_INIT_FAILED')} } }\nmodule.exports = Object.assign({}, m, { Worker: Worker });\n`
    );
  }
  // The sandbox has no module module: a stand-in with what packages take from it at load, whose
  // require fails as a missing module does (so a package's own fallback still runs).
  return (
    `function load() { ${fail('MODULE_NOT_FOUND')} }\nload.resolve = load;\n` +
    'function createRequire() { return load; }\nmodule.exports = { createRequire: createRequire, builtinModules: [], isBuiltin: function () { return false; } };\n'
  );
}

interface Stub {
  contents: string;
}

/**
 * Runs before the import guard: Node modules the sandbox lacks, native loaders and `.node` files
 * become modules that carry the message. Every other import goes on to the guard untouched.
 */
export function unsupportedModules(appFolder: string): Plugin {
  const root = realpathSync(appFolder);
  return {
    name: 'anvil-unsupported-modules',
    setup(build) {
      const stubs = new Map<string, Stub>();
      const stub = (key: string, contents: () => string) => {
        if (!stubs.has(key)) stubs.set(key, { contents: contents() });
        return { path: key, namespace: NAMESPACE };
      };
      build.onResolve({ filter: /.*/ }, (args) => {
        // The wrapper's own require of the sandbox module stays a runtime require.
        if (args.namespace === NAMESPACE) return { path: args.path, external: true };
        if (args.namespace !== 'file' || args.importer === '') return undefined;
        const who = () => packageOf(root, args.importer);
        const onUse = failsOnUseName(args.path);
        if (onUse !== null) {
          const owner = who();
          return stub(`${onUse}|${owner.label}`, () => failingOnUse(onUse, unsupportedUseMessage(owner.label, owner.name, onUse)));
        }
        const module = builtinName(args.path);
        if (module !== null) {
          const owner = who();
          return stub(`${module}|${owner.label}`, () => wrappedBuiltin(module, unsupportedBuiltinMessage(owner.label, owner.name, module)));
        }
        const loader = loaderName(args.path);
        if (loader !== null) {
          const owner = who();
          return stub(`${loader}|${owner.label}`, () => throwingLoader(nativeAddonMessage(owner.label, owner.name, loader)));
        }
        if (/\.node$/i.test(args.path)) {
          const owner = who();
          return stub(`addon|${owner.label}`, () => throwing(nativeAddonMessage(owner.label, owner.name, null)));
        }
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: NAMESPACE }, (args) => ({ contents: stubs.get(args.path)?.contents ?? throwing('Anvil lost track of this module; build again.'), loader: 'js' }));
      // A known native package found another way than a loader: its own files say so when loaded.
      build.onLoad({ filter: NATIVE_PACKAGE_FILE, namespace: 'file' }, (args) => {
        const owner = packageOf(root, args.path);
        if (owner.name === null || !Object.prototype.hasOwnProperty.call(NATIVE_PACKAGES, owner.name)) return undefined;
        if (!/\.[cm]?js$/i.test(args.path)) return undefined;
        return { contents: throwing(nativeAddonMessage(owner.label, owner.name, null)), loader: 'js' };
      });
    },
  };
}

function loaderName(specifier: string): string | null {
  if (NATIVE_LOADERS.has(specifier)) return specifier;
  return null;
}
