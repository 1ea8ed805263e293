import { AnvilError } from '../contract';
import { functionReferences, modulesOf, type ModuleEntry } from '../manifest';
import type { RunnableFunctions } from '../../common/types';
import { actionPayloadTemplate } from './rovo-action';
import type { ResolverRoutes } from './resolver-routes';

const NO_RESOLVERS: ResolverRoutes = { routes: [], unreached: [], notes: [] };

/** Timeouts the platform gives functions (FACTS §5.5), in seconds. */
export const DEFAULT_TIMEOUT_SECONDS = 25;
export const WEB_TRIGGER_TIMEOUT_SECONDS = 55;
export const LONG_RUNNING_DEFAULT_SECONDS = 55;
export const DEFAULT_MEMORY_MB = 512;

/** The function to run and how the platform would call it. */
export interface FunctionTarget {
  functionKey: string;
  handler: string;
  /** The module that calls the function (the first one), which decides the payload shape and the timeout. */
  module: ModuleEntry | null;
  /** For a resolver key (as the frontend invokes it), the key; the payload is wrapped as @forge/resolver expects. */
  resolverKey: string | null;
  timeoutSeconds: number;
  memoryMB: number;
}

function usesFunction(module: ModuleEntry, key: string): boolean {
  return module.type !== 'function' && functionReferences(module).some((reference) => reference.key === key);
}

/** The manifest's functions, each with the first module that calls it, and the resolver keys a module reaches. */
export function runnableFunctions(manifest: unknown, resolvers: ResolverRoutes = NO_RESOLVERS): RunnableFunctions {
  const modules = modulesOf(manifest);
  const functions = modules
    .filter((module) => module.type === 'function' && module.key !== null)
    .map((fn) => {
      const caller = modules.find((module) => usesFunction(module, fn.key!));
      // A Rovo action's function starts from its declared inputs, so a run gives what Rovo would.
      return { key: fn.key!, moduleType: caller?.type ?? null, moduleKey: caller?.key ?? null, ...(caller?.type === 'action' ? { payloadTemplate: actionPayloadTemplate(caller) } : {}) };
    });
  return {
    functions,
    resolverKeys: resolvers.routes.map((route) => route.key),
    resolvers: resolvers.routes.map((route) => ({ key: route.key, functionKey: route.functionKey, moduleKey: route.module.key, moduleType: route.module.type })),
    unreachedResolverKeys: resolvers.unreached.map((unreached) => ({ key: unreached.key, reason: unreached.reason })),
    notes: resolvers.notes,
  };
}

/** Whether `key` names a function of the manifest (then it runs as that function, not as a resolver key). */
export function isManifestFunction(manifest: unknown, key: string): boolean {
  return modulesOf(manifest).some((module) => module.type === 'function' && module.key === key);
}

/**
 * Find a function by its manifest key, or a resolver key by the function that defines it (learnt by
 * running the resolver functions); a key no module's resolver function defines is refused, saying why.
 */
export function functionTarget(manifest: unknown, key: string, resolvers: ResolverRoutes = NO_RESOLVERS): FunctionTarget {
  const modules = modulesOf(manifest);
  const functions = modules.filter((module) => module.type === 'function');
  const fn = functions.find((module) => module.key === key);
  if (fn && typeof fn.value.handler === 'string') return targetOf(manifest, fn, modules.find((candidate) => usesFunction(candidate, key)) ?? null, null);
  if (fn) throw new AnvilError('bad-request', `Function "${key}" in the manifest has no handler to run; give it one (handler: <file>.<export>).`);
  const route = resolvers.routes.find((candidate) => candidate.key === key);
  const resolverFn = route ? functions.find((module) => module.key === route.functionKey) : undefined;
  if (route && resolverFn && typeof resolverFn.value.handler === 'string') return targetOf(manifest, resolverFn, route.module, key);
  const unreached = resolvers.unreached.find((candidate) => candidate.key === key);
  if (unreached) throw new AnvilError('bad-request', `Resolver key "${key}" cannot run: ${unreached.reason}.`);
  const known = [...functions.map((module) => module.key).filter(Boolean), ...resolvers.routes.map((candidate) => candidate.key)].join(', ');
  throw new AnvilError('bad-request', `"${key}" is neither a function key in the manifest nor a resolver key a module's resolver function defines. Known: ${known || 'none'}.`);
}

/** The function a module (web trigger, scheduled trigger, product-event trigger, consumer) calls, as that module calls it. */
export function moduleTarget(manifest: unknown, moduleKey: string): FunctionTarget {
  const modules = modulesOf(manifest);
  const module = modules.find((candidate) => candidate.type !== 'function' && candidate.key === moduleKey);
  if (!module) {
    const known = modules.filter((candidate) => candidate.type !== 'function' && functionReferences(candidate).length > 0).map((candidate) => candidate.key);
    throw new AnvilError('bad-request', `No module "${moduleKey}" calls a function in the manifest. Modules with functions: ${known.join(', ') || 'none'}.`);
  }
  // A consumer may name a resolver instead (`resolver: {function, method}`): the platform runs that
  // function's resolver definition `method` with the event.
  const resolver = module.type === 'consumer' ? (module.value.resolver as { function?: unknown; method?: unknown } | undefined) : undefined;
  const functionKey = typeof module.value.function === 'string' ? module.value.function : typeof resolver?.function === 'string' ? resolver.function : null;
  if (resolver && typeof module.value.function !== 'string' && (typeof resolver.method !== 'string' || resolver.method === '')) {
    throw new AnvilError('bad-request', `Consumer "${moduleKey}" has resolver.function but no resolver.method; add the key its resolver defines for this queue (resolver.define('<method>', …)).`);
  }
  const fn = modulesOf(manifest).find((candidate) => candidate.type === 'function' && candidate.key === functionKey);
  if (!fn || typeof fn.value.handler !== 'string') {
    throw new AnvilError(
      'bad-request',
      `Module "${moduleKey}" (${module.type}) has no function Anvil can run${functionKey ? `: function "${functionKey}" is not declared with a handler` : ' (endpoints run remotely)'}.`,
    );
  }
  return targetOf(manifest, fn, module, resolver && typeof module.value.function !== 'string' ? (resolver.method as string) : null);
}

function targetOf(manifest: unknown, fn: ModuleEntry, module: ModuleEntry | null, resolverKey: string | null): FunctionTarget {
  const declared = typeof fn.value.timeoutSeconds === 'number' ? fn.value.timeoutSeconds : null;
  const timeoutSeconds =
    module?.type === 'webtrigger'
      ? WEB_TRIGGER_TIMEOUT_SECONDS
      : module?.type === 'consumer' || module?.type === 'scheduledTrigger'
        ? (declared ?? LONG_RUNNING_DEFAULT_SECONDS)
        : DEFAULT_TIMEOUT_SECONDS;
  const runtime = (manifest as { app?: { runtime?: { memoryMB?: unknown } } }).app?.runtime;
  const ownMemory = (fn.value.runtime as { memoryMB?: unknown } | undefined)?.memoryMB;
  const memoryMB = typeof ownMemory === 'number' ? ownMemory : typeof runtime?.memoryMB === 'number' ? runtime.memoryMB : DEFAULT_MEMORY_MB;
  return { functionKey: fn.key!, handler: fn.value.handler as string, module, resolverKey, timeoutSeconds, memoryMB };
}
