import type { Plugin } from 'esbuild';
import { existsSync, realpathSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

// Asked of esbuild's own resolver from inside the plugin; marks the inner request so it is not checked twice.
const INNER = Symbol('anvil-inner-resolve');
const BUILTINS: ReadonlySet<string> = new Set(builtinModules);

/**
 * Keeps a bundle to the app's own code. App code is not trusted (a cloned app folder may be
 * hostile), and whatever the bundler embeds, the function can read: an import of
 * `/home/u/.ssh/id_rsa`, `../../secret.txt` or a symbolic link under src/ to a file elsewhere would
 * hand that file to app code. So every import must resolve, after following symbolic links, to a
 * file inside the app folder (its node_modules included), or be a Node built-in, which the runner
 * answers with its own sandbox modules. Anything else fails the build, naming the import and the fix.
 */
export function appFolderImports(appFolder: string): Plugin {
  const root = realpathSync(appFolder);
  return {
    name: 'anvil-app-folder-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData === INNER) return undefined;
        const resolved = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          namespace: args.namespace,
          resolveDir: args.resolveDir,
          with: args.with,
          pluginData: INNER,
        });
        // Unresolvable: esbuild's own resolver fails it again, and leaves a require() inside try/catch
        // (an optional dependency, as node-fetch's `encoding`) to fail at run time, where the app catches it.
        if (resolved.errors.length > 0) return undefined;
        if (resolved.external) {
          if (isBuiltin(resolved.path)) return resolved;
          return {
            errors: [
              { text: `The import "${args.path}" is left outside the bundle, but the runner can only provide Node built-ins (e.g. node:crypto). Install the package into the app's node_modules.` },
            ],
          };
        }
        // Data URLs and other virtual modules carry their content in the import itself: no file is read.
        if (resolved.namespace !== 'file') return resolved;
        const refusal = outsideRefusal(root, args.path, resolved.path, lexicalPath(root, args.path, args.resolveDir));
        return refusal ? { errors: [{ text: refusal }] } : resolved;
      });
      // A second look where esbuild reads a file, whichever way its path was found.
      build.onLoad({ filter: /.*/, namespace: 'file' }, (args) => {
        const refusal = outsideRefusal(root, args.path, args.path, args.path);
        return refusal ? { errors: [{ text: refusal }] } : undefined;
      });
    },
  };
}

/**
 * Why a resolved file may not be bundled, or null when it is inside the app folder after following
 * links. `lexical` is where the import points before links are followed (esbuild hands over the
 * real path), so the message can name the link that leaves the folder.
 */
function outsideRefusal(root: string, specifier: string, file: string, lexical: string | null): string | null {
  let real: string;
  try {
    real = realpathSync(file);
  } catch {
    return `The import "${specifier}" resolves to ${file}, which cannot be read. Imports must name files inside the app folder.`;
  }
  if (inside(root, real)) return null;
  const link = lexical ? firstLinkOutside(root, lexical) : null;
  if (link && isInNodeModules(root, link.at)) {
    return (
      `The import "${specifier}" reaches a package in node_modules that is a symbolic link to ${link.target}, outside the app folder (as \`npm link\` or a workspace makes). ` +
      "Anvil bundles only files inside the app folder; install the package into the app's own node_modules (npm install, without links)."
    );
  }
  if (link) {
    return (
      `The import "${specifier}" goes through the symbolic link ${path.relative(root, link.at)}, which points to ${link.target}, outside the app folder. ` +
      'Anvil bundles only files inside the app folder; copy the file into the app (e.g. under src/) and import the copy.'
    );
  }
  if (isPackage(specifier)) {
    return (
      `The package "${specifier}" resolves to ${real}, outside the app folder (a node_modules folder above the app, or a path setting). ` +
      "Anvil bundles only files inside the app folder, as a deploy would; install the package into the app's own node_modules (npm install in the app folder)."
    );
  }
  return (
    `The import "${specifier}" resolves to ${real}, outside the app folder. ` +
    'Anvil bundles only files inside the app folder, as a deploy would; copy the file into the app (e.g. under src/) and import it with a relative path.'
  );
}

function inside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith(`..${path.sep}`) && relative !== '..' && !path.isAbsolute(relative);
}

// Walks the path from the app folder down, to name the link that leaves it (if the path starts inside).
function firstLinkOutside(root: string, file: string): { at: string; target: string } | null {
  const relative = path.relative(root, file);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  let current = root;
  for (const part of relative.split(path.sep)) {
    current = path.join(current, part);
    let real: string;
    try {
      real = realpathSync(current);
    } catch {
      return null;
    }
    if (!inside(root, real)) return { at: current, target: real };
  }
  return null;
}

// Where an import points before symbolic links are followed: the joined path, or for a package the
// nearest node_modules entry of that name between the importing folder and the app folder.
function lexicalPath(root: string, specifier: string, resolveDir: string): string | null {
  if (path.isAbsolute(specifier)) return specifier;
  if (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') return path.resolve(resolveDir, specifier);
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  for (let folder = resolveDir; inside(root, folder) || folder === root; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (existsSync(candidate)) return candidate;
    if (folder === root) break;
  }
  return null;
}

function isPackage(specifier: string): boolean {
  return !path.isAbsolute(specifier) && !/^\.\.?(\/|$)/.test(specifier);
}

function isInNodeModules(root: string, file: string): boolean {
  return path.relative(root, file).split(path.sep).includes('node_modules');
}

function isBuiltin(specifier: string): boolean {
  const name = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
  return BUILTINS.has(name) || BUILTINS.has(name.split('/')[0]!);
}
