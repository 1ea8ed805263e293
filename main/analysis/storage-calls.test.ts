import { describe, expect, it } from 'vitest';
import { scanSource } from './scan-source';

describe('storage and web trigger uses', () => {
  it('finds @forge/kvs and @forge/api storage calls, named as written', () => {
    const facts = scanSource(
      'src/store.ts',
      `
      import { kvs, WhereConditions } from '@forge/kvs';
      import { storage } from '@forge/api';
      export async function remember(key: string, value: unknown) {
        await kvs.set(key, value);
        const old = await storage.get(key);
        await kvs.entity<Task>('task').set(key, { title: 'x' });
        const page = await kvs.query().where('key', WhereConditions.beginsWith('task-')).limit(10).getMany();
        await storage.deleteSecret('token');
        return old;
      }
      `,
    );
    expect(facts.storageUses.map((use) => use.api)).toEqual(['kvs.set', 'storage.get', 'kvs.entity', 'kvs.query', 'storage.deleteSecret']);
    expect(facts.storageUses[0]?.place).toEqual({ file: 'src/store.ts', line: 5, column: 15 });
  });

  it('does not count browser storage or other objects that happen to be called storage', () => {
    const facts = scanSource(
      'static/app/src/settings.js',
      `
      const storage = window.localStorage;
      storage.getItem('theme');
      storage.setItem('theme', 'dark');
      localStorage.get?.('x');
      this.storage.get('x');
      `,
    );
    expect(facts.storageUses).toEqual([]);
  });

  it('finds web trigger URL calls', () => {
    const facts = scanSource(
      'src/triggers.js',
      `
      import { webTrigger } from '@forge/api';
      export const url = await webTrigger.getUrl('deployment-hook');
      await webTrigger.deleteUrl(url);
      `,
    );
    expect(facts.webTriggerUses.map((use) => use.api)).toEqual(['webTrigger.getUrl', 'webTrigger.deleteUrl']);
  });
});
