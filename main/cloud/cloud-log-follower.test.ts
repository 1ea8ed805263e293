import { afterEach, describe, expect, it } from 'vitest';
import { openAppDatabase } from '../database';
import { cloudEnvironment, cloudLogSink, LogStore, Redactor } from '../logs';
import { ManualTimers, sampleCloudApp, sampleLogLines, STAGING_ENVIRONMENT_ID, STAND_IN_APP_ID, STAND_IN_LOGIN, startForgePlatformStandIn, type ForgePlatformStandIn } from '../testing';
import { CloudLogFollower, type CloudLogFollowerOptions } from './cloud-log-follower';
import type { CloudFollowState } from './follow-state';
import { ForgePlatformClient } from './forge-platform-client';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const MINUTE = 60_000;

let standIn: ForgePlatformStandIn | null = null;
afterEach(async () => {
  await standIn?.close();
  standIn = null;
});

/** `count` staging lines one second apart from `start`, named `prefix N`. */
function lines(count: number, start: number, prefix: string) {
  return sampleLogLines(count, STAGING_ENVIRONMENT_ID, start).map((line, index) => ({
    ...line,
    invocationId: `${prefix}-inv-${Math.floor(index / 2)}`,
    message: `${prefix} ${index}`,
    other: undefined,
  }));
}

async function setUp(options: { logs?: ReturnType<typeof lines>; login?: { email: string; token: string }; timeoutMs?: number; store?: LogStore; redactor?: Redactor; now?: number } = {}) {
  standIn ??= await startForgePlatformStandIn({ login: STAND_IN_LOGIN, app: sampleCloudApp(), logs: options.logs ?? [] });
  const timers = new ManualTimers(options.now ?? NOW);
  const redactor = options.redactor ?? new Redactor();
  const store = options.store ?? new LogStore(openAppDatabase(null), { redactor });
  const client = new ForgePlatformClient({
    login: options.login ?? STAND_IN_LOGIN,
    gateway: standIn.url,
    extraCaCertificates: [standIn.ca],
    timeoutMs: options.timeoutMs,
    now: () => timers.now,
  });
  const states: CloudFollowState[] = [];
  const follow = (extra: Partial<CloudLogFollowerOptions> = {}) =>
    new CloudLogFollower({
      client,
      appId: STAND_IN_APP_ID,
      environment: 'staging',
      sink: cloudLogSink(store, 'staging', (text) => redactor.redact(text)),
      now: () => timers.now,
      timers,
      onState: (state) => states.push(state),
      ...extra,
    });
  const stored = () => store.linesBetween({ environment: cloudEnvironment('staging') }, 0);
  const messages = () => stored().map((line) => line.message);
  const logRequests = () => standIn!.requests.filter((request) => request.rootField === 'appLogsWithMetaData');
  return { standIn, timers, store, follow, states, stored, messages, logRequests };
}

/** Run the next scheduled read and wait for it. */
async function tick(timers: ManualTimers, follower: CloudLogFollower): Promise<number> {
  const moved = timers.runNext();
  await follower.settled();
  return moved;
}

describe('following cloud logs', () => {
  it('stores the lines the platform serves, then each line added while following, once, marked as cloud lines with their version and function', async () => {
    const { standIn, timers, follow, stored, messages, states } = await setUp({ logs: lines(4, NOW - 5 * MINUTE, 'early') });
    const follower = follow();
    follower.start();
    await follower.settled();
    expect(messages()).toEqual(['early 0', 'early 1', 'early 2', 'early 3']);
    expect(stored()[0]).toMatchObject({ source: 'cloud', appVersion: '4.2.0', functionKey: 'resolver', invocationId: 'early-inv-0', environment: 'cloud:staging' });
    expect(states.at(-1)).toMatchObject({ status: 'following', linesStored: 4 });

    // Lines arrive, one of them written in the same millisecond as the newest stored line.
    const newest = Date.parse(standIn.state.logs.at(-1)!.ts);
    standIn.state.logs.push({ ...standIn.state.logs.at(-1)!, message: 'same moment, other line' }, ...lines(3, NOW + 1000, 'later'));
    timers.now = NOW + 5000;
    await tick(timers, follower);
    expect(messages()).toEqual(['early 0', 'early 1', 'early 2', 'early 3', 'same moment, other line', 'later 0', 'later 1', 'later 2']);
    expect(stored().filter((line) => line.ts === newest)).toHaveLength(2);

    // Nothing new: read again, nothing stored twice.
    timers.now = NOW + 10_000;
    await tick(timers, follower);
    expect(messages()).toHaveLength(8);
    follower.stop();
  });

  it('reads soon while lines arrive and less often, up to a cap, while none do', async () => {
    const { standIn, timers, follow } = await setUp({ logs: lines(2, NOW - MINUTE, 'first') });
    const follower = follow({ pacing: { activeMs: 2000, idleMaxMs: 30_000 } });
    follower.start();
    await follower.settled();
    const waits: number[] = [];
    for (let read = 0; read < 6; read += 1) waits.push(await tick(timers, follower));
    expect(waits).toEqual([2000, 4000, 8000, 16_000, 30_000, 30_000]);
    standIn.state.logs.push(...lines(1, timers.now - 500, 'fresh'));
    await tick(timers, follower);
    expect(timers.nextDelay()).toBe(2000);
    follower.stop();
  });

  it('reads the last hour on a first start, nothing older', async () => {
    const { follow, messages, logRequests } = await setUp({ logs: [...lines(1, NOW - 2 * 60 * MINUTE, 'old'), ...lines(1, NOW - 30 * MINUTE, 'recent')] });
    const follower = follow();
    follower.start();
    await follower.settled();
    expect(messages()).toEqual(['recent 0']);
    expect(logRequests()[0]!.variables.dateSearchInput).toEqual({ earliestStart: new Date(NOW - 60 * MINUTE).toISOString(), latestStart: new Date(NOW).toISOString() });
    follower.stop();
  });

  it('resumes after a restart from the newest stored line: no gap, even hours later, and no line twice', async () => {
    const first = await setUp({ logs: lines(3, NOW - MINUTE, 'before') });
    const follower = first.follow();
    follower.start();
    await follower.settled();
    follower.stop();
    expect(first.messages()).toEqual(['before 0', 'before 1', 'before 2']);

    // Anvil was closed for three hours; lines were written meanwhile, two hours before it reopens.
    first.standIn.state.logs.push(...lines(2, NOW + 60 * MINUTE, 'meanwhile'));
    const later = NOW + 3 * 60 * MINUTE;
    const second = await setUp({ store: first.store, now: later });
    const restarted = second.follow();
    restarted.start();
    await restarted.settled();
    expect(second.messages()).toEqual(['before 0', 'before 1', 'before 2', 'meanwhile 0', 'meanwhile 1']);
    const newestBefore = Date.parse(first.standIn.state.logs[2]!.ts);
    const window = second.logRequests().at(-1)!.variables.dateSearchInput as { earliestStart: string };
    // From the newest stored line (less the overlap that catches late lines), not one hour back.
    expect(Date.parse(window.earliestStart)).toBeLessThanOrEqual(newestBefore);
    expect(Date.parse(window.earliestStart)).toBeGreaterThanOrEqual(newestBefore - MINUTE);
    restarted.stop();
  });

  it('reads a window of many pages whole, and a failure half-way stores nothing twice when read again', async () => {
    const { standIn, timers, follow, messages } = await setUp({ logs: lines(250, NOW - 10 * MINUTE, 'burst') });
    standIn.state.pageMax = 100;
    const follower = follow();
    follower.start();
    await follower.settled();
    expect(messages()).toHaveLength(250);
    expect(new Set(messages()).size).toBe(250);

    standIn.state.logs.push(...lines(150, NOW + 1000, 'more'));
    timers.now = NOW + 200_000;
    // The second page of the next read fails: the first page's lines are kept, the rest come on the retry.
    standIn.failNext({ kind: 'tamper', change: () => undefined }, { kind: 'status', status: 502 });
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'unavailable' });
    const kept = messages().length;
    expect(kept).toBeGreaterThan(250);
    expect(kept).toBeLessThan(400);
    await tick(timers, follower);
    expect(follower.state.status).toBe('following');
    expect(messages()).toHaveLength(400);
    expect(new Set(messages()).size).toBe(400);
    follower.stop();
  });
});

describe('a cloud log follower when the platform fails', () => {
  it('stops on a refused token, says how to fix it, and asks no more', async () => {
    const { follow, logRequests, timers } = await setUp({ logs: lines(2, NOW - MINUTE, 'x'), login: { email: STAND_IN_LOGIN.email, token: 'ATATT3xRevokedToken-000' } });
    const follower = follow();
    follower.start();
    await follower.settled();
    expect(follower.state).toMatchObject({ status: 'stopped', reason: 'unauthorized' });
    expect((follower.state as { message: string }).message).toMatch(/forge login/);
    expect(timers.waiting).toBe(0);
    expect(logRequests()).toHaveLength(0);
  });

  it('stops on a token refused while following', async () => {
    const { standIn, follow, timers } = await setUp({ logs: lines(2, NOW - MINUTE, 'x') });
    const follower = follow();
    follower.start();
    await follower.settled();
    standIn.failNext({ kind: 'status', status: 401 });
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'stopped', reason: 'unauthorized' });
    expect(timers.waiting).toBe(0);
  });

  it('stops when the environment does not exist, naming what to check', async () => {
    const { follow, timers } = await setUp();
    const follower = follow({ environment: 'no-such-env' });
    follower.start();
    await follower.settled();
    expect(follower.state).toMatchObject({ status: 'stopped', reason: 'not-found' });
    expect((follower.state as { message: string }).message).toMatch(/forge environments list/);
    expect(timers.waiting).toBe(0);
  });

  it('waits as long as a 429 answer’s Retry-After says, then reads on', async () => {
    const { standIn, follow, timers, messages } = await setUp({ logs: lines(1, NOW - MINUTE, 'a') });
    const follower = follow();
    follower.start();
    await follower.settled();
    standIn.failNext({ kind: 'status', status: 429, retryAfter: '17' });
    standIn.state.logs.push(...lines(1, NOW + 1000, 'b'));
    timers.now += 1500;
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'rate-limited', retryAt: timers.now + 17_000 });
    expect(timers.nextDelay()).toBe(17_000);
    await tick(timers, follower);
    expect(follower.state.status).toBe('following');
    expect(messages()).toEqual(['a 0', 'b 0']);
  });

  it('asks again after a doubling wait, capped, while the platform answers 5xx, and reads at its usual pace once it is back', async () => {
    const { standIn, follow, timers } = await setUp({ logs: lines(1, NOW - MINUTE, 'a') });
    const follower = follow({ pacing: { failureBaseMs: 2000, failureMaxMs: 20_000 } });
    follower.start();
    await follower.settled();
    standIn.failNext(...Array.from({ length: 6 }, () => ({ kind: 'status' as const, status: 503 })));
    await tick(timers, follower);
    const waits: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      expect(follower.state).toMatchObject({ status: 'waiting', reason: 'unavailable', attempt: attempt + 1 });
      waits.push(await tick(timers, follower));
    }
    expect(waits).toEqual([2000, 4000, 8000, 16_000, 20_000, 20_000]);
    expect(follower.state.status).toBe('following');
    standIn.state.logs.push(...lines(1, timers.now - 100, 'back'));
    await tick(timers, follower);
    expect(timers.nextDelay()).toBe(2000);
  });

  it('treats an answer that never comes as a timeout and asks again', async () => {
    const { standIn, follow, timers, messages } = await setUp({ logs: lines(1, NOW - MINUTE, 'a'), timeoutMs: 300 });
    const follower = follow();
    follower.start();
    await follower.settled();
    standIn.failNext({ kind: 'hang' });
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'timeout' });
    standIn.state.logs.push(...lines(1, timers.now - 100, 'b'));
    await tick(timers, follower);
    expect(follower.state.status).toBe('following');
    expect(messages()).toEqual(['a 0', 'b 0']);
  });

  it('stores nothing from a malformed page, says so, and reads the window again', async () => {
    const { standIn, follow, timers, messages } = await setUp({ logs: lines(1, NOW - MINUTE, 'a') });
    const follower = follow();
    follower.start();
    await follower.settled();
    standIn.state.logs.push(...lines(2, NOW + 1000, 'b'));
    timers.now += 5000;
    standIn.failNext({ kind: 'malformed-json' }, { kind: 'tamper', change: (answer) => void ((answer.data.appLogsWithMetaData as Record<string, unknown>).hasNextPage = 'yes') });
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'malformed', attempt: 1 });
    await tick(timers, follower);
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'malformed', attempt: 2 });
    expect(messages()).toEqual(['a 0']);
    await tick(timers, follower);
    expect(messages()).toEqual(['a 0', 'b 0', 'b 1']);
  });
  it('stops a read whose pages never end, says so, and keeps what it stored', async () => {
    const { standIn, follow, messages, states } = await setUp({ logs: lines(3, NOW - MINUTE, 'a') });
    // A platform that answers every page with a next page, past the lines it counts itself.
    const endless = {
      kind: 'tamper' as const,
      change: (answer: { data: Record<string, unknown> }) => {
        const page = answer.data.appLogsWithMetaData as Record<string, unknown> | undefined;
        if (page) page.hasNextPage = true;
      },
    };
    standIn.failNext(...Array.from({ length: 50 }, () => endless));
    const follower = follow({ pacing: { pageSize: 1 } });
    follower.start();
    await follower.settled();
    expect(follower.state).toMatchObject({ status: 'waiting', reason: 'malformed', attempt: 1 });
    expect(states.at(-1)).toMatchObject({ message: expect.stringContaining('kept offering another page') });
    expect(messages()).toEqual(['a 0', 'a 1', 'a 2']);
  });
});

describe('cloud lines in the logs store', () => {
  it('are redacted like local lines, and a redacted line read again is not stored twice', async () => {
    const redactor = new Redactor();
    redactor.setSecrets([{ name: 'API_KEY', value: 'sk-live-123456789' }]);
    const { standIn, follow, timers, messages, store } = await setUp({ redactor, logs: [{ ...lines(1, NOW - 2000, 'a')[0]!, message: 'calling with sk-live-123456789' }] });
    const follower = follow();
    follower.start();
    await follower.settled();
    expect(messages()).toEqual(['calling with [redacted: API_KEY]']);
    standIn.state.logs.push(...lines(1, NOW + 1000, 'b'));
    timers.now += 3000;
    await tick(timers, follower);
    expect(messages()).toEqual(['calling with [redacted: API_KEY]', 'b 0']);
    expect(store.query({ text: 'redacted' }).lines.map((line) => line.environment)).toEqual(['cloud:staging']);
    follower.stop();
  });
});
