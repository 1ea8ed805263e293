import type { Plugin } from 'esbuild';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseManifest } from '../../manifest';
import { packageOf } from './package-identity';

/**
 * Apps built for Forge's retired sandbox runtime. @forge/api up to 2.7.0 builds its fetch API from
 * `global.api`, the object that runtime injected, the moment it loads
 * (`wrapFetchApiMethods(global.api, …)`); from 2.8.0 on it falls back to the Node runtime's
 * `__forge_fetch__` when there is none. The platform's Node runtime, which Anvil emulates, has no
 * `global.api`, so such an app fails there on import with a bare TypeError. Anvil does not shim it
 * (that would run code the platform no longer runs): the release's entry file becomes one that
 * says what happened and the way out, decided when the bundle is built.
 */

const ENTRY = /[\\/]node_modules[\\/]@forge[\\/]api[\\/]out[\\/]index\.js$/;
/** How the retired releases read the sandbox runtime's object: unconditionally, at load. */
const READS_GLOBAL_API = /\bwrapFetchApiMethods\)?\(\s*global\.api\b/;
const MAX_ENTRY_BYTES = 1024 * 1024;

/** The message for an app whose @forge/api (`label`, e.g. `@forge/api 2.3.0`) reads only global.api. */
export function retiredRuntimeMessage(release: string, bringer: string | null, runtimeNamed: boolean): string {
  const upgrade = bringer ? `Upgrade ${bringer}, which brings that @forge/api, and @forge/api (npm install ${bringer}@latest @forge/api@latest)` : 'Upgrade @forge/api (npm install @forge/api@latest)';
  return (
    `This app was built for Forge's retired sandbox runtime (${release} reads global.api); the platform no longer runs it. ` +
    `${upgrade}${runtimeNamed ? '' : ' and set app.runtime.name: nodejs22.x in manifest.yml'}.`
  );
}

export function retiredRuntime(appFolder: string): Plugin {
  const root = realpathSync(appFolder);
  return {
    name: 'anvil-retired-runtime',
    setup(build) {
      // After the import guard: only files inside the app folder get here.
      build.onLoad({ filter: ENTRY, namespace: 'file' }, (args) => {
        const text = entryText(root, args.path);
        if (text === null || !READS_GLOBAL_API.test(text)) return undefined;
        const owner = packageOf(root, args.path);
        // `@forge/api 2.3.0 (node_modules/…)`: the name and version, which packageOf checked the shape of.
        const release = owner.label.replace(/ \(.*\)$/, '');
        const message = retiredRuntimeMessage(release, bringerOf(root, args.path), manifestNamesRuntime(root));
        return { contents: `var e = new Error(${JSON.stringify(message)}); e.name = 'RetiredRuntimeError'; throw e;\n`, loader: 'js' };
      });
    },
  };
}

function entryText(root: string, file: string): string | null {
  try {
    const real = realpathSync(file);
    const relative = path.relative(root, real);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
    if (statSync(real).size > MAX_ENTRY_BYTES) return null;
    return readFileSync(real, 'utf8');
  } catch {
    return null;
  }
}

/** The package whose own node_modules holds this @forge/api (as @forge/resolver 1.2 brings one), or null when the app depends on it directly. */
function bringerOf(root: string, file: string): string | null {
  const parts = path.relative(root, file).split(path.sep);
  const last = parts.lastIndexOf('node_modules');
  const previous = parts.lastIndexOf('node_modules', last - 1);
  if (previous === -1) return null;
  const folder = parts.slice(0, last);
  return packageOf(root, path.join(root, ...folder, 'package.json')).name;
}

function manifestNamesRuntime(root: string): boolean {
  const text = entryText(root, path.join(root, 'manifest.yml'));
  if (text === null) return false;
  const value = parseManifest(text).value as { app?: { runtime?: { name?: unknown } } } | null;
  return typeof value?.app?.runtime?.name === 'string';
}
