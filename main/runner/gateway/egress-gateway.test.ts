import { describe, expect, it } from 'vitest';
import { egressDecision, egressFetch } from './egress-gateway';
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

function fakeInternet(routes: Record<string, { status: number; location?: string; body?: string }>): typeof fetch {
  return (async (url: string | URL | Request) => {
    const route = routes[String(url)];
    if (!route) throw new TypeError('fetch failed');
    return new Response(route.body ?? '', { status: route.status, headers: route.location ? { location: route.location } : {} });
  }) as typeof fetch;
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
