import { functionReferences, modulesOf } from '../manifest';

/**
 * Functions with a handler that some module names as its resolver (`resolver.function`, also under
 * view/edit/create/config): only their resolvers answer a frontend's invoke. Null when a module sends
 * its resolver calls to a remote endpoint, whose keys Anvil cannot know.
 */
export function manifestResolverFunctions(manifest: unknown): string[] | null {
  const modules = modulesOf(manifest);
  const remote = modules.some((module) => {
    const resolver = module.value.resolver as { endpoint?: unknown } | undefined;
    return typeof resolver?.endpoint === 'string';
  });
  if (remote) return null;
  const named = new Set(
    modules
      .filter((module) => module.type !== 'function')
      .flatMap((module) =>
        functionReferences(module)
          .filter((reference) => reference.path.includes('resolver'))
          .map((reference) => reference.key),
      ),
  );
  return modules.flatMap((module) => (module.type === 'function' && module.key !== null && named.has(module.key) && typeof module.value.handler === 'string' ? [module.key] : []));
}
