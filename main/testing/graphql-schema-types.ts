import type { Selection } from './graphql-selection';

/**
 * The platform's GraphQL schema as the Forge CLI's generated TypeScript types describe it
 * (@forge/cli-shared's graphql-types.d.ts): for each object type, its fields and the type each
 * field leads to (null for a scalar).
 */
export type SchemaTypes = Map<string, Map<string, string | null>>;

export function schemaTypes(declarations: string): SchemaTypes {
  const types: SchemaTypes = new Map();
  for (const match of declarations.matchAll(/^export type (\w+) = \{\n([\s\S]*?)\n\};$/gm)) {
    const fieldsOfType = new Map<string, string | null>();
    for (const line of match[2]!.split('\n')) {
      const field = /^\s+(\w+)\??: (.+);$/.exec(line);
      if (!field || field[1] === '__typename') continue;
      const named = field[2]!.replace(/\b(Maybe|InputMaybe|Array)</g, '').replace(/>/g, '');
      fieldsOfType.set(field[1]!, named.startsWith('Scalars[') ? null : named.trim());
    }
    types.set(match[1]!, fieldsOfType);
  }
  return types;
}

/** Every selected path that the schema does not have, as `Query.app.environmentByKey.nope`. */
export function unknownPaths(selection: Selection, types: SchemaTypes, typeName = 'Query', at = typeName): string[] {
  const type = types.get(typeName);
  if (!type) return [`${at} (type ${typeName} is not in the schema)`];
  const missing: string[] = [];
  for (const [field, sub] of Object.entries(selection)) {
    if (field === '__typename') continue;
    if (!type.has(field)) {
      missing.push(`${at}.${field}`);
      continue;
    }
    const next = type.get(field);
    if (sub !== true && next) missing.push(...unknownPaths(sub, types, next, `${at}.${field}`));
    if (sub !== true && !next) missing.push(`${at}.${field} (a scalar, selected as an object)`);
  }
  return missing;
}

/** Every leaf path of a selection: `appLogsWithMetaData.appLogs.ts`. */
export function leafPaths(selection: Selection, prefix = ''): string[] {
  return Object.entries(selection).flatMap(([field, sub]) => (sub === true ? [`${prefix}${field}`] : leafPaths(sub, `${prefix}${field}.`)));
}

/** The declared variables of an operation: `{ appId: 'String!', … }`. */
export function declaredVariables(query: string): Record<string, string> {
  const header = query.slice(0, query.indexOf('{'));
  return Object.fromEntries([...header.matchAll(/\$(\w+)\s*:\s*([\w[\]!]+)/g)].map((match) => [match[1]!, match[2]!]));
}
