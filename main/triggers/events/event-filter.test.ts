import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventTemplate } from './event-templates';
import { filterDecision } from './event-filter';
import type { OnError, SubscriptionFilter } from './trigger-subscriptions';

const APP_ACCOUNT = '5b10a2844c20165700ede0a0';
const SITE = { cloudId: 'a1b2c3d4-0000-4000-8000-000000000001', product: 'jira' };
const issueCreated = () => eventTemplate('avi:jira:created:issue', SITE, { now: Date.UTC(2026, 0, 5) });

function subscription(filter: Partial<SubscriptionFilter>) {
  return { filter: { ignoreSelf: false, expression: null, onError: 'IGNORE_AND_LOG' as OnError, ...filter } };
}

function decide(expression: string, onError: OnError = 'IGNORE_AND_LOG', event: unknown = issueCreated()) {
  return filterDecision(subscription({ expression, onError }), event, APP_ACCOUNT);
}

describe('ignoreSelf', () => {
  it('drops an event the app caused (selfGenerated)', () => {
    const event = { ...issueCreated(), selfGenerated: true };
    const decision = filterDecision(subscription({ ignoreSelf: true }), event, APP_ACCOUNT);
    expect(decision).toEqual({ deliver: false, log: false, reason: expect.stringContaining('ignoreSelf') });
    expect(decision.reason).toContain('selfGenerated');
  });

  it("drops an event whose acting user is the app's own account", () => {
    const event = eventTemplate('avi:jira:created:issue', SITE, { accountId: APP_ACCOUNT });
    const decision = filterDecision(subscription({ ignoreSelf: true }), event, APP_ACCOUNT);
    expect(decision.deliver).toBe(false);
    expect(decision.reason).toContain(APP_ACCOUNT);
  });

  it('delivers events from people, and self-caused events when ignoreSelf is off', () => {
    expect(filterDecision(subscription({ ignoreSelf: true }), issueCreated(), APP_ACCOUNT).deliver).toBe(true);
    expect(filterDecision(subscription({ ignoreSelf: false }), { ...issueCreated(), selfGenerated: true }, APP_ACCOUNT).deliver).toBe(true);
    // Without a known app account only selfGenerated can tell.
    expect(filterDecision(subscription({ ignoreSelf: true }), issueCreated(), null).deliver).toBe(true);
  });
});

describe('filter expressions', () => {
  it('delivers when the expression is true and not when it is false, naming the expression', () => {
    const yes = decide('event.issue.fields.issuetype.name == "Task" && event.issue.fields.project.key == \'DEMO\'');
    expect(yes).toEqual({ deliver: true, log: false, reason: expect.stringContaining('is true') });
    const no = decide('event.issue.fields.issuetype.name == "Bug"');
    expect(no).toEqual({ deliver: false, log: false, reason: 'not delivered: filter expression "event.issue.fields.issuetype.name == \\"Bug\\"" is false' });
  });

  it('supports !=, comparisons, !, ||, parentheses, literals, indexes and .includes', () => {
    const event = { ...issueCreated(), count: 3, labels: ['urgent', 'ios'], nothing: null };
    const truths = [
      'event.issue.fields.status.name != "Done"',
      'event.count > 2 && event.count >= 3 && event.count < 4 && event.count <= 3',
      '"abc" < "abd"',
      '!(event.count == 4)',
      'event.count == 4 || event.labels.includes("ios")',
      'event.issue.key.includes("DEMO-")',
      'event.labels[0] == "urgent" && event["labels"].length == 2',
      'event.nothing == null && event.missing == null && event.selfGenerated == false',
      '-event.count == -3 && 1.5 > 1',
      "'it\\'s' == \"it's\"",
    ];
    for (const expression of truths) expect(decide(expression, 'IGNORE', event), expression).toMatchObject({ deliver: true, log: false });
    expect(decide('event.labels.includes("android")', 'IGNORE', event).deliver).toBe(false);
  });

  it('short-circuits, so a null guard protects the property read after it', () => {
    expect(decide('event.issue.fields.assignee != null && event.issue.fields.assignee.accountId == "x"').deliver).toBe(false);
  });

  const ON_ERROR: [OnError, boolean, boolean][] = [
    ['IGNORE', false, false],
    ['IGNORE_AND_LOG', false, true],
    ['RECEIVE', true, false],
    ['RECEIVE_AND_LOG', true, true],
  ];

  it.each(ON_ERROR)('applies onError %s to an expression that fails at run time', (onError, deliver, log) => {
    const decision = decide('event.issue.fields.assignee.accountId == "5b10"', onError);
    expect(decision.deliver).toBe(deliver);
    expect(decision.log).toBe(log);
    expect(decision.reason).toContain('"event.issue.fields.assignee.accountId == \\"5b10\\""');
    expect(decision.reason).toContain('event.issue.fields.assignee is null, so it has no property "accountId"');
    expect(decision.reason).toContain(`onError ${onError}`);
  });

  it.each(ON_ERROR)('applies onError %s to an expression outside the subset, saying so', (onError, deliver, log) => {
    const decision = decide('event.issue.key.startsWith("DEMO")', onError);
    expect({ deliver: decision.deliver, log: decision.log }).toEqual({ deliver, log });
    expect(decision.reason).toContain('".startsWith(…)" is not supported');
    expect(decision.reason).toContain('outside the subset of Jira expressions Anvil evaluates');
  });

  it('treats malformed input, type errors and a non-boolean result as evaluation errors', () => {
    const cases: [string, string][] = [
      ['event.issue.key ==', 'unexpected "the end"'],
      ['(event.issue.key == "DEMO-1"', 'expected ")"'],
      ['event.issue.key === "DEMO-1"', '"===" at position 17 is not a Jira expression operator; use "=="'],
      ['"unclosed', 'never closed'],
      ['event.issue.key > 3', 'cannot compare a string (event.issue.key) with a number (3) using >'],
      ['event.issue.key && true', '&& needs true or false, but event.issue.key is a string'],
      ['issue.key == "DEMO-1"', 'unknown name "issue"; a trigger filter can read only event'],
      ['event.issue.key', 'it returned string, not true or false'],
      ['event.timestamp.value == 1', 'event.timestamp is a number, so it has no property "value"'],
      ['event.issue # 1', 'unexpected character "#"'],
    ];
    for (const [expression, problem] of cases) {
      const decision = decide(expression, 'IGNORE_AND_LOG');
      expect(decision, expression).toMatchObject({ deliver: false, log: true });
      expect(decision.reason, expression).toContain(problem);
    }
  });

  it('quotes a long expression shortened in the reason', () => {
    const expression = `event.issue.key == "${'x'.repeat(200)}"`;
    const { reason } = decide(expression);
    expect(reason.length).toBeLessThan(160);
    expect(reason).toContain('…');
  });
});

describe('hostile expressions', () => {
  afterEach(() => {
    delete (Object.prototype as Record<string, unknown>).polluted;
    delete (globalThis as Record<string, unknown>).anvilPwned;
  });

  it('never runs code: constructor chains, prototype access and calls are refused', () => {
    const hostile = [
      "constructor.constructor('return process')()",
      "event.constructor.constructor('globalThis.anvilPwned = true')()",
      'event.__proto__.polluted == 1',
      'event["__proto__"]["polluted"] == 1',
      'event["constr" + "uctor"] == null',
      'event.issue.key.constructor == null',
      'event.toString() == ""',
      '(event.issue.key)("x")',
      'event.issue.prototype == null',
    ];
    for (const expression of hostile) {
      const decision = decide(expression, 'RECEIVE_AND_LOG');
      expect(decision.reason, expression).toMatch(/failed: (calling .* is not supported|reading "(__proto__|constructor|prototype)" is refused|unexpected character "\+")/);
      expect(decision.log).toBe(true);
    }
    expect((globalThis as Record<string, unknown>).anvilPwned).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not see inherited members or call getters on the event', () => {
    const getter = vi.fn(() => true);
    const event = Object.defineProperty({ issue: { key: 'DEMO-1' } }, 'sneaky', { get: getter, enumerable: true });
    expect(decide('event.sneaky == true', 'IGNORE', event).deliver).toBe(false);
    expect(decide('event.hasOwnProperty == null && event.valueOf == null', 'IGNORE', event).deliver).toBe(true);
    expect(getter).not.toHaveBeenCalled();
  });

  it('refuses a function value in the event instead of calling or comparing it', () => {
    const handler = vi.fn();
    const decision = decide('event.handler == null', 'IGNORE_AND_LOG', { handler });
    expect(decision.reason).toContain('event.handler is a function, which a filter cannot use');
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses very long and deeply nested expressions with a clear limit', () => {
    const long = decide(`event.issue.key == "${'a'.repeat(5000)}"`);
    expect(long.reason).toContain('characters long; Anvil evaluates at most 2000');
    const deep = decide(`${'('.repeat(500)}true${')'.repeat(500)}`);
    expect(deep.reason).toContain('nests deeper than 32 levels');
    const nots = decide(`${'!'.repeat(1000)}true`);
    expect(nots.reason).toContain('nests deeper than 32 levels');
    expect(deep.deliver || nots.deliver || long.deliver).toBe(false);
  });

  it('evaluates a long flat chain of conditions within the limits', () => {
    // Flat chains do not nest, so only the length limit applies to them.
    const expression = Array.from({ length: 60 }, () => 'event.selfGenerated == false').join(' && ');
    expect(expression.length).toBeLessThanOrEqual(2000);
    expect(decide(expression, 'IGNORE').deliver).toBe(true);
  });
});
