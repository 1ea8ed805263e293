import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatchCall } from './contract';
import { openFileSettings } from './settings';
import { filesUnder, noisyApp, scratchFolder } from './testing';
import { Workbench } from './workbench';
import { inPrivateKeychain } from './testing/keychain-tests';

const privateKeychain = inPrivateKeychain();
const benches: Workbench[] = [];
afterEach(() => benches.splice(0).forEach((bench) => bench.close()));

describe.skipIf(!privateKeychain)('secrets stay in the keychain (run through npm test, which starts a private Secret Service)', () => {
  it('no call outcome or stream event of a session that uses secrets carries a value, and no file under the data folder does', async () => {
    const dataDir = scratchFolder();
    const workbench = new Workbench({ shell: 'web', version: 'test', settings: openFileSettings(dataDir), dataDir });
    benches.push(workbench);
    const seen: string[] = [];
    workbench.streams.follow((event) => seen.push(JSON.stringify(event)));
    const call = async (method: string, request?: unknown) => {
      const outcome = await dispatchCall(workbench, method, request);
      seen.push(JSON.stringify(outcome));
      return outcome;
    };
    const secrets = { token: 'atl-token-5e2d7c1b9a8f-LAST', site: 'site-token-0f9e8d7c6b5a-SITE', variable: 'var-secret-112233445566-VARS', stored: 'kvs-secret-99aa88bb77cc-KVS' };

    await call('openApp', { folder: noisyApp() });
    expect(await call('getVaultStatus')).toMatchObject({ ok: true, value: { state: 'available' } });
    await call('setCredential', { kind: 'atlassian-account', label: 'dev@example.com', value: secrets.token });
    await call('setCredential', { kind: 'site-token', label: 'acme.atlassian.net', value: secrets.site });
    await call('setCredential', { kind: 'secret-variable', label: 'API_KEY', environment: 'staging', value: secrets.variable });
    const listed = await call('listCredentials');
    expect(listed).toMatchObject({ ok: true, value: expect.arrayContaining([expect.objectContaining({ name: 'atlassian-account', lastFour: 'LAST' })]) });
    expect(await call('verifyAtlassianAccount')).toMatchObject({ ok: true, value: { verified: false } });
    await call('findForgeLogin');
    await call('importForgeLogin');
    await call('deleteCredential', { name: 'site-token:acme.atlassian.net' });
    // An app secret set in the storage editor is sealed with a key from the keychain, and listed by key only.
    expect(await call('setStorageEntry', { environment: 'development', space: 'secret', key: 'webhook-secret', value: secrets.stored })).toMatchObject({
      ok: true,
      value: [{ space: 'secret', key: 'webhook-secret', value: null }],
    });
    // A known secret that reaches a log line (here, pasted into a payload) is redacted before it is stored or shown.
    const logged: string[] = [];
    workbench.streams.follow((event) => {
      if (event.stream === 'logLines') logged.push(JSON.stringify(event.payload));
    });
    const run = await call('runFunction', { functionKey: 'noisy', payload: { issue: 'DEMO-3', token: secrets.token } });
    expect(run).toMatchObject({ ok: true, value: { status: 'ok' } });
    expect(logged.join('\n')).toContain('token was [redacted: atlassian-account]');
    const stored = await call('queryLogs', { environment: 'development', text: 'token' });
    expect(JSON.stringify(stored)).toContain('[redacted: atlassian-account]');
    workbench.close();

    for (const secret of Object.values(secrets)) {
      expect(seen.filter((message) => message.includes(secret))).toEqual([]);
      for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
    }
  });
});
