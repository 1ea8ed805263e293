import type { AnvilBridge } from '../../../common/api';
import type { EnvironmentState } from '../../../common/types';
import { useCommands } from '../../ui/commands';
import { notify } from '../../ui/notifications/notifications';
import { ApprovalReasons } from './ApprovalReasons';
import { CallAlert, useCall } from './useCall';

/** The environment's latest local deploy, and a Deploy locally button that makes the next one (Deploy to Forge is the Forge section's). */
export function VersionsSection({ bridge, state, onState }: { bridge: AnvilBridge; state: EnvironmentState; onState: (next: EnvironmentState) => void }) {
  const { busy, error, run } = useCall();
  const { latest } = state;
  const deploy = () =>
    run(async () => {
      const next = await bridge.deployEnvironment({ environment: state.environment.key });
      onState(next);
      notify({ kind: 'success', message: `Deployed ${next.environment.key}${next.latest ? `: version ${next.latest.label}` : ''}.` });
    });
  useCommands([{ id: 'deploy', category: 'Environments', title: `Deploy ${state.environment.key} locally`, pane: 'environments', run: () => void (busy ? undefined : deploy()) }]);

  return (
    <section aria-label="Versions" className="environment-section">
      <h3>Versions</h3>
      <p className="muted">Local versions, run by Anvil’s runner on this machine; nothing reaches Atlassian.</p>
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
          Deploy locally
        </button>
        {busy ? (
          <span role="status">Deploying: bundling every function…</span>
        ) : (
          <span className="muted">Snapshots the manifest and bundles every function as the next local version, the way forge deploy makes one on the platform.</span>
        )}
      </div>
      <CallAlert error={error} />
    </section>
  );
}
