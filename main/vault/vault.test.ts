import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { filesUnder, scratchFolder } from '../testing';
import { findForgeLogin, FORGE_CLI_ACCOUNT, FORGE_CLI_SERVICE, verifyAtlassianLogin } from './forge-login';
import { KeychainClient } from './keychain-client';
import { storedAtlassianLogin } from './stored-login';
import { Vault } from './vault';
import { inPrivateKeychain } from '../testing/keychain-tests';

// These talk to a real Secret Service: only the private one `npm test` starts, never the user's keychain.
const privateKeychain = inPrivateKeychain();
const clients: KeychainClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.close()));
function keychain(env: NodeJS.ProcessEnv = process.env): KeychainClient {
  const client = new KeychainClient(env);
  clients.push(client);
  return client;
}

describe.skipIf(!privateKeychain)('the vault against a real Secret Service (run through npm test, which starts a private one)', () => {
  it('sets, lists (names and last four only), reads for use and deletes', async () => {
    const dataDir = scratchFolder();
    const vault = new Vault(dataDir, keychain());
    expect((await vault.status()).state).toBe('available');
    const token = 'site-token-value-7f3a9c2e41d8';
    const info = await vault.set({ kind: 'site-token', label: 'acme.atlassian.net', environment: 'development', value: token });
    expect(info).toMatchObject({ name: 'site-token:development:acme.atlassian.net', lastFour: '41d8' });
    expect(await vault.list()).toEqual([expect.objectContaining({ name: info.name, kind: 'site-token', lastFour: '41d8' })]);
    expect(JSON.stringify(await vault.list())).not.toContain(token);
    expect(await vault.read(info.name)).toBe(token);
    for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8')).not.toContain(token);
    await vault.delete(info.name);
    expect(await vault.list()).toEqual([]);
    await expect(vault.read(info.name)).rejects.toThrow('No credential named');
  });

  it('imports the Forge CLI login from the keychain, and prefers FORGE_EMAIL/FORGE_API_TOKEN like the CLI', async () => {
    const client = keychain();
    await client.set(FORGE_CLI_SERVICE, FORGE_CLI_ACCOUNT, JSON.stringify({ email: 'dev@example.com', token: 'cli-token-0000abcd', accountId: '123' }));
    const fromKeychain = await findForgeLogin(client, {});
    expect(fromKeychain.found).toMatchObject({ found: true, source: 'keychain', email: 'dev@example.com', lastFour: 'abcd' });
    expect(JSON.stringify(fromKeychain.found)).not.toContain('cli-token-0000abcd');
    const fromEnvironment = await findForgeLogin(client, { FORGE_EMAIL: 'ci@example.com', FORGE_API_TOKEN: 'env-token-9999wxyz' });
    expect(fromEnvironment.found).toMatchObject({ source: 'environment', email: 'ci@example.com', lastFour: 'wxyz' });
    await client.delete(FORGE_CLI_SERVICE, FORGE_CLI_ACCOUNT);
    expect((await findForgeLogin(client, {})).found).toMatchObject({ found: false, message: expect.stringContaining('Run forge login') });
  });

  it('tells a value removed outside Anvil apart from a locked keychain', async () => {
    const client = keychain();
    const vault = new Vault(scratchFolder(), client);
    const info = await vault.set({ kind: 'secret-variable', label: 'API_KEY', environment: 'staging', value: 'secret-1234' });
    await client.delete('Anvil', info.name);
    await expect(vault.read(info.name)).rejects.toThrow('no longer in the keychain (removed outside Anvil)');
  });

  it('says an Atlassian account changed outside Anvil is not valid, without quoting it, and a Forge CLI entry of another shape likewise', async () => {
    const client = keychain();
    const vault = new Vault(scratchFolder(), client);
    await vault.set({ kind: 'atlassian-account', label: 'dev@example.com', value: JSON.stringify({ email: 'dev@example.com', token: 'acct-token-1111efgh' }) });
    expect(await storedAtlassianLogin(vault)).toEqual({ email: 'dev@example.com', token: 'acct-token-1111efgh' });
    await client.set('Anvil', 'atlassian-account', 'plain-token-2222ijkl');
    const notJson = await storedAtlassianLogin(vault).catch((error: Error) => error.message);
    expect(notJson).toBe('The Atlassian account in the keychain is not valid: it is not JSON; set it again in the Credentials pane (or with anvil vault set atlassian-account).');
    await client.set('Anvil', 'atlassian-account', JSON.stringify({ email: 'dev@example.com', token: 2222 }));
    await expect(storedAtlassianLogin(vault)).rejects.toThrow('The Atlassian account in the keychain is not valid: token must be a string, got a number;');
    expect(await vault.list()).toEqual([expect.objectContaining({ name: 'atlassian-account', lastFour: '' })]);
    await client.set(FORGE_CLI_SERVICE, FORGE_CLI_ACCOUNT, JSON.stringify({ email: 'dev@example.com' }));
    expect((await findForgeLogin(client, {})).found).toMatchObject({
      found: false,
      message: 'The Forge CLI keychain entry is not in the format Anvil knows (token is required); run forge login again.',
    });
    await client.delete(FORGE_CLI_SERVICE, FORGE_CLI_ACCOUNT);
  });
});

describe('without a Secret Service', () => {
  it('fails fast and clearly, saves nothing anywhere, and keeps what was stored', async () => {
    const dataDir = scratchFolder();
    const vault = new Vault(dataDir, keychain({ ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/anvil-test-bus' }));
    const status = await vault.status();
    expect(status.state).toBe('unavailable');
    expect(status.fix).toContain('gnome-keyring');
    await expect(vault.set({ kind: 'site-token', label: 'acme.atlassian.net', value: 'never-on-disk-5678' })).rejects.toThrow('acme.atlassian.net was not saved');
    for (const file of filesUnder(dataDir)) expect(readFileSync(file, 'utf8')).not.toContain('never-on-disk-5678');
    expect(await vault.list()).toEqual([]);
  });
});

describe('verifying an Atlassian account', () => {
  it('says "could not verify: offline" when Atlassian cannot be reached', async () => {
    const offline = (() => Promise.reject(new TypeError('fetch failed'))) as unknown as typeof fetch;
    expect(await verifyAtlassianLogin({ email: 'a@example.com', token: 't' }, offline)).toEqual({ verified: false, message: expect.stringContaining('Could not verify: offline') });
  });

  it('reports a refused token and a verified account', async () => {
    const answer = (status: number, body: unknown) => (() => Promise.resolve(new Response(JSON.stringify(body), { status }))) as unknown as typeof fetch;
    expect((await verifyAtlassianLogin({ email: 'a@example.com', token: 't' }, answer(401, {}))).message).toContain('refused');
    expect(await verifyAtlassianLogin({ email: 'a@example.com', token: 't' }, answer(200, { data: { me: { user: { accountId: 'abc' } } } }))).toEqual({
      verified: true,
      message: 'Verified: account abc.',
    });
  });
});
