import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RunOutcome } from '../../runner';
import { CompressibleClock, ManualClock, MAX_CLOCK_SPEED, MIN_COMPRESSED_WAKE_MS, type Clock } from '../clock';
import type { ModuleInvocation, TriggerLogLine } from '../types';
import { recordedStatus, Scheduler } from './scheduler';

const MANIFEST = {
  modules: {
    scheduledTrigger: [
      { key: 'hourly-sync', function: 'sync', interval: 'hour' },
      { key: 'weekly-report', function: 'report', interval: 'week' },
    ],
    function: [
      { key: 'sync', handler: 'index.sync' },
      { key: 'report', handler: 'index.report' },
    ],
  },
};

function outcome(result: unknown, status: RunOutcome['status'] = 'ok'): RunOutcome {
  return {
    invocationId: `inv-${Math.random()}`,
    status,
    result,
    error: status === 'ok' ? null : 'boom',
    durationMs: 3,
    memoryBytes: null,
    logs: [],
    calls: [],
    functionKey: 'sync',
    environment: 'development',
    installation: 'local-jira',
  };
}

/** Let finished invocations report back (their promises settle in later microtasks). */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

function setUp<C extends Clock = ManualClock>(options: { clock?: C; manifest?: unknown; invoke?: (invocation: ModuleInvocation) => Promise<RunOutcome> } = {}) {
  const clock = options.clock ?? (new ManualClock() as unknown as C);
  const calls: ModuleInvocation[] = [];
  const logs: TriggerLogLine[] = [];
  const scheduler = new Scheduler({
    environment: 'development',
    clock,
    log: (line) => logs.push(line),
    invoke: async (invocation) => {
      calls.push(invocation);
      return options.invoke ? options.invoke(invocation) : outcome({ statusCode: 204 });
    },
  });
  scheduler.sync(options.manifest ?? MANIFEST, [{ name: 'local-jira', cloudId: 'local-local-jira' }]);
  return { clock, calls, logs, scheduler };
}

const FIVE_MINUTE = { modules: { scheduledTrigger: [{ key: 'five', function: 'sync', interval: 'fiveMinute' }], function: MANIFEST.modules.function } };

describe('scheduled triggers', () => {
  it('run on their interval with the platform payload and no principal', async () => {
    const { clock, calls, scheduler } = setUp();
    expect(scheduler.list().map((schedule) => [schedule.moduleKey, schedule.nextRunAt - clock.now()])).toEqual([
      ['hourly-sync', 3_600_000],
      ['weekly-report', 604_800_000],
    ]);
    for (let hour = 0; hour < 3; hour += 1) {
      clock.advance(3_600_000);
      await settle();
    }
    expect(calls.filter((call) => call.moduleKey === 'hourly-sync')).toHaveLength(3);
    expect(calls[0]).toEqual({
      moduleKey: 'hourly-sync',
      environment: 'development',
      installation: 'local-jira',
      payload: { context: { cloudId: 'local-local-jira', moduleKey: 'hourly-sync' }, contextToken: expect.any(String) },
    });
    expect(calls.some((call) => call.moduleKey === 'weekly-report')).toBe(false);
  });

  it('skip their turns while paused and keep their rhythm when resumed', async () => {
    const { clock, calls, scheduler } = setUp();
    scheduler.setPaused('local-jira', 'hourly-sync', true);
    clock.advance(2 * 3_600_000);
    expect(calls).toHaveLength(0);
    expect(scheduler.list()[0]).toMatchObject({ paused: true, nextRunAt: clock.now() + 3_600_000 });
    scheduler.setPaused('local-jira', 'hourly-sync', false);
    clock.advance(3_600_000);
    expect(calls).toHaveLength(1);
  });

  it('run now without moving the schedule, and record what the platform would', async () => {
    const { clock, scheduler } = setUp();
    const before = scheduler.list()[0]!.nextRunAt;
    await scheduler.runNow('local-jira', 'hourly-sync', 'local-local-jira');
    expect(scheduler.list()[0]).toMatchObject({ nextRunAt: before, lastRun: { recordedStatus: 204, note: 'success' } });
    expect(clock.now()).toBeLessThan(before);
  });

  it('follow manifest edits: a removed trigger stops, an added one starts', () => {
    const { scheduler } = setUp();
    scheduler.sync({ modules: { scheduledTrigger: [{ key: 'five', function: 'sync', interval: 'fiveMinute' }], function: MANIFEST.modules.function } }, [{ name: 'local-jira', cloudId: 'c' }]);
    expect(scheduler.list().map((schedule) => `${schedule.moduleKey} ${schedule.intervalSeconds}`)).toEqual(['five 300']);
  });

  it('record 424 for a result the platform cannot read, 5xx for errors, 204 for none', () => {
    expect(recordedStatus(outcome(undefined)).status).toBe(204);
    expect(recordedStatus(outcome({ statusCode: 503 })).status).toBe(503);
    expect(recordedStatus(outcome('done!'))).toMatchObject({ status: 424, note: expect.stringContaining('424 Failed Dependency') });
    expect(recordedStatus(outcome(null, 'timeout')).status).toBe(500);
  });
});

describe('scheduled triggers on a fast clock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('run one at a time: turns that come while a run is still going are skipped and counted, not piled up', async () => {
    let finish: (() => void) | null = null;
    const { clock, calls, logs, scheduler } = setUp({
      manifest: FIVE_MINUTE,
      invoke: () => new Promise<RunOutcome>((resolve) => (finish = () => resolve(outcome({ statusCode: 204 })))),
    });
    // Ten thousand turns pass while the first run has not finished.
    clock.advance(10_000 * 300_000);
    await settle();
    expect(calls).toHaveLength(1);
    expect(scheduler.list()[0]).toMatchObject({ skippedRuns: 9_999, nextRunAt: clock.now() + 300_000 });
    finish!();
    await settle();
    clock.advance(300_000);
    await settle();
    expect(calls).toHaveLength(2);
    finish!();
    await settle();
    // The activity log says how many turns were skipped, once, on the next run's line.
    const ran = logs.filter((line) => line.moduleKey === 'five' && line.invocationId !== null);
    expect(ran).toHaveLength(2);
    expect(ran[0]!.message).not.toContain('skipped');
    expect(ran[1]!.message).toContain('9999 earlier turns were skipped');
  });

  it('at the maximum speed, stay bounded: a few wakes and runs per real second, the rest counted as skipped', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const clock = new CompressibleClock();
    const { calls, logs, scheduler } = setUp({ clock, manifest: FIVE_MINUTE });
    clock.setSpeed(MAX_CLOCK_SPEED);
    // One real second is a million seconds of schedule: 3,333 five-minute turns.
    await vi.advanceTimersByTimeAsync(1000);
    const turns = Math.floor((1000 * MAX_CLOCK_SPEED) / 300_000);
    const wakes = 1000 / MIN_COMPRESSED_WAKE_MS;
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(wakes + 1);
    expect(logs.length).toBeLessThanOrEqual(wakes + 1);
    const [state] = scheduler.list();
    // Every turn is either run or counted; none is lost and none is run twice.
    expect(calls.length + state!.skippedRuns).toBeGreaterThanOrEqual(turns - 1);
    expect(calls.length + state!.skippedRuns).toBeLessThanOrEqual(turns + 1);
    expect(state!.nextRunAt).toBeGreaterThan(clock.now());
    scheduler.close();
    clock.close();
  });

  it('a compressed clock wakes at most every MIN_COMPRESSED_WAKE_MS, and still runs every task in order', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
    const clock = new CompressibleClock();
    clock.setSpeed(MAX_CLOCK_SPEED);
    const ran: number[] = [];
    let wakes = 0;
    // A task that wants to run every virtual millisecond: at full speed, a million times a real second.
    const tick = (dueAt: number) => {
      ran.push(dueAt);
      if (ran.length < 100_000) clock.at(dueAt + 1, () => tick(dueAt + 1));
    };
    clock.at(clock.now() + 1, () => tick(clock.now()));
    const realSetTimeout = globalThis.setTimeout;
    const counting = ((...args: Parameters<typeof setTimeout>) => {
      wakes += 1;
      return realSetTimeout(...args);
    }) as typeof setTimeout;
    vi.stubGlobal('setTimeout', counting);
    await vi.advanceTimersByTimeAsync(1000);
    vi.unstubAllGlobals();
    expect(ran.length).toBeGreaterThan(0);
    expect(ran).toEqual([...ran].sort((left, right) => left - right));
    expect(wakes).toBeLessThanOrEqual(1000 / MIN_COMPRESSED_WAKE_MS + 1);
    clock.close();
  });

  it('refuse a speed outside 1 to the maximum with a message saying what the speed means', () => {
    const clock = new CompressibleClock();
    for (const speed of [0, -5, MAX_CLOCK_SPEED + 1, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(() => clock.setSpeed(speed)).toThrow(`outside 1–${MAX_CLOCK_SPEED}; 1 is real time, 3600 an hour per second`);
    }
    expect(clock.factor).toBe(1);
    clock.close();
  });
});
