import type { AnvilBridge } from '../../../common/api';
import type { EnvironmentState } from '../../../common/types';
import { useCommands } from '../../ui/commands';
import { ApprovalReasons } from './ApprovalReasons';
import { CallAlert, useCall } from './useCall';

/** The environment's latest local deploy, and a Deploy button that makes the next one. */
export function VersionsSection({ bridge, state, onState }: { bridge: AnvilBridge; state: EnvironmentState; onState: (next: EnvironmentState) => void }) {
  const { busy, error, run } = useCall();
  const { latest } = state;
  const deploy = () => run(async () => onState(await bridge.deployEnvironment({ environment: state.environment.key })));
  useCommands([{ id: 'deploy', category: 'Environments', title: `Deploy ${state.environment.key}`, pane: 'environments', run: () => void (busy ? undefined : deploy()) }]);

  return (
    <section aria-label="Versions" className="environment-section">
      <h3>Versions</h3>
      {latest ? (
        <p>
          Latest: <strong className="version-label">version {latest.label}</strong> <span className="muted">deployed {new Date(latest.deployedAt).toLocaleString()}</span>
          {latest.major ? <span className="version-major"> major</span> : null}
        </p>
      ) : (
        <p className="muted">{state.deployedOnly ? 'Nothing deployed yet: deploy to run the app here.' : 'Nothing deployed yet: installations run the app’s source.'}</p>
      )}
      {latest?.major ? <ApprovalReasons reasons={latest.reasons} /> : null}
      <div className="environment-actions">
        {/* The name stays "Deploy" while busy; the status says what is happening. */}
        <button type="button" onClick={() => void deploy()} disabled={busy} aria-busy={busy}>
          Deploy
        </button>
        {busy ? <span role="status">Deploying: bundling every function…</span> : <span className="muted">Snapshots the manifest and bundles every function as the next version, like forge deploy.</span>}
      </div>
      <CallAlert error={error} />
    </section>
  );
}
