import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { egressDecision, egressFetch } from './egress-gateway';
import { systemNetwork, type EgressNetwork } from './egress-transport';
import type { Installation } from './installation';

const installation: Installation = {
  name: 'local-jira',
  site: 'local-jira.atlassian.net',
  product: 'jira',
  approvedScopes: [],
  approvedEgress: ['api.example.com', '*.cdn.example.org'],
  target: 'fixtures',
  builtIn: true,
};

/** A pretend internet: every host resolves to one public address and answers from `routes`. */
function fakeInternet(routes: Record<string, { status: number; location?: string; body?: string }>): EgressNetwork {
  return {
    resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    send: async (url: URL) => {
      const route = routes[url.toString()];
      if (!route) throw new TypeError('fetch failed');
      const headers: Record<string, string> = route.location ? { location: route.location } : {};
      return { status: route.status, headers, body: route.body ?? '' };
    },
  };
}

describe('backend egress', () => {
  it('allows declared hosts and subdomains of a wildcard, but not the wildcard\u2019s own domain', () => {
    expect(egressDecision(installation, 'https://api.example.com/v1').allowed).toBe(true);
    expect(egressDecision(installation, 'https://img.cdn.example.org/a.png').allowed).toBe(true);
    expect(egressDecision(installation, 'https://cdn.example.org/a.png').allowed).toBe(false);
    expect(egressDecision(installation, 'https://93.184.216.34/').reason).toContain('add {address: 93.184.216.34}');
    expect(egressDecision(installation, 'http://api.example.com/').reason).toContain('must use https');
  });

  it('checks every redirect hop again, and refuses a hop to an undeclared host', async () => {
    const internet = fakeInternet({
      'https://api.example.com/start': { status: 302, location: 'https://img.cdn.example.org/next' },
      'https://img.cdn.example.org/next': { status: 301, location: 'https://collector.evil.test/exfiltrate' },
      'https://collector.evil.test/exfiltrate': { status: 200, body: 'stolen' },
    });
    const { response, record } = await egressFetch(installation, { url: 'https://api.example.com/start', method: 'GET', headers: {}, body: null }, internet);
    expect(response.status).toBe(403);
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining('redirected to https://collector.evil.test/exfiltrate') });
  });

  it('follows allowed redirects to the answer', async () => {
    const internet = fakeInternet({
      'https://api.example.com/old': { status: 301, location: '/new' },
      'https://api.example.com/new': { status: 200, body: '{"ok":true}' },
    });
    const { response, record } = await egressFetch(installation, { url: 'https://api.example.com/old', method: 'GET', headers: {}, body: null }, internet);
    expect(response).toMatchObject({ status: 200, body: '{"ok":true}' });
    expect(record.allowed).toBe(true);
  });
});

const servers: Server[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

/** A service on the developer's machine: it counts every connection made to it, then hangs up. */
async function loopbackService(): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((socket) => {
    connections += 1;
    socket.destroy();
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

const allowing = (approvedEgress: string[]): Installation => ({ ...installation, approvedEgress });
const get = (url: string) => ({ url, method: 'GET', headers: {}, body: null });

describe('egress never reaches the developer\u2019s machine or private networks', () => {
  it.each([
    ['*', (port: number) => `https://localhost:${port}/admin`],
    ['*', (port: number) => `https://127.0.0.1:${port}/admin`],
    ['localhost', (port: number) => `https://localhost:${port}/admin`],
    ['127.0.0.1', (port: number) => `https://127.0.0.1:${port}/admin`],
    ['127.0.0.1', (port: number) => `https://0x7f.1:${port}/admin`],
    ['127.0.0.1', (port: number) => `https://2130706433:${port}/admin`],
    ['*', (port: number) => `https://[::ffff:127.0.0.1]:${port}/admin`],
  ])('refuses a loopback fetch allowed by egress %s (%#), and the local service sees no connection', async (entry, urlFor) => {
    const service = await loopbackService();
    const url = urlFor(service.port);
    const { response, record } = await egressFetch(allowing([entry]), get(url));
    expect(response.status).toBe(403);
    expect(record).toMatchObject({ allowed: false, reason: expect.stringMatching(/is not public \(loopback\): the platform's egress never reaches your machine/) });
    expect(service.connections()).toBe(0);
  });

  it.each([
    ['10.1.2.3', 'private'],
    ['192.168.1.10', 'private'],
    ['169.254.169.254', 'link-local'],
    ['0.0.0.0', 'unspecified'],
    ['::1', 'loopback'],
    ['fe80::1', 'link-local'],
    ['fd00::5', 'private (unique local)'],
  ])('refuses a host that resolves to %s (%s), naming host and address, and sends nothing', async (address, range) => {
    const sent: string[] = [];
    const network: EgressNetwork = {
      resolve: async () => [{ address, family: address.includes(':') ? 6 : 4 }],
      send: async (url) => {
        sent.push(url.toString());
        return { status: 200, headers: {}, body: 'internal' };
      },
    };
    const { record } = await egressFetch(allowing(['*']), get('https://intranet.example.com/secrets'), network);
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining(`intranet.example.com resolves to ${address}, which is not public (${range}`) });
    expect(sent).toEqual([]);
  });

  it('refuses a redirect from an allowed public host to loopback, and the local service sees no connection', async () => {
    const service = await loopbackService();
    const network: EgressNetwork = {
      resolve: async (host) => (host === 'api.example.com' ? [{ address: '93.184.216.34', family: 4 }] : systemNetwork.resolve(host)),
      send: async (url, request, pinned) =>
        pinned.address === '93.184.216.34' ? { status: 302, headers: { location: `https://localhost:${service.port}/admin` }, body: '' } : systemNetwork.send(url, request, pinned),
    };
    const { response, record } = await egressFetch(allowing(['*']), get('https://api.example.com/start'), network);
    expect(response.status).toBe(403);
    expect(record).toMatchObject({ allowed: false, reason: expect.stringContaining(`redirected to https://localhost:${service.port}/admin: localhost resolves to`) });
    expect(service.connections()).toBe(0);
  });

  it('reports a host that does not resolve as a failed request the allow-list permitted, not as a refusal', async () => {
    const network: EgressNetwork = {
      resolve: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND api.example.com'), { code: 'ENOTFOUND' });
      },
      send: async () => {
        throw new Error('nothing may be sent');
      },
    };
    const { response, record } = await egressFetch(installation, get('https://api.example.com/v1'), network);
    expect(response.status).toBe(502);
    expect(record).toMatchObject({ allowed: true, reason: expect.stringContaining('api.example.com could not be resolved (ENOTFOUND)') });
  });

  it('connects to the address that was checked, even if the name resolves elsewhere by then', async () => {
    const answers = [[{ address: '93.184.216.34', family: 4 as const }], [{ address: '127.0.0.1', family: 4 as const }]];
    const pins: string[] = [];
    const network: EgressNetwork = {
      resolve: async () => answers.shift() ?? [],
      send: async (_url, _request, pinned) => {
        pins.push(pinned.address);
        return { status: 200, headers: {}, body: 'ok' };
      },
    };
    const { record } = await egressFetch(allowing(['*']), get('https://rebinding.example.com/'), network);
    expect(record.allowed).toBe(true);
    expect(pins).toEqual(['93.184.216.34']);
    expect(answers).toHaveLength(1);
  });

  it('the real transport connects to the pinned address, not to what DNS says for the name', async () => {
    const service = await loopbackService();
    const attempt = systemNetwork.send(new URL(`https://unresolvable.invalid:${service.port}/`), { method: 'GET', headers: {}, body: null, timeoutMs: 60_000 }, { address: '127.0.0.1', family: 4 });
    await expect(attempt).rejects.toThrow();
    expect(service.connections()).toBe(1);
  });
});
