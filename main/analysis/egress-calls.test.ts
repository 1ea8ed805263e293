import { describe, expect, it } from 'vitest';
import { hostOf } from './egress-calls';
import { scanSource } from './scan-source';

const fetches = (text: string) => scanSource('src/index.js', text).fetches.map(({ url, host }) => ({ url, host }));

describe('egress calls', () => {
  it('finds fetch and api.fetch to absolute URLs, with the host when it is written out', () => {
    expect(
      fetches(`
        import api, { fetch } from '@forge/api';
        await fetch('https://API.Example.com:8443/v1/items?limit=10');
        await api.fetch(\`https://hooks.slack.com/services/\${team}/\${hook}\`, { method: 'POST' });
        await api.fetch(\`https://\${tenant}.example.com/x\`);
        await fetch(new URL('https://user:secret@status.example.org/health'));
      `),
    ).toEqual([
      { url: 'https://API.Example.com:8443/v1/items?limit=10', host: 'api.example.com' },
      { url: 'https://hooks.slack.com/services/{}/{}', host: 'hooks.slack.com' },
      { url: 'https://{}.example.com/x', host: null },
      { url: 'https://user:secret@status.example.org/health', host: 'status.example.org' },
    ]);
  });

  it('reports a fetch whose URL it cannot read, without a host', () => {
    expect(
      fetches(`
        await fetch(endpoint, { headers });
        await api.fetch(\`\${baseUrl}/api/v2/issues\`);
      `),
    ).toEqual([
      { url: null, host: null },
      { url: '{}/api/v2/issues', host: null },
    ]);
  });

  it('leaves out external-auth provider calls and relative URLs', () => {
    expect(
      fetches(`
        const google = api.asUser().withProvider('google', 'google-apis');
        await api.asUser().withProvider('google', 'google-apis').fetch('/userinfo/v2/me');
        await api.asUser().withProvider('github').asAccount(accountId).fetch(\`/repos/\${repo}\`);
        await fetch('/assets/config.json');
        await cache.fetch(key);
      `),
    ).toEqual([]);
  });

  it('takes the host only when every character of it is literal', () => {
    expect(hostOf('https://api.github.com/repos/{}')).toBe('api.github.com');
    expect(hostOf('http://[::1]:8080/x')).toBe('[::1]');
    expect(hostOf('https://api.github.com{}')).toBeNull();
    expect(hostOf('https://{}/x')).toBeNull();
  });
});
