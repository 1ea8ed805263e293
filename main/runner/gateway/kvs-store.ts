import { anything, fields, list, optional, parseJson, type Infer } from '../../contract';
import type { AppDatabase } from '../../database';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { IndexQueryError, queryEntityIndex, type EntityDeclaration, type EntityQuery } from './entity-index';
import { openSecret, sealSecret } from './secret-seal';

/** The platform's limits on app storage (FACTS §5): keys up to 500 characters, values up to 240 KiB. */
export const MAX_KEY_LENGTH = 500;
export const MAX_VALUE_BYTES = 240 * 1024;
const KEY_PATTERN = /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/;
const DEFAULT_QUERY_LIMIT = 10;
const MAX_QUERY_LIMIT = 100;

type Space = 'value' | 'secret' | 'entity';

/** One entry as the Runner pane's storage browser shows it: a secret's value never leaves the host. */
export interface StoredEntry {
  key: string;
  space: Space;
  entity: string | null;
  value: unknown;
  updatedAt: number;
}

interface Row {
  key: string;
  entity: string;
  value: string;
  created_at: number;
  updated_at: number;
}

// The body is the app's: every field the store reads is checked here, so a null, a string where a
// list belongs or a list of nulls is a 400 naming the field, not a TypeError deep in a query.
// Fields @forge/kvs may add later pass through unread. The body's size is the only bound on lists.
const ANY_LENGTH = Number.POSITIVE_INFINITY;
const keyCondition = fields({ property: optional(anything), condition: optional(anything), value: optional(anything), values: optional(list(anything, ANY_LENGTH)) });
const kvsBody = fields({
  key: optional(anything),
  value: optional(anything),
  entityName: optional(anything),
  after: optional(anything),
  where: optional(list(keyCondition, ANY_LENGTH)),
  indexName: optional(anything),
  partition: optional(anything),
  range: optional(anything),
  filters: optional(anything),
  sort: optional(anything),
  limit: optional(anything),
  cursor: optional(anything),
});
const batchBody = list(fields({ key: optional(anything), value: optional(anything), entityName: optional(anything) }), ANY_LENGTH);
type KvsBody = Infer<typeof kvsBody> & EntityQuery;
type BatchItem = Infer<typeof batchBody>[number];

/** Raised for a bad storage request; becomes the 400 answer @forge/kvs turns into a ForgeKvsAPIError. */
class StorageRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * App storage (KVS, secrets and custom entities) of one environment and installation, in the app's
 * SQLite database: installations never see each other's data, and secret values are sealed with a
 * key from the OS keychain (no keychain, no secrets: never a plaintext fallback).
 */
export class KvsStore {
  constructor(
    private readonly db: AppDatabase,
    private readonly environment: string,
    private readonly installation: string,
    private readonly secretKey: () => Promise<Buffer>,
    /** The custom entities the manifest declares (`app.storage.entities`), for index queries. */
    private readonly entities: readonly EntityDeclaration[] = [],
  ) {}

  async handle(requestPath: string, bodyText: string | null): Promise<{ response: GatewayResponse; record: CallRecord }> {
    const operation = requestPath.replace(/^\/api\/v1\//, '');
    // A batch (`batch/set`, also reached as `entity/batch/set`) sends a list of items; everything else one object.
    const verb = operation.replace(/^(secret|entity)\//, '');
    const parsed = verb.startsWith('batch/') ? parseJson(bodyText || '[]', batchBody) : parseJson(bodyText || '{}', kvsBody);
    if (!parsed.ok) return this.refused(operation, '', new StorageRefusal('BAD_REQUEST', `The storage request body is not valid: ${parsed.problem}`));
    const body = parsed.value;
    const target = `${operation} ${!Array.isArray(body) && typeof body.key === 'string' ? body.key : ''}`.trim();
    try {
      const { response, reason } = Array.isArray(body) ? await this.batch(verb, body) : await this.perform(operation, body);
      return { response, record: { kind: 'storage', target, method: 'POST', allowed: true, reason } };
    } catch (error) {
      if (error instanceof StorageRefusal) return this.refused(operation, target, error);
      throw error;
    }
  }

  /** Everything stored, for the Runner pane (secrets by key only). */
  entries(): StoredEntry[] {
    const rows = this.db
      .prepare<[string, string], Row & { space: Space }>(
        'SELECT space, entity, key, value, created_at, updated_at FROM kvs_entry WHERE environment = ? AND installation = ? ORDER BY space, entity, key',
      )
      .all(this.environment, this.installation);
    return rows.map((row) => ({
      key: row.key,
      space: row.space,
      entity: row.entity || null,
      value: row.space === 'secret' ? null : (JSON.parse(row.value) as unknown),
      updatedAt: row.updated_at,
    }));
  }

  /** Set an entry from the Runner pane, with the same checks app code gets. */
  async put(space: Space, key: string, value: unknown, entity: string | null): Promise<void> {
    checkKey(key);
    if (space === 'entity') checkEntityName(entity);
    await this.write(space, space === 'entity' ? (entity ?? '') : '', key, value);
  }

  remove(space: Space, key: string, entity: string | null): boolean {
    return (
      this.db.prepare('DELETE FROM kvs_entry WHERE environment = ? AND installation = ? AND space = ? AND entity = ? AND key = ?').run(this.environment, this.installation, space, entity ?? '', key)
        .changes > 0
    );
  }

  private async perform(operation: string, body: KvsBody): Promise<{ response: GatewayResponse; reason: string }> {
    const space: Space = operation.startsWith('secret/') ? 'secret' : operation.startsWith('entity/') ? 'entity' : 'value';
    const verb = operation.replace(/^(secret|entity)\//, '');
    switch (verb) {
      case 'get': {
        const key = checkKey(body.key);
        const entity = space === 'entity' ? checkEntityName(body.entityName) : '';
        const found = await this.read(space, entity, key);
        if (!found) return { response: jsonResponse(404, { code: 'KEY_NOT_FOUND', message: `No value is stored for ${key}` }), reason: 'not found' };
        return { response: jsonResponse(200, { key, value: found.value, createdAt: found.createdAt, updatedAt: found.updatedAt }), reason: 'read' };
      }
      case 'set': {
        const key = checkKey(body.key);
        const entity = space === 'entity' ? checkEntityName(body.entityName) : '';
        await this.write(space, entity, key, body.value);
        return { response: { status: 200, headers: {}, body: '' }, reason: 'written' };
      }
      case 'delete': {
        const key = checkKey(body.key);
        const entity = space === 'entity' ? checkEntityName(body.entityName) : '';
        const deleted = this.remove(space, key, entity);
        return { response: { status: 204, headers: {}, body: '' }, reason: deleted ? 'deleted' : 'nothing to delete' };
      }
      case 'query':
        return space === 'entity' ? this.entityQuery(body) : this.query(body);
      default:
        throw new StorageRefusal('UNSUPPORTED', `Anvil does not run the storage operation ${operation} locally yet`);
    }
  }

  private query(body: KvsBody): { response: GatewayResponse; reason: string } {
    const limit = body.limit === undefined ? DEFAULT_QUERY_LIMIT : Number(body.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_QUERY_LIMIT) throw new StorageRefusal('INVALID_LIMIT', `The query limit must be a whole number from 1 to ${MAX_QUERY_LIMIT}`);
    const after =
      typeof body.after === 'string' ? Buffer.from(body.after, 'base64url').toString('utf8') : typeof body.cursor === 'string' ? Buffer.from(body.cursor, 'base64url').toString('utf8') : null;
    const rows = this.db
      .prepare<[string, string], Row>("SELECT key, entity, value, created_at, updated_at FROM kvs_entry WHERE environment = ? AND installation = ? AND space = 'value' ORDER BY key")
      .all(this.environment, this.installation)
      .filter((row) => (after === null || row.key > after) && matchesKeyConditions(row.key, body.where ?? []));
    const page = rows.slice(0, limit);
    const cursor = rows.length > limit ? storageCursor(page[page.length - 1]!.key) : undefined;
    const data = page.map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown, createdAt: row.created_at, updatedAt: row.updated_at }));
    return { response: jsonResponse(200, { data, ...(cursor ? { cursor } : {}) }), reason: `query (${data.length}${cursor ? ', more' : ''})` };
  }

  /** An index query on a custom entity, on the indexes the manifest declares. */
  entityQuery(body: EntityQuery): { response: GatewayResponse; reason: string } {
    const entity = checkEntityName(body.entityName);
    const stored = this.db
      .prepare<[string, string, string], Row>(
        "SELECT key, entity, value, created_at, updated_at FROM kvs_entry WHERE environment = ? AND installation = ? AND space = 'entity' AND entity = ? ORDER BY key",
      )
      .all(this.environment, this.installation, entity)
      .map((row) => ({ key: row.key, value: JSON.parse(row.value) as unknown }));
    try {
      const { data, cursor } = queryEntityIndex(stored, this.entities, body, { defaultLimit: DEFAULT_QUERY_LIMIT, maxLimit: MAX_QUERY_LIMIT });
      return { response: jsonResponse(200, { data, ...(cursor ? { cursor } : {}) }), reason: `index ${String(body.indexName)} of ${entity} (${data.length}${cursor ? ', more' : ''})` };
    } catch (error) {
      if (error instanceof IndexQueryError) throw new StorageRefusal(error.code, error.message);
      throw error;
    }
  }

  private async batch(verb: string, items: readonly BatchItem[]): Promise<{ response: GatewayResponse; reason: string }> {
    if (verb !== 'batch/get' && verb !== 'batch/set' && verb !== 'batch/delete') throw new StorageRefusal('UNSUPPORTED', `Anvil does not run the storage operation ${verb} locally yet`);
    const successfulKeys: Record<string, unknown>[] = [];
    const failedKeys: Record<string, unknown>[] = [];
    for (const item of items) {
      const space: Space = typeof item.entityName === 'string' ? 'entity' : 'value';
      const entity = space === 'entity' ? String(item.entityName) : '';
      const id = { key: item.key, ...(entity ? { entityName: entity } : {}) };
      try {
        const key = checkKey(item.key);
        if (verb === 'batch/set') await this.write(space, entity, key, item.value);
        if (verb === 'batch/delete') this.remove(space, key, entity);
        if (verb === 'batch/get') {
          const found = await this.read(space, entity, key);
          if (!found) throw new StorageRefusal('KEY_NOT_FOUND', `No value is stored for ${key}`);
          successfulKeys.push({ ...id, value: found.value, createdAt: found.createdAt, updatedAt: found.updatedAt });
          continue;
        }
        successfulKeys.push(id);
      } catch (error) {
        if (!(error instanceof StorageRefusal)) throw error;
        failedKeys.push({ ...id, error: { code: error.code, message: error.message } });
      }
    }
    return { response: jsonResponse(200, { successfulKeys, failedKeys }), reason: `${verb} (${successfulKeys.length} ok, ${failedKeys.length} failed)` };
  }

  private async read(space: Space, entity: string, key: string): Promise<{ value: unknown; createdAt: number; updatedAt: number } | null> {
    const row = this.db
      .prepare<[string, string, Space, string, string], Row>(
        'SELECT key, entity, value, created_at, updated_at FROM kvs_entry WHERE environment = ? AND installation = ? AND space = ? AND entity = ? AND key = ?',
      )
      .get(this.environment, this.installation, space, entity, key);
    if (!row) return null;
    const text = space === 'secret' ? this.openSealed(await this.secretKeyOrRefuse(), row.value, key) : row.value;
    return { value: JSON.parse(text) as unknown, createdAt: row.created_at, updatedAt: row.updated_at };
  }

  private async write(space: Space, entity: string, key: string, value: unknown): Promise<void> {
    if (value === undefined) throw new StorageRefusal('INVALID_VALUE', `No value was given for ${key}; use delete to remove a key`);
    const text = JSON.stringify(value);
    if (Buffer.byteLength(text) > MAX_VALUE_BYTES)
      throw new StorageRefusal('VALUE_TOO_LARGE', `The value for ${key} is ${Buffer.byteLength(text)} bytes; the platform stores at most ${MAX_VALUE_BYTES} bytes per key`);
    const stored = space === 'secret' ? sealSecret(await this.secretKeyOrRefuse(), text, this.associated(key)) : text;
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO kvs_entry (environment, installation, space, entity, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (environment, installation, space, entity, key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      )
      .run(this.environment, this.installation, space, entity, key, stored, now, now);
  }

  private openSealed(secretKey: Buffer, sealed: string, key: string): string {
    try {
      return openSecret(secretKey, sealed, this.associated(key));
    } catch {
      throw new StorageRefusal(
        'SECRET_UNREADABLE',
        `The stored secret ${key} cannot be opened with this keychain's key (the keychain was reset, or the database was copied from another machine); set it again`,
      );
    }
  }

  private associated(key: string): string {
    return `${this.environment}\u0000${this.installation}\u0000${key}`;
  }

  private async secretKeyOrRefuse(): Promise<Buffer> {
    try {
      return await this.secretKey();
    } catch (error) {
      throw new StorageRefusal('SECRETS_UNAVAILABLE', `Secret storage needs the OS keychain, and it is not available: ${(error as Error).message}`);
    }
  }

  private refused(operation: string, target: string, error: StorageRefusal): { response: GatewayResponse; record: CallRecord } {
    const status = error.code === 'UNSUPPORTED' ? 501 : error.code === 'SECRETS_UNAVAILABLE' || error.code === 'SECRET_UNREADABLE' ? 500 : 400;
    return {
      response: jsonResponse(status, { code: error.code, message: error.message }),
      record: { kind: 'storage', target: target || operation, method: 'POST', allowed: false, reason: error.message },
    };
  }
}

/** The cursor that continues a key query after `key` (what `after`/`cursor` in a query take back). */
export function storageCursor(key: string): string {
  return Buffer.from(key).toString('base64url');
}

function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) throw new StorageRefusal('INVALID_KEY', 'A storage key must be a non-empty string');
  if (key.length > MAX_KEY_LENGTH) throw new StorageRefusal('INVALID_KEY', `The key "${key.slice(0, 40)}…" is ${key.length} characters; the platform allows at most ${MAX_KEY_LENGTH}`);
  if (!KEY_PATTERN.test(key)) throw new StorageRefusal('INVALID_KEY', `The key "${key}" has characters the platform refuses; use letters, digits, spaces and : . _ - #`);
  return key;
}

function checkEntityName(name: unknown): string {
  if (typeof name !== 'string' || !/^[a-z0-9:\-_.]{3,60}$/.test(name))
    throw new StorageRefusal('INVALID_ENTITY', `"${String(name)}" is not a custom entity name; entity names are 3–60 lowercase letters, digits and : - _ .`);
  return name;
}

function matchesKeyConditions(key: string, where: NonNullable<KvsBody['where']>): boolean {
  return where.every((clause) => {
    const values = (clause.values ?? (clause.value === undefined ? [] : [clause.value])).map(String);
    switch (clause.condition) {
      case 'BEGINS_WITH':
      case 'STARTS_WITH':
        return key.startsWith(values[0] ?? '');
      case 'BETWEEN':
        return key >= (values[0] ?? '') && key <= (values[1] ?? '');
      case 'GREATER_THAN':
        return key > (values[0] ?? '');
      case 'GREATER_THAN_EQUAL_TO':
        return key >= (values[0] ?? '');
      case 'LESS_THAN':
        return key < (values[0] ?? '');
      case 'LESS_THAN_EQUAL_TO':
        return key <= (values[0] ?? '');
      default:
        throw new StorageRefusal(
          'INVALID_CONDITION',
          `The query condition ${String(clause.condition)} is not one the platform knows; use beginsWith, between, greaterThan or lessThan from @forge/kvs`,
        );
    }
  });
}
