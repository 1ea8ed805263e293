import type { Diagnostic } from '../../common/types';
import { closestNames } from './closest';
import { addToMap, replaceScalar } from './manifest-edits';
import { functionKeys, functionReferences, modulesOf, type ModuleEntry } from './manifest-model';
import { moduleTypes } from './module-types';
import { keyNodeAt, manifestDiagnostic, type ParsedManifest } from './parsed-manifest';

/** Module types whose functions may set `timeoutSeconds` (FACTS §5.5: the platform's timeout rule). */
const LONG_RUNNING_MODULES = new Set(['consumer', 'scheduledTrigger']);
/** Runtimes the platform accepts today; older apps still declare nodejs18.x. */
export const SUPPORTED_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

/** Checks across modules: unknown types, duplicate keys, dangling function references, timeouts, runtime. */
export function moduleDiagnostics(parsed: ParsedManifest): Diagnostic[] {
  const manifest = parsed.value;
  const modules = modulesOf(manifest);
  return [...unknownModuleTypes(parsed), ...duplicateKeys(parsed, modules), ...danglingFunctions(parsed, modules), ...timeouts(parsed, modules), ...runtime(parsed)];
}

function unknownModuleTypes(parsed: ParsedManifest): Diagnostic[] {
  const modules = parsed.value !== null && typeof parsed.value === 'object' ? (parsed.value as { modules?: unknown }).modules : undefined;
  if (modules === null || typeof modules !== 'object' || Array.isArray(modules)) return [];
  const known = new Set(moduleTypes());
  return Object.keys(modules)
    .filter((type) => !known.has(type))
    .map((type) => {
      const suggestions = closestNames(type, known);
      const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((name) => `"${name}"`).join(' or ')}?` : ' See the manifest reference for the module types.';
      const diagnostic = manifestDiagnostic('error', 'module-type-unknown', `"${type}" is not a Forge module type.${hint}`, parsed.rangeOf(keyNodeAt(parsed, ['modules'], type)));
      return diagnostic;
    });
}

function duplicateKeys(parsed: ParsedManifest, modules: ModuleEntry[]): Diagnostic[] {
  const firstSeen = new Map<string, ModuleEntry>();
  const diagnostics: Diagnostic[] = [];
  for (const module of modules) {
    if (module.key === null) continue;
    const first = firstSeen.get(module.key);
    if (!first) {
      firstSeen.set(module.key, module);
      continue;
    }
    diagnostics.push(
      manifestDiagnostic(
        'error',
        'module-key-duplicate',
        `Module key "${module.key}" is already used by ${first.type}[${first.index}]. Every module key must be unique across the manifest; rename one of them.`,
        parsed.rangeOf(parsed.nodeAt([...module.path, 'key'])),
      ),
    );
  }
  return diagnostics;
}

function danglingFunctions(parsed: ParsedManifest, modules: ModuleEntry[]): Diagnostic[] {
  const keys = functionKeys(parsed.value);
  return modules.flatMap((module) =>
    functionReferences(module)
      .filter((reference) => !keys.has(reference.key))
      .map((reference) => {
        const suggestions = closestNames(reference.key, keys, 1);
        const diagnostic = manifestDiagnostic(
          'error',
          'function-missing',
          suggestions.length > 0
            ? `${module.type} "${module.key ?? module.index}" uses function "${reference.key}", which is not defined. Did you mean "${suggestions[0]}"?`
            : `${module.type} "${module.key ?? module.index}" uses function "${reference.key}", which is not defined under modules.function. Add it, or point to an existing function key.`,
          parsed.rangeOf(parsed.nodeAt(reference.path)),
        );
        const edit = suggestions[0] ? replaceScalar(parsed, reference.path, suggestions[0]) : null;
        if (edit) diagnostic.fixes.push({ title: `Use function "${suggestions[0]}"`, edits: [edit] });
        return diagnostic;
      }),
  );
}

function timeouts(parsed: ParsedManifest, modules: ModuleEntry[]): Diagnostic[] {
  const users = new Map<string, string[]>();
  for (const module of modules) {
    for (const reference of functionReferences(module)) users.set(reference.key, [...(users.get(reference.key) ?? []), module.type]);
  }
  return modules
    .filter((module) => module.type === 'function' && module.value.timeoutSeconds !== undefined && module.key !== null)
    .flatMap((module) => {
      const usedBy = users.get(module.key!) ?? [];
      const others = usedBy.filter((type) => !LONG_RUNNING_MODULES.has(type));
      if (usedBy.length > 0 && others.length === 0) return [];
      const reason = usedBy.length === 0 ? 'no consumer or scheduledTrigger uses it' : `it is also used by ${[...new Set(others)].join(', ')}`;
      return [
        manifestDiagnostic(
          'error',
          'function-timeout-not-allowed',
          `Function "${module.key}" sets timeoutSeconds, but ${reason}. Only functions used by consumer and scheduledTrigger modules may set a timeout; give other modules a function of their own.`,
          parsed.rangeOf(keyNodeAt(parsed, module.path, 'timeoutSeconds')),
        ),
      ];
    });
}

function runtime(parsed: ParsedManifest): Diagnostic[] {
  const path = ['app', 'runtime', 'name'];
  const node = parsed.nodeAt(path);
  const value = (parsed.value as { app?: { runtime?: { name?: unknown } } } | null)?.app?.runtime?.name;
  if (value === undefined) return retiredRuntime(parsed);
  if (typeof value !== 'string' || SUPPORTED_RUNTIMES.includes(value)) return [];
  const diagnostic = manifestDiagnostic(
    'error',
    'runtime-unsupported',
    `Runtime "${value}" is no longer accepted; use one of ${SUPPORTED_RUNTIMES.join(', ')} (nodejs24.x is the recommended one).`,
    parsed.rangeOf(node),
  );
  for (const replacement of ['nodejs24.x', 'nodejs22.x']) {
    const edit = replaceScalar(parsed, path, replacement);
    if (edit) diagnostic.fixes.push({ title: `Use ${replacement}`, edits: [edit] });
  }
  return [diagnostic];
}

/**
 * No app.runtime.name: the manifest was written for Forge's retired sandbox runtime (its
 * `app.runtime` held only `snapshots`). The schema reports the missing key; this says why it matters.
 */
function retiredRuntime(parsed: ParsedManifest): Diagnostic[] {
  const app = (parsed.value as { app?: unknown } | null)?.app;
  if (app === null || typeof app !== 'object' || Array.isArray(app)) return [];
  const runtimeValue = (app as { runtime?: unknown }).runtime;
  const diagnostic = manifestDiagnostic(
    'info',
    'runtime-retired',
    "app.runtime.name is not set: this manifest was written for Forge's retired sandbox runtime, which the platform no longer runs. " +
      'Set app.runtime.name: nodejs22.x, and upgrade @forge/api (npm install @forge/api@latest): releases up to 2.7.0 read global.api, which only that runtime provided.',
    parsed.rangeOf(keyNodeAt(parsed, ['app'], 'runtime') ?? keyNodeAt(parsed, [], 'app')),
  );
  // `runtime:` holding only the old `snapshots` setting gets a name beside it; no runtime gets both keys.
  const edit =
    runtimeValue === undefined
      ? addToMap(parsed, ['app'], ['runtime:', '  name: nodejs22.x'])
      : runtimeValue !== null && typeof runtimeValue === 'object' && !Array.isArray(runtimeValue)
        ? addToMap(parsed, ['app', 'runtime'], ['name: nodejs22.x'])
        : null;
  if (edit) diagnostic.fixes.push({ title: 'Set app.runtime.name: nodejs22.x', edits: [edit] });
  return [diagnostic];
}
