/**
 * Time for triggers: schedules, queue delays and event retries all wait on a Clock, so the
 * developer can compress it (fast-forward: an hour of schedule in a second) and tests can move it
 * by hand instead of waiting.
 */
export interface Clock {
  /** Current time on this clock, epoch ms (runs faster than the wall clock when compressed). */
  now(): number;
  /** Run `task` once the clock reaches `dueAt`; returns a cancel function. */
  at(dueAt: number, task: () => void): () => void;
}

/** The fastest a trigger clock may run: a week of schedule in under a second. */
export const MAX_CLOCK_SPEED = 1_000_000;

/**
 * A compressed clock looks at its timers at most this often (real time). At high speeds the next
 * task is always a fraction of a millisecond away, and waking for each one would keep the process
 * busy; tasks that fall due in between run together at the next wake, in order.
 */
export const MIN_COMPRESSED_WAKE_MS = 50;

interface Pending {
  dueAt: number;
  task: () => void;
}

/** The wall clock, optionally compressed by a speed factor; pending timers follow a speed change. */
export class CompressibleClock implements Clock {
  private speed = 1;
  private realBase = Date.now();
  private virtualBase = this.realBase;
  private readonly pending = new Set<Pending>();
  private timer: NodeJS.Timeout | null = null;

  now(): number {
    return this.virtualBase + (Date.now() - this.realBase) * this.speed;
  }

  get factor(): number {
    return this.speed;
  }

  /** 1 is real time; 3600 makes an hour pass in a second. */
  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 1 || speed > MAX_CLOCK_SPEED)
      throw new RangeError(`The trigger clock speed ${speed} is outside 1–${MAX_CLOCK_SPEED}; 1 is real time, 3600 an hour per second.`);
    this.virtualBase = this.now();
    this.realBase = Date.now();
    this.speed = speed;
    this.arm();
  }

  at(dueAt: number, task: () => void): () => void {
    const entry: Pending = { dueAt, task };
    this.pending.add(entry);
    this.arm();
    return () => {
      this.pending.delete(entry);
      this.arm();
    };
  }

  close(): void {
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  // One real timer for the earliest task; setTimeout's 24.8-day ceiling is respected by re-arming.
  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    let earliest: Pending | null = null;
    for (const entry of this.pending) if (!earliest || entry.dueAt < earliest.dueAt) earliest = entry;
    if (!earliest) return;
    const wait = Math.min(Math.max(this.speed > 1 ? MIN_COMPRESSED_WAKE_MS : 0, (earliest.dueAt - this.now()) / this.speed), 2_000_000_000);
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  private fire(): void {
    this.timer = null;
    const now = this.now();
    const due = [...this.pending].filter((entry) => entry.dueAt <= now).sort((a, b) => a.dueAt - b.dueAt);
    for (const entry of due) this.pending.delete(entry);
    this.arm();
    for (const entry of due) entry.task();
  }
}

/** A clock that moves only when told to (tests). */
export class ManualClock implements Clock {
  private time: number;
  private readonly pending = new Set<Pending>();

  constructor(start = Date.UTC(2026, 0, 1)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  at(dueAt: number, task: () => void): () => void {
    const entry = { dueAt, task };
    this.pending.add(entry);
    return () => this.pending.delete(entry);
  }

  /** Move time forward, running every task that falls due on the way, in order. */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const next = [...this.pending].filter((entry) => entry.dueAt <= end).sort((a, b) => a.dueAt - b.dueAt)[0];
      if (!next) break;
      this.pending.delete(next);
      this.time = Math.max(this.time, next.dueAt);
      next.task();
    }
    this.time = end;
  }
}
