import type { LogLine } from '../../../common/types';

/**
 * The lines the list shows (oldest first, at most `max`), plus those that arrived while the view
 * was paused or a query was in flight. No React and no DOM, so it can be tested on its own.
 * Line ids are ingest order, so "newer than the newest seen" is how duplicates between the
 * stream and a query answer are dropped.
 */
export class LineBuffer {
  /** What the list shows; replaced (never mutated) so React sees each change. */
  lines: LogLine[] = [];
  /** Lines that arrived while paused and are not shown yet (counted past what is held). */
  heldCount = 0;
  following = true;
  private incoming: LogLine[] = [];
  private held: LogLine[] = [];
  private waiting: LogLine[] = [];
  private loading = false;
  private lastId = 0;
  /** Older pages pushed the newest lines out: following again needs a fresh query. */
  private tailDropped = false;

  constructor(readonly max = 5000) {}

  /** A new query is on its way: forget what is shown; live lines wait for its answer. */
  startLoading(): void {
    this.clear();
    this.loading = true;
  }

  /** Nothing to show (e.g. the filters cannot be sent). */
  clear(): void {
    this.lines = [];
    this.incoming = [];
    this.held = [];
    this.waiting = [];
    this.heldCount = 0;
    this.loading = false;
    this.lastId = 0;
    this.tailDropped = false;
  }

  /** The query's first page arrived (newest first, as the core sends it). */
  loaded(page: LogLine[]): void {
    const newest = page[0]?.id ?? 0;
    const waiting = this.waiting;
    this.waiting = [];
    this.loading = false;
    this.lines = this.keepNewest(page.slice().reverse());
    this.lastId = Math.max(this.lastId, newest);
    this.accept(waiting);
  }

  /** Lines from the stream, already filtered. True when the view has something to update. */
  receive(lines: LogLine[]): boolean {
    if (!this.loading) return this.accept(lines);
    this.waiting.push(...lines);
    this.waiting = this.bounded(this.waiting);
    return false;
  }

  /** Show what arrived since the last frame. True when the shown lines changed. */
  flush(): boolean {
    if (this.incoming.length === 0) return false;
    this.lines = this.keepNewest(this.lines.concat(this.incoming));
    this.incoming = [];
    return true;
  }

  pause(): void {
    this.flush();
    this.following = false;
  }

  /** Follow again. True when the caller must query afresh instead (the newest lines were dropped). */
  resume(): boolean {
    this.following = true;
    if (this.tailDropped) return true;
    this.lines = this.keepNewest(this.lines.concat(this.held));
    this.held = [];
    this.heldCount = 0;
    return false;
  }

  /** An older page (newest first) goes above what is shown; past `max`, the newest lines give way. */
  prepend(page: LogLine[]): void {
    const oldestShown = this.lines[0]?.id ?? Number.POSITIVE_INFINITY;
    let next = page
      .filter((line) => line.id < oldestShown)
      .reverse()
      .concat(this.lines);
    if (next.length > this.max) {
      next = next.slice(0, this.max);
      this.tailDropped = true;
    }
    this.lines = next;
  }

  private accept(lines: LogLine[]): boolean {
    let changed = false;
    for (const line of lines) {
      if (line.id <= this.lastId) continue;
      this.lastId = line.id;
      changed = true;
      if (this.following) this.incoming.push(line);
      else {
        this.held.push(line);
        this.heldCount += 1;
      }
    }
    // No frame may come for a while (a hidden window): keep memory bounded meanwhile.
    this.incoming = this.bounded(this.incoming);
    this.held = this.bounded(this.held);
    return changed;
  }

  private keepNewest(lines: LogLine[]): LogLine[] {
    return lines.length > this.max ? lines.slice(lines.length - this.max) : lines;
  }

  /** Trim in chunks (at twice the limit), not on every line. */
  private bounded(lines: LogLine[]): LogLine[] {
    return lines.length > 2 * this.max ? lines.slice(lines.length - this.max) : lines;
  }
}
