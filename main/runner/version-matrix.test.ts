import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AppAnalysis } from '../analysis';
import { openAppDatabase } from '../database';
import { SchemaValidator } from '../manifest';
import { scratchFolder, smallApp } from '../testing';
import { useForgeRelease } from '../testing/forge-api-release';
import { AppTriggers } from '../triggers';
import { AppRunner, type AppRunnerOptions } from './app-runner';
import type { EgressNetwork } from './gateway/egress-transport';

// The version matrix: small apps written against the @forge releases public apps still ship with
// (installed from the registry under aliases, laid out in each app as npm would), run as the
// developer runs them in Anvil, each asserting what the developer sees.

// Each case lays out a whole app with its old releases, bundles it and runs it in a fresh runner
// process (the queue case then waits for deliveries), and removes the app afterwards. Generous, so a
// loaded machine only waits longer.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const open: { close: () => unknown }[] = [];
afterEach(async () => {
  for (const item of open.splice(0).reverse()) await item.close();
});
const schema = new SchemaValidator();
afterAll(() => schema.close());
const storageKey = randomBytes(32);

function runnerFor(folder: string, options: Partial<AppRunnerOptions> = {}): AppRunner {
  const runner = new AppRunner(folder, { dataDir: scratchFolder(), secretKey: async () => storageKey, ...options });
  open.push(runner);
  return runner;
}

interface Received {
  method: string;
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A pretend internet for hosts the manifest allows: every name resolves to a public address, so
 * the gateway's checks run as for a real host, and the request it sends after them is delivered to
 * a local server (plain HTTP) that records it and answers JSON.
 */
async function pretendInternet(answer: (request: Received) => unknown): Promise<{ network: EgressNetwork; received: Received[] }> {
  const received: Received[] = [];
  const server: Server = createServer((incoming, response) => {
    let body = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => (body += chunk));
    incoming.on('end', () => {
      const request: Received = { method: incoming.method ?? '', host: String(incoming.headers['x-original-host']), path: incoming.url ?? '', headers: incoming.headers, body };
      received.push(request);
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer(request)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open.push({ close: () => new Promise((resolve) => server.close(resolve)) });
  const port = (server.address() as AddressInfo).port;
  const network: EgressNetwork = {
    resolve: async () => [{ address: '93.184.216.34', family: 4 }],
    send: (url, sent) =>
      new Promise((resolve, reject) => {
        const outgoing = httpRequest({ host: '127.0.0.1', port, path: `${url.pathname}${url.search}`, method: sent.method, headers: { ...sent.headers, 'x-original-host': url.host } }, (incoming) => {
          let text = '';
          incoming.setEncoding('utf8');
          incoming.on('data', (chunk: string) => (text += chunk));
          incoming.on('end', () => resolve({ status: incoming.statusCode ?? 502, headers: { 'content-type': String(incoming.headers['content-type']) }, body: text }));
        });
        outgoing.on('error', reject);
        outgoing.end(sent.body ?? undefined);
      }),
  };
  return { network, received };
}

/** Waits for something the queue reaches on its own; generous, so a slow machine only waits longer. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 1200; tries += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

// ── Legacy storage from @forge/api 3.x and 4.x ───────────────────────────────────────────────

const storageManifest = `
modules:
  function:
    - key: legacy
      handler: index.legacy
    - key: modern
      handler: index.modern
permissions:
  scopes:
    - storage:app
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000041
  storage:
    entities:
      - name: employee
        attributes:
          team:
            type: string
          age:
            type: integer
          name:
            type: string
        indexes:
          - name: by-team
            partition:
              - team
            range:
              - age
  runtime:
    name: nodejs22.x
`;

// `legacy` is the app as written against the old @forge/api; `modern` reads the same installation's
// store with today's @forge/kvs, as the app does once it migrates.
const storageSource = `
import { storage, startsWith, WhereConditions } from '@forge/api';
import { kvs } from '@forge/kvs';

export async function legacy({ op, key, value, prefix, pageSize, team, olderThan }) {
  switch (op) {
    case 'set': await storage.set(key, value); return 'saved';
    case 'get': return (await storage.get(key)) ?? 'missing';
    case 'delete': await storage.delete(key); return 'deleted';
    case 'setSecret': await storage.setSecret(key, value); return 'saved';
    case 'getSecret': return (await storage.getSecret(key)) ?? 'missing';
    case 'all': {
      const pages = [];
      let cursor;
      do {
        let query = storage.query().where('key', startsWith(prefix)).limit(pageSize);
        if (cursor) query = query.cursor(cursor);
        const page = await query.getMany();
        pages.push(page.results.map((result) => result.key));
        cursor = page.nextCursor;
      } while (cursor && pages.length < 10);
      return pages;
    }
    case 'hire': await storage.entity('employee').set(key, value); return 'hired';
    case 'team': {
      const { results } = await storage.entity('employee').query().index('by-team', { partition: [team] }).where(WhereConditions.isGreaterThan(olderThan)).getMany();
      return results.map((result) => result.value.name);
    }
  }
}

export async function modern({ op, key }) {
  switch (op) {
    case 'get': return (await kvs.get(key)) ?? 'missing';
    case 'getSecret': return (await kvs.getSecret(key)) ?? 'missing';
    case 'employee': return (await kvs.entity('employee').get(key)) ?? 'missing';
  }
}
`;

const API_RELEASES = [
  ['@forge/api 2.22.1', 'forge-api-2'],
  ['@forge/api 3.9.2', 'forge-api-3'],
  ['@forge/api 4.3.0', 'forge-api-4'],
] as const;

describe.each(API_RELEASES)('legacy storage from %s', (_release, installedAs) => {
  function storageApp() {
    const folder = smallApp(storageManifest, storageSource);
    useForgeRelease(folder, '@forge/api', installedAs);
    const runner = runnerFor(folder);
    return (functionKey: 'legacy' | 'modern', payload: Record<string, unknown>) => runner.run({ functionKey, payload });
  }

  it('gets, sets and deletes values and secrets, and @forge/kvs in the same installation reads them', async () => {
    const run = storageApp();
    const saved = await run('legacy', { op: 'set', key: 'settings', value: { theme: 'dark', columns: 3 } });
    expect(saved).toMatchObject({ status: 'ok', result: 'saved' });
    expect(saved.calls[0]).toMatchObject({ kind: 'storage', allowed: true });
    expect((await run('legacy', { op: 'get', key: 'settings' })).result).toEqual({ theme: 'dark', columns: 3 });
    expect((await run('modern', { op: 'get', key: 'settings' })).result).toEqual({ theme: 'dark', columns: 3 });
    expect((await run('legacy', { op: 'delete', key: 'settings' })).result).toBe('deleted');
    expect((await run('legacy', { op: 'get', key: 'settings' })).result).toBe('missing');
    expect((await run('modern', { op: 'get', key: 'settings' })).result).toBe('missing');

    await run('legacy', { op: 'setSecret', key: 'api-token', value: 'tok-7f3a' });
    expect((await run('legacy', { op: 'getSecret', key: 'api-token' })).result).toBe('tok-7f3a');
    expect((await run('modern', { op: 'getSecret', key: 'api-token' })).result).toBe('tok-7f3a');
    // A secret is not a plain value, in either API.
    expect((await run('legacy', { op: 'get', key: 'api-token' })).result).toBe('missing');
  });

  it('pages through every key with a prefix with limit and cursor, each once', async () => {
    const run = storageApp();
    const keys = ['note:01', 'note:02', 'note:03', 'note:04', 'note:05'];
    for (const key of [...keys, 'other:01']) await run('legacy', { op: 'set', key, value: { key } });
    const paged = await run('legacy', { op: 'all', prefix: 'note:', pageSize: 2 });
    expect(paged.status).toBe('ok');
    const pages = paged.result as string[][];
    expect(pages.flat()).toEqual(keys);
    expect(pages.slice(0, 3)).toEqual([keys.slice(0, 2), keys.slice(2, 4), keys.slice(4)]);
    // @forge/storage hands out the last key's cursor with every page that has keys, so a loop ends on an empty page.
    expect(pages.every((page) => page.length <= 2)).toBe(true);
  });

  it('queries a custom entity by the index the manifest declares, and @forge/kvs reads what it wrote', async () => {
    const run = storageApp();
    const staff: [string, Record<string, unknown>][] = [
      ['e1', { team: 'platform', age: 41, name: 'Grace' }],
      ['e2', { team: 'platform', age: 29, name: 'Alan' }],
      ['e3', { team: 'design', age: 52, name: 'Ada' }],
      ['e4', { team: 'platform', age: 35, name: 'Edsger' }],
    ];
    for (const [key, value] of staff) expect((await run('legacy', { op: 'hire', key, value })).result).toBe('hired');
    const team = await run('legacy', { op: 'team', team: 'platform', olderThan: 30 });
    expect(team.status).toBe('ok');
    // Ordered by the index's range attribute, age.
    expect(team.result).toEqual(['Edsger', 'Grace']);
    expect((await run('modern', { op: 'employee', key: 'e3' })).result).toEqual({ team: 'design', age: 52, name: 'Ada' });
  });
});

// ── @forge/api 2.22.1: product calls ───────────────────────────────────────────────────────

const api2Manifest = `
modules:
  function:
    - key: issue
      handler: index.issue
permissions:
  scopes:
    - read:jira-work
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000046
  runtime:
    name: nodejs22.x
`;

const api2Source = `
import api, { route } from '@forge/api';
export async function issue({ key }) {
  const response = await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}?fields=summary\`, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: await response.json() };
}
`;

describe('an app on @forge/api 2.22.1', () => {
  it('answers api.asApp().requestJira from the fixture', async () => {
    const folder = smallApp(api2Manifest, api2Source, { 'jira/GET/rest/api/3/issue/{issueIdOrKey}.json': { key: 'OPS-9', fields: { summary: 'Renew the certificate' } } });
    useForgeRelease(folder, '@forge/api', 'forge-api-2');
    const runner = runnerFor(folder);
    const outcome = await runner.run({ functionKey: 'issue', payload: { key: 'OPS-9' } });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { key: 'OPS-9', fields: { summary: 'Renew the certificate' } } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true, reason: expect.stringContaining('GET /rest/api/3/issue/{issueIdOrKey} (scopes approved)') });
  });
});

// ── A queue on @forge/events 0.8, consumed in resolver form by @forge/resolver 1.5 ───────────

const queueManifest = `
modules:
  consumer:
    - key: import-consumer
      queue: issue-import
      resolver:
        function: importer
        method: import-issue
  function:
    - key: start-import
      handler: index.startImport
    - key: progress
      handler: index.progress
    - key: importer
      handler: index.importer
permissions:
  scopes:
    - storage:app
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000042
  runtime:
    name: nodejs22.x
`;

const queueSource = `
import Resolver from '@forge/resolver';
import { Queue } from '@forge/events';
import { storage } from '@forge/api';

const queue = new Queue({ key: 'issue-import' });

export async function startImport({ issues }) {
  return queue.push(issues.map((issue) => ({ issue, source: 'csv' })));
}

export async function progress({ jobId }) {
  const response = await queue.getJob(jobId).getStats();
  return response.json();
}

const resolver = new Resolver();
resolver.define('import-issue', async ({ payload }) => {
  await storage.set('imported:' + payload.issue.key, { summary: payload.issue.summary, source: payload.source });
});
export const importer = resolver.getDefinitions();
`;

describe('a queue on @forge/events 0.8.34 with a @forge/resolver 1.5.40 consumer', () => {
  it('delivers each pushed event to the consumer resolver method, payload intact, and the job reports its progress', async () => {
    const folder = smallApp(queueManifest, queueSource);
    useForgeRelease(folder, '@forge/api', 'forge-api-3');
    useForgeRelease(folder, '@forge/events', 'forge-events-0');
    useForgeRelease(folder, '@forge/resolver', 'forge-resolver-1');
    const db = openAppDatabase(null);
    open.push({ close: () => db.close() });
    const late: { triggers: AppTriggers | null } = { triggers: null };
    const runner = runnerFor(folder, { db, platform: (call) => (late.triggers ? late.triggers.answer(call) : Promise.resolve(null)) });
    const triggers = new AppTriggers({ appFolder: folder, db, runner, log: () => undefined });
    late.triggers = triggers;
    open.push(triggers);

    const issues = [
      { key: 'IMP-1', summary: 'Migrate the wiki' },
      { key: 'IMP-2', summary: 'Archive old boards' },
    ];
    const pushed = await runner.run({ functionKey: 'start-import', payload: { issues } });
    expect(pushed.status).toBe('ok');
    // 0.8 names a job `<queue>#<id>`.
    expect(pushed.result).toMatch(/^issue-import#[0-9a-f-]{36}$/);
    expect(pushed.calls[0]).toMatchObject({ allowed: true, target: 'queue issue-import', reason: '2 event(s) to import-consumer' });

    const imported = async () => (await runner.storage('development')).filter((entry) => entry.key.startsWith('imported:'));
    await until(async () => (await imported()).length === 2, 'both events to be consumed');
    expect((await imported()).map((entry) => [entry.key, entry.value])).toEqual([
      ['imported:IMP-1', { summary: 'Migrate the wiki', source: 'csv' }],
      ['imported:IMP-2', { summary: 'Archive old boards', source: 'csv' }],
    ]);
    await until(async () => (await triggers.view('development')).jobs.every((job) => job.state === 'done'), 'the jobs to be done');
    const stats = await runner.run({ functionKey: 'progress', payload: { jobId: pushed.result } });
    expect(stats.result).toEqual({ success: 2, inProgress: 0, failed: 0 });
  });
});

// ── An SDK built on node-fetch 2 ────────────────────────────────────────────────────────────

const sdkManifest = `
modules:
  function:
    - key: forecast
      handler: index.forecast
permissions:
  external:
    fetch:
      backend:
        - address: api.weather.example.com
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000043
  runtime:
    name: nodejs22.x
`;

// The kind of small vendor SDK apps bundle: node-fetch 2 imported by its own name, errors thrown with the response text.
const weatherSdk = `
import fetch from 'node-fetch';
export class WeatherClient {
  constructor(baseUrl, apiKey) { this.baseUrl = baseUrl; this.apiKey = apiKey; }
  async forecast(city) {
    const response = await fetch(this.baseUrl + '/v1/forecast?city=' + encodeURIComponent(city), { headers: { Authorization: 'Bearer ' + this.apiKey, Accept: 'application/json' } });
    if (!response.ok) throw new Error('Weather API answered ' + response.status + ': ' + (await response.text()));
    return response.json();
  }
}
`;

const sdkSource = `
import { WeatherClient } from './weather-sdk';
export async function forecast({ baseUrl, city }) {
  try {
    return await new WeatherClient(baseUrl, 'key-123').forecast(city);
  } catch (error) {
    console.error('Forecast failed: ' + error.message);
    return { failed: error.message };
  }
}
`;

describe('an SDK built on node-fetch 2.7.0', () => {
  async function sdkApp() {
    const folder = smallApp(sdkManifest, sdkSource);
    writeFileSync(path.join(folder, 'src', 'weather-sdk.js'), weatherSdk);
    useForgeRelease(folder, 'node-fetch', 'node-fetch');
    const internet = await pretendInternet((request) => ({ city: new URL(request.path, 'https://x').searchParams.get('city'), high: 21 }));
    return { runner: runnerFor(folder, { network: internet.network }), received: internet.received };
  }

  it('reaches a host the manifest allows, with its path, query and headers', async () => {
    const { runner, received } = await sdkApp();
    const outcome = await runner.run({ functionKey: 'forecast', payload: { baseUrl: 'https://api.weather.example.com', city: 'Zürich' } });
    expect(outcome).toMatchObject({ status: 'ok', result: { city: 'Zürich', high: 21 } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'fetch', allowed: true, reason: 'allowed by permissions.external.fetch.backend entry api.weather.example.com' });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', host: 'api.weather.example.com', path: '/v1/forecast?city=Z%C3%BCrich', headers: { authorization: 'Bearer key-123' } });
  });

  it("gets the platform's egress error for a host the manifest does not list, and the refusal says what to add", async () => {
    const { runner, received } = await sdkApp();
    const outcome = await runner.run({ functionKey: 'forecast', payload: { baseUrl: 'https://api.other-weather.example.net', city: 'Oslo' } });
    expect(outcome.status).toBe('ok');
    expect(outcome.result).toEqual({ failed: expect.stringMatching(/^Weather API answered 403: .*REQUEST_EGRESS_ALLOWLIST_ERR/) });
    expect(outcome.logs).toContainEqual({
      level: 'error',
      message: expect.stringContaining('URL not included in the external fetch backend permissions: https://api.other-weather.example.net/v1/forecast?city=Oslo'),
    });
    expect(outcome.calls[0]).toMatchObject({
      kind: 'fetch',
      allowed: false,
      reason: 'api.other-weather.example.net is not in permissions.external.fetch.backend; add {address: api.other-weather.example.net} to allow it',
    });
    expect(received).toHaveLength(0);
  });
});

// ── @forge/api 4.3.0: product calls, fetch, and asUser in a @forge/resolver 1.5.40 resolver ─

const api4Manifest = `
modules:
  jira:issuePanel:
    - key: status-panel
      resource: main
      title: Status
      resolver:
        function: resolver
      icon: https://example.com/icon.svg
  confluence:globalPage:
    - key: status-page
      resource: main
      title: Status
      route: status
      resolver:
        function: resolver
  function:
    - key: resolver
      handler: index.handler
    - key: issue
      handler: index.issue
    - key: page
      handler: index.page
    - key: rates
      handler: index.rates
resources:
  - key: main
    path: static/build
permissions:
  scopes:
    - read:jira-work
    - read:jira-user
    - read:page:confluence
  external:
    fetch:
      backend:
        - address: api.rates.example.com
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000044
  runtime:
    name: nodejs22.x
`;

const api4Source = `
import api, { route, fetch } from '@forge/api';
import Resolver from '@forge/resolver';

export async function issue({ key }) {
  const response = await api.asApp().requestJira(route\`/rest/api/3/issue/\${key}?fields=summary\`, { headers: { Accept: 'application/json' } });
  return { status: response.status, body: await response.json() };
}

export async function page({ id }) {
  const response = await api.asApp().requestConfluence(route\`/wiki/api/v2/pages/\${id}?body-format=storage\`);
  return { status: response.status, body: await response.json() };
}

export async function rates({ currency }) {
  const response = await fetch('https://api.rates.example.com/latest?base=' + currency, { method: 'POST', body: JSON.stringify({ symbols: ['EUR'] }), headers: { 'Content-Type': 'application/json' } });
  return { status: response.status, body: await response.json() };
}

const resolver = new Resolver();
resolver.define('whoAmI', async ({ context }) => {
  const response = await api.asUser().requestJira(route\`/rest/api/3/myself\`);
  const me = await response.json();
  return { status: response.status, displayName: me.displayName, user: context.accountId };
});
export const handler = resolver.getDefinitions();
`;

describe('an app on @forge/api 4.3.0', () => {
  async function api4App() {
    const folder = smallApp(api4Manifest, api4Source, {
      'jira/GET/rest/api/3/issue/{issueIdOrKey}.json': { key: 'OPS-7', fields: { summary: 'Rotate the keys' } },
      'jira/GET/rest/api/3/myself.json': { accountId: '5b10a2844c20165700ede21g', displayName: 'Ada Lovelace' },
      'confluence/GET/wiki/api/v2/pages/{id}.json': { id: '65538', title: 'Runbook', body: { storage: { value: '<p>Step 1</p>' } } },
    });
    useForgeRelease(folder, '@forge/api', 'forge-api-4');
    useForgeRelease(folder, '@forge/resolver', 'forge-resolver-1');
    const internet = await pretendInternet((request) => ({ base: new URL(request.path, 'https://x').searchParams.get('base'), sent: JSON.parse(request.body), EUR: 0.92 }));
    return { runner: runnerFor(folder, { network: internet.network }), received: internet.received };
  }

  it('answers api.asApp().requestJira from the fixture', async () => {
    const { runner } = await api4App();
    const outcome = await runner.run({ functionKey: 'issue', payload: { key: 'OPS-7' } });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { key: 'OPS-7', fields: { summary: 'Rotate the keys' } } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true, reason: expect.stringContaining('GET /rest/api/3/issue/{issueIdOrKey} (scopes approved)') });
  });

  it('answers requestConfluence on a v2 path in the Confluence installation', async () => {
    const { runner } = await api4App();
    const outcome = await runner.run({ functionKey: 'page', payload: { id: '65538' }, installation: 'local-confluence' });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { id: '65538', title: 'Runbook' } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true, reason: expect.stringContaining('GET /wiki/api/v2/pages/{id} (scopes approved)') });
  });

  it("sends @forge/api's fetch to an allowed host with its method and body", async () => {
    const { runner, received } = await api4App();
    const outcome = await runner.run({ functionKey: 'rates', payload: { currency: 'USD' } });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, body: { base: 'USD', sent: { symbols: ['EUR'] }, EUR: 0.92 } } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'fetch', allowed: true });
    expect(received[0]).toMatchObject({ method: 'POST', host: 'api.rates.example.com', headers: { 'content-type': 'application/json' } });
  });

  it('runs asUser in a resolver invocation, which has a user', async () => {
    const { runner } = await api4App();
    const outcome = await runner.run({ functionKey: 'whoAmI', resolverKeys: ['whoAmI'] });
    expect(outcome).toMatchObject({ status: 'ok', result: { status: 200, displayName: 'Ada Lovelace', user: expect.any(String) } });
    expect(outcome.calls[0]).toMatchObject({ kind: 'product', allowed: true, reason: expect.stringContaining('GET /rest/api/3/myself (scopes approved)') });
  });
});

// ── @forge/resolver 1.5.40 with literal keys ───────────────────────────────────────────────

const resolverManifest = `
modules:
  jira:issuePanel:
    - key: checklist-panel
      resource: main
      title: Checklist
      resolver:
        function: resolver
      icon: https://example.com/icon.svg
  function:
    - key: resolver
      handler: index.handler
resources:
  - key: main
    path: static/build
permissions:
  scopes:
    - storage:app
app:
  id: ari:cloud:ecosystem::app/00000000-0000-0000-0000-000000000045
  runtime:
    name: nodejs22.x
`;

const resolverSource = `
import Resolver from '@forge/resolver';
import { storage } from '@forge/api';

const resolver = new Resolver();
resolver.define('getText', () => 'Hello from the checklist');
resolver.define('addItem', async ({ payload, context }) => {
  const key = 'checklist:' + context.extension.issue.key;
  const items = (await storage.get(key)) ?? [];
  items.push(payload.text);
  await storage.set(key, items);
  return items;
});
resolver.define('getItems', async ({ context }) => (await storage.get('checklist:' + context.extension.issue.key)) ?? []);
export const handler = resolver.getDefinitions();
`;

describe('a @forge/resolver 1.5.40 resolver with literal keys', () => {
  it('lists the keys the code defines and runs each by name', async () => {
    const folder = smallApp(resolverManifest, resolverSource);
    useForgeRelease(folder, '@forge/api', 'forge-api-3');
    useForgeRelease(folder, '@forge/resolver', 'forge-resolver-1');
    const analysis = new AppAnalysis(folder, schema);
    open.push(analysis);
    const resolverKeys = await analysis.resolverKeys();
    expect(resolverKeys).toEqual(['addItem', 'getItems', 'getText']);
    const runner = runnerFor(folder);
    const run = (functionKey: string, payload?: unknown) => runner.run({ functionKey, payload, resolverKeys });

    expect((await run('getText')).result).toBe('Hello from the checklist');
    expect((await run('addItem', { text: 'Write the notes' })).result).toEqual(['Write the notes']);
    expect((await run('addItem', { text: 'Tag the release' })).result).toEqual(['Write the notes', 'Tag the release']);
    const items = await run('getItems');
    expect(items).toMatchObject({ status: 'ok', functionKey: 'resolver', result: ['Write the notes', 'Tag the release'] });
  });
});
