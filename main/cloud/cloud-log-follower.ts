import type { CloudLogLine } from './app-logs';
import type { CloudFollowState, FollowStopReason } from './follow-state';
import type { ForgePlatformClient } from './forge-platform-client';
import { ForgePlatformError, isForgePlatformError } from './platform-error';

/** Where followed lines go: the logs store, for one app and environment (see `cloudLogSink` in the logs). */
export interface CloudLogSink {
  /** The time of the newest cloud line stored for this environment, or null when none is. */
  newestTs(): number | null;
  /** The identity of every stored cloud line of this environment written at `from` or later. */
  storedKeys(from: number): { key: string; ts: number }[];
  /** The identity a line will have once stored (redacted as stored), so a line read twice is recognised. */
  keyOf(line: CloudLogLine): string;
  /** Store new lines in one batch. */
  store(lines: CloudLogLine[]): void;
}

/** The follower's clock; tests pass their own so nothing waits for real time. */
export interface FollowTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FollowPacing {
  /** Between reads while lines arrive. */
  activeMs: number;
  /** The longest wait between reads when nothing arrives (the wait doubles from `activeMs` up to this). */
  idleMaxMs: number;
  /** The first wait after a failure that passes; doubled per further failure up to `failureMaxMs`. */
  failureBaseMs: number;
  failureMaxMs: number;
  /**
   * How far before the newest line each read starts again. The platform can make a line readable a
   * little after its timestamp; re-reading this margin (and recognising what is already stored)
   * keeps such a line from being skipped.
   */
  overlapMs: number;
  /** Lines per request (at most MAX_LOG_PAGE). */
  pageSize: number;
}

export const DEFAULT_PACING: FollowPacing = { activeMs: 2_000, idleMaxMs: 30_000, failureBaseMs: 2_000, failureMaxMs: 60_000, overlapMs: 10_000, pageSize: 500 };

/**
 * The most pages one read of a window asks for. A platform that keeps saying there is a next page
 * would otherwise hold the follower in one read for ever; a window this large is read again later.
 */
export const MAX_PAGES_PER_READ = 1000;

/** How far back a first start reads when not told: the Forge CLI's `forge logs` default. */
export const FIRST_START_LOOKBACK_MS = 60 * 60 * 1000;

export interface CloudLogFollowerOptions {
  client: Pick<ForgePlatformClient, 'environmentId' | 'appLogs'>;
  /** The manifest's app.id. */
  appId: string;
  /** The environment's key (`development`, `staging`, a custom name). */
  environment: string;
  sink: CloudLogSink;
  /** Read from here when this is later than the newest stored line (`--since`); default one hour back on a first start. */
  since?: number;
  now?: () => number;
  timers?: FollowTimers;
  pacing?: Partial<FollowPacing>;
  onState?: (state: CloudFollowState) => void;
}

const REAL_TIMERS: FollowTimers = { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout) };

/**
 * Follows one environment's cloud logs into the logs store: reads the window from the newest stored
 * line to now, stores what it has not stored yet, and reads again, soon while lines arrive and less
 * often when none do. Rate limits wait as long as the platform says; a platform that is down,
 * unreachable or answers badly is asked again with a doubling wait; a refused token or an unknown
 * app or environment stops it with the reason, since asking again cannot help.
 */
export class CloudLogFollower {
  private current: CloudFollowState = { status: 'starting' };
  private readonly pacing: FollowPacing;
  private readonly now: () => number;
  private readonly timers: FollowTimers;
  private environmentId: string | null = null;
  /** Start of the next read; null until the first one. */
  private cursor: number | null = null;
  /** No read starts before this: one hour back (or `since`) on a first start, `since` on a resume. */
  private floor = Number.NEGATIVE_INFINITY;
  /** Identities of stored lines from `cursor - overlapMs` on: how many of each. */
  private readonly seen = new Map<string, { ts: number; count: number }>();
  private idleReads = 0;
  private failures = 0;
  private linesStored = 0;
  private timer: unknown = null;
  private running: Promise<void> = Promise.resolve();
  private started = false;

  constructor(private readonly options: CloudLogFollowerOptions) {
    this.pacing = { ...DEFAULT_PACING, ...options.pacing };
    this.now = options.now ?? Date.now;
    this.timers = options.timers ?? REAL_TIMERS;
  }

  get state(): CloudFollowState {
    return this.current;
  }

  /** How many lines this follower has stored. */
  get stored(): number {
    return this.linesStored;
  }

  /** Read now, then keep reading until stopped. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.running = this.read();
  }

  /** Stop reading; a read under way finishes (its lines are stored) but no other starts. */
  stop(): void {
    if (this.current.status === 'stopped') return;
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.setState({ status: 'stopped', reason: 'stopped', message: 'Stopped on request.' });
  }

  /** Resolves once the read under way (if any) has finished and the next one is scheduled. */
  settled(): Promise<void> {
    return this.running;
  }

  /** One read, without scheduling another (`anvil logs --cloud` without --follow). Throws what the platform answered. */
  async readOnce(): Promise<number> {
    const before = this.linesStored;
    await this.readWindow();
    return this.linesStored - before;
  }

  private async read(): Promise<void> {
    if (this.current.status === 'stopped') return;
    let fresh: number;
    try {
      fresh = await this.readWindow();
    } catch (error) {
      this.failed(error);
      return;
    }
    if (this.stoppedMeanwhile()) return;
    this.failures = 0;
    this.idleReads = fresh > 0 ? 0 : this.idleReads + 1;
    const wait = Math.min(this.pacing.activeMs * 2 ** this.idleReads, Math.max(this.pacing.idleMaxMs, this.pacing.activeMs));
    this.schedule(wait);
    this.setState({ status: 'following', newestTs: this.cursor, linesStored: this.linesStored, nextPollAt: this.now() + wait });
  }

  /** Read the whole window from the cursor to now, page by page, storing each page's new lines. */
  private async readWindow(): Promise<number> {
    const { client, appId, environment, sink } = this.options;
    this.environmentId ??= await client.environmentId(appId, environment);
    if (this.cursor === null) {
      const newest = sink.newestTs();
      const floor = this.options.since ?? this.now() - FIRST_START_LOOKBACK_MS;
      this.cursor = newest === null ? floor : Math.max(newest, this.options.since ?? newest);
      this.floor = newest === null ? floor : (this.options.since ?? Number.NEGATIVE_INFINITY);
      for (const { key, ts } of sink.storedKeys(this.windowStart())) this.remember(key, ts);
    }
    const since = new Date(this.windowStart());
    // One end for every page of the window, so lines written meanwhile do not shift the offsets.
    const until = new Date(Math.max(this.now(), since.getTime()));
    const inWindow = new Map<string, number>();
    let fresh = 0;
    let newest = this.cursor;
    for (let offset = 0, pages = 1; ; pages++) {
      const page = await client.appLogs({ appId, environmentId: this.environmentId, since, until, offset, limit: this.pacing.pageSize });
      const unseen: CloudLogLine[] = [];
      for (const line of page.lines) {
        const key = sink.keyOf(line);
        const ts = Date.parse(line.ts);
        // A line read n times in this window is new only past the n-th time it was stored.
        const times = (inWindow.get(key) ?? 0) + 1;
        inWindow.set(key, times);
        if (times <= (this.seen.get(key)?.count ?? 0)) continue;
        unseen.push(line);
        if (ts > newest) newest = ts;
      }
      if (unseen.length > 0) {
        sink.store(unseen);
        for (const line of unseen) this.remember(sink.keyOf(line), Date.parse(line.ts));
        fresh += unseen.length;
        this.linesStored += unseen.length;
      }
      offset += page.lines.length;
      if (!page.hasNextPage || page.lines.length === 0) break;
      // More pages than lines the platform itself counts, or than any window holds, is an answer to distrust, not to follow.
      if (offset >= page.totalLogs || pages >= MAX_PAGES_PER_READ) {
        throw new ForgePlatformError(
          'malformed',
          `The platform kept offering another page of logs after ${offset} lines (${pages} pages) of a window it says holds ${page.totalLogs}; Anvil stopped this read and will read the window again.`,
        );
      }
    }
    this.cursor = newest;
    const keepFrom = this.windowStart();
    for (const [key, entry] of this.seen) if (entry.ts < keepFrom) this.seen.delete(key);
    return fresh;
  }

  private windowStart(): number {
    return Math.max((this.cursor ?? this.now()) - this.pacing.overlapMs, this.floor);
  }

  private remember(key: string, ts: number): void {
    const entry = this.seen.get(key);
    if (entry) entry.count += 1;
    else this.seen.set(key, { ts, count: 1 });
  }

  private failed(error: unknown): void {
    if (this.stoppedMeanwhile()) return;
    if (!isForgePlatformError(error)) {
      // The store refused the lines (a full disk, a damaged file): reading on would only lose more.
      this.halt('store-failed', `The lines could not be stored: ${(error as Error).message}`);
      return;
    }
    if (error.kind === 'unauthorized') {
      this.halt('unauthorized', `${error.message} Log in again (forge login, or anvil vault set atlassian-account, or the Credentials pane), then follow again.`);
      return;
    }
    if (error.kind === 'not-found') {
      this.halt('not-found', `${error.message} Check app.id in manifest.yml and the environment's name (forge environments list).`);
      return;
    }
    this.failures += 1;
    const backoff = Math.min(this.pacing.failureBaseMs * 2 ** (this.failures - 1), this.pacing.failureMaxMs);
    // The platform's own wait when it gives one (at least a second: "Retry-After: 0" is no licence to hammer).
    const wait = error.kind === 'rate-limited' && error.retryAfterMs !== undefined ? Math.max(error.retryAfterMs, 1000) : backoff;
    this.schedule(wait);
    this.setState({ status: 'waiting', reason: error.kind, message: error.message, retryAt: this.now() + wait, attempt: this.failures });
  }

  private halt(reason: FollowStopReason, message: string): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
    this.setState({ status: 'stopped', reason, message });
  }

  private stoppedMeanwhile(): boolean {
    return this.current.status === 'stopped';
  }

  private schedule(ms: number): void {
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.running = this.read();
    }, ms);
  }

  private setState(state: CloudFollowState): void {
    this.current = state;
    try {
      this.options.onState?.(state);
    } catch {
      // A listener's failure (a closed window) is its own; following goes on.
    }
  }
}
