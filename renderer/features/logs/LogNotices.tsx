import type { LogPage } from '../../../common/types';
import { plural } from './format';
import { PaneGuide } from '../first-run/PaneGuide';
import { useCommandRegistry } from '../../ui/commands';

/** Withheld lines, loading, empty and error states: each says what it means and what to do. */
export function LogNotices({
  environment,
  withheld,
  loading,
  error,
  empty,
  filtered,
  invalid,
  cloud = false,
  onRetry,
}: {
  environment: string;
  withheld: LogPage['withheld'];
  loading: boolean;
  error: string | null;
  empty: boolean;
  filtered: boolean;
  invalid: boolean;
  /** The environment's cloud lines: nothing local makes them. */
  cloud?: boolean;
  onRetry: () => void;
}) {
  return (
    <>
      {withheld.map((entry) => (
        <p key={entry.installation} className="banner warning log-withheld">
          {plural(entry.count, 'line')} withheld from {entry.installation}: log access is off for that installation
        </p>
      ))}
      {error ? (
        <div className="banner error" role="alert">
          The logs of {environment} could not be read: {error}
          <button type="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
      {invalid ? <p className="muted log-empty">Fix the filters above to see lines.</p> : null}
      {!invalid && !error && empty && !loading && !filtered ? (
        cloud ? (
          <p className="muted log-empty">No cloud lines of {environment} stored yet. Follow cloud logs to read the last hour from the Forge platform and new lines as they arrive.</p>
        ) : (
          <NothingLogged environment={environment} />
        )
      ) : null}
      {!invalid && !error && empty && (loading || filtered) ? (
        <p className="muted log-empty">{loading ? `Reading the logs of ${environment}…` : `No lines in ${environment} match these filters. Widen the time range or clear the filters.`}</p>
      ) : null}
    </>
  );
}

/** The Logs pane before anything ran: where lines come from, and the way to the panes that make them. */
function NothingLogged({ environment }: { environment: string }) {
  const registry = useCommandRegistry();
  return (
    <div className="log-empty">
      <PaneGuide title={`No log lines in ${environment} yet`}>
        <p>Every line your functions log, and each invocation's start and end, shows here as it is written (while Follow is on). To make some, run a function in the Runner pane or fire a trigger.</p>
        <p>
          <button type="button" onClick={() => registry?.run('show-runner')}>
            Open the Runner
          </button>{' '}
          <button type="button" onClick={() => registry?.run('show-triggers')}>
            Open Triggers
          </button>
        </p>
      </PaneGuide>
    </div>
  );
}
