import type { Environment } from '../../../common/types';

/** Logs of one environment, live and stored. */
export function LogsPane({ environment }: { environment: Environment }) {
  return (
    <div className="pane-empty">
      <h2>Logs — {environment.key}</h2>
      <p>No log lines for {environment.key} yet.</p>
    </div>
  );
}
