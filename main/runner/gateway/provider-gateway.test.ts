import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { authProviders, functionProviders, providerFetch } from './provider-gateway';

const manifest = {
  modules: {
    function: [
      { key: 'sync', handler: 'index.sync', providers: { auth: ['drive'] } },
      { key: 'other', handler: 'index.other' },
    ],
  },
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
    expect(refusedFunction).toMatchObject({
      response: { status: 403, headers: { 'forge-proxy-error': 'PROVIDER_NOT_DECLARED' } },
      record: { allowed: false, reason: expect.stringContaining("add it to the function's providers.auth") },
    });
    const leaving = await providerFetch(manifest, 'sync', 'development', request('https://collector.evil.test/steal'), { account });
    expect(leaving.record).toMatchObject({ allowed: false, reason: expect.stringContaining('its remote drive-api (https://drive.example.com/v3)') });
    const noAccount = await providerFetch(manifest, 'sync', 'development', request('/files'), { account: async () => null });
    expect(noAccount.response.headers['forge-proxy-error']).toBe('NEEDS_AUTHENTICATION_ERR');
  });
});

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** A loopback server that records the URL and credentials of every request it gets. */
async function listener(): Promise<{ host: string; seen: { url: string; authorization: string | undefined }[] }> {
  const seen: { url: string; authorization: string | undefined }[] = [];
  const server = createServer((request, response) => {
    seen.push({ url: request.url ?? '', authorization: request.headers.authorization });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { host: `127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('a provider\u2019s token stays with its remote', () => {
  async function setup() {
    const remote = await listener();
    const other = await listener();
    const localManifest = {
      modules: { function: [{ key: 'sync', handler: 'index.sync', providers: { auth: ['drive'] } }] },
      providers: { auth: [{ key: 'drive', name: 'Drive', remotes: ['drive-api'], bearerMethod: 'authorization-header' }] },
      remotes: [{ key: 'drive-api', baseUrl: `http://${remote.host}/v3` }],
    };
    const send = (path: string) => providerFetch(localManifest, 'sync', 'development', request(path), { account });
    return { remote, other, send };
  }

  it.each([
    ['a backslash before the host', (host: string) => `/\\${host}/x`],
    ['two backslashes', (host: string) => `\\\\${host}/x`],
    ['a scheme-relative URL', (host: string) => `//${host}/x`],
    ['an absolute URL', (host: string) => `http://${host}/x`],
    ['an absolute URL with the remote as user info', (host: string) => `http://127.0.0.1@${host}/x`],
  ])('refuses %s, naming the remote, and the other host gets nothing', async (_name, pathTo) => {
    const { remote, other, send } = await setup();
    const { response, record } = await send(pathTo(other.host));
    expect(response.status).toBe(403);
    expect(response.headers['forge-proxy-error']).toBe('INVALID_REMOTE');
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining(`its remote drive-api (http://${remote.host}/v3)`) });
    expect(other.seen).toEqual([]);
    expect(remote.seen).toEqual([]);
  });

  it.each([
    ['climbing out of the base path', '/../admin'],
    ['climbing out with encoded dots', '/%2e%2e/%2E%2E/admin'],
    ['climbing out from under the base path', '/v3/../admin'],
  ])('refuses %s, and the remote gets nothing', async (_name, path) => {
    const { remote, other, send } = await setup();
    const { record } = await send(path);
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining("outside the remote's base path /v3") });
    expect(remote.seen).toEqual([]);
    expect(other.seen).toEqual([]);
  });

  it.each([
    ['a user-info lookalike', (host: string) => `@${host}/x`, (host: string) => `/v3/@${host}/x`],
    ['encoded slashes', (host: string) => `%2F%2F${host}/x`, (host: string) => `/v3/%2F%2F${host}/x`],
    ['a host name as a segment', (host: string) => `/files/${host}`, (host: string) => `/v3/files/${host}`],
  ])('keeps %s a path on the remote: the remote gets it with the token, the other host nothing', async (_name, pathTo, expected) => {
    const { remote, other, send } = await setup();
    const { record } = await send(pathTo(other.host));
    expect(record.allowed).toBe(true);
    expect(remote.seen).toEqual([{ url: expected(other.host), authorization: 'Bearer tok-987654' }]);
    expect(other.seen).toEqual([]);
  });
});

describe('providers read from a manifest of any shape', () => {
  it('drops entries that are not objects instead of throwing, and keeps the ones that are', () => {
    const manifest = {
      modules: { function: [{ key: 'sync', handler: 'index.sync', providers: { auth: [null, 7, { provider: 'github' }, 'google'] } }] },
      remotes: [null, { key: 'github-api', baseUrl: { default: 'https://api.github.com' } }, 'x'],
      providers: { auth: [null, [], { key: 'github', remotes: ['github-api'], bearerMethod: null }] },
    };
    expect(authProviders(manifest)).toEqual([
      {
        key: 'github',
        name: 'github',
        scopes: [],
        bearerMethod: { type: 'authorization-header', prefix: 'Bearer ', parameter: 'access_token' },
        remotes: [{ key: 'github-api', baseUrl: 'https://api.github.com' }],
      },
    ]);
    expect(functionProviders(manifest, 'sync')).toEqual(['github', 'google']);
    for (const broken of [null, 'text', { providers: null, remotes: null }, { providers: { auth: 'github' } }]) expect(authProviders(broken)).toEqual([]);
  });
});
