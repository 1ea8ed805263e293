import { useCallback, useEffect, useRef, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { LogLine, LogPage, LogQuery } from '../../../common/types';
import { LineBuffer } from './lineBuffer';

const MAX_LINES = 5000;
const PAGE_SIZE = 500;
/** Summaries (chart, invocations) refresh at most this often while lines stream in. */
const ACTIVITY_MS = 3000;

interface PageState {
  withheld: LogPage['withheld'];
  nextBefore: number | null;
  loading: boolean;
  loadingOlder: boolean;
  error: string | null;
}

const IDLE: PageState = { withheld: [], nextBefore: null, loading: false, loadingOlder: false, error: null };

export interface LogFollow extends PageState {
  /** Oldest first. */
  lines: LogLine[];
  following: boolean;
  /** Lines that arrived while paused. */
  newCount: number;
  /** Changes (at most every few seconds) when new lines arrived: a cue to refresh summaries. */
  activity: number;
  setFollowing(on: boolean): void;
  loadOlder(): void;
  reload(): void;
}

/**
 * The stored lines of a query, then the live ones as they arrive. The stream may deliver thousands
 * of lines a second, so they are collected outside React and shown once per animation frame.
 */
export function useLogFollow(bridge: AnvilBridge, query: LogQuery | null, match: (line: LogLine) => boolean): LogFollow {
  const [buffer] = useState(() => new LineBuffer(MAX_LINES));
  const [lines, setLines] = useState<LogLine[]>([]);
  const [newCount, setNewCount] = useState(0);
  const [following, setFollowingState] = useState(true);
  const [page, setPage] = useState<PageState>(IDLE);
  const [activity, setActivity] = useState(0);
  const current = useRef({ query, match });
  const generation = useRef(0);
  const frame = useRef(0);
  const activityTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    current.current = { query, match };
  }, [query, match]);

  const show = useCallback(() => {
    setLines(buffer.lines);
    setNewCount(buffer.heldCount);
  }, [buffer]);

  const load = useCallback(
    (next: LogQuery | null) => {
      const mine = ++generation.current;
      if (!next) {
        buffer.clear();
        show();
        setPage(IDLE);
        return;
      }
      buffer.startLoading();
      show();
      setPage({ ...IDLE, loading: true });
      void bridge.queryLogs({ ...next, limit: PAGE_SIZE }).then(
        (result) => {
          if (mine !== generation.current) return;
          buffer.loaded(result.lines);
          show();
          setPage({ ...IDLE, withheld: result.withheld, nextBefore: result.nextBefore });
        },
        (failure: Error) => {
          if (mine !== generation.current) return;
          buffer.loaded([]);
          show();
          setPage({ ...IDLE, error: failure.message });
        },
      );
    },
    [bridge, buffer, show],
  );

  // Re-query when the filters really change (the debounced object may be equal but new).
  const queryKey = query ? JSON.stringify(query) : '';
  useEffect(() => {
    load(current.current.query);
  }, [load, queryKey]);

  useEffect(() => {
    const flush = () => {
      frame.current = 0;
      buffer.flush();
      show();
      activityTimer.current ??= setTimeout(() => {
        activityTimer.current = null;
        setActivity((count) => count + 1);
      }, ACTIVITY_MS);
    };
    const stop = bridge.subscribe('logLines', (payload) => {
      const { query: active, match: matches } = current.current;
      if (!active || payload.environment !== active.environment) return;
      const lines = payload.lines.filter(matches);
      if (lines.length === 0 || !buffer.receive(lines)) return;
      // Never a React update per line: at most one per frame, however many lines came.
      if (!frame.current) frame.current = requestAnimationFrame(flush);
    });
    return () => {
      stop();
      cancelAnimationFrame(frame.current);
      frame.current = 0;
      if (activityTimer.current) clearTimeout(activityTimer.current);
      activityTimer.current = null;
    };
  }, [bridge, buffer, show]);

  const setFollowing = useCallback(
    (on: boolean) => {
      setFollowingState(on);
      if (!on) {
        buffer.pause();
        show();
      } else if (buffer.resume()) load(current.current.query);
      else show();
    },
    [buffer, load, show],
  );

  const loadOlder = useCallback(() => {
    const active = current.current.query;
    if (!active || page.nextBefore === null || page.loadingOlder) return;
    const mine = generation.current;
    // Reading history: hold live lines back so the view does not move under the reader.
    setFollowing(false);
    setPage((state) => ({ ...state, loadingOlder: true }));
    void bridge.queryLogs({ ...active, beforeId: page.nextBefore, limit: PAGE_SIZE }).then(
      (result) => {
        if (mine !== generation.current) return;
        buffer.prepend(result.lines);
        show();
        setPage((state) => ({ ...state, nextBefore: result.nextBefore, loadingOlder: false }));
      },
      (failure: Error) => {
        if (mine !== generation.current) return;
        setPage((state) => ({ ...state, loadingOlder: false, error: failure.message }));
      },
    );
  }, [bridge, buffer, page.loadingOlder, page.nextBefore, setFollowing, show]);

  const reload = useCallback(() => load(current.current.query), [load]);

  return { ...page, lines, following, newCount, activity, setFollowing, loadOlder, reload };
}
