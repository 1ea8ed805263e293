import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase, type AppDatabase } from '../../database';
import { scratchFolder } from '../../testing';
import { KvsStore, MAX_VALUE_BYTES } from './kvs-store';

const key = randomBytes(32);
const opened: AppDatabase[] = [];
afterEach(() => opened.splice(0).forEach((db) => db.open && db.close()));
function database(file: string | null = null): AppDatabase {
  const db = openAppDatabase(file);
  opened.push(db);
  return db;
}
/** Call the store the way @forge/kvs does: a POST to /api/v1/<operation> with a JSON body. */
async function call(store: KvsStore, operation: string, body: unknown) {
  const { response, record } = await store.handle(`/api/v1/${operation}`, JSON.stringify(body));
  return { status: response.status, body: response.body ? (JSON.parse(response.body) as Record<string, unknown>) : null, record };
}

describe('app storage in SQLite', () => {
  it('keeps each installation and environment apart', async () => {
    const db = database();
    const acme = new KvsStore(db, 'development', 'acme', async () => key);
    const globex = new KvsStore(db, 'development', 'globex', async () => key);
    const staging = new KvsStore(db, 'staging', 'acme', async () => key);
    await call(acme, 'set', { key: 'plan', value: { tier: 'gold' } });
    expect((await call(acme, 'get', { key: 'plan' })).body).toMatchObject({ key: 'plan', value: { tier: 'gold' } });
    expect((await call(globex, 'get', { key: 'plan' })).status).toBe(404);
    expect((await call(staging, 'get', { key: 'plan' })).status).toBe(404);
  });

  it('keeps what was stored when the workbench starts again', async () => {
    const file = path.join(scratchFolder(), 'anvil.db');
    const first = database(file);
    await call(new KvsStore(first, 'development', 'acme', async () => key), 'set', { key: 'counter', value: 41 });
    first.close();
    const again = new KvsStore(database(file), 'development', 'acme', async () => key);
    expect((await call(again, 'get', { key: 'counter' })).body).toMatchObject({ value: 41 });
  });

  it('seals secrets: the database file never holds the value, and another installation cannot open it', async () => {
    const folder = scratchFolder();
    const db = database(path.join(folder, 'anvil.db'));
    const store = new KvsStore(db, 'development', 'acme', async () => key);
    await call(store, 'secret/set', { key: 'github-token', value: 'ghp_super-secret-value-123' });
    expect((await call(store, 'secret/get', { key: 'github-token' })).body).toMatchObject({ value: 'ghp_super-secret-value-123' });
    db.pragma('wal_checkpoint(TRUNCATE)');
    for (const file of readdirSync(folder)) expect(readFileSync(path.join(folder, file)).includes('super-secret')).toBe(false);
    // Copying the sealed row to another installation does not make it readable there.
    db.prepare("UPDATE kvs_entry SET installation = 'globex' WHERE space = 'secret'").run();
    const globex = await call(new KvsStore(db, 'development', 'globex', async () => key), 'secret/get', { key: 'github-token' });
    expect(globex.status).toBe(500);
    expect(globex.record.reason).toContain('cannot be opened');
    // Secrets never show in the storage browser.
    expect(new KvsStore(db, 'development', 'globex', async () => key).entries()[0]).toMatchObject({ space: 'secret', key: 'github-token', value: null });
  });

  it('refuses secrets without a keychain instead of storing them in the clear', async () => {
    const db = database();
    const store = new KvsStore(db, 'development', 'acme', () => Promise.reject(new Error('the keychain is locked')));
    const refused = await call(store, 'secret/set', { key: 'api-key', value: 'plain-value' });
    expect(refused.status).toBe(500);
    expect(refused.record).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the OS keychain') });
    expect(db.prepare('SELECT count(*) AS n FROM kvs_entry').get()).toEqual({ n: 0 });
  });

  it('answers queries by key prefix a page at a time, as @forge/kvs pages them', async () => {
    const store = new KvsStore(database(), 'development', 'acme', async () => key);
    for (let index = 0; index < 25; index += 1) await call(store, 'set', { key: `issue:${String(index).padStart(2, '0')}`, value: index });
    await call(store, 'set', { key: 'settings', value: {} });
    const where = [{ property: 'key', condition: 'BEGINS_WITH', values: ['issue:'] }];
    const first = await call(store, 'query', { where, limit: 10 });
    expect((first.body!.data as { key: string }[]).map((entry) => entry.key)).toEqual(Array.from({ length: 10 }, (_, index) => `issue:${String(index).padStart(2, '0')}`));
    const third = await call(store, 'query', { where, limit: 10, after: (await call(store, 'query', { where, limit: 10, after: first.body!.cursor })).body!.cursor });
    expect((third.body!.data as unknown[]).length).toBe(5);
    expect(third.body!.cursor).toBeUndefined();
  });

  it('applies the platform limits on keys and values with a message that says what to change', async () => {
    const store = new KvsStore(database(), 'development', 'acme', async () => key);
    expect((await call(store, 'set', { key: 'x'.repeat(501), value: 1 })).body).toMatchObject({ code: 'INVALID_KEY', message: expect.stringContaining('at most 500') });
    expect((await call(store, 'set', { key: 'bad/key', value: 1 })).body).toMatchObject({ code: 'INVALID_KEY' });
    const big = await call(store, 'set', { key: 'big', value: 'x'.repeat(MAX_VALUE_BYTES) });
    expect(big).toMatchObject({ status: 400, body: { code: 'VALUE_TOO_LARGE' } });
  });

  it('runs batches and custom entities by key', async () => {
    const store = new KvsStore(database(), 'development', 'acme', async () => key);
    const set = await call(store, 'batch/set', [
      { key: 'a', value: 1 },
      { key: 'b', value: 2, entityName: 'employee' },
      { key: 'bad/key', value: 3 },
    ]);
    expect(set.body).toMatchObject({ successfulKeys: [{ key: 'a' }, { key: 'b', entityName: 'employee' }], failedKeys: [{ key: 'bad/key', error: { code: 'INVALID_KEY' } }] });
    expect((await call(store, 'entity/get', { key: 'b', entityName: 'employee' })).body).toMatchObject({ value: 2 });
    expect((await call(store, 'get', { key: 'b' })).status).toBe(404);
  });

  it('refuses a storage request of the wrong shape with the field named, and keeps what is stored', async () => {
    const store = new KvsStore(database(), 'development', 'acme', async () => key);
    await call(store, 'set', { key: 'plan', value: 'gold' });
    const refusals = [
      await call(store, 'get', null),
      await call(store, 'query', { where: 'key > a' }),
      await call(store, 'query', { where: [null] }),
      await call(store, 'query', { where: [{ condition: 'BETWEEN', values: 'a' }] }),
      await call(store, 'batch/set', [null]),
      await call(store, 'batch/delete', { key: 'plan' }),
    ];
    expect(refusals.map((refusal) => [refusal.status, refusal.body?.message])).toEqual([
      [400, 'The storage request body is not valid: the content must be an object, got null'],
      [400, 'The storage request body is not valid: where must be a list, got a string'],
      [400, 'The storage request body is not valid: where[0] must be an object, got null'],
      [400, 'The storage request body is not valid: where[0].values must be a list, got a string'],
      [400, 'The storage request body is not valid: item [0] must be an object, got null'],
      [400, 'The storage request body is not valid: the content must be a list, got an object'],
    ]);
    expect(refusals.every((refusal) => refusal.record.allowed === false)).toBe(true);
    expect((await call(store, 'get', { key: 'plan' })).body).toMatchObject({ value: 'gold' });
  });

  it('refuses an index query whose filter or range is not a condition, naming the condition', async () => {
    const tasks = { name: 'tasks', attributes: ['status'], indexes: [{ name: 'status', range: ['status'], partition: [] }] };
    const store = new KvsStore(database(), 'development', 'acme', async () => key, [tasks]);
    await call(store, 'entity/set', { key: 't1', entityName: 'tasks', value: { status: 'open' } });
    const query = (extra: Record<string, unknown>) => call(store, 'entity/query', { entityName: 'tasks', indexName: 'status', ...extra });
    expect((await query({ range: { condition: 'BEGINS_WITH', values: ['o'] } })).body).toMatchObject({ data: [{ key: 't1' }] });
    const refused = [await query({ filters: { and: [null] } }), await query({ filters: { or: 'status' } }), await query({ range: ['BEGINS_WITH'] })];
    expect(refused.map(({ status, body }) => [status, body?.code, body?.message])).toEqual([
      [400, 'INVALID_CONDITION', 'Each filter must be a condition from FilterConditions, not null'],
      [400, 'INVALID_CONDITION', 'Filters must be built with FilterConditions and .and()/.or()'],
      [400, 'INVALID_CONDITION', 'The range condition must be an object from WhereConditions'],
    ]);
  });
});
