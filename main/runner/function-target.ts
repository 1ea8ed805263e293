import { AnvilError } from '../contract';
import { functionReferences, modulesOf, type ModuleEntry } from '../manifest';
import type { RunnableFunctions } from '../../common/types';
import { actionPayloadTemplate } from './rovo-action';

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

/** The manifest's functions, each with the first module that calls it, and the resolver keys of the code. */
export function runnableFunctions(manifest: unknown, resolverKeys: string[]): RunnableFunctions {
  const modules = modulesOf(manifest);
  const functions = modules
    .filter((module) => module.type === 'function' && module.key !== null)
    .map((fn) => {
      const caller = modules.find((module) => usesFunction(module, fn.key!));
      // A Rovo action's function starts from its declared inputs, so a run gives what Rovo would.
      return { key: fn.key!, moduleType: caller?.type ?? null, moduleKey: caller?.key ?? null, ...(caller?.type === 'action' ? { payloadTemplate: actionPayloadTemplate(caller) } : {}) };
    });
  return { functions, resolverKeys };
}

/** Find a function by its manifest key, or by a resolver key defined in the code (then the UI module's resolver function runs). */
export function functionTarget(manifest: unknown, key: string, resolverKeys: readonly string[]): FunctionTarget {
  const modules = modulesOf(manifest);
  const functions = modules.filter((module) => module.type === 'function');
  let fn = functions.find((module) => module.key === key);
  let resolverKey: string | null = null;
  if (!fn && resolverKeys.includes(key)) {
    const resolverFunctions = new Set(modules.flatMap((module) => ((module.value.resolver as { function?: unknown } | undefined)?.function ? [String((module.value.resolver as { function: unknown }).function)] : [])));
    fn = functions.find((module) => module.key !== null && resolverFunctions.has(module.key));
    resolverKey = fn ? key : null;
  }
  if (!fn || typeof fn.value.handler !== 'string') {
    const known = [...functions.map((module) => module.key).filter(Boolean), ...resolverKeys].join(', ');
    throw new AnvilError('bad-request', `"${key}" is neither a function key in the manifest nor a resolver key in the code. Known: ${known || 'none'}.`);
  }
  const module = modules.find((candidate) => usesFunction(candidate, fn!.key!)) ?? null;
  return targetOf(manifest, fn, module, resolverKey);
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
    throw new AnvilError('bad-request', `Module "${moduleKey}" (${module.type}) has no function Anvil can run${functionKey ? `: function "${functionKey}" is not declared with a handler` : ' (endpoints run remotely)'}.`);
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
