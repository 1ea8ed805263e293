import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../runner';
import { ManualClock } from '../clock';
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
  return { invocationId: `inv-${Math.random()}`, status, result, error: status === 'ok' ? null : 'boom', durationMs: 3, memoryBytes: null, logs: [], calls: [], functionKey: 'sync', environment: 'development', installation: 'local-jira' };
}

function setUp() {
  const clock = new ManualClock();
  const calls: ModuleInvocation[] = [];
  const logs: TriggerLogLine[] = [];
  const scheduler = new Scheduler({
    environment: 'development',
    clock,
    log: (line) => logs.push(line),
    invoke: async (invocation) => {
      calls.push(invocation);
      return outcome({ statusCode: 204 });
    },
  });
  scheduler.sync(MANIFEST, [{ name: 'local-jira', cloudId: 'local-local-jira' }]);
  return { clock, calls, logs, scheduler };
}

describe('scheduled triggers', () => {
  it('run on their interval with the platform payload and no principal', async () => {
    const { clock, calls, scheduler } = setUp();
    expect(scheduler.list().map((schedule) => [schedule.moduleKey, schedule.nextRunAt - clock.now()])).toEqual([
      ['hourly-sync', 3_600_000],
      ['weekly-report', 604_800_000],
    ]);
    clock.advance(3 * 3_600_000);
    await Promise.resolve();
    expect(calls.filter((call) => call.moduleKey === 'hourly-sync')).toHaveLength(3);
    expect(calls[0]).toEqual({ moduleKey: 'hourly-sync', environment: 'development', installation: 'local-jira', payload: { context: { cloudId: 'local-local-jira', moduleKey: 'hourly-sync' }, contextToken: expect.any(String) } });
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
