import { createRequire } from 'node:module';
import { generatedValidatorPath } from './schema-validator';

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
    keys: [...keyCounts.entries()]
      .filter(([, count]) => count >= 5)
      .sort((a, b) => b[1] - a[1])
      .map(([key]) => key),
  };
  return cached;
}

let generatedTypes: string[] | null = null;

/** Every module type the platform's schema knows (jira:issuePanel, function, …). */
export function moduleTypes(): string[] {
  generatedTypes ??= typesFromGeneratedValidator();
  return generatedTypes ?? load().types;
}

// The validator generated at build time lists the same types; reading it spares lint parsing the 2 MB schema.
function typesFromGeneratedValidator(): string[] | null {
  const file = generatedValidatorPath();
  if (file === null) return null;
  try {
    const types = (createRequire(import.meta.url)(file) as { moduleTypes?: unknown }).moduleTypes;
    return Array.isArray(types) && types.length > 0 && types.every((type) => typeof type === 'string') ? [...types].sort() : null;
  } catch {
    return null;
  }
}

/** Keys that modules commonly take, most shared first. */
export function commonModuleKeys(): string[] {
  return load().keys;
}
