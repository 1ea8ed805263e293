import type { LogPage } from '../../../common/types';
import { plural } from './format';

/** Withheld lines, loading, empty and error states: each says what it means and what to do. */
export function LogNotices({
  environment,
  withheld,
  loading,
  error,
  empty,
  filtered,
  invalid,
  onRetry,
}: {
  environment: string;
  withheld: LogPage['withheld'];
  loading: boolean;
  error: string | null;
  empty: boolean;
  filtered: boolean;
  invalid: boolean;
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
      {!invalid && !error && empty ? (
        <p className="muted log-empty">
          {loading
            ? `Reading the logs of ${environment}…`
            : filtered
              ? `No lines in ${environment} match these filters. Widen the time range or clear the filters.`
              : `No log lines in ${environment} yet. Run a function in the Runner pane or fire a trigger.`}
        </p>
      ) : null}
    </>
  );
}
