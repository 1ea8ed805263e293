import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../testing';
import { AppRunner } from './app-runner';
import type { ConnectedAccount } from './gateway/provider-gateway';

const MANIFEST = `
modules:
  jira:issuePanel:
    - key: panel
      resource: main
      resolver:
        function: connected
      render: native
      title: Repos
  function:
    - key: connected
      handler: index.repos
      providers:
        auth:
          - github
    - key: undeclared
      handler: index.repos
providers:
  auth:
    - key: github
      name: GitHub
      type: oauth2
      clientId: local-client
      scopes:
        - repo
        - read:user
      remotes:
        - github-api
      bearerMethod: authorization-header
      actions:
        authorization:
          remote: github-web
          path: /login/oauth/authorize
        exchange:
          remote: github-web
          path: /login/oauth/access_token
        retrieveProfile:
          remote: github-api
          path: /user
          resolvers:
            id: id
            displayName: login
remotes:
  - key: github-api
    baseUrl: https://api.github.com
  - key: github-web
    baseUrl: https://github.com
resources:
  - key: main
    path: src/frontend
permissions:
  scopes: []
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-00000000000a
  runtime:
    name: nodejs22.x
`;

const SOURCE = `
import api from '@forge/api';
export async function repos(payload) {
  const github = api.asUser().withProvider('github', 'github-api');
  if (!(await github.hasCredentials(['repo']))) {
    try { await github.requestCredentials(['repo']); } catch (error) { return { connected: false, asked: error.constructor.name, serviceKey: error.serviceKey }; }
  }
  const response = await github.fetch('/user/repos?per_page=2');
  const account = await github.getAccount();
  return { connected: true, status: response.status, repos: await response.json(), account: account.displayName, sawToken: JSON.stringify(globalThis.__forge_runtime__).includes('gho_') };
}
`;

const runners: AppRunner[] = [];
afterEach(() => runners.splice(0).forEach((runner) => runner.close()));

function runnerWith(account: ConnectedAccount | null) {
  const seen: { url: string; authorization: string | null }[] = [];
  const fakeGitHub = (async (url: string | URL | Request, init?: RequestInit) => {
    seen.push({ url: String(url), authorization: new Headers(init?.headers).get('authorization') });
    return new Response(JSON.stringify([{ name: 'anvil' }, { name: 'forge-app' }]), { status: 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const runner = new AppRunner(smallApp(MANIFEST, SOURCE), { dataDir: scratchFolder(), providers: { account: async () => account, fetch: fakeGitHub } });
  runners.push(runner);
  return { runner, seen };
}

describe('OAuth providers', () => {
  it('fetch through a provider carries the connected account\u2019s token to the provider\u2019s remote only; app code never sees it', async () => {
    const { runner, seen } = runnerWith({ token: 'gho_secret-token-123', displayName: 'octocat', scopes: ['repo', 'read:user'] });
    const outcome = await runner.run({ functionKey: 'connected' });
    expect(outcome.error).toBeNull();
    expect(outcome.result).toEqual({ connected: true, status: 200, repos: [{ name: 'anvil' }, { name: 'forge-app' }], account: 'octocat', sawToken: false });
    expect(seen).toEqual([{ url: 'https://api.github.com/user/repos?per_page=2', authorization: 'Bearer gho_secret-token-123' }]);
    expect(outcome.calls[0]).toMatchObject({ kind: 'fetch', allowed: true, reason: expect.stringContaining('sent as octocat') });
    expect(JSON.stringify(outcome)).not.toContain('gho_secret-token-123');
  });

  it('without a connected account, hasCredentials is false and requestCredentials asks the user to connect, as on the platform', async () => {
    const { runner, seen } = runnerWith(null);
    const outcome = await runner.run({ functionKey: 'connected' });
    expect(outcome.result).toEqual({ connected: false, asked: 'NeedsAuthenticationError', serviceKey: 'github' });
    expect(seen).toEqual([]);
  });

  it('refuses a provider the function does not declare', async () => {
    const { runner, seen } = runnerWith({ token: 'gho_secret-token-123', displayName: 'octocat', scopes: [] });
    const outcome = await runner.run({ functionKey: 'undeclared' });
    expect(outcome.status).toBe('error');
    expect(outcome.error).toContain('Bad provider or missing config for provider github');
    expect(seen).toEqual([]);
  });
});
