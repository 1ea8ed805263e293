import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { bridgeScript } from './preview';
import { memorySettings, sampleAppCopy, scratchFolder } from './testing';
import { useForgeRealtime1 } from './testing/forge-api-release';
import { Workbench } from './workbench';
import type { PreviewSession } from '../common/types';

const WORKBENCH = 'http://127.0.0.1:5999';

const benches: Workbench[] = [];
afterEach(() => {
  benches.splice(0).forEach((bench) => bench.close());
});

/**
 * A preview page: the bridge script Anvil injects, in a context of its own, whose posts reach the
 * workbench as the pane relays them (previewBridgeCall for that preview) and whose replies come back
 * from the workbench's window only. `subscribe` is what @forge/bridge's realtime.subscribe calls.
 */
function page(workbench: Workbench, session: PreviewSession) {
  const listeners: ((event: unknown) => void)[] = [];
  const parent = {
    postMessage: (message: { id: string; name: string; payload?: unknown }, targetOrigin: string) => {
      expect(targetOrigin).toBe(WORKBENCH);
      const reply = (body: Record<string, unknown>) =>
        listeners.forEach((listener) => listener({ data: { source: 'anvil-preview-host', id: message.id, ...body }, origin: WORKBENCH, source: parent }));
      // Structured clone: nothing but data crosses, as with postMessage.
      workbench.previewBridgeCall({ previewId: session.previewId, name: message.name, payload: structuredClone(message.payload) }).then(
        (value) => reply({ ok: true, value }),
        (error: Error) => reply({ ok: false, error: error.message }),
      );
    },
  };
  const window = { parent, addEventListener: (_type: string, listener: (event: unknown) => void) => listeners.push(listener) };
  const context = vm.createContext({ window, Math, Map, Promise, Error, Object, JSON, String, Array, setTimeout });
  (context as { globalThis: unknown }).globalThis = context;
  vm.runInContext(bridgeScript(WORKBENCH), context);
  const bridge = (context as unknown as { __bridge: { callBridge: (name: string, payload?: unknown) => Promise<unknown> } }).__bridge;
  const heard: unknown[] = [];
  let notify: (() => void) | null = null;
  return {
    previewId: session.previewId,
    heard,
    invoke: (functionKey: string, payload: unknown) => bridge.callBridge('invoke', { functionKey, payload }),
    subscribe: (channelName: string, options?: unknown) =>
      bridge.callBridge('subscribeRealtimeChannel', {
        channelName,
        options,
        onEvent: (payload: unknown, error?: Error) => {
          if (error) return;
          heard.push(payload);
          notify?.();
        },
      }) as Promise<{ unsubscribe: () => Promise<void> }>,
    /** Resolves once the page has heard `count` events. */
    hears: (count: number) =>
      new Promise<void>((resolve) => {
        notify = () => heard.length >= count && resolve();
        notify();
      }),
  };
}

// As the Q&A board does: one resolver signs a subscribe token for the page's user, another publishes with a publish token.
const TOKEN_RESOLVERS = `
resolver.define('notificationToken', ({ context }) => signRealtimeToken('radar-alerts', { allowedUsers: [context.accountId], team: 'sre' }, ['subscribe']));
resolver.define('otherUsersToken', () => signRealtimeToken('radar-alerts', { allowedUsers: ['someone-else'], team: 'sre' }, ['subscribe']));
resolver.define('alert', async ({ payload }) => {
  const { token } = await signRealtimeToken('radar-alerts', { team: 'sre' }, ['publish']);
  return publish('radar-alerts', payload, { token });
});
`;

async function radarPreviews() {
  const folder = sampleAppCopy();
  useForgeRealtime1(folder);
  const source = path.join(folder, 'src', 'index.js');
  // The page's resolver tells everyone on the page's channel what it was given.
  writeFileSync(
    source,
    `import { publish, signRealtimeToken } from '@forge/realtime';\n${readFileSync(source, 'utf8')}\nresolver.define('announce', ({ payload }) => publish('radar', payload));\n${TOKEN_RESOLVERS}`,
  );
  const workbench = new Workbench({ shell: 'web', version: 'test', settings: memorySettings(), dataDir: scratchFolder() });
  benches.push(workbench);
  await workbench.openApp({ folder });
  await workbench.attachShell(WORKBENCH);
  const ops = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development', context: { extension: { project: { key: 'OPS' } } } });
  const dev = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development', context: { extension: { project: { key: 'DEV' } } } });
  return { workbench, ops: page(workbench, ops), dev: page(workbench, dev) };
}

describe('Forge Realtime in the Custom UI preview', () => {
  it('a page subscribed through the bridge receives the event its resolver published; a page of another context does not', async () => {
    const { ops, dev } = await radarPreviews();
    await ops.subscribe('radar');
    await dev.subscribe('radar');

    const published = (await ops.invoke('announce', { version: '2.0.0' })) as { eventId: string | null };
    expect(published.eventId).toEqual(expect.any(String));
    await ops.hears(1);

    // The other project's page hears only what was published in its own context, afterwards.
    await dev.invoke('announce', { version: '2.0.1' });
    await dev.hears(1);
    expect(ops.heard).toEqual([{ version: '2.0.0' }]);
    expect(dev.heard).toEqual([{ version: '2.0.1' }]);
  }, 120_000);

  it('stops delivering after unsubscribe, and refuses subscribeGlobal without its scope, naming it', async () => {
    const { workbench, ops } = await radarPreviews();
    const subscription = await ops.subscribe('radar');
    await subscription.unsubscribe();
    expect(await ops.invoke('announce', { version: '3.0.0' })).toEqual({ eventId: null, eventTimestamp: null });
    const sessions = await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development' });
    await expect(
      workbench.previewBridgeCall({ previewId: sessions.previewId, name: 'subscribeRealtimeChannel', payload: { channelName: 'radar', isGlobal: true, subscriptionId: 'global-1' } }),
    ).rejects.toThrow('subscribeGlobal needs the scope read:app-global-channel:realtime');
  }, 120_000);
  it('a reloaded page keeps only what it subscribed to since the reload', async () => {
    const { workbench, ops } = await radarPreviews();
    await ops.subscribe('radar');
    const session = (await workbench.openPreview({ moduleKey: 'radar-page', environment: 'development', context: { extension: { project: { key: 'OPS' } } } })) as PreviewSession;
    // The same preview, loaded again: a new bridge script under the same preview id.
    const reloaded = page(workbench, { ...session, previewId: ops.previewId });
    await reloaded.subscribe('radar-alerts');
    // Nobody listens on "radar" any more: the page before the reload is gone.
    expect(await reloaded.invoke('announce', { version: '4.0.0' })).toEqual({ eventId: null, eventTimestamp: null });
  }, 120_000);

  it('a page subscribed with the token its resolver signed receives what a function published with a publish token; a subscription without a token, or with another user’s token, does not', async () => {
    const { ops } = await radarPreviews();
    const plain = await ops.subscribe('radar-alerts');
    const { token, expiresAt } = (await ops.invoke('notificationToken', {})) as { token: string; expiresAt: number };
    expect(expiresAt).toEqual(expect.any(Number));
    await ops.subscribe('radar-alerts', { token });
    const { token: othersToken } = (await ops.invoke('otherUsersToken', {})) as { token: string };
    await expect(ops.subscribe('radar-alerts', { token: othersToken })).rejects.toThrow('USER_NOT_ALLOWED');
    await expect(ops.subscribe('radar-alerts', { token: `${token.slice(0, -4)}AAAA` })).rejects.toThrow('INVALID_TOKEN');

    const published = (await ops.invoke('alert', { level: 'high' })) as { eventId: string | null };
    expect(published.eventId).toEqual(expect.any(String));
    await ops.hears(1);
    expect(ops.heard).toEqual([{ level: 'high' }]);
    await plain.unsubscribe();
  }, 120_000);
});
