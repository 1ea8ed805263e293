import { readFileSync, statSync } from 'node:fs';
import vm from 'node:vm';
import { appScriptName } from './app-script-name';

/** What `import()` in app code rejects with: an error made in the calling context, or plain text. */
export type ImportRefusal = (specifier: string) => unknown;

const WRAPPER_PARAMS = ['exports', 'require', 'module', '__filename', '__dirname'];
const WRAPPER_HEAD = `(function (${WRAPPER_PARAMS.join(', ')}) { `;
const WRAPPER_TAIL = '\n})';
/** How far the wrapper moves the bundle's first line to the right: stack columns on line 1 count it. */
export const WRAPPER_FIRST_LINE_SHIFT = WRAPPER_HEAD.length;
const MAX_CACHED_BUNDLES = 32;

/**
 * Without --experimental-vm-modules, Node answers `import()` in a vm script with an error of the
 * HOST realm (a way out through `.constructor`). With the flag, the refusal is made in-context.
 */
export const dynamicImportContained = typeof (vm as { SourceTextModule?: unknown }).SourceTextModule === 'function';

// `import`, then only whitespace or comments (including HTML-like ones), then `(`: every way to
// write an ImportCall. Text in strings and comments matches too; those bundles are refused as well.
const IMPORT_CALL = /(?<![\p{ID_Continue}$\u200c\u200d])import(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r\u2028\u2029]*|<!--[^\n\r\u2028\u2029]*|-->[^\n\r\u2028\u2029]*)*\(/u;

interface CachedBundle {
  mtimeMs: number;
  size: number;
  text: string;
  script: vm.Script;
}

/**
 * True when the bundle text is one whole function body, so evaluating its wrapper only makes a
 * function and runs no app code: V8 compiles the text as a body on its own (nothing is run), and
 * text that would close the wrapper early (`}); code; (function () {`) is no valid body.
 */
function isWholeFunctionBody(text: string, filename: string): boolean {
  try {
    vm.compileFunction(text, WRAPPER_PARAMS, { filename });
    return true;
  } catch {
    return false;
  }
}

/** Compiles each app bundle once (per path and modification time) into a script any fresh context can run. */
export class BundleScripts {
  private readonly cache = new Map<string, CachedBundle>();
  // Wrappers whose evaluation runs no app code, so it needs no timeout (a vm timeout starts a thread).
  private readonly plain = new WeakSet<vm.Script>();
  /** Set by the running invocation, so `import()` rejects with an error of its own context. */
  importRefusal: ImportRefusal | null = null;

  /** The compiled CommonJS wrapper of the bundle; evaluating it in a context yields the module function. */
  load(bundlePath: string): vm.Script {
    const stat = statSync(bundlePath);
    const cached = this.cache.get(bundlePath);
    if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return this.touch(bundlePath, cached);
    const text = readFileSync(bundlePath, 'utf8');
    if (cached && cached.text === text) return this.touch(bundlePath, { ...cached, mtimeMs: stat.mtimeMs, size: stat.size });
    if (!dynamicImportContained && IMPORT_CALL.test(text)) {
      throw Object.assign(
        new Error(
          `The app bundle ${bundlePath} contains import(), which this runner can only contain when Node runs with --experimental-vm-modules. ` +
            'Bundle the app so it has no dynamic import(), or start the runner with that flag.',
        ),
        { name: 'ImportNotContainedError' },
      );
    }
    const body = text.replace(/^#!.*/, '');
    const source = WRAPPER_HEAD + body + WRAPPER_TAIL;
    const script = new vm.Script(source, {
      // Never the bundle's path on this machine: app code reads it in every stack (app-script-name.ts).
      filename: appScriptName(bundlePath),
      importModuleDynamically: (specifier: string): never => {
        throw this.importRefusal?.(specifier) ?? `Cannot find module '${specifier}': Forge functions run without dynamic import() here`;
      },
    });
    if (isWholeFunctionBody(body, bundlePath)) this.plain.add(script);
    return this.touch(bundlePath, { mtimeMs: stat.mtimeMs, size: stat.size, text, script });
  }

  /** Whether evaluating this bundle's wrapper only makes the module function (no app code runs). */
  isPlainWrapper(script: vm.Script): boolean {
    return this.plain.has(script);
  }

  // Keeps the most recently used bundles; a long session with many apps must not grow without bound.
  private touch(bundlePath: string, entry: CachedBundle): vm.Script {
    this.cache.delete(bundlePath);
    this.cache.set(bundlePath, entry);
    while (this.cache.size > MAX_CACHED_BUNDLES) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return entry.script;
  }
}
