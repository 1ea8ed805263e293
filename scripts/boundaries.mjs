// The process boundaries of ARCHITECTURE.md as a lint rule: which file may import what.
import { builtinModules } from 'node:module';
import path from 'node:path';
import ts from 'typescript';

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
/** Packages the renderer may use: UI libraries that run in a browser, nothing with Node access. */
const RENDERER_PACKAGES = ['react', 'react-dom', 'monaco-editor', '@xterm/'];
/** Packages that load Electron; only the desktop shell may import them. */
const ELECTRON_PACKAGES = ['electron', 'electron-store'];

function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function layerOf(file) {
  const [top, second] = file.split('/');
  if (top === 'main') return second === 'electron' ? 'main/electron' : 'main';
  return top;
}

/**
 * Check one import. `file` and the result's paths are relative to the project root, with '/'.
 * Returns a message saying what is wrong and what to do instead, or null when the import is fine.
 */
export function importViolation(file, specifier) {
  const layer = layerOf(file);
  if (specifier.startsWith('.')) {
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const targetTop = target.split('/')[0];
    if (layer === 'renderer' && targetTop !== 'renderer' && targetTop !== 'common') return `the renderer may import only renderer/ and common/, not ${target}; go through window.anvil (common/api.ts)`;
    if (layer === 'common' && targetTop !== 'common') return `common/ is pure contract and types; it cannot import ${target}`;
    if (layer === 'preload' && targetTop !== 'preload' && targetTop !== 'common') return `the preload may import only common/ and electron, not ${target}`;
    if (layer.startsWith('main') && (targetTop === 'renderer' || targetTop === 'preload')) return `main/ runs in Node and cannot import ${targetTop}/ (${target})`;
    if (layer.startsWith('main') && targetTop === 'main') return deepImportViolation(file, target);
    return null;
  }
  const name = packageName(specifier);
  if (layer === 'renderer') {
    if (NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(name)) return `the renderer has no Node; ${specifier} is not available there`;
    if (!RENDERER_PACKAGES.some((allowed) => (allowed.endsWith('/') ? name.startsWith(allowed) : name === allowed)))
      return `the renderer may use only ${RENDERER_PACKAGES.join(', ')}; ${name} is not one of them`;
    return null;
  }
  if (layer === 'common') return `common/ imports nothing at run time; ${specifier} belongs in main/ or renderer/`;
  if (layer === 'preload') return specifier === 'electron' ? null : `the preload may import only electron, not ${specifier}`;
  if (layer === 'main' && ELECTRON_PACKAGES.includes(name)) return `only main/electron/ may import ${name}; domain folders must run in plain Node`;
  return null;
}

// Inside main/, a domain folder is reached through its index.ts, never a file deep inside it.
function deepImportViolation(file, target) {
  const fromDomain = file.split('/').length > 2 ? file.split('/')[1] : null;
  const parts = target.split('/');
  if (parts.length < 3) return null; // main/x.ts or main/<domain> (its index)
  const targetDomain = parts[1];
  if (targetDomain === fromDomain) return null;
  if (parts.length === 3 && parts[2] === 'index') return null;
  return `import main/${targetDomain} through its index (../${targetDomain}), not ${target}`;
}

const IN_CONTEXT_FOLDER = 'main/runner/sandbox/in-context/';

function typeOnlyImport(statement) {
  const clause = statement.importClause;
  if (!clause) return false; // a side-effect import runs a module the sandbox never sees
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.every((element) => element.isTypeOnly);
}

/**
 * The in-context pieces are taken as text and evaluated inside each sandbox context, so nothing of
 * their module exists there: they may import types only, and their top level may hold only types and
 * functions (a constant there would be a missing name inside the sandbox). node-libs.ts passes as any
 * piece: it is a function declaration that wraps the npm libraries bundled at build time. Returns [{line, message}].
 */
export function inContextViolations(file, text) {
  if (!file.startsWith(IN_CONTEXT_FOLDER)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const problems = [];
  for (const statement of source.statements) {
    const line = source.getLineAndCharacterOfPosition(statement.getStart()).line + 1;
    if (ts.isImportDeclaration(statement)) {
      if (!typeOnlyImport(statement)) problems.push({ line, message: 'an in-context piece runs as text inside the sandbox and may import types only; hand values over through the kernel (k)' });
    } else if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) problems.push({ line, message: 'an in-context piece may re-export types only' });
    } else if (!(ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement) || ts.isModuleDeclaration(statement) || ts.isFunctionDeclaration(statement))) {
      problems.push({ line, message: 'only types and functions may stand at the top of an in-context piece: a module-level value does not exist inside the sandbox; define it inside the installer' });
    }
  }
  return problems;
}
