/**
 * Custom entity index queries, as the platform runs them on the indexes an app declares in
 * `app.storage.entities`: an index has one range attribute and optional partition attributes; an
 * entity is in an index only when it has all of them; results are ordered by the range value.
 */

import { anything, fields, optional, passes, type Infer } from '../../contract';

export interface IndexDeclaration {
  name: string;
  range: string[];
  partition: string[];
}

export interface EntityDeclaration {
  name: string;
  attributes: string[];
  indexes: IndexDeclaration[];
}

/** One condition as @forge/kvs and @forge/storage send it: `{condition, values}` (older: `value`). */
const conditionShape = fields({ property: optional(anything), condition: optional(anything), values: optional(anything), value: optional(anything) });
type Condition = Infer<typeof conditionShape>;
const filtersShape = fields({ and: optional(anything), or: optional(anything) });

export interface EntityQuery {
  entityName?: unknown;
  indexName?: unknown;
  partition?: unknown;
  range?: unknown;
  filters?: unknown;
  sort?: unknown;
  limit?: unknown;
  cursor?: unknown;
}

export interface StoredEntity {
  key: string;
  value: unknown;
}

/** A query the platform would refuse; `code` is the error code app code sees. */
export class IndexQueryError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The entities a manifest declares under `app.storage.entities` (indexes given as a name are on that attribute). */
export function entityDeclarations(manifest: unknown): EntityDeclaration[] {
  const entities = (manifest as { app?: { storage?: { entities?: unknown } } } | null)?.app?.storage?.entities;
  if (!Array.isArray(entities)) return [];
  return entities.flatMap((entity: unknown) => {
    if (entity === null || typeof entity !== 'object' || typeof (entity as { name?: unknown }).name !== 'string') return [];
    const { name, attributes, indexes } = entity as { name: string; attributes?: unknown; indexes?: unknown };
    const declared = attributes !== null && typeof attributes === 'object' ? Object.keys(attributes) : [];
    const parsed = (Array.isArray(indexes) ? indexes : []).flatMap((index: unknown): IndexDeclaration[] => {
      if (typeof index === 'string') return [{ name: index, range: [index], partition: [] }];
      if (index === null || typeof index !== 'object') return [];
      const { name: indexName, range, partition } = index as { name?: unknown; range?: unknown; partition?: unknown };
      if (typeof indexName !== 'string') return [];
      const strings = (list: unknown) => (Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
      return [{ name: indexName, range: strings(range), partition: strings(partition) }];
    });
    return [{ name, attributes: declared, indexes: parsed }];
  });
}

/**
 * Runs one index query over an entity's stored values. The cursor names the last entity returned
 * (its range value and key), so a page continues after it even when entities were added meanwhile.
 */
export function queryEntityIndex(
  entities: readonly StoredEntity[],
  declarations: readonly EntityDeclaration[],
  query: EntityQuery,
  limits: { defaultLimit: number; maxLimit: number },
): { data: StoredEntity[]; cursor?: string } {
  const entityName = String(query.entityName);
  const entity = declarations.find((candidate) => candidate.name === entityName);
  if (!entity) {
    const known = declarations.map((candidate) => candidate.name).join(', ');
    throw new IndexQueryError(
      'ENTITY_NOT_DECLARED',
      `The custom entity "${entityName}" is not declared in manifest.yml; add it under app.storage.entities with its attributes and indexes${known ? ` (declared: ${known})` : ''}`,
    );
  }
  const indexName = String(query.indexName);
  const index = entity.indexes.find((candidate) => candidate.name === indexName);
  if (!index) {
    const known = entity.indexes.map((candidate) => candidate.name).join(', ');
    throw new IndexQueryError('INDEX_NOT_DECLARED', `The entity "${entityName}" has no index "${indexName}" in manifest.yml; declare it under its indexes${known ? ` (declared: ${known})` : ''}`);
  }
  if (index.range.length !== 1) {
    throw new IndexQueryError('UNSUPPORTED', `Anvil runs index queries on indexes with one range attribute; "${indexName}" of "${entityName}" has ${index.range.length} (${index.range.join(', ')})`);
  }
  const rangeAttribute = index.range[0]!;
  const partition = query.partition === undefined || query.partition === null ? [] : query.partition;
  if (!Array.isArray(partition) || partition.length !== index.partition.length) {
    throw new IndexQueryError(
      'INVALID_PARTITION',
      index.partition.length === 0
        ? `The index "${indexName}" of "${entityName}" has no partition; query it without one`
        : `The index "${indexName}" of "${entityName}" is partitioned by ${index.partition.join(', ')}; pass one value for each: .index("${indexName}", { partition: [${index.partition.map((name) => `<${name}>`).join(', ')}] })`,
    );
  }
  const limit = query.limit === undefined || query.limit === null ? limits.defaultLimit : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > limits.maxLimit) throw new IndexQueryError('INVALID_LIMIT', `The query limit must be a whole number from 1 to ${limits.maxLimit}`);
  const descending = query.sort === 'DESC';
  if (query.sort !== undefined && query.sort !== null && query.sort !== 'ASC' && !descending)
    throw new IndexQueryError('INVALID_SORT', `The sort order must be ASC or DESC, not ${String(query.sort)}`);
  const range = conditionOf(query.range, 'range');
  const filters = filtersOf(query.filters);

  const inIndex = entities.filter((stored) => {
    const value = stored.value as Record<string, unknown> | null;
    if (value === null || typeof value !== 'object') return false;
    // An entity missing an attribute of the index is not in it (the platform's sparse indexes).
    if (!(rangeAttribute in value) || index.partition.some((name) => !(name in value))) return false;
    if (index.partition.some((name, position) => compare(value[name], partition[position]) !== 0)) return false;
    if (range && !holds(range, value[rangeAttribute])) return false;
    if (filters) {
      const results = filters.conditions.map((condition) => holds(condition, value[String(condition.property)], String(condition.property) in value));
      if (filters.operator === 'and' ? !results.every(Boolean) : !results.some(Boolean)) return false;
    }
    return true;
  });
  const order = (a: StoredEntity, b: StoredEntity) => {
    const byRange = compare((a.value as Record<string, unknown>)[rangeAttribute], (b.value as Record<string, unknown>)[rangeAttribute]) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
    return descending ? -byRange : byRange;
  };
  inIndex.sort(order);
  let start = 0;
  if (typeof query.cursor === 'string' && query.cursor !== '') {
    const after = decodeCursor(query.cursor);
    const marker: StoredEntity = { key: after.key, value: { [rangeAttribute]: after.range } };
    start = inIndex.findIndex((stored) => order(stored, marker) > 0);
    if (start < 0) start = inIndex.length;
  }
  const page = inIndex.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < inIndex.length && last !== undefined;
  return { data: page, ...(more ? { cursor: encodeCursor((last.value as Record<string, unknown>)[rangeAttribute], last.key) } : {}) };
}

function encodeCursor(range: unknown, key: string): string {
  return Buffer.from(JSON.stringify([range, key])).toString('base64url');
}

function decodeCursor(cursor: string): { range: unknown; key: string } {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[1] === 'string') return { range: decoded[0] as unknown, key: decoded[1] };
  } catch {
    // Falls through to the refusal below.
  }
  throw new IndexQueryError('INVALID_CURSOR', 'The cursor is not one this query handed out; pass the nextCursor of the previous page unchanged');
}

function conditionOf(raw: unknown, what: string): Condition | null {
  if (raw === undefined || raw === null) return null;
  // The query is the app's: a condition of another shape is refused here, never read as one.
  if (!passes(raw, conditionShape)) throw new IndexQueryError('INVALID_CONDITION', `The ${what} condition must be an object from WhereConditions`);
  return raw;
}

function filtersOf(raw: unknown): { operator: 'and' | 'or'; conditions: Condition[] } | null {
  if (raw === undefined || raw === null) return null;
  const filters = passes(raw, filtersShape) ? raw : {};
  const operator = Array.isArray(filters.and) ? 'and' : Array.isArray(filters.or) ? 'or' : null;
  const listed: unknown = operator ? filters[operator] : null;
  if (!operator || !Array.isArray(listed)) throw new IndexQueryError('INVALID_CONDITION', 'Filters must be built with FilterConditions and .and()/.or()');
  const conditions = listed.map((condition: unknown) => {
    const read = conditionOf(condition, 'filter');
    if (!read) throw new IndexQueryError('INVALID_CONDITION', 'Each filter must be a condition from FilterConditions, not null');
    return read;
  });
  return conditions.length === 0 ? null : { operator, conditions };
}

function holds(condition: Condition, actual: unknown, present = actual !== undefined): boolean {
  const values = Array.isArray(condition.values) ? (condition.values as unknown[]) : condition.value === undefined ? [] : [condition.value];
  const [first, second] = values;
  switch (condition.condition) {
    case 'EQUAL_TO':
      return present && compare(actual, first) === 0;
    case 'NOT_EQUAL_TO':
      return !present || compare(actual, first) !== 0;
    case 'BEGINS_WITH':
    case 'STARTS_WITH':
      return typeof actual === 'string' && actual.startsWith(String(first));
    case 'BETWEEN':
      return present && compare(actual, first) >= 0 && compare(actual, second) <= 0;
    case 'GREATER_THAN':
      return present && compare(actual, first) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return present && compare(actual, first) >= 0;
    case 'LESS_THAN':
      return present && compare(actual, first) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return present && compare(actual, first) <= 0;
    case 'EXISTS':
      return present;
    case 'NOT_EXISTS':
      return !present;
    case 'CONTAINS':
      return present && (typeof actual === 'string' ? actual.includes(String(first)) : Array.isArray(actual) && actual.some((item) => compare(item, first) === 0));
    case 'NOT_CONTAINS':
      return !present || (typeof actual === 'string' ? !actual.includes(String(first)) : !(Array.isArray(actual) && actual.some((item) => compare(item, first) === 0)));
    case 'IN':
      return present && (Array.isArray(first) ? first : values).some((item) => compare(actual, item) === 0);
    default:
      throw new IndexQueryError('INVALID_CONDITION', `The condition ${String(condition.condition)} is not one the platform knows; use WhereConditions or FilterConditions`);
  }
}

/** Numbers by value, everything else by its text (strings lexicographically, as the platform sorts them). */
function compare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const left = typeof a === 'string' ? a : JSON.stringify(a);
  const right = typeof b === 'string' ? b : JSON.stringify(b);
  return left < right ? -1 : left > right ? 1 : 0;
}
