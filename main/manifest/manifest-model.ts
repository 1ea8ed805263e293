/** Typed views of the parts of a manifest the checks need, each with its path for locating it in the file. */

export type Path = (string | number)[];

export interface ModuleEntry {
  type: string;
  index: number;
  key: string | null;
  value: Record<string, unknown>;
  path: Path;
}

export interface ScopeEntry {
  scope: string;
  path: Path;
}

/** The egress lists of `permissions.external`, as dotted names. */
export const EGRESS_LISTS = ['fetch.backend', 'fetch.client', 'images', 'scripts', 'styles', 'frames', 'fonts', 'media', 'navigation'] as const;
export type EgressList = (typeof EGRESS_LISTS)[number];

export interface EgressEntry {
  list: EgressList;
  index: number;
  /** The address as written (string form or `address:`), or null for `{remote: key}`. */
  address: string | null;
  form: 'string' | 'object' | 'remote' | 'invalid';
  remote: string | null;
  path: Path;
}

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

/** Every module of every type, in file order. */
export function modulesOf(manifest: unknown): ModuleEntry[] {
  const modules = record(record(manifest)?.modules);
  if (!modules) return [];
  const entries: ModuleEntry[] = [];
  for (const [type, list] of Object.entries(modules)) {
    if (!Array.isArray(list)) continue;
    list.forEach((item, index) => {
      const value = record(item);
      if (!value) return;
      entries.push({ type, index, key: typeof value.key === 'string' ? value.key : null, value, path: ['modules', type, index] });
    });
  }
  return entries;
}

/** Scopes in either form: a list of names, or a map of name → options. */
export function declaredScopes(manifest: unknown): ScopeEntry[] {
  const scopes = record(record(manifest)?.permissions)?.scopes;
  if (Array.isArray(scopes)) {
    return scopes.flatMap((scope, index) => (typeof scope === 'string' ? [{ scope, path: ['permissions', 'scopes', index] }] : []));
  }
  const map = record(scopes);
  return map ? Object.keys(map).map((scope) => ({ scope, path: ['permissions', 'scopes', scope] })) : [];
}

export function egressListPath(list: EgressList): Path {
  return ['permissions', 'external', ...list.split('.')];
}

/** Every egress entry of every list. */
export function egressEntries(manifest: unknown): EgressEntry[] {
  const external = record(record(record(manifest)?.permissions)?.external);
  if (!external) return [];
  const entries: EgressEntry[] = [];
  for (const list of EGRESS_LISTS) {
    const [first, second] = list.split('.') as [string, string | undefined];
    const items = second ? record(external[first])?.[second] : external[first];
    if (!Array.isArray(items)) continue;
    items.forEach((item, index) => {
      const path = [...egressListPath(list), index];
      const object = record(item);
      if (typeof item === 'string') entries.push({ list, index, address: item, form: 'string', remote: null, path });
      else if (object && typeof object.address === 'string') entries.push({ list, index, address: object.address, form: 'object', remote: null, path });
      else if (object && typeof object.remote === 'string') entries.push({ list, index, address: null, form: 'remote', remote: object.remote, path });
      else entries.push({ list, index, address: null, form: 'invalid', remote: null, path });
    });
  }
  return entries;
}

/** Keys of `modules.function` entries. */
export function functionKeys(manifest: unknown): Set<string> {
  return new Set(
    modulesOf(manifest)
      .filter((entry) => entry.type === 'function' && entry.key !== null)
      .map((entry) => entry.key!),
  );
}

/** Function keys a module refers to, with the path of each reference. */
export function functionReferences(module: ModuleEntry): { key: string; path: Path }[] {
  const references: { key: string; path: Path }[] = [];
  if (typeof module.value.function === 'string') references.push({ key: module.value.function, path: [...module.path, 'function'] });
  const resolver = record(module.value.resolver);
  if (resolver && typeof resolver.function === 'string') references.push({ key: resolver.function, path: [...module.path, 'resolver', 'function'] });
  for (const part of ['view', 'edit', 'create', 'config'] as const) {
    const nested = record(module.value[part]);
    const nestedResolver = record(nested?.resolver);
    if (nestedResolver && typeof nestedResolver.function === 'string') references.push({ key: nestedResolver.function, path: [...module.path, part, 'resolver', 'function'] });
  }
  return references;
}
