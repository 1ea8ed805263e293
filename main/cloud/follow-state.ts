import type { PlatformFailureKind } from './platform-error';

/** Why a follower stopped: a failure retrying cannot fix, a local failure, or it was asked to. */
export type FollowStopReason = 'unauthorized' | 'not-found' | 'store-failed' | 'stopped';

/**
 * What a cloud log follower is doing, for a pane or the command line to show. Times are epoch ms of
 * the follower's clock.
 */
export type CloudFollowState =
  | { status: 'starting' }
  /** Polling normally; `nextPollAt` is when the next read is due (sooner while lines arrive). */
  | { status: 'following'; newestTs: number | null; linesStored: number; nextPollAt: number }
  /** A read failed in a way that passes (rate limit, platform down, offline, timeout, a bad answer); it is tried again at `retryAt`. */
  | { status: 'waiting'; reason: Exclude<PlatformFailureKind, 'unauthorized' | 'not-found'>; message: string; retryAt: number; attempt: number }
  /** Not polling any more; `message` says why and what to do. */
  | { status: 'stopped'; reason: FollowStopReason; message: string };

/** One line for a terminal or a status bar; times are said in seconds from `now`. */
export function describeFollowState(state: CloudFollowState, now: number): string {
  switch (state.status) {
    case 'starting':
      return 'Connecting to the Forge platform…';
    case 'following':
      return 'Following cloud logs.';
    case 'waiting': {
      const seconds = Math.max(0, Math.ceil((state.retryAt - now) / 1000));
      const what = state.reason === 'rate-limited' ? 'Rate limited by the Forge platform' : `Cloud logs unreachable (${state.reason})`;
      return `${what}: waiting ${seconds} s before asking again (attempt ${state.attempt}). ${state.message}`;
    }
    case 'stopped':
      return `Stopped following cloud logs: ${state.message}`;
  }
}
