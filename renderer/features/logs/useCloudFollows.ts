import { useCallback, useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { CloudFollowStatus } from '../../../common/types';

export interface CloudFollows {
  /** The newest state of each environment's follower, by environment name. */
  statuses: Record<string, CloudFollowStatus>;
  /** A call that failed outright (no app open, the core gone), by environment. */
  errors: Record<string, string>;
  follow(environment: string): void;
  stop(environment: string): void;
}

/** The followers' states as the core reports them; kept while the pane is hidden, so a return shows them. */
export function useCloudFollows(bridge: AnvilBridge): CloudFollows {
  const [statuses, setStatuses] = useState<Record<string, CloudFollowStatus>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const note = useCallback((status: CloudFollowStatus) => setStatuses((all) => ({ ...all, [status.environment]: status })), []);

  useEffect(() => {
    return bridge.subscribe('cloudFollowState', note);
  }, [bridge, note]);

  const call = useCallback(
    (environment: string, request: (input: { environment: string }) => Promise<CloudFollowStatus>) => {
      setErrors(({ [environment]: _dropped, ...rest }) => rest);
      request({ environment }).then(note, (error: unknown) => setErrors((all) => ({ ...all, [environment]: error instanceof Error ? error.message : String(error) })));
    },
    [note],
  );
  const follow = useCallback((environment: string) => call(environment, (input) => bridge.followCloudLogs(input)), [bridge, call]);
  const stop = useCallback((environment: string) => call(environment, (input) => bridge.stopFollowingCloudLogs(input)), [bridge, call]);
  return { statuses, errors, follow, stop };
}
