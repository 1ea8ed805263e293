import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder, smallApp } from '../testing';
import { useForgeApi3 } from '../testing/forge-api-release';
import { AppRunner } from './app-runner';

// A real app on the published @forge/api 3.9.2, whose every request goes through node-fetch 2 and
// Node's http module: it must load, reach Jira fixtures and be held to the manifest's egress.
const runners: AppRunner[] = [];
const servers: Server[] = [];
afterEach(() => {
  runners.splice(0).forEach((runner) => runner.close());
  servers.splice(0).forEach((server) => server.close());
});

const manifest = `
modules:
  function:
    - key: myself
      handler: index.myself
    - key: outbound
      handler: index.outbound
    - key: raw
      handler: index.raw
    - key: remember
      handler: index.remember
permissions:
  scopes:
    - read:jira-user
    - storage:app
  external:
    fetch:
      backend:
        - address: api.example.com
        - address: 127.0.0.1
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000031
  runtime:
    name: nodejs22.x
`;

const source = `
import api, { route, fetch, storage } from '@forge/api';
import https from 'node:https';

export async function myself() {
  const response = await api.asApp().requestJira(route\`/rest/api/3/myself\`, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: await response.json() };
}

// @forge/api 3's fetch is node-fetch 2 itself.
export async function outbound(payload) {
  const response = await fetch(payload.url);
  return { status: response.status, body: await response.json() };
}

// Legacy storage in @forge/api 3 posts GraphQL to the platform through node-fetch.
export async function remember(payload) {
  if (payload.value !== undefined) await storage.set(payload.key, payload.value);
  return (await storage.get(payload.key)) ?? 'missing';
}

export async function raw(payload) {
  return new Promise((resolve, reject) => {
    const request = https.request(payload.url, { method: 'POST', headers: { 'content-type': 'text/plain' } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode, text }));
    });
    request.on('error', (error) => resolve({ error: error.message }));
    request.end('hello');
  });
}
`;

function forgeApi3App() {
  const folder = smallApp(manifest, source, { 'jira/GET/rest/api/3/myself.json': { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Lovelace' } });
  useForgeApi3(folder);
  const runner = new AppRunner(folder, { dataDir: scratchFolder(), secretKey: async () => randomBytes(32) });
  runners.push(runner);
  return runner;
}

async function listening(): Promise<{ port: number; connections: () => number }> {
  let connections = 0;
  const server = createServer((_request, response) => response.end('{"reached":true}'));
  server.on('connection', () => (connections += 1));
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, connections: () => connections };
}

describe('an app on @forge/api 3 (node-fetch 2 over Node http)', () => {
  it('loads and answers api.asApp().requestJira from the fixture', async () => {
    const outcome = await forgeApi3App().run({ functionKey: 'myself' });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Lovelace' } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true });
  });

  it('keeps legacy storage between invocations, through the same store', async () => {
    const runner = forgeApi3App();
    expect((await runner.run({ functionKey: 'remember', payload: { key: 'theme', value: { dark: true } } })).result).toEqual({ dark: true });
    const later = await runner.run({ functionKey: 'remember', payload: { key: 'theme' } });
    expect(later.result).toEqual({ dark: true });
    expect(later.calls[0]).toMatchObject({ kind: 'storage', allowed: true });
    expect((await runner.run({ functionKey: 'remember', payload: { key: 'other' } })).result).toBe('missing');
  });

  it("gets the platform's egress error from node-fetch for a host the manifest does not declare", async () => {
    const outcome = await forgeApi3App().run({ functionKey: 'outbound', payload: { url: 'https://undeclared.example.org/data' } });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 403, body: { code: 'REQUEST_EGRESS_ALLOWLIST_ERR' } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'fetch', target: 'https://undeclared.example.org/data', allowed: false });
  });

  it('refuses node-fetch and https.request to a loopback host even when declared, and the local service sees no connection', async () => {
    const service = await listening();
    const runner = forgeApi3App();
    const viaFetch = await runner.run({ functionKey: 'outbound', payload: { url: `https://127.0.0.1:${service.port}/data` } });
    expect(viaFetch.result).toMatchObject({ status: 403, body: { code: 'REQUEST_EGRESS_ALLOWLIST_ERR' } });
    const viaHttps = await runner.run({ functionKey: 'raw', payload: { url: `https://127.0.0.1:${service.port}/data` } });
    expect(viaHttps.result).toMatchObject({ status: 403, text: expect.stringContaining('REQUEST_EGRESS_ALLOWLIST_ERR') });
    expect(viaHttps.calls[0]).toMatchObject({ kind: 'fetch', allowed: false, reason: expect.stringContaining('not public') });
    expect(service.connections()).toBe(0);
  });
});
