import { useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { EnvironmentState } from '../../../common/types';
import { CallAlert, useCall } from './useCall';
import { VariableForm } from './VariableForm';

/** The environment's variables (process.env of its functions). Secret values stay in the keychain: listed, never shown. */
export function VariablesSection({ bridge, state, onState }: { bridge: AnvilBridge; state: EnvironmentState; onState: (next: EnvironmentState) => void }) {
  const { busy, error, run } = useCall();
  const [done, setDone] = useState<string | null>(null);
  const environment = state.environment.key;

  const set = (key: string, value: string, secret: boolean) => {
    setDone(null);
    return run(async () => {
      onState(await bridge.setEnvironmentVariable({ environment, key, value, secret }));
      setDone(`Set ${key}${secret ? ' (in the keychain)' : ''}.`);
    });
  };
  const unset = (key: string) => {
    setDone(null);
    return run(async () => {
      onState(await bridge.unsetEnvironmentVariable({ environment, key }));
      setDone(`Removed ${key}.`);
    });
  };

  return (
    <section className="environment-section">
      <h3>Variables</h3>
      {state.variables.length === 0 ? <p className="muted">No variables in {environment}. Functions read them as process.env.NAME.</p> : null}
      <ul aria-label="Variables" className="variable-list">
        {state.variables.map((variable) => (
          <li key={variable.key}>
            <code>{variable.key}</code> = {variable.secret ? <span className="muted">••• (in keychain)</span> : <code>{variable.value}</code>}{' '}
            <button type="button" className="link" onClick={() => void unset(variable.key)} disabled={busy} aria-label={`Remove ${variable.key}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <VariableForm busy={busy} onSet={set} />
      {done ? <p role="status">{done}</p> : null}
      <CallAlert error={error} />
    </section>
  );
}
