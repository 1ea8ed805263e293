/**
 * A clock and timers a test moves by hand: `runNext()` jumps to the earliest pending timer and runs
 * it, so code that waits seconds or minutes is tested without waiting and without depending on speed.
 */
export class ManualTimers {
  private pending: { id: number; at: number; callback: () => void }[] = [];
  private nextId = 1;

  constructor(public now: number) {}

  readonly setTimeout = (callback: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.pending.push({ id, at: this.now + ms, callback });
    return id;
  };

  readonly clearTimeout = (handle: unknown): void => {
    this.pending = this.pending.filter((timer) => timer.id !== handle);
  };

  /** How many timers are waiting. */
  get waiting(): number {
    return this.pending.length;
  }

  /** The wait, from now, of the earliest pending timer; null when none is pending. */
  nextDelay(): number | null {
    const next = this.earliest();
    return next ? next.at - this.now : null;
  }

  /** Move the clock to the earliest pending timer (never back: a test may have moved it past) and run it; returns the timer's wait from when the clock stood. */
  runNext(): number {
    const next = this.earliest();
    if (!next) throw new Error('No timer is pending.');
    this.pending = this.pending.filter((timer) => timer !== next);
    const moved = next.at - this.now;
    this.now = Math.max(this.now, next.at);
    next.callback();
    return moved;
  }

  private earliest() {
    return this.pending.reduce<(typeof this.pending)[number] | undefined>((best, timer) => (best === undefined || timer.at < best.at ? timer : best), undefined);
  }
}
