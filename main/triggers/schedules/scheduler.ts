import type { RunOutcome } from '../../runner';
import { modulesOf } from '../../manifest';
import type { Clock } from '../clock';
import type { InvokeModule, TriggerLog } from '../types';

/** The intervals a scheduledTrigger may use (FACTS §1.4), in seconds. */
export const INTERVAL_SECONDS: Record<string, number> = { fiveMinute: 300, hour: 3600, day: 86_400, week: 604_800 };

/** One scheduled trigger of one installation, as the Triggers pane shows it. */
export interface ScheduleState {
  moduleKey: string;
  functionKey: string | null;
  interval: string;
  intervalSeconds: number;
  installation: string;
  paused: boolean;
  nextRunAt: number;
  /** Runs that fell due but did not happen: the previous run was still going, or the clock moved past several turns at once. */
  skippedRuns: number;
  lastRun: { at: number; invocationId: string; status: RunOutcome['status']; recordedStatus: number; note: string } | null;
}

interface Entry extends ScheduleState {
  cancel: () => void;
  /** Invocations of this trigger not yet finished (scheduled or "Run now"). */
  inFlight: number;
  /** Skipped runs the activity log has not mentioned yet. */
  unreported: number;
}

/**
 * Runs each scheduled trigger on its interval, for every installation of an environment, with the
 * platform's payload (`{context: {cloudId, moduleKey}, contextToken}`, no principal). Pausing, running
 * now and compressing time (the clock) are the developer's; the first run is one interval after
 * the app is opened, as the platform's first run follows a deploy.
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly options: { environment: string; invoke: InvokeModule; clock: Clock; log: TriggerLog; onChange?: () => void }) {}

  /** Bring the schedules in line with the manifest and installations; state of unchanged triggers is kept. */
  sync(manifest: unknown, installations: { name: string; cloudId: string }[]): void {
    const wanted = new Map<string, { moduleKey: string; functionKey: string | null; interval: string; installation: string; cloudId: string }>();
    for (const module of modulesOf(manifest)) {
      if (module.type !== 'scheduledTrigger' || module.key === null) continue;
      const interval = String(module.value.interval ?? '');
      if (!(interval in INTERVAL_SECONDS)) continue; // the manifest check reports the bad interval
      for (const installation of installations) {
        wanted.set(`${installation.name}|${module.key}`, {
          moduleKey: module.key,
          functionKey: typeof module.value.function === 'string' ? module.value.function : null,
          interval,
          installation: installation.name,
          cloudId: installation.cloudId,
        });
      }
    }
    for (const [id, entry] of this.entries) {
      const next = wanted.get(id);
      if (!next || next.interval !== entry.interval) {
        entry.cancel();
        this.entries.delete(id);
      }
    }
    for (const [id, next] of wanted) {
      if (this.entries.has(id)) continue;
      const intervalSeconds = INTERVAL_SECONDS[next.interval]!;
      const entry: Entry = {
        ...next,
        intervalSeconds,
        paused: false,
        nextRunAt: this.options.clock.now() + intervalSeconds * 1000,
        skippedRuns: 0,
        lastRun: null,
        cancel: () => undefined,
        inFlight: 0,
        unreported: 0,
      };
      this.entries.set(id, entry);
      this.arm(entry, next.cloudId);
    }
    this.options.onChange?.();
  }

  list(): ScheduleState[] {
    return [...this.entries.values()].map(({ cancel: _cancel, inFlight: _inFlight, unreported: _unreported, ...state }) => ({ ...state }));
  }

  /** Run a scheduled trigger now, as the platform would; the regular schedule is not moved. */
  async runNow(installation: string, moduleKey: string, cloudId: string): Promise<RunOutcome> {
    const entry = this.entries.get(`${installation}|${moduleKey}`);
    if (!entry) throw new Error(`No scheduled trigger "${moduleKey}" for ${installation}`);
    return this.fire(entry, cloudId);
  }

  setPaused(installation: string, moduleKey: string, paused: boolean): void {
    const entry = this.entries.get(`${installation}|${moduleKey}`);
    if (!entry) throw new Error(`No scheduled trigger "${moduleKey}" for ${installation}`);
    entry.paused = paused;
    this.options.log({ level: 'info', moduleKey, invocationId: null, message: `${moduleKey} on ${installation} ${paused ? 'paused' : 'resumed'}` });
    this.options.onChange?.();
  }

  close(): void {
    for (const entry of this.entries.values()) entry.cancel();
    this.entries.clear();
  }

  private arm(entry: Entry, cloudId: string): void {
    entry.cancel = this.options.clock.at(entry.nextRunAt, () => {
      const intervalMs = entry.intervalSeconds * 1000;
      // The clock may wake several turns late (a fast-forwarded clock, a sleeping laptop). As on the
      // platform, missed turns are not replayed in a burst: they are counted, and the next turn is the first one still ahead.
      const missed = Math.max(0, Math.floor((this.options.clock.now() - entry.nextRunAt) / intervalMs));
      entry.nextRunAt += (missed + 1) * intervalMs;
      // A paused trigger skips its turns but keeps its rhythm, so resuming does not fire a burst.
      if (!entry.paused) {
        // At most one run of a trigger at a time: a turn that comes while the last run is still going is skipped, so a
        // fast clock or a slow function never piles up invocations.
        const skipped = missed + (entry.inFlight > 0 ? 1 : 0);
        entry.skippedRuns += skipped;
        entry.unreported += skipped;
        if (entry.inFlight === 0) void this.fire(entry, cloudId).catch(() => undefined);
      }
      if (this.entries.get(`${entry.installation}|${entry.moduleKey}`) === entry) this.arm(entry, cloudId);
      this.options.onChange?.();
    });
  }

  private async fire(entry: Entry, cloudId: string): Promise<RunOutcome> {
    const payload = { context: { cloudId, moduleKey: entry.moduleKey }, contextToken: 'anvil-local-context-token' };
    // Turns skipped before this run began are reported on its line; later ones wait for the next run.
    const skipped = entry.unreported;
    entry.unreported = 0;
    let outcome: RunOutcome;
    entry.inFlight += 1;
    try {
      outcome = await this.options.invoke({ moduleKey: entry.moduleKey, environment: this.options.environment, installation: entry.installation, payload });
    } catch (error) {
      this.options.log({ level: 'error', moduleKey: entry.moduleKey, invocationId: null, message: `${entry.moduleKey} could not run: ${(error as Error).message}` });
      throw error;
    } finally {
      entry.inFlight -= 1;
    }
    const recorded = recordedStatus(outcome);
    entry.lastRun = { at: this.options.clock.now(), invocationId: outcome.invocationId, status: outcome.status, recordedStatus: recorded.status, note: recorded.note };
    this.options.log({
      level: recorded.status >= 400 ? 'warn' : 'info',
      moduleKey: entry.moduleKey,
      invocationId: outcome.invocationId,
      message: `${entry.moduleKey} on ${entry.installation}: ${recorded.status} (${recorded.note}) in ${outcome.durationMs} ms${skipped > 0 ? `; ${skipped} earlier turn${skipped === 1 ? ' was' : 's were'} skipped (a run was still going, or the trigger clock ran faster than the runs)` : ''}`,
    });
    this.options.onChange?.();
    return outcome;
  }
}

/** What the platform records for a scheduled run: 204 success, 5xx error, 424 for a result it cannot read. */
export function recordedStatus(outcome: RunOutcome): { status: number; note: string } {
  if (outcome.status !== 'ok') return { status: 500, note: outcome.error ?? outcome.status };
  const result = outcome.result as { statusCode?: unknown } | null | undefined;
  if (result === undefined || result === null) return { status: 204, note: 'no result; the platform ignores it' };
  if (typeof result === 'object' && Number.isInteger(result.statusCode)) {
    const status = result.statusCode as number;
    return { status, note: status === 204 ? 'success' : status >= 500 ? 'error reported by the function' : `the function answered ${status}` };
  }
  return { status: 424, note: 'the result is not {statusCode}; the platform records 424 Failed Dependency' };
}
