import { anything, fields, list, nullable, optional, parseJson, recordOf, type Infer } from '../../contract';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { storageCursor, type KvsStore } from './kvs-store';

/** Where `storage` from `@forge/api` (and `@forge/storage`) sends its GraphQL, through the platform's API gateway. */
export const LEGACY_STORAGE_PATH = '/forge/entities/graphql';

// The body is the app's. What is read of it is checked here: a null, a string for `input` or a list
// of nulls for `where` is a 400 naming the field. Whatever else @forge/storage sends passes through.
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const whereClause = fields({ field: optional(anything), condition: optional(anything), value: optional(anything), values: optional(anything) });
const graphqlBody = fields({
  query: optional(anything),
  variables: optional(
    nullable(
      fields({
        key: optional(anything),
        entityName: optional(anything),
        encrypted: optional(anything),
        limit: optional(anything),
        cursor: optional(anything),
        contextAri: optional(anything),
        input: optional(nullable(recordOf(anything))),
        where: optional(list(whereClause, ANY_LENGTH)),
      }),
    ),
  ),
});
type Variables = NonNullable<Infer<typeof graphqlBody>['variables']>;

type Answered = { response: GatewayResponse; record: CallRecord };

/**
 * Legacy app storage: on the platform `storage` from `@forge/api` reads and writes the same
 * per-installation store as `@forge/kvs`, so each GraphQL operation it sends is turned into the
 * matching KVS operation on the one store (same keys, limits and sealed secrets) and its answer is
 * shaped the way `@forge/storage` reads it.
 */
export async function legacyStorageCall(store: KvsStore, bodyText: string | null): Promise<Answered> {
  const parsed = parseJson(bodyText || '{}', graphqlBody);
  if (!parsed.ok) return refusedRequest('legacy storage', `the storage request body is not valid: ${parsed.problem}`);
  const body = parsed.value;
  const query = typeof body.query === 'string' ? body.query : '';
  const variables: Variables = body.variables ?? {};
  const input = variables.input ?? {};
  const operation = /\b(?:query|mutation)\s+([A-Za-z_][A-Za-z0-9_]*)/.exec(query)?.[1] ?? '';
  switch (operation) {
    case 'forge_app_getApplicationStorageEntity':
      return read(store, variables.encrypted === true ? 'secret/get' : 'get', { key: variables.key }, (found) => ({ appStoredEntity: { key: variables.key, value: found?.value ?? null } }));
    case 'forge_app_getApplicationStorageCustomEntity':
      return read(store, 'entity/get', { key: variables.key, entityName: variables.entityName }, (found) => ({
        appStoredCustomEntity: { key: variables.key, entityName: variables.entityName, value: found?.value ?? null },
      }));
    case 'forge_app_setApplicationStorageEntity':
      return mutate(store, input.encrypted === true ? 'secret/set' : 'set', { key: input.key, value: input.value }, 'appStorage', 'setAppStoredEntity');
    case 'forge_app_deleteApplicationStorageEntity':
      return mutate(store, input.encrypted === true ? 'secret/delete' : 'delete', { key: input.key }, 'appStorage', 'deleteAppStoredEntity');
    case 'forge_app_setApplicationStorageCustomEntity':
      return mutate(store, 'entity/set', { key: input.key, entityName: input.entityName, value: input.value }, 'appStorageCustomEntity', 'setAppStoredCustomEntity');
    case 'forge_app_deleteApplicationStorageCustomEntity':
      return mutate(store, 'entity/delete', { key: input.key, entityName: input.entityName }, 'appStorageCustomEntity', 'deleteAppStoredCustomEntity');
    case 'forge_app_getApplicationStorageEntities':
    case 'forge_app_getApplicationStorageEntitiesForCleanup':
      return listEntities(store, variables, operation.endsWith('ForCleanup') ? 'appStoredEntitiesForCleanup' : 'appStoredEntities');
    case 'AppStorageCustomEntityQueries':
      return entityQuery(store, variables);
    default:
      return refusedRequest(
        operation || 'legacy storage',
        `Anvil does not know the storage operation ${operation || '(unnamed)'}; it runs the operations of @forge/storage (get, set, delete, secrets, query, entities)`,
      );
  }
}

/** One KVS operation on the store, as @forge/kvs would send it. */
async function kvs(store: KvsStore, operation: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> | null; record: CallRecord }> {
  const { response, record } = await store.handle(`/api/v1/${operation}`, JSON.stringify(body));
  const parsed = response.body ? parseJson(response.body, recordOf(anything)) : null;
  const json = parsed?.ok ? parsed.value : null;
  return { status: response.status, json, record: { ...record, target: `legacy ${record.target}` } };
}

async function read(store: KvsStore, operation: string, body: unknown, shape: (found: { value: unknown } | null) => unknown): Promise<Answered> {
  const { status, json, record } = await kvs(store, operation, body);
  if (status === 200) return { response: jsonResponse(200, { data: shape({ value: json?.value }) }), record };
  // A missing key reads as undefined, as on the platform.
  if (status === 404) return { response: jsonResponse(200, { data: shape(null) }), record };
  return { response: jsonResponse(200, { data: null, errors: [errorOf(json, status)] }), record };
}

async function mutate(store: KvsStore, operation: string, body: unknown, namespace: string, field: string): Promise<Answered> {
  const { status, json, record } = await kvs(store, operation, body);
  const ok = status >= 200 && status < 300;
  return { response: jsonResponse(200, { data: { [namespace]: { [field]: { success: ok, errors: ok ? null : [errorOf(json, status)] } } } }), record };
}

async function listEntities(store: KvsStore, variables: Variables, field: string): Promise<Answered> {
  const where = (variables.where ?? []).map((clause) => ({
    property: clause.field,
    condition: clause.condition,
    ...(Array.isArray(clause.values) ? { values: clause.values } : { values: [clause.value] }),
  }));
  const body = {
    where,
    ...(typeof variables.limit === 'number' ? { limit: variables.limit } : {}),
    ...(typeof variables.cursor === 'string' ? { after: variables.cursor } : {}),
  };
  const { status, json, record } = await kvs(store, 'query', body);
  if (status !== 200) return { response: jsonResponse(200, { data: null, errors: [errorOf(json, status)] }), record };
  const data = (json?.data ?? []) as { key: string; value: unknown }[];
  // Every edge carries the cursor that continues after it; @forge/storage hands out the last one.
  const edges = data.map((entry) => ({ node: { key: entry.key, value: entry.value }, cursor: storageCursor(entry.key) }));
  return { response: jsonResponse(200, { data: { [field]: { edges } } }), record };
}

async function entityQuery(store: KvsStore, variables: Variables): Promise<Answered> {
  const { contextAri: _contextAri, ...query } = variables;
  const { status, json, record } = await kvs(store, 'entity/query', query);
  if (status !== 200) return { response: jsonResponse(200, { data: null, errors: [errorOf(json, status)] }), record };
  const data = (json?.data ?? []) as { key: string; value: unknown }[];
  const cursor = typeof json?.cursor === 'string' ? json.cursor : null;
  const edges = data.map((entry) => ({ node: { key: entry.key, value: entry.value }, cursor }));
  return {
    response: jsonResponse(200, { data: { appStoredCustomEntities: { edges, pageInfo: { hasNextPage: cursor !== null, hasPreviousPage: false }, totalCount: data.length, cursor } } }),
    record,
  };
}

function errorOf(json: Record<string, unknown> | null, status: number): { message: string; extensions: { errorType: string; statusCode: number } } {
  return {
    message: typeof json?.message === 'string' ? json.message : `storage answered ${status}`,
    extensions: { errorType: typeof json?.code === 'string' ? json.code : 'INTERNAL_SERVER_ERROR', statusCode: status },
  };
}

function refusedRequest(target: string, message: string): Answered {
  return {
    response: jsonResponse(400, { message }),
    record: { kind: 'storage', target: `legacy ${target}`, method: 'POST', allowed: false, reason: message },
  };
}
