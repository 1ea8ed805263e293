import type { CloudFollowStatus } from '../../../common/types';
import { describeCloudFollow, isActive } from './cloudFollow';
import { clock } from './format';

const secondsClock = (ts: number) => clock(ts).slice(0, 8);

/** Follow (or stop following) an environment's logs on the Forge platform, and what the follower is doing. */
export function CloudFollowControl({
  environment,
  status,
  error,
  onFollow,
  onStop,
}: {
  environment: string;
  status: CloudFollowStatus | null;
  error: string | null;
  onFollow: () => void;
  onStop: () => void;
}) {
  const active = isActive(status);
  const stoppedByProblem = status?.status === 'stopped' && status.reason !== 'stopped';
  return (
    <div className="log-cloud-follow" aria-label={`Cloud logs of ${environment}`} role="group">
      {active ? (
        <button type="button" onClick={onStop}>
          Stop following cloud logs
        </button>
      ) : (
        <button type="button" onClick={onFollow}>
          Follow cloud logs
        </button>
      )}
      <span role="status" className={stoppedByProblem || error ? 'log-cloud-state error' : 'log-cloud-state'}>
        {error ? `Could not follow the cloud logs of ${environment}: ${error}` : describeCloudFollow(status, secondsClock)}
      </span>
    </div>
  );
}
