import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCountdown, type Clock } from './countdown';

const clock: Clock = { now: () => Date.now(), setTimeout: (run, ms) => setTimeout(run, ms), clearTimeout: (handle) => clearTimeout(handle as number) };

describe('a notice closing by itself', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('closes after its time', () => {
    const done = vi.fn();
    startCountdown(5000, done, clock);
    vi.advanceTimersByTime(4999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledOnce();
  });

  it('stays while the pointer is on it, and closes after the time that was left once it leaves', () => {
    const done = vi.fn();
    const countdown = startCountdown(5000, done, clock);
    vi.advanceTimersByTime(3000);
    countdown.pause('hover');
    vi.advanceTimersByTime(60_000);
    expect(done).not.toHaveBeenCalled();
    countdown.resume('hover');
    vi.advanceTimersByTime(1999);
    expect(done).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(done).toHaveBeenCalledOnce();
  });

  it('stays while the focus is inside it, even after the pointer leaves', () => {
    const done = vi.fn();
    const countdown = startCountdown(5000, done, clock);
    countdown.pause('hover');
    countdown.pause('focus');
    countdown.resume('hover');
    vi.advanceTimersByTime(60_000);
    expect(done).not.toHaveBeenCalled();
    countdown.resume('focus');
    vi.advanceTimersByTime(5000);
    expect(done).toHaveBeenCalledOnce();
  });

  it('a cancelled countdown never fires', () => {
    const done = vi.fn();
    const countdown = startCountdown(5000, done, clock);
    countdown.cancel();
    countdown.resume('hover');
    vi.advanceTimersByTime(10_000);
    expect(done).not.toHaveBeenCalled();
  });
});
