import { describe, expect, it } from 'vitest';
import type { Installation, PlatformCall, RunOutcome } from '../../runner';
import { ManualClock } from '../clock';
import type { ModuleInvocation, TriggerLogLine } from '../types';
import { MAX_PUSH_BYTES, QueueBroker } from './queue-broker';

const installation: Installation = { name: 'local-jira', site: 'local-jira.atlassian.net', product: 'jira', approvedScopes: [], approvedEgress: [], target: 'fixtures', builtIn: true };

/** A push as @forge/events sends it (2.0 on; `legacy`: before 2.0, the payloads themselves and one delay). */
function push(queueName: string, events: unknown[], legacy: { delayInSeconds?: number } | null = null): PlatformCall {
  const schema = legacy ? 'ari:cloud:ecosystem::forge/app-event' : 'ari:cloud:ecosystem::forge/app-event-2';
  return {
    environment: 'development',
    installation,
    method: 'POST',
    path: '/webhook/queue/publish/ari/env/app/1',
    body: JSON.stringify({ queueName, jobId: 'job-1', type: 'avi:forge:app:event', schema, payload: events, time: new Date().toISOString(), ...legacy }),
  };
}

function outcome(result: unknown): RunOutcome {
  return {
    invocationId: `inv-${Math.random()}`,
    status: 'ok',
    result,
    error: null,
    durationMs: 2,
    memoryBytes: null,
    logs: [],
    calls: [],
    functionKey: 'consume',
    environment: 'development',
    installation: 'local-jira',
  };
}

function setUp(answer: (invocation: ModuleInvocation, attempt: number) => unknown = () => undefined) {
  const clock = new ManualClock();
  const calls: ModuleInvocation[] = [];
  const logs: TriggerLogLine[] = [];
  const broker = new QueueBroker({
    environment: 'development',
    clock,
    log: (line) => logs.push(line),
    consumers: async () => [{ moduleKey: 'radar-consumer', queue: 'radar-updates' }],
    invoke: async (invocation) => {
      calls.push(invocation);
      return outcome(answer(invocation, calls.length - 1));
    },
  });
  return { clock, calls, logs, broker };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('the async events queue', () => {
  it('delivers each pushed event to the queue\u2019s consumer after its delay, as {body, jobId}', async () => {
    const { clock, calls, broker } = setUp();
    const answer = await broker.answer(push('radar-updates', [{ body: { issueKey: 'DEMO-7' } }, { body: { issueKey: 'DEMO-8' }, delayInSeconds: 60 }]));
    expect(answer?.response.status).toBe(201);
    clock.advance(0);
    await settle();
    expect(calls.map((call) => call.payload)).toEqual([{ body: { issueKey: 'DEMO-7' }, jobId: 'job-1' }]);
    expect(broker.list().map((job) => job.state)).toEqual(['done', 'pending']);
    clock.advance(60_000);
    await settle();
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ moduleKey: 'radar-consumer', installation: 'local-jira', payload: { body: { issueKey: 'DEMO-8' } } });
  });

  it('retries when the consumer returns an InvocationError, with retryContext, and stops after four retries', async () => {
    const { clock, calls, broker } = setUp(() => ({ _retry: true, retryOptions: { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { cursor: 5 } } }));
    await broker.answer(push('radar-updates', [{ body: { issueKey: 'DEMO-9' } }]));
    for (let step = 0; step < 6; step += 1) {
      clock.advance(30_000);
      await settle();
    }
    expect(calls).toHaveLength(5);
    expect(calls[2]!.payload).toMatchObject({ retryContext: { retryCount: 2, retryReason: 'FUNCTION_RETRY_REQUEST', retryData: { cursor: 5 } } });
    expect(broker.list()[0]).toMatchObject({ state: 'failed', attempts: 5 });
  });

  it('delivers a push from @forge/events before 2.0 (the payloads themselves, one delay for the push) with a retry\u2019s context in the payload', async () => {
    const { clock, calls, broker } = setUp((_invocation, attempt) => (attempt === 0 ? { _retry: true, retryOptions: { retryAfter: 30, retryReason: 'FUNCTION_RETRY_REQUEST' } } : undefined));
    const answer = await broker.answer(push('radar-updates', [{ issueKey: 'DEMO-7' }, 'plain text'], { delayInSeconds: 10 }));
    expect(answer?.record).toMatchObject({ allowed: true, reason: '2 event(s) to radar-consumer' });
    clock.advance(9_000);
    await settle();
    expect(calls).toHaveLength(0);
    clock.advance(1_000);
    await settle();
    expect(calls.map((call) => call.payload)).toEqual([
      { body: { issueKey: 'DEMO-7' }, jobId: 'job-1' },
      { body: 'plain text', jobId: 'job-1' },
    ]);
    clock.advance(30_000);
    await settle();
    expect(calls[2]!.payload).toEqual({ body: { issueKey: 'DEMO-7', retryContext: { retryCount: 1, retryReason: 'FUNCTION_RETRY_REQUEST' } }, jobId: 'job-1' });
    expect(broker.list().map((job) => Object.keys(job).includes('legacy'))).toEqual([false, false]);
  });

  it('refuses a push over the platform\u2019s size limit, and warns when nothing consumes the queue', async () => {
    const { broker, logs, calls, clock } = setUp();
    const big = await broker.answer(push('radar-updates', [{ body: 'x'.repeat(MAX_PUSH_BYTES) }]));
    expect(big).toMatchObject({ response: { status: 413 }, record: { allowed: false, reason: expect.stringContaining('at most 204800 bytes') } });
    await broker.answer(push('nobody-listens', [{ body: {} }]));
    clock.advance(1000);
    await settle();
    expect(calls).toHaveLength(0);
    expect(logs.at(-1)!.message).toContain('add a consumer module with queue: nobody-listens');
  });

  it('refuses a push, stats or cancel body of the wrong shape with the field named, and keeps the jobs already queued', async () => {
    const { broker, clock, calls } = setUp();
    await broker.answer(push('radar-updates', [{ body: { id: 1 }, delayInSeconds: 5 }]));
    const call = (path: string, body: string): PlatformCall => ({ environment: 'development', installation, method: 'POST', path, body });
    const answers = [
      await broker.answer(call('/webhook/queue/publish/ari/env/app/1', 'null')),
      await broker.answer(push('radar-updates', [null])),
      await broker.answer(call('/webhook/queue/publish/ari/env/app/1', '{"queueName": "radar-updates", "payload": {"body": 1}}')),
      await broker.answer(call('/webhook/queue/stats/job-1', '{"jobId": ')),
      await broker.answer(call('/webhook/queue/cancel/job-1', '[]')),
    ];
    expect(answers.map((answer) => [answer?.response.status, answer?.record.allowed, answer?.record.reason])).toEqual([
      [400, false, 'The queue push is not valid: the content must be an object, got null'],
      [400, false, 'The queue push is not valid: payload[0] must be an object, got null'],
      [400, false, 'The queue push is not valid: payload must be a list, got an object'],
      [400, false, expect.stringMatching(/^The queue job request is not valid: it is not JSON \(/)],
      [400, false, 'The queue job request is not valid: the content must be an object, got an array'],
    ]);
    expect(broker.list()).toMatchObject([{ jobId: 'job-1', state: 'pending' }]);
    clock.advance(5000);
    await settle();
    expect(calls).toHaveLength(1);
  });
});
