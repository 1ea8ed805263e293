import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { allOperations } from '../../scopes/endpoint-table';
import type { Installation } from './installation';
import { scratchFolder } from '../../testing';
import { answerFromFixtures, productCall, type ProductRequest } from './product-gateway';
import { answerFromSite } from './site-target';

const TOKEN = 'ATATT-site-token-5678';
// Identity changes are refused whatever the scopes: approve every scope any operation needs.
const EVERY_SCOPE = [...new Set(allOperations().flatMap((operation) => [...operation.classic, ...operation.granular]))];

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** A loopback server standing in for a site (or a redirect target): it records every request it gets. */
async function listener(answer: (url: string) => { status: number; headers?: Record<string, string>; body?: string }): Promise<{ origin: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  const server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const { status, headers, body } = answer(request.url ?? '');
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(body ?? '{}');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

function siteInstallation(product: string, approvedScopes: string[]): Installation {
  return { name: 'acme', site: 'acme.atlassian.net', product, approvedScopes, approvedEgress: [], target: 'site', builtIn: false };
}

/** A call through the gateway to the site at `origin`, as the runner makes it. */
function callSite(installation: Installation, origin: string, request: Omit<ProductRequest, 'body'> & { body?: string | null }) {
  return productCall('', installation, { body: null, ...request }, (checked, productRequest) =>
    answerFromSite(checked, productRequest, { login: async () => ({ email: 'dev@example.com', token: TOKEN }), origin: () => origin }),
  );
}

describe('product calls are checked on the path the site receives', () => {
  it('refuses a DELETE of an issue that a site would read as a DELETE of a user, and sends nothing', async () => {
    const site = await listener(() => ({ status: 204 }));
    const jira = siteInstallation('jira', EVERY_SCOPE);
    for (const path of [
      '/rest/api/3/issue/DEMO-1/../../user?accountId=5b10a2844c20165700ede21g',
      '/rest/api/3/issue/%2e%2e/user?accountId=5b10a2844c20165700ede21g',
      '/rest/api/3/issue/%2E%2E/user?accountId=5b10a2844c20165700ede21g',
      '/rest/api/3/issue/DEMO-1/.%2e/%2e./user?accountId=5b10a2844c20165700ede21g',
    ]) {
      const { response, record } = await callSite(jira, site.origin, { product: 'jira', method: 'DELETE', path });
      expect(response.status, path).toBe(403);
      expect(record).toMatchObject({ allowed: false, target: 'jira /rest/api/3/user?accountId=5b10a2844c20165700ede21g', reason: expect.stringContaining('cannot change the identity') });
    }
    expect(site.seen).toEqual([]);
  });

  it('checks /project/%2e%2e/role as /role: read:jira-work does not reach it', async () => {
    const site = await listener(() => ({ status: 200, body: '[]' }));
    const { response, record } = await callSite(siteInstallation('jira', ['read:jira-work']), site.origin, { product: 'jira', method: 'GET', path: '/rest/api/3/project/%2e%2e/role' });
    expect(response.status).toBe(401);
    expect(record).toMatchObject({ allowed: false, target: 'jira /rest/api/3/role', reason: expect.stringContaining('GET /rest/api/3/role needs the scope') });
    expect(site.seen).toEqual([]);
  });

  it.each([
    ['backslash segments', '/rest/api/3/issue/DEMO-1\\..\\..\\user'],
    ['an encoded slash', '/rest/api/3/issue/..%2F..%2Fuser'],
    ['an encoded backslash', '/rest/api/3/issue/..%5c..%5cuser'],
    ['an encoded NUL', '/rest/api/3/issue/DEMO-1%00/../../user'],
    ['path parameters', '/rest/api/3/issue/..;/..;/user'],
    ['double encoding', '/rest/api/3/issue/%252e%252e/%252e%252e/user'],
    ['another host', '//collector.evil.test/rest/api/3/user'],
    ['another host behind a backslash', '/\\collector.evil.test/rest/api/3/user'],
  ])('refuses %s with a message naming the path, and the site sees nothing', async (_name, path) => {
    const site = await listener(() => ({ status: 204 }));
    const { response, record } = await callSite(siteInstallation('jira', EVERY_SCOPE), site.origin, { product: 'jira', method: 'DELETE', path });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(record.allowed).toBe(false);
    expect(record.reason).toContain(JSON.stringify(path));
    expect(site.seen).toEqual([]);
  });

  it('sends the site exactly the path it checked, with the token added by the host', async () => {
    const site = await listener(() => ({ status: 200, body: '{"key":"DEMO-1"}' }));
    const { response, record } = await callSite(siteInstallation('jira', ['read:jira-work']), site.origin, {
      product: 'jira',
      method: 'get',
      path: '/rest/api/3/./issue//%44EMO-1?fields=summary two',
    });
    expect(response).toMatchObject({ status: 200, body: '{"key":"DEMO-1"}' });
    expect(record).toMatchObject({ allowed: true, target: 'jira /rest/api/3/issue/DEMO-1?fields=summary%20two' });
    expect(site.seen.map((request) => `${request.method} ${request.url}`)).toEqual(['GET /rest/api/3/issue/DEMO-1?fields=summary%20two']);
    expect(`jira ${site.seen[0]!.url}`).toBe(record.target);
    expect(site.seen[0]!.headers.authorization).toBe(`Basic ${Buffer.from(`dev@example.com:${TOKEN}`).toString('base64')}`);
  });
});

describe('the site target', () => {
  it.each([
    ['an unresolved dot segment', '/rest/api/3/issue/%2e%2e/user'],
    ['a backslash', '/\\collector.evil.test/rest/api/3/user'],
    ['another host', '//collector.evil.test/rest/api/3/user'],
  ])('sends nothing when handed a path the URL parser would rewrite (%s)', async (_name, path) => {
    const site = await listener(() => ({ status: 204 }));
    const { response, note } = await answerFromSite(
      siteInstallation('jira', []),
      { product: 'jira', method: 'DELETE', path, body: null },
      {
        login: async () => ({ email: 'dev@example.com', token: TOKEN }),
        origin: () => site.origin,
        fetch: (async () => {
          throw new Error('nothing may be sent');
        }) as typeof fetch,
      },
    );
    expect(response.status).toBe(400);
    expect(note).toContain('would not reach the site as the path that was checked');
    expect(site.seen).toEqual([]);
  });
});

describe('guards that hold whatever the scopes', () => {
  it.each([
    ['jira', 'PUT', '/rest/api/3/user/properties/theme?accountId=abc'],
    ['jira', 'POST', '/rest/api/3/user'],
    ['jira', 'DELETE', '/rest/api/3/user?accountId=abc'],
    ['jira', 'DELETE', '/rest/api/2/user?accountId=abc'],
    ['jira', 'PUT', '/rest/api/3/myself/preferences/locale'],
    ['jira', 'DELETE', '/rest/api/3/myself/preferences?key=x'],
    ['confluence', 'POST', '/wiki/rest/api/user/watch/content/123'],
    ['confluence', 'PUT', '/wiki/rest/api/user/abc/property/theme'],
    ['confluence', 'DELETE', '/wiki/rest/api/user/abc/property/theme'],
  ])('refuses %s %s %s: apps cannot change who a user is, and the site sees nothing', async (product, method, path) => {
    const site = await listener(() => ({ status: 200 }));
    const { response, record } = await callSite(siteInstallation(product, EVERY_SCOPE), site.origin, { product, method, path, body: '{}' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: 'Apps cannot change user identity properties' });
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining('cannot change the identity of users') });
    expect(site.seen).toEqual([]);
  });

  it('refuses a call to a product the app is not installed in, naming both, and the site sees nothing', async () => {
    const site = await listener(() => ({ status: 200 }));
    const { response, record } = await callSite(siteInstallation('jira', EVERY_SCOPE), site.origin, { product: 'confluence', method: 'GET', path: '/wiki/rest/api/space' });
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ message: 'Request confluence is not allowed from jira context' });
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining('installed in jira on acme.atlassian.net; it may not call confluence') });
    expect(site.seen).toEqual([]);
  });

  it('does not follow a site\u2019s redirect: app code gets the 3xx, the redirect target gets nothing, least of all the token', async () => {
    const elsewhere = await listener(() => ({ status: 200, body: '{"stolen":true}' }));
    const site = await listener(() => ({ status: 302, headers: { location: `${elsewhere.origin}/collect` } }));
    const { response, record } = await callSite(siteInstallation('jira', ['read:jira-work']), site.origin, { product: 'jira', method: 'GET', path: '/rest/api/3/issue/DEMO-1' });
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${elsewhere.origin}/collect`);
    expect(record.allowed).toBe(true);
    expect(site.seen).toHaveLength(1);
    expect(elsewhere.seen).toEqual([]);
  });
});

describe('paths the scope tables do not know: answered from fixtures with a warning, never sent to a site', () => {
  const fixturesInstallation = (approvedScopes: string[]): Installation => ({ ...siteInstallation('jira', approvedScopes), name: 'local-jira', site: 'local', target: 'fixtures' });
  const fromFixtures = (installation: Installation, request: Omit<ProductRequest, 'body'>, appFolder = scratchFolder()) =>
    productCall(appFolder, installation, { body: null, ...request }, (_checked, productRequest) => answerFromFixtures(appFolder, productRequest));

  it('checks Jira REST v2 against the v3 operation of the same template, and answers it from a v2 fixture', async () => {
    const appFolder = scratchFolder();
    const created = await fromFixtures(fixturesInstallation(['write:jira-work']), { product: 'jira', method: 'POST', path: '/rest/api/2/issue' }, appFolder);
    expect(created.record).toMatchObject({
      allowed: true,
      reason: expect.stringContaining('POST /rest/api/2/issue (scopes approved)'),
      fixture: { file: '.anvil/fixtures/jira/POST/rest/api/2/issue.json', found: false },
    });
    const refused = await fromFixtures(fixturesInstallation(['read:jira-work']), { product: 'jira', method: 'POST', path: '/rest/api/2/issue' });
    expect(refused.response.status).toBe(401);
    expect(refused.record).toMatchObject({ allowed: false, reason: expect.stringContaining('needs the scope write:jira-work') });
  });

  it('lets an unknown path through to the fixtures with a WARNING that names the fixture to add', async () => {
    const { response, record } = await fromFixtures(fixturesInstallation([]), { product: 'jira', method: 'POST', path: '/rest/api/3/brand-new-thing/DEMO-1' });
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body).message).toContain('add .anvil/fixtures/jira/POST/rest/api/3/brand-new-thing/DEMO-1.json');
    expect(record).toMatchObject({ allowed: true, reason: expect.stringMatching(/^WARNING: Anvil cannot tell which scope POST \/rest\/api\/3\/brand-new-thing\/DEMO-1 needs/) });
  });

  it('never sends a path whose scopes it cannot check to a site, where it would run with the developer\u2019s account', async () => {
    const site = await listener(() => ({ status: 200 }));
    for (const path of [
      '/rest/servicedeskapi/request',
      '/rest/api/3/brand-new',
      '/rest/plugins/1.0/?os_authType=basic',
      '/secure/admin/EditApplicationProperties.jspa',
      '/rest/api/3/x/../../../plugins/1.0/',
    ]) {
      const { response, record } = await callSite(siteInstallation('jira', EVERY_SCOPE), site.origin, { product: 'jira', method: 'POST', path });
      expect(response.status, path).toBe(403);
      expect(record, path).toMatchObject({ allowed: false, reason: expect.stringContaining('cannot check which scopes it needs, and it is not sent to') });
    }
    expect(site.seen).toEqual([]);
  });

  it('keeps the identity, installed-product and canonical-path guards for unknown paths and every REST version', async () => {
    const site = await listener(() => ({ status: 204 }));
    const jira = siteInstallation('jira', EVERY_SCOPE);
    for (const path of ['/rest/api/latest/user?accountId=5b10a2844c20165700ede21g', '/rest/api/2/myself', '/rest/api/3/no-such/../../latest/user?accountId=1', '/rest/api/2/user/email?accountId=1']) {
      const { response, record } = await callSite(jira, site.origin, { product: 'jira', method: 'PUT', path });
      expect(response.status, path).toBe(403);
      expect(record, path).toMatchObject({ allowed: false, reason: expect.stringContaining('cannot change the identity') });
    }
    const elsewhere = await callSite(jira, site.origin, { product: 'confluence', method: 'GET', path: '/wiki/rest/api/brand-new' });
    expect(elsewhere.record).toMatchObject({ allowed: false, reason: expect.stringContaining('may not call confluence') });
    const ambiguous = await callSite(jira, site.origin, { product: 'jira', method: 'GET', path: '/rest/api/3/brand-new/%2F..' });
    expect(ambiguous.record.allowed).toBe(false);
    expect(site.seen).toEqual([]);
  });
});
