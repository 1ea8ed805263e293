import { AnvilError } from '../contract';
import { modulesOf } from '../manifest';

/** What running `invoke(key, payload)` from a module's page means: its resolver function, told which definition to call. */
export interface ModuleResolverCall {
  /** The manifest function the module names in `resolver.function`. */
  functionKey: string;
  /** The event @forge/resolver receives: the definition key and payload, and the page's context. */
  payload: { call: { functionKey: string; payload: unknown }; context: Record<string, unknown> };
}

/**
 * `invoke` from a Custom UI page, as the platform routes it: only to the resolver function of that
 * page's own module (`resolver.function`), whose resolver then picks the definition by key. Never
 * straight to a function key, and never to another module's resolver, whatever the page asks for.
 */
export function moduleResolverCall(manifest: unknown, moduleKey: string, invokeKey: unknown, invokePayload: unknown, context: Record<string, unknown>): ModuleResolverCall {
  if (typeof invokeKey !== 'string' || invokeKey === '') throw new AnvilError('bad-request', 'invoke needs the key of a resolver definition (resolver.define(key, …) in the module\u2019s resolver).');
  const modules = modulesOf(manifest);
  const module = modules.find((candidate) => candidate.type !== 'function' && candidate.key === moduleKey);
  if (!module) throw new AnvilError('bad-request', `The module "${moduleKey}" is no longer in manifest.yml; open the preview again.`);
  const resolver = module.value.resolver as { function?: unknown; endpoint?: unknown } | undefined;
  const functionKey = typeof resolver?.function === 'string' ? resolver.function : null;
  if (functionKey === null) {
    const remote = typeof resolver?.endpoint === 'string';
    throw new AnvilError(
      'bad-request',
      remote
        ? `invoke("${invokeKey}") failed: the module "${moduleKey}" sends its resolver calls to the remote endpoint "${resolver!.endpoint as string}", which Anvil does not run.`
        : `invoke("${invokeKey}") failed: the module "${moduleKey}" has no resolver. Add resolver: { function: <function key> } to it in manifest.yml, with resolver.define("${invokeKey}", …) in that function's code.`,
    );
  }
  const declared = modules.some((candidate) => candidate.type === 'function' && candidate.key === functionKey && typeof candidate.value.handler === 'string');
  if (!declared)
    throw new AnvilError(
      'bad-request',
      `invoke("${invokeKey}") failed: the module "${moduleKey}" names resolver.function "${functionKey}", but manifest.yml declares no function "${functionKey}" with a handler.`,
    );
  return { functionKey, payload: { call: { functionKey: invokeKey, payload: invokePayload ?? {} }, context } };
}
