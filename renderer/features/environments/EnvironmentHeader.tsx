import type { Environment } from '../../../common/types';

/** Which environment this is, and for staging and production, that only deployed versions run there. */
export function EnvironmentHeader({ environment, deployedOnly }: { environment: Environment; deployedOnly: boolean }) {
  return (
    <header className="environment-header">
      <h2>
        {environment.key} <span className={`environment-kind kind-${environment.kind}`}>{environment.kind}</span>
      </h2>
      {deployedOnly ? <p className="environment-note">Runs only deployed versions, as on the platform: no hot reload.</p> : null}
      {environment.kind === 'custom' ? <p className="muted">A custom development environment: it runs the app’s source with hot reload.</p> : null}
    </header>
  );
}
