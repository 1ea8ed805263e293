import { useCallback, useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { CloudOverview } from '../../../common/types';
import { useCommandRegistry } from '../../ui/commands';
import { CloudTables } from './CloudTables';
import './cloud.css';

/** What each state is called in the pane's heading line; the core's message says what to do. */
const STATE_TITLES: Record<Exclude<CloudOverview['status'], 'ready'>, string> = {
  'no-app-id': 'The app has no id on the platform yet',
  'no-login': 'No Atlassian login',
  'token-refused': 'The platform refused the token',
  offline: 'The Forge platform cannot be reached',
  'rate-limited': 'Rate limited',
  'app-not-found': 'The platform knows no such app for this account',
  unavailable: 'The Forge platform is not answering properly',
  failed: 'The platform’s answer could not be used',
};

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

/**
 * The app as the Forge platform has it: its environments, its installations (site, product,
 * environment, version) and the versions deployed to each environment. Asked when the pane is first
 * shown and on Refresh; nothing local depends on it.
 */
export function CloudPane({ bridge }: { bridge: AnvilBridge }) {
  const [overview, setOverview] = useState<CloudOverview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const commands = useCommandRegistry();

  const load = useCallback(
    async (refresh: boolean) => {
      setBusy(true);
      setError(null);
      try {
        setOverview(await bridge.getCloudOverview({ refresh }));
      } catch (failure) {
        setError((failure as Error).message);
      } finally {
        setBusy(false);
      }
    },
    [bridge],
  );
  useEffect(() => {
    void load(false);
  }, [load]);

  const waiting = overview?.status === 'rate-limited' && overview.retryAt !== null ? overview.retryAt : null;

  return (
    <section className="cloud-pane" aria-labelledby="cloud-pane-title">
      <header className="cloud-header">
        <h2 id="cloud-pane-title">The app on the Forge platform</h2>
        <button type="button" onClick={() => void load(true)} disabled={busy}>
          Refresh
        </button>
      </header>
      <p className="muted">
        Its real environments, installations and deployed versions, as <code>forge environments list</code>, <code>forge install list</code> and <code>forge version list</code> show them.
        {overview?.account ? ` Asked as ${overview.account}.` : ''}
        {overview?.checkedAt ? ` Checked at ${clock(overview.checkedAt)}.` : ''}
      </p>
      <p className="cloud-busy" role="status">
        {busy ? 'Asking the Forge platform…' : ''}
      </p>
      {error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : null}
      {overview && overview.status !== 'ready' ? (
        <div className={`banner ${overview.status === 'rate-limited' || overview.status === 'offline' ? 'warning' : 'error'}`} role="alert" data-status={overview.status}>
          <div>
            <strong>{STATE_TITLES[overview.status]}.</strong> {overview.message}
            {waiting !== null ? ` Ask again after ${clock(waiting)}.` : ''}
          </div>
          {overview.status === 'no-login' || overview.status === 'token-refused' ? (
            <button type="button" onClick={() => commands?.run('show-credentials')}>
              Show Credentials
            </button>
          ) : null}
        </div>
      ) : null}
      {overview?.status === 'ready' ? <CloudTables overview={overview} /> : null}
    </section>
  );
}
