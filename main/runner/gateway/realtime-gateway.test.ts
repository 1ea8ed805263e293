import { afterEach, describe, expect, it } from 'vitest';
import { realtimeContext, type RealtimeEvent } from '../../realtime';
import { oneFunctionManifest, smallApp } from '../../testing';
import { useForgeRealtime1 } from '../../testing/forge-api-release';
import { AppRunner } from '../app-runner';

// What a resolver does with @forge/realtime: publish (or publishGlobal) what the page asked for.
const SOURCE = `import { publish, publishGlobal } from '@forge/realtime';
export async function main(payload) {
  return payload.global ? publishGlobal(payload.channel, payload.event) : publish(payload.channel, payload.event, payload.options);
}
`;

// The context a page of a jira:issuePanel on one issue gives the function it invokes.
const PAGE = { moduleKey: 'panel', extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-1' } } };
const OTHER_PAGE = { moduleKey: 'panel', extension: { type: 'jira:issuePanel', issue: { key: 'DEMO-2' } } };

const runners: AppRunner[] = [];
afterEach(() => {
  for (const runner of runners.splice(0)) runner.close();
});

function realtimeRunner(source = SOURCE): AppRunner {
  const app = smallApp(oneFunctionManifest(), source);
  useForgeRealtime1(app);
  const runner = new AppRunner(app, { dataDir: null });
  runners.push(runner);
  return runner;
}

function contextKey(context: Record<string, unknown>): string {
  const found = realtimeContext(context, undefined);
  if (!found.ok) throw new Error(found.reason);
  return found.key;
}

describe('Forge Realtime from backend functions', () => {
  it('publish reaches the channel in the context of the page that invoked the function, not another page’s; publishGlobal reaches the installation', async () => {
    const runner = realtimeRunner();
    const scope = { environment: 'development', installation: 'local-jira' };
    const heard: { page: unknown[]; other: unknown[]; global: unknown[] } = { page: [], other: [], global: [] };
    runner.realtime.subscribe(scope, { name: 'updates', global: false, context: contextKey(PAGE) }, (event: RealtimeEvent) => heard.page.push(event.payload));
    runner.realtime.subscribe(scope, { name: 'updates', global: false, context: contextKey(OTHER_PAGE) }, (event: RealtimeEvent) => heard.other.push(event.payload));
    runner.realtime.subscribe(scope, { name: 'updates', global: true, context: null }, (event: RealtimeEvent) => heard.global.push(event.payload));

    const published = await runner.run({ functionKey: 'main', payload: { channel: 'updates', event: { status: 'done' } }, context: PAGE });
    expect(published.status).toBe('ok');
    expect(published.result).toEqual({ eventId: expect.any(String), eventTimestamp: expect.any(String) });
    expect(published.calls).toEqual([expect.objectContaining({ kind: 'product', target: 'Forge Realtime updates', allowed: true })]);
    expect(heard).toEqual({ page: [{ status: 'done' }], other: [], global: [] });

    await runner.run({ functionKey: 'main', payload: { channel: 'updates', event: 'to everyone', global: true } });
    expect(heard).toEqual({ page: [{ status: 'done' }], other: [], global: ['to everyone'] });

    const nobody = await runner.run({ functionKey: 'main', payload: { channel: 'quiet', event: 'x' }, context: PAGE });
    expect(nobody.result).toEqual({ eventId: null, eventTimestamp: null });
  }, 90_000);

  it('refuses publish from a function no page invoked, naming publishGlobal, and sends nothing', async () => {
    const runner = realtimeRunner();
    const heard: unknown[] = [];
    runner.realtime.subscribe({ environment: 'development', installation: 'local-jira' }, { name: 'updates', global: false, context: contextKey(PAGE) }, (event) => heard.push(event.payload));
    const outcome = await runner.run({ functionKey: 'main', payload: { channel: 'updates', event: 'x' } });
    expect(outcome.result).toEqual({ eventId: null, eventTimestamp: null, errors: [{ message: expect.stringContaining('publishGlobal') }] });
    expect(outcome.calls[0]).toMatchObject({ allowed: false });
    expect(heard).toEqual([]);
  }, 90_000);
  it('signs a token for a function and publishes with it only to subscribers holding a token of that channel and claims', async () => {
    // As the leaderboard app does: sign a token with custom claims, publishGlobal with it.
    const runner = realtimeRunner(`import { publishGlobal, signRealtimeToken } from '@forge/realtime';
export async function main(payload) {
  const signed = await signRealtimeToken(payload.channel, payload.claims, payload.permissions);
  if (!signed.token) return signed;
  return { signed, published: await publishGlobal(payload.channel, payload.event, { token: signed.token }) };
}
`);
    const scope = { environment: 'development', installation: 'local-jira' };
    const board = { name: 'leaders', global: true, context: null };
    const pageToken = runner.realtime.tokens.sign(scope, 'leaders', { projectKey: 'OPS' }, ['subscribe']);
    if (!pageToken.ok) throw new Error(pageToken.reason);
    const heard: Record<string, unknown[]> = { token: [], other: [], plain: [] };
    runner.realtime.subscribeWithToken(scope, board, pageToken.jwt, 'local-developer', (event) => heard.token!.push(event.payload));
    const otherToken = runner.realtime.tokens.sign(scope, 'leaders', { projectKey: 'DEV' }, ['subscribe']);
    if (!otherToken.ok) throw new Error(otherToken.reason);
    runner.realtime.subscribeWithToken(scope, board, otherToken.jwt, 'local-developer', (event) => heard.other!.push(event.payload));
    runner.realtime.subscribe(scope, board, (event) => heard.plain!.push(event.payload));

    const outcome = await runner.run({ functionKey: 'main', payload: { channel: 'leaders', claims: { projectKey: 'OPS' }, event: { score: 3 } } });
    expect(outcome.result).toEqual({
      signed: { token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), expiresAt: expect.any(Number) },
      published: { eventId: expect.any(String), eventTimestamp: expect.any(String) },
    });
    expect(outcome.calls).toEqual([
      expect.objectContaining({ target: 'Forge Realtime token for leaders', allowed: true }),
      expect.objectContaining({ target: 'Forge Realtime leaders', allowed: true, reason: expect.stringContaining('with a token') }),
    ]);
    expect(heard).toEqual({ token: [{ score: 3 }], other: [], plain: [] });

    const refused = await runner.run({ functionKey: 'main', payload: { channel: 'leaders', claims: 'everyone', event: 'x' } });
    expect(refused.result).toEqual({ token: null, expiresAt: null, errors: [{ message: expect.stringContaining('claims as an object') }] });
  }, 90_000);

  it('refuses a publish with a token the function edited or made itself, naming INVALID_TOKEN: the signing key stays in the host', async () => {
    // The function widens its own token (another channel's claims) and makes one with a key of its own.
    const runner = realtimeRunner(`import { publishGlobal, signRealtimeToken } from '@forge/realtime';
import { createHmac } from 'node:crypto';
export async function main(payload) {
  const { token } = await signRealtimeToken('leaders', { projectKey: 'DEV' }, ['publish']);
  const [header, body] = token.split('.');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  claims.claims = { projectKey: 'OPS' };
  const edited = header + '.' + Buffer.from(JSON.stringify(claims)).toString('base64url') + '.' + token.split('.')[2];
  const unsigned = header + '.' + Buffer.from(JSON.stringify(claims)).toString('base64url');
  let own = null;
  try { own = unsigned + '.' + createHmac('sha256', 'guess').update(unsigned).digest('base64url'); } catch { own = unsigned + '.AAAA'; }
  return [await publishGlobal('leaders', 'edited', { token: edited }), await publishGlobal('leaders', 'own', { token: own })];
}
`);
    const scope = { environment: 'development', installation: 'local-jira' };
    const pageToken = runner.realtime.tokens.sign(scope, 'leaders', { projectKey: 'OPS' }, ['subscribe']);
    if (!pageToken.ok) throw new Error(pageToken.reason);
    const heard: unknown[] = [];
    runner.realtime.subscribeWithToken(scope, { name: 'leaders', global: true, context: null }, pageToken.jwt, 'local-developer', (event) => heard.push(event.payload));
    const outcome = await runner.run({ functionKey: 'main', payload: {} });
    expect(outcome.status).toBe('ok');
    expect(outcome.result).toEqual([
      { eventId: null, eventTimestamp: null, errors: [{ message: expect.stringContaining('INVALID_TOKEN') }] },
      { eventId: null, eventTimestamp: null, errors: [{ message: expect.stringContaining('INVALID_TOKEN') }] },
    ]);
    expect(heard).toEqual([]);
  }, 90_000);
});
