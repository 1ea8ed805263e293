import { useRef } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { AppSummary } from '../../../common/types';
import { CustomEnvironments } from './CustomEnvironments';
import { EnvironmentHeader } from './EnvironmentHeader';
import { ForgeSection } from './ForgeSection';
import { InstallationsTable } from './InstallationsTable';
import { useEnvironmentState } from './useEnvironmentState';
import { useWhenShown } from './useWhenShown';
import { VariablesSection } from './VariablesSection';
import { VersionsSection } from './VersionsSection';

/** The environment selected in the header: its versions, installations and variables; and custom environments. */
export function EnvironmentsPane({ bridge, app, environment }: { bridge: AnvilBridge; app: AppSummary; environment: string }) {
  const root = useRef<HTMLElement>(null);
  // The header may still name an environment that was just deleted.
  const known = app.environments.find((candidate) => candidate.key === environment) ?? null;
  const { state, error, apply, reload } = useEnvironmentState(bridge, known ? environment : null, app);
  useWhenShown(root, reload);

  return (
    <section ref={root} aria-label={`Environment ${environment}`} className="environments-pane">
      {known ? <EnvironmentHeader environment={known} deployedOnly={state?.deployedOnly ?? (known.kind === 'staging' || known.kind === 'production')} /> : null}
      {!known ? (
        <p className="muted">The app has no environment {environment} (any more): pick one in the Environment list above.</p>
      ) : error ? (
        <div className="banner error" role="alert">
          {error}
        </div>
      ) : !state ? (
        <p className="muted">Loading {environment}…</p>
      ) : (
        // Keyed, so drafts, busy states and errors do not carry over to another environment.
        <div key={environment} className="environment-sections">
          <VersionsSection bridge={bridge} state={state} onState={apply} />
          <ForgeSection bridge={bridge} environment={environment} />
          <InstallationsTable bridge={bridge} state={state} onState={apply} />
          <VariablesSection bridge={bridge} state={state} onState={apply} />
        </div>
      )}
      <CustomEnvironments bridge={bridge} environments={app.environments} selected={known} />
    </section>
  );
}
