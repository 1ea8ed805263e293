import type { AnvilBridge } from '../../../common/api';
import type { EnvironmentState } from '../../../common/types';
import { ApprovalReasons } from './ApprovalReasons';
import { CallAlert, useCall } from './useCall';

type Installation = EnvironmentState['installations'][number];

/** What each installation runs, the upgrade its site admin has yet to approve, and whether it shares its logs. */
export function InstallationsTable({ bridge, state, onState }: { bridge: AnvilBridge; state: EnvironmentState; onState: (next: EnvironmentState) => void }) {
  const { busy, error, run } = useCall();
  const environment = state.environment.key;
  const approve = (installation: Installation) => run(async () => onState(await bridge.approveInstallation({ environment, installation: installation.name })));
  const share = (installation: Installation, on: boolean) => run(async () => onState(await bridge.setInstallationLogAccess({ environment, installation: installation.name, on })));

  return (
    <section className="environment-section">
      <h3>Installations</h3>
      <table aria-label="Installations" className="environment-table">
        <thead>
          <tr>
            <th>Installation</th>
            <th>Runs</th>
            <th>Awaiting approval</th>
            <th>Logs</th>
          </tr>
        </thead>
        <tbody>
          {state.installations.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                No installations in {environment}; add one in the Runner.
              </td>
            </tr>
          ) : null}
          {state.installations.map((installation) => (
            <tr key={installation.name} data-installation={installation.name}>
              <td>{installation.name}</td>
              <td>{installation.runs ? `version ${installation.runs}` : <span className="muted">source (not deployed)</span>}</td>
              <td>
                {installation.awaitingApproval ? (
                  <>
                    <strong>version {installation.awaitingApproval.label}</strong>
                    <ApprovalReasons reasons={installation.awaitingApproval.reasons} />
                    {/* The admin's consent to the upgrade; until then the installation keeps its version. */}
                    <button type="button" onClick={() => void approve(installation)} disabled={busy}>
                      Approve as site admin
                    </button>
                  </>
                ) : (
                  <span className="muted">nothing</span>
                )}
              </td>
              <td>
                <label className="log-access">
                  <input type="checkbox" checked={installation.logAccess} disabled={busy} onChange={(event) => void share(installation, event.target.checked)} />
                  Share logs ({installation.name})
                </label>
                {installation.logAccess ? null : <span className="muted"> lines are counted, not kept</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <CallAlert error={error} />
    </section>
  );
}
