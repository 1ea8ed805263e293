import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../../database';
import { scratchFolder, smallApp } from '../../testing';
import { useForgeApi7 } from '../../testing/forge-api-release';
import { AppRunner } from '../app-runner';
import { KvsStore } from './kvs-store';
import { legacyStorageCall } from './legacy-storage';

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));
const storageKey = randomBytes(32);

const manifest = (scopes: string[]) => `
modules:
  function:
    - key: legacy
      handler: index.legacy
    - key: modern
      handler: index.modern
permissions:
  scopes:
${scopes.map((scope) => `    - ${scope}`).join('\n')}
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000015
  storage:
    entities:
      - name: tasks
        attributes:
          status:
            type: string
          priority:
            type: integer
          title:
            type: string
        indexes:
          - status
          - name: by-priority
            range:
              - priority
            partition:
              - status
  runtime:
    name: nodejs22.x
`;

// One function per API: `legacy` uses storage from the published @forge/api 7.2.2, `modern` uses @forge/kvs.
const source = `
import { storage, startsWith, WhereConditions, FilterConditions, SortOrder } from '@forge/api';
import { kvs, WhereConditions as KvsWhere } from '@forge/kvs';
export async function legacy({ op, key, value, prefix, limit, cursor, entity }) {
  switch (op) {
    case 'set': await storage.set(key, value); return 'ok';
    case 'get': return (await storage.get(key)) ?? 'missing';
    case 'delete': await storage.delete(key); return 'ok';
    case 'setSecret': await storage.setSecret(key, value); return 'ok';
    case 'getSecret': return (await storage.getSecret(key)) ?? 'missing';
    case 'deleteSecret': await storage.deleteSecret(key); return 'ok';
    case 'page': {
      let query = storage.query().where('key', startsWith(prefix)).limit(limit);
      if (cursor) query = query.cursor(cursor);
      const { results, nextCursor } = await query.getMany();
      return { keys: results.map((result) => result.key), nextCursor: nextCursor ?? null };
    }
    case 'setEntity': await storage.entity(entity).set(key, value); return 'ok';
    case 'getEntity': return (await storage.entity(entity).get(key)) ?? 'missing';
    case 'deleteEntity': await storage.entity(entity).delete(key); return 'ok';
    case 'indexQuery': {
      let query = storage.entity(entity).query().index('by-priority', { partition: ['open'] }).where(WhereConditions.between([2, 9])).andFilter('title', FilterConditions.contains('fix')).sort(SortOrder.DESC).limit(limit);
      if (cursor) query = query.cursor(cursor);
      const { results, nextCursor } = await query.getMany();
      return { keys: results.map((result) => result.key), nextCursor: nextCursor ?? null };
    }
    case 'undeclaredIndex': return storage.entity(entity).query().index('by-owner').getMany();
  }
}
export async function modern({ op, key, value, entity }) {
  switch (op) {
    case 'set': await kvs.set(key, value); return 'ok';
    case 'get': return (await kvs.get(key)) ?? 'missing';
    case 'getSecret': return (await kvs.getSecret(key)) ?? 'missing';
    case 'setSecret': await kvs.setSecret(key, value); return 'ok';
    case 'getEntity': return (await kvs.entity(entity).get(key)) ?? 'missing';
    case 'setEntity': await kvs.entity(entity).set(key, value); return 'ok';
    case 'indexQuery': {
      const { results } = await kvs.entity(entity).query().index('status').where(KvsWhere.beginsWith('op')).getMany();
      return results.map((result) => result.key);
    }
  }
}
`;

function legacyApp(scopes = ['storage:app'], secretKey: (() => Promise<Buffer>) | null = async () => storageKey) {
  const folder = smallApp(manifest(scopes), source);
  useForgeApi7(folder);
  const runner = new AppRunner(folder, { dataDir: scratchFolder(), ...(secretKey ? { secretKey } : {}) });
  runners.push(runner);
  return (functionKey: 'legacy' | 'modern', payload: Record<string, unknown>) => runner.run({ functionKey, payload });
}

describe('storage from @forge/api (legacy) on the one per-installation store', () => {
  it('writes with storage and reads with kvs, and the other way round', async () => {
    const run = legacyApp();
    const written = await run('legacy', { op: 'set', key: 'settings', value: { theme: 'dark' } });
    expect(written).toMatchObject({ status: 'ok', result: 'ok' });
    expect(written.calls[0]).toMatchObject({ kind: 'storage', allowed: true, target: 'legacy set settings' });
    expect((await run('modern', { op: 'get', key: 'settings' })).result).toEqual({ theme: 'dark' });
    await run('modern', { op: 'set', key: 'counter', value: 7 });
    expect((await run('legacy', { op: 'get', key: 'counter' })).result).toBe(7);
    expect((await run('legacy', { op: 'get', key: 'nothing-here' })).result).toBe('missing');
    await run('legacy', { op: 'delete', key: 'counter' });
    expect((await run('modern', { op: 'get', key: 'counter' })).result).toBe('missing');
  });

  it('pages a startsWith query with the cursor it hands out, never repeating or skipping a key', async () => {
    const run = legacyApp();
    for (const key of ['task:01', 'task:02', 'task:03', 'task:04', 'task:05', 'other:01']) await run('modern', { op: 'set', key, value: key });
    const first = await run('legacy', { op: 'page', prefix: 'task:', limit: 2 });
    expect(first.result).toMatchObject({ keys: ['task:01', 'task:02'], nextCursor: expect.any(String) });
    const { nextCursor } = first.result as { nextCursor: string };
    const second = await run('legacy', { op: 'page', prefix: 'task:', limit: 2, cursor: nextCursor });
    expect((second.result as { keys: string[] }).keys).toEqual(['task:03', 'task:04']);
    const third = await run('legacy', { op: 'page', prefix: 'task:', limit: 2, cursor: (second.result as { nextCursor: string }).nextCursor });
    expect((third.result as { keys: string[] }).keys).toEqual(['task:05']);
  });

  it('keeps secrets sealed exactly as kvs does: shared with kvs.getSecret, never readable with storage.get', async () => {
    const run = legacyApp();
    await run('legacy', { op: 'setSecret', key: 'api-token', value: 'tok-123' });
    expect((await run('modern', { op: 'getSecret', key: 'api-token' })).result).toBe('tok-123');
    expect((await run('legacy', { op: 'get', key: 'api-token' })).result).toBe('missing');
    await run('modern', { op: 'setSecret', key: 'other-token', value: 'tok-456' });
    expect((await run('legacy', { op: 'getSecret', key: 'other-token' })).result).toBe('tok-456');
    await run('legacy', { op: 'deleteSecret', key: 'other-token' });
    expect((await run('modern', { op: 'getSecret', key: 'other-token' })).result).toBe('missing');
  });

  it('refuses secrets without a keychain instead of storing them in the clear', async () => {
    const run = legacyApp(['storage:app'], null);
    const refused = await run('legacy', { op: 'setSecret', key: 'api-token', value: 'tok-123' });
    expect(refused.status).toBe('error');
    expect(refused.error).toContain('Secret storage needs the OS keychain');
    expect(refused.calls[0]).toMatchObject({ kind: 'storage', allowed: false });
  });

  it('shares custom entities by key with kvs', async () => {
    const run = legacyApp();
    await run('legacy', { op: 'setEntity', entity: 'tasks', key: 't1', value: { status: 'open' } });
    expect((await run('modern', { op: 'getEntity', entity: 'tasks', key: 't1' })).result).toEqual({ status: 'open' });
    expect((await run('legacy', { op: 'getEntity', entity: 'tasks', key: 't1' })).result).toEqual({ status: 'open' });
    await run('legacy', { op: 'deleteEntity', entity: 'tasks', key: 't1' });
    expect((await run('legacy', { op: 'getEntity', entity: 'tasks', key: 't1' })).result).toBe('missing');
  });

  it('runs index queries on the indexes app.storage.entities declares: partition, range, filter, sort and cursor', async () => {
    const run = legacyApp();
    const tasks: [string, Record<string, unknown>][] = [
      ['t1', { status: 'open', priority: 3, title: 'fix login' }],
      ['t2', { status: 'open', priority: 9, title: 'fix logout' }],
      ['t3', { status: 'open', priority: 5, title: 'write docs' }],
      ['t4', { status: 'closed', priority: 4, title: 'fix typo' }],
      ['t5', { status: 'open', priority: 1, title: 'fix build' }],
      ['t6', { status: 'open', priority: 7, title: 'fix tests' }],
      ['t7', { status: 'open', title: 'fix without priority' }],
    ];
    for (const [key, value] of tasks) await run('modern', { op: 'setEntity', entity: 'tasks', key, value });
    // open, priority 2..9, title contains "fix", highest first: t2 (9), t6 (7), t1 (3).
    const first = await run('legacy', { op: 'indexQuery', entity: 'tasks', limit: 2 });
    expect(first.result).toMatchObject({ keys: ['t2', 't6'], nextCursor: expect.any(String) });
    const second = await run('legacy', { op: 'indexQuery', entity: 'tasks', limit: 2, cursor: (first.result as { nextCursor: string }).nextCursor });
    expect(second.result).toEqual({ keys: ['t1'], nextCursor: null });
    // The same store through @forge/kvs, on the index declared by attribute name.
    expect((await run('modern', { op: 'indexQuery', entity: 'tasks' })).result).toEqual(['t1', 't2', 't3', 't5', 't6', 't7']);
  });

  it('names the index to declare when a query uses one the manifest does not have', async () => {
    const run = legacyApp();
    const query = await run('legacy', { op: 'undeclaredIndex', entity: 'tasks' });
    expect(query.status).toBe('error');
    expect(query.error).toContain('has no index "by-owner" in manifest.yml');
    expect(query.calls[0]).toMatchObject({ allowed: false, reason: expect.stringContaining('declared: status, by-priority') });
  });

  it('needs storage:app, as kvs does', async () => {
    const run = legacyApp(['read:jira-work']);
    const refused = await run('legacy', { op: 'set', key: 'k', value: 1 });
    expect(refused.status).toBe('error');
    expect(refused.calls[0]).toMatchObject({ kind: 'storage', allowed: false, reason: expect.stringContaining('needs the scope storage:app') });
  });
});

describe('legacy storage requests of the wrong shape', () => {
  it('are refused with the field named, and what is stored stays', async () => {
    const db = openAppDatabase(null);
    try {
      const store = new KvsStore(db, 'development', 'acme', async () => storageKey);
      const set = (key: string) => JSON.stringify({ query: 'mutation forge_app_setApplicationStorageEntity { x }', variables: { input: { key, value: 'gold' } } });
      expect((await legacyStorageCall(store, set('plan'))).record.allowed).toBe(true);
      const list = 'query forge_app_getApplicationStorageEntities { x }';
      const answers = await Promise.all(
        ['null', JSON.stringify({ query: list, variables: { where: [null] } }), JSON.stringify({ query: list, variables: { input: 'plan' } }), JSON.stringify({ variables: 7 })].map((body) =>
          legacyStorageCall(store, body),
        ),
      );
      expect(answers.map(({ response }) => [response.status, (JSON.parse(response.body) as { message: string }).message])).toEqual([
        [400, 'the storage request body is not valid: the content must be an object, got null'],
        [400, 'the storage request body is not valid: variables.where[0] must be an object, got null'],
        [400, 'the storage request body is not valid: variables.input must be an object, got a string'],
        [400, 'the storage request body is not valid: variables must be an object, got a number'],
      ]);
      expect(store.entries()).toMatchObject([{ key: 'plan', value: 'gold' }]);
    } finally {
      db.close();
    }
  });
});
