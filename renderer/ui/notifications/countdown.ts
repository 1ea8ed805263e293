/** The timers a countdown uses (the window's, or a test's). */
export interface Clock {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const windowClock: Clock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Countdown {
  /** Stops the clock (the pointer or the focus is on the notice); a second pause is ignored. */
  pause: (reason: string) => void;
  /** Restarts it with the time that was left, once nothing holds it any more. */
  resume: (reason: string) => void;
  cancel: () => void;
}

/**
 * Calls `done` after `ms` of unpaused time. Hover and focus pause it separately, so leaving with
 * the pointer while the focus stays inside keeps it paused.
 */
export function startCountdown(ms: number, done: () => void, clock: Clock = windowClock): Countdown {
  let left = ms;
  let startedAt = clock.now();
  let handle: unknown = clock.setTimeout(done, left);
  const holds = new Set<string>();
  let cancelled = false;
  return {
    pause: (reason) => {
      if (cancelled) return;
      if (holds.size === 0 && handle !== null) {
        clock.clearTimeout(handle);
        handle = null;
        left = Math.max(0, left - (clock.now() - startedAt));
      }
      holds.add(reason);
    },
    resume: (reason) => {
      if (cancelled || !holds.delete(reason) || holds.size > 0) return;
      startedAt = clock.now();
      handle = clock.setTimeout(done, left);
    },
    cancel: () => {
      cancelled = true;
      if (handle !== null) clock.clearTimeout(handle);
      handle = null;
    },
  };
}
