import { functionReferences, modulesOf, type ModuleEntry } from '../manifest';
import type { LearnedResolver } from './resolver-learning';

/** A function some module names as its resolver (`resolver.function`), with the modules that do. */
export interface ResolverFunction {
  functionKey: string;
  handler: string;
  /** The modules whose resolver it is, in manifest order (a frontend's invoke runs here). */
  modules: ModuleEntry[];
}

/** Where a resolver key runs: the function that defines it, as its first module calls it. */
export interface ResolverRoute {
  key: string;
  functionKey: string;
  module: ModuleEntry;
}

/** A resolver key Anvil knows of (from the code) that no module's resolver function defines. */
export interface UnreachedKey {
  key: string;
  reason: string;
}

export interface ResolverRoutes {
  routes: ResolverRoute[];
  unreached: UnreachedKey[];
  /** What a person should know about the list: functions whose keys could not be learnt, keys defined twice. */
  notes: string[];
}

/** Functions with a handler that some module names as `resolver.function` (also under view/edit/create/config). */
export function resolverFunctions(manifest: unknown): ResolverFunction[] {
  const modules = modulesOf(manifest);
  const callers = new Map<string, ModuleEntry[]>();
  for (const module of modules) {
    if (module.type === 'function') continue;
    for (const reference of functionReferences(module)) {
      if (!reference.path.includes('resolver')) continue;
      const list = callers.get(reference.key) ?? [];
      if (!list.includes(module)) list.push(module);
      callers.set(reference.key, list);
    }
  }
  return modules.flatMap((fn) =>
    fn.type === 'function' && fn.key !== null && typeof fn.value.handler === 'string' && callers.has(fn.key) ? [{ functionKey: fn.key, handler: fn.value.handler, modules: callers.get(fn.key)! }] : [],
  );
}

/**
 * Which function runs each resolver key: the one whose resolver defines it, as learnt by running it.
 * A function whose keys could not be learnt falls back to the keys read from the source only when it
 * is the app's one resolver function (then there is no other place they could run).
 */
export function resolverRoutes(functions: readonly ResolverFunction[], learned: ReadonlyMap<string, LearnedResolver>, sourceKeys: readonly string[]): ResolverRoutes {
  const routes: ResolverRoute[] = [];
  const notes: string[] = [];
  const definedBy = new Map<string, string[]>();
  const add = (key: string, fn: ResolverFunction) => {
    const owners = definedBy.get(key) ?? [];
    owners.push(fn.functionKey);
    definedBy.set(key, owners);
    if (owners.length === 1) routes.push({ key, functionKey: fn.functionKey, module: fn.modules[0]! });
  };
  const unlearntFunctions: ResolverFunction[] = [];
  for (const fn of functions) {
    const found = learned.get(fn.functionKey) ?? { kind: 'failed', problem: 'its keys were not learnt' };
    if (found.kind === 'resolver') {
      for (const key of found.keys) add(key, fn);
      continue;
    }
    if (found.kind === 'failed') unlearntFunctions.push(fn);
    notes.push(`Anvil could not learn the resolver keys of function "${fn.functionKey}" (${unlearnt(found)}).`);
  }
  // A function whose code throws while loading (a missing variable, say) fails every key on the
  // platform with that error: the keys the source names that no learnt function defines run there,
  // so the developer sees the app's own error rather than a refusal.
  const fallback = unlearntFunctions[0];
  const guessed = fallback ? sourceKeys.filter((key) => !definedBy.has(key)) : [];
  if (fallback && guessed.length > 0) {
    for (const key of guessed) add(key, fallback);
    notes.push(
      `The keys resolver.define() names in the source that no learnt function defines (${guessed.map((key) => `"${key}"`).join(', ')}) run in "${fallback.functionKey}", whose keys could not be learnt.`,
    );
  }
  for (const [key, owners] of definedBy) {
    if (owners.length > 1)
      notes.push(
        `Resolver key "${key}" is defined by functions ${owners.map((owner) => `"${owner}"`).join(' and ')}; Anvil runs it in "${owners[0]}". A frontend runs it in the resolver function of its own module.`,
      );
  }
  const unreached = sourceKeys.filter((key) => !definedBy.has(key)).map((key) => ({ key, reason: unreachedReason(key, functions, learned) }));
  routes.sort((a, b) => a.key.localeCompare(b.key));
  return { routes, unreached, notes };
}

/** Why a key from the source is not offered: no module's resolver function defines it. */
export function unreachedReason(key: string, functions: readonly ResolverFunction[], learned: ReadonlyMap<string, LearnedResolver>): string {
  if (functions.length === 0) return `no module in the manifest names a resolver function (resolver: function: …), so nothing can run "${key}"`;
  const defined = functions.map((fn) => {
    const found = learned.get(fn.functionKey);
    return found?.kind === 'resolver'
      ? `"${fn.functionKey}" defines ${found.keys.length > 0 ? found.keys.map((name) => `"${name}"`).join(', ') : 'no keys'}`
      : `the keys of "${fn.functionKey}" could not be learnt: ${found ? unlearnt(found) : 'it was not run'}`;
  });
  return `no module's resolver function defines "${key}" (${defined.join('; ')})`;
}

function unlearnt(found: LearnedResolver): string {
  switch (found.kind) {
    case 'no-export':
      return `its bundle exports no such function${found.exports.length > 0 ? `; it exports ${found.exports.join(', ')}` : ''}`;
    case 'not-a-resolver':
      return 'it does not dispatch through @forge/resolver';
    case 'failed':
      return found.problem;
    default:
      return 'unknown';
  }
}
