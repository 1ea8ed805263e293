import { createRequire } from 'node:module';

interface SchemaShape {
  definitions: { ModuleSchema: { properties: Record<string, { items?: { properties?: Record<string, unknown>; anyOf?: { properties?: Record<string, unknown> }[] } }> } };
}

let cached: { types: string[]; keys: string[] } | null = null;

// Read from Atlassian's schema (a dependency) rather than a copied list, so new module types arrive with upgrades.
function load(): { types: string[]; keys: string[] } {
  if (cached) return cached;
  const schema = createRequire(import.meta.url)('@forge/manifest/schema.json') as SchemaShape;
  const modules = schema.definitions.ModuleSchema.properties;
  const keyCounts = new Map<string, number>();
  for (const definition of Object.values(modules)) {
    const variants = definition.items?.anyOf ?? (definition.items ? [definition.items] : []);
    const keys = new Set(variants.flatMap((variant) => Object.keys(variant.properties ?? {})));
    for (const key of keys) keyCounts.set(key, (keyCounts.get(key) ?? 0) + 1);
  }
  cached = {
    types: Object.keys(modules).sort(),
    // Keys many module types share (key, title, resource, resolver, …): the useful ones to complete.
    keys: [...keyCounts.entries()].filter(([, count]) => count >= 5).sort((a, b) => b[1] - a[1]).map(([key]) => key),
  };
  return cached;
}

/** Every module type the platform's schema knows (jira:issuePanel, function, …). */
export function moduleTypes(): string[] {
  return load().types;
}

/** Keys that modules commonly take, most shared first. */
export function commonModuleKeys(): string[] {
  return load().keys;
}
