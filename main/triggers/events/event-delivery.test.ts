import { describe, expect, it } from 'vitest';
import { eventRequirement } from '../../scopes';
import { deliveryDecision, retryPlan, type RetryContext } from './event-delivery';
import { eventTemplate } from './event-templates';
import type { TriggerSubscription } from './trigger-subscriptions';

const SITE = { cloudId: 'a1b2c3d4-0000-4000-8000-000000000001', product: 'jira' };
const APP_ACCOUNT = '5b10a2844c20165700ede0a0';

function subscription(eventType: string, filter: Partial<TriggerSubscription['filter']> = {}): TriggerSubscription {
  return { moduleKey: 'watcher', functionKey: 'watch', endpointKey: null, eventType, filter: { ignoreSelf: false, expression: null, onError: 'IGNORE_AND_LOG', ...filter } };
}

function deliver(eventType: string, approvedScopes: string[], filter: Partial<TriggerSubscription['filter']> = {}, event: unknown = eventTemplate(eventType, SITE)) {
  return deliveryDecision({ eventType, approvedScopes, subscription: subscription(eventType, filter), event, appAccountId: APP_ACCOUNT });
}

describe('deliveryDecision', () => {
  it('refuses a Jira issue event when the installation has not approved read:jira-work, and says how to fix it', () => {
    const decision = deliver('avi:jira:created:issue', ['write:jira-work']);
    expect(decision).toEqual({
      deliver: false,
      log: false,
      reason: 'avi:jira:created:issue needs read:jira-work, which the installation has not approved; add it to permissions.scopes',
      warnings: [],
      missingScopes: ['read:jira-work'],
    });
  });

  it('delivers once read:jira-work is approved, or the full granular set instead', () => {
    expect(deliver('avi:jira:created:issue', ['read:jira-work'])).toMatchObject({ deliver: true, warnings: [], missingScopes: [] });
    const granular = eventRequirement('avi:jira:created:issue')!.granular;
    expect(deliver('avi:jira:created:issue', granular).deliver).toBe(true);
    expect(deliver('avi:jira:created:issue', granular.slice(1)).deliver).toBe(false);
  });

  it('lists every missing scope of a granular-only event', () => {
    const requirement = eventRequirement('avi:bitbucket:push:repository')!;
    const decision = deliver('avi:bitbucket:push:repository', []);
    expect(decision.deliver).toBe(false);
    expect(decision.missingScopes).toEqual(requirement.granular);
    expect(decision.reason).toContain(requirement.granular[0]!);
  });

  it('checks scopes before the filter: a matching filter does not make up for a missing scope', () => {
    const decision = deliver('avi:jira:created:issue', [], { expression: 'true', onError: 'RECEIVE' });
    expect(decision.deliver).toBe(false);
    expect(decision.reason).toContain('read:jira-work');
  });

  it('then applies the filter', () => {
    expect(deliver('avi:jira:created:issue', ['read:jira-work'], { expression: 'event.issue.fields.issuetype.name == "Bug"' })).toMatchObject({
      deliver: false,
      reason: expect.stringContaining('is false'),
    });
    expect(deliver('avi:jira:created:issue', ['read:jira-work'], { ignoreSelf: true }, { ...eventTemplate('avi:jira:created:issue', SITE), selfGenerated: true }).deliver).toBe(false);
    expect(deliver('avi:jira:created:issue', ['read:jira-work'], { expression: 'event.nope.nope', onError: 'RECEIVE_AND_LOG' })).toMatchObject({ deliver: true, log: true });
  });

  it('delivers an event missing from the scope mapping, with a warning that its scopes were not checked', () => {
    const decision = deliver('avi:jira:exploded:issue', []);
    expect(decision.deliver).toBe(true);
    expect(decision.warnings).toEqual([expect.stringContaining('Anvil cannot check the scopes avi:jira:exploded:issue needs')]);
  });

  it('delivers lifecycle events without any scope and without a warning', () => {
    for (const type of ['avi:forge:installed:app', 'avi:forge:upgraded:app']) {
      expect(deliver(type, [])).toMatchObject({ deliver: true, warnings: [], missingScopes: [] });
    }
  });

  it('does not deliver to a trigger that subscribes to another event', () => {
    const decision = deliveryDecision({
      eventType: 'avi:jira:deleted:issue',
      approvedScopes: ['read:jira-work'],
      subscription: subscription('avi:jira:created:issue'),
      event: {},
      appAccountId: null,
    });
    expect(decision).toMatchObject({ deliver: false, reason: 'trigger watcher does not subscribe to avi:jira:deleted:issue' });
  });
});

const invocationError = (retryOptions?: Record<string, unknown>) => ({ _retry: true, ...(retryOptions ? { retryOptions } : {}) });

describe('retryPlan', () => {
  it('does nothing for an ordinary result', () => {
    for (const result of [undefined, null, true, 'ok', {}, { _retry: false }, { _retry: 'true' }, [{ _retry: true }]]) expect(retryPlan(result, 0)).toBeNull();
  });

  it('retries an InvocationError with its reason and data, counting retries in retryContext', () => {
    const plan = retryPlan(invocationError({ retryAfter: 30, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { page: 2 } }), 0);
    expect(plan).toEqual({
      retry: true,
      retryAfterSeconds: 30,
      retryContext: { retryCount: 1, retryReason: 'FUNCTION_UPSTREAM_RATE_LIMITED', retryData: { page: 2 } },
      notes: [],
    });
  });

  it('retries at most 4 times: a function that always asks runs 5 times in all', () => {
    const counts: number[] = [];
    let attempt = 0;
    let context: RetryContext | undefined;
    for (;;) {
      const plan = retryPlan(invocationError({ retryAfter: 5 }), attempt, context);
      if (!plan || !plan.retry) {
        expect(plan).toEqual({ retry: false, exhausted: true, reason: expect.stringContaining('at most 4 times') });
        break;
      }
      counts.push(plan.retryContext.retryCount);
      context = plan.retryContext;
      attempt += 1;
    }
    expect(counts).toEqual([1, 2, 3, 4]);
    expect(1 + counts.length).toBe(5);
  });

  it('does not let a caller restart the count: the previous retryContext wins', () => {
    expect(retryPlan(invocationError(), 0, { retryCount: 4 })).toMatchObject({ retry: false, exhausted: true });
    expect(retryPlan(invocationError(), 1, { retryCount: 2 })).toMatchObject({ retryContext: { retryCount: 3 } });
  });

  it('clamps retryAfter to 1–900 seconds and says so', () => {
    const long = retryPlan(invocationError({ retryAfter: 3600 }), 0);
    expect(long).toMatchObject({ retryAfterSeconds: 900, notes: [expect.stringContaining('waiting 900 s')] });
    expect(retryPlan(invocationError({ retryAfter: 0 }), 0)).toMatchObject({ retryAfterSeconds: 1 });
    expect(retryPlan(invocationError({ retryAfter: -20 }), 0)).toMatchObject({ retryAfterSeconds: 1 });
    expect(retryPlan(invocationError({ retryAfter: 900 }), 0)).toMatchObject({ retryAfterSeconds: 900, notes: [] });
    expect(retryPlan(invocationError({ retryAfter: '60' }), 0)).toMatchObject({ retryAfterSeconds: 1, notes: [expect.stringContaining('must be a number of seconds, got "60"')] });
  });

  it('defaults the delay and reason when the InvocationError has no options', () => {
    expect(retryPlan(invocationError(), 0)).toEqual({
      retry: true,
      retryAfterSeconds: 1,
      retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: undefined },
      notes: [],
    });
  });

  it('notes a retryReason Atlassian does not document but keeps it', () => {
    const plan = retryPlan(invocationError({ retryReason: 'PLEASE_AGAIN' }), 0);
    expect(plan).toMatchObject({ retryContext: { retryReason: 'PLEASE_AGAIN' }, notes: [expect.stringContaining('not one Atlassian documents')] });
  });

  it('does not retry when retryData is over 4 KB as JSON, counting bytes not characters', () => {
    // JSON.stringify adds two quote characters around a string.
    expect(retryPlan(invocationError({ retryData: 'a'.repeat(4094) }), 0)).toMatchObject({ retry: true });
    const over = retryPlan(invocationError({ retryData: 'a'.repeat(4095) }), 0);
    expect(over).toEqual({ retry: false, exhausted: false, reason: expect.stringContaining('4097 bytes as JSON; the platform allows at most 4 KB (4096 bytes)') });
    expect(retryPlan(invocationError({ retryData: 'é'.repeat(2100) }), 0)).toMatchObject({ retry: false });
  });

  it('does not retry when retryData cannot be sent as JSON', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(retryPlan(invocationError({ retryData: circular }), 0)).toMatchObject({ retry: false, exhausted: false, reason: expect.stringContaining('cannot be sent as JSON') });
  });

  it('rejects a nonsensical attempt number', () => {
    expect(() => retryPlan(invocationError(), -1)).toThrow(RangeError);
    expect(() => retryPlan(invocationError(), 1.5)).toThrow(RangeError);
  });
});
