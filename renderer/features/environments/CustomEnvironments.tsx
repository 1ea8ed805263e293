import { useState, type FormEvent } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { Environment } from '../../../common/types';
import { CallAlert, useCall } from './useCall';

/**
 * Create custom environments, and delete the selected one. The header's list follows by itself:
 * the core re-sends the app with its environments when they change.
 */
export function CustomEnvironments({ bridge, environments, selected }: { bridge: AnvilBridge; environments: Environment[]; selected: Environment | null }) {
  const { busy, error, run } = useCall();
  const [draft, setDraft] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const custom = environments.filter((environment) => environment.kind === 'custom');

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const key = draft.trim();
    setDone(null);
    if (await run(async () => void (await bridge.createEnvironment({ key })))) {
      setDraft('');
      setDone(`Created ${key}: pick it in the Environment list above.`);
    }
  };
  const remove = async (key: string) => {
    setDone(null);
    setConfirming(false);
    if (await run(async () => void (await bridge.deleteEnvironment({ key })))) setDone(`Deleted ${key}.`);
  };

  return (
    <section aria-label="Custom environments" className="environment-section">
      <h3>Custom environments</h3>
      <p className="muted">
        Development environments of your own (one per branch or teammate): they run the app’s source with hot reload, like development.
        {custom.length > 0 ? ` Yours: ${custom.map((environment) => environment.key).join(', ')}.` : ''}
      </p>
      <form className="environment-actions" onSubmit={(event) => void create(event)}>
        <input aria-label="New environment" placeholder="e.g. feature-x" value={draft} onChange={(event) => setDraft(event.target.value)} spellCheck={false} />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          Create
        </button>
      </form>
      {selected?.kind === 'custom' ? (
        <div className="environment-actions">
          {confirming ? (
            <>
              <span>Delete {selected.key} with its variables, versions and storage?</span>
              <button type="button" className="danger" onClick={() => void remove(selected.key)} disabled={busy}>
                Delete {selected.key}
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </>
          ) : (
            // Two steps: deleting drops the environment's variables, versions and storage for good.
            <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={busy}>
              Delete environment
            </button>
          )}
        </div>
      ) : null}
      {done ? <p role="status">{done}</p> : null}
      <CallAlert error={error} />
    </section>
  );
}
