import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings';
import { sqlEngineChosenLater, sqlEngineFromSettings } from './sql-settings';

describe('the Forge SQL server from settings', () => {
  it('runs Anvil’s own engine until a server is named; then connects to it with the keychain’s password for its host and port', async () => {
    const vault = { has: async (name: string) => name === 'site-token:tidb.local:4000', read: async () => 'from-the-keychain' };
    expect(sqlEngineFromSettings(DEFAULT_SETTINGS.sqlServer, vault)).toBeNull();
    const named = sqlEngineFromSettings({ host: 'tidb.local', port: 4000, user: 'anvil' }, vault)!;
    expect(await named.endpoint()).toEqual({ host: 'tidb.local', port: 4000, user: 'anvil', password: 'from-the-keychain', label: 'the server at tidb.local:4000' });
    const unknown = sqlEngineFromSettings({ host: 'db.local', port: 3306, user: 'anvil' }, vault)!;
    await expect(unknown.endpoint()).rejects.toThrow('The password of anvil@db.local:3306 is not in the keychain; add it in the Credentials pane.');
  });

  it('for a command, reads the setting only when the first statement comes', async () => {
    let reads = 0;
    const vault = { has: async () => true, read: async () => 'secret' };
    const engine = sqlEngineChosenLater(() => (reads++, { host: 'tidb.local', port: 4000, user: 'anvil' }), vault, '/nowhere');
    expect(reads).toBe(0);
    expect(await engine.endpoint()).toMatchObject({ host: 'tidb.local', port: 4000 });
    await engine.endpoint();
    expect(reads).toBe(1);
    await engine.close();
  });
});
