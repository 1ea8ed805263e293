import { describe, expect, it } from 'vitest';
import { RealtimeBroker, type RealtimeEvent } from './realtime-broker';
import { realtimeContext } from './realtime-context';

const ISSUE_A = { moduleKey: 'panel', extension: { type: 'jira:issuePanel', issue: { key: 'A-1' }, project: { key: 'A' } } };
const ISSUE_B = { moduleKey: 'panel', extension: { type: 'jira:issuePanel', issue: { key: 'A-2' }, project: { key: 'A' } } };

function key(context: Record<string, unknown>, overrides?: unknown): string {
  const found = realtimeContext(context, overrides);
  if (!found.ok) throw new Error(found.reason);
  return found.key;
}

describe('the local realtime broker', () => {
  it('delivers an event only to the same channel in the same environment, installation and context', () => {
    const broker = new RealtimeBroker();
    const heard: Record<string, unknown[]> = {};
    const listen = (name: string, scope: { environment: string; installation: string }, channel: { name: string; global: boolean; context: string | null }) =>
      broker.subscribe(scope, channel, (event: RealtimeEvent) => (heard[name] ??= []).push(event.payload));
    const dev = { environment: 'development', installation: 'local-jira' };
    listen('same', dev, { name: 'updates', global: false, context: key(ISSUE_A) });
    listen('other issue', dev, { name: 'updates', global: false, context: key(ISSUE_B) });
    listen('other channel', dev, { name: 'news', global: false, context: key(ISSUE_A) });
    listen('other installation', { environment: 'development', installation: 'acme' }, { name: 'updates', global: false, context: key(ISSUE_A) });
    listen('other environment', { environment: 'staging', installation: 'local-jira' }, { name: 'updates', global: false, context: key(ISSUE_A) });
    listen('global', dev, { name: 'updates', global: true, context: null });

    const result = broker.publish(
      dev,
      { name: 'updates', global: false, context: key({ extension: { project: { key: 'A' }, issue: { key: 'A-1' }, type: 'jira:issuePanel' }, moduleKey: 'panel' }) },
      { n: 1 },
    );
    expect(result.eventId).toEqual(expect.any(String));
    expect(heard).toEqual({ same: [{ n: 1 }] });

    broker.publish(dev, { name: 'updates', global: true, context: null }, 'to everyone');
    expect(heard).toEqual({ same: [{ n: 1 }], global: ['to everyone'] });
  });

  it('answers null ids when nobody listens, and stops delivering once unsubscribed', () => {
    const broker = new RealtimeBroker();
    const scope = { environment: 'development', installation: 'local-jira' };
    const channel = { name: 'updates', global: false, context: key(ISSUE_A) };
    expect(broker.publish(scope, channel, 'x')).toEqual({ eventId: null, eventTimestamp: null });
    const heard: unknown[] = [];
    const unsubscribe = broker.subscribe(scope, channel, (event) => heard.push(event.payload));
    broker.publish(scope, channel, 'first');
    unsubscribe();
    expect(broker.publish(scope, channel, 'second')).toEqual({ eventId: null, eventTimestamp: null });
    expect(heard).toEqual(['first']);
    expect(broker.size).toBe(0);
  });

  it('shares a channel across modules only through contextOverrides, and only for the named context', () => {
    const otherModule = { ...ISSUE_A, moduleKey: 'glance' };
    expect(key(otherModule)).not.toBe(key(ISSUE_A));
    expect(key(otherModule, ['issue'])).toBe(key(ISSUE_A, ['issue']));
    expect(key(ISSUE_B, ['issue'])).not.toBe(key(ISSUE_A, ['issue']));
    expect(key(ISSUE_B, ['project'])).toBe(key(ISSUE_A, ['project']));
    expect(realtimeContext(ISSUE_A, ['everything'])).toMatchObject({ ok: false, reason: expect.stringContaining('contextOverrides') });
    expect(realtimeContext(null, undefined)).toMatchObject({ ok: false, reason: expect.stringContaining('publishGlobal') });
  });
  it('delivers a token-scoped event only to subscribers holding a valid token of the same channel and claims, and the allowed users', () => {
    const broker = new RealtimeBroker();
    const dev = { environment: 'development', installation: 'local-jira' };
    const board = { name: 'leaders', global: true, context: null };
    const sign = (claims: Record<string, unknown>, permissions?: string[]) => {
      const signed = broker.tokens.sign(dev, 'leaders', claims, permissions);
      if (!signed.ok) throw new Error(signed.reason);
      return signed.jwt;
    };
    const heard: Record<string, unknown[]> = {};
    const listen = (name: string) => (event: RealtimeEvent) => (heard[name] ??= []).push(event.payload);
    broker.subscribe(dev, board, listen('no token'));
    expect(broker.subscribeWithToken(dev, board, sign({ project: 'OPS' }), 'acc-1', listen('OPS'))).toHaveProperty('unsubscribe');
    expect(broker.subscribeWithToken(dev, board, sign({ project: 'DEV' }), 'acc-1', listen('DEV'))).toHaveProperty('unsubscribe');
    expect(broker.subscribeWithToken(dev, board, sign({ project: 'OPS', allowedUsers: ['acc-2'] }), 'acc-2', listen('OPS, acc-2 only'))).toHaveProperty('unsubscribe');

    // Refused subscriptions, each naming what is wrong, and never subscribed.
    expect(broker.subscribeWithToken(dev, board, sign({ project: 'OPS', allowedUsers: ['acc-2'] }), 'acc-1', listen('not allowed'))).toEqual({
      refused: expect.stringContaining('USER_NOT_ALLOWED'),
    });
    expect(broker.subscribeWithToken(dev, board, sign({ project: 'OPS' }, ['publish']), 'acc-1', listen('publish only'))).toEqual({ refused: expect.stringContaining('MISSING_PERMISSION') });
    expect(broker.subscribeWithToken(dev, { ...board, name: 'other' }, sign({ project: 'OPS' }), 'acc-1', listen('other channel'))).toEqual({
      refused: expect.stringContaining('CHANNEL_NAME_MISMATCH'),
    });
    expect(broker.subscribeWithToken(dev, board, 'forged.token.text', 'acc-1', listen('forged'))).toEqual({ refused: expect.stringContaining('INVALID_TOKEN') });
    expect(broker.size).toBe(4);

    const published = broker.publishWithToken(dev, board, { score: 10 }, sign({ project: 'OPS' }, ['publish']));
    expect(published).toMatchObject({ eventId: expect.any(String) });
    expect(heard).toEqual({ OPS: [{ score: 10 }], 'OPS, acc-2 only': [{ score: 10 }] });

    // A publish token's allowedUsers narrow who hears it; a subscribe-only token cannot publish.
    broker.publishWithToken(dev, board, { score: 11 }, sign({ project: 'OPS', allowedUsers: ['acc-2'] }, ['publish']));
    expect(heard).toEqual({ OPS: [{ score: 10 }], 'OPS, acc-2 only': [{ score: 10 }, { score: 11 }] });
    expect(broker.publishWithToken(dev, board, 'x', sign({ project: 'OPS' }, ['subscribe']))).toEqual({ refused: expect.stringContaining('MISSING_PERMISSION') });

    // Without a token, only the subscriber without one hears it.
    broker.publish(dev, board, 'plain');
    expect(heard['no token']).toEqual(['plain']);
    expect(heard.OPS).toEqual([{ score: 10 }]);
  });
});
