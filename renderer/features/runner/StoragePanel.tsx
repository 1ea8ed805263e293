import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { StorageEntry } from '../../../common/types';

type Space = StorageEntry['space'];

/** Browse and edit an installation's app storage. Secret values are write-only: set here, never shown. */
export function StoragePanel({ bridge, environment, installation, version }: { bridge: AnvilBridge; environment: string; installation: string; version: number }) {
  const [entries, setEntries] = useState<StorageEntry[]>([]);
  const [draft, setDraft] = useState({ space: 'value' as Space, entity: '', key: '', value: '' });
  const [message, setMessage] = useState<string | null>(null);

  useEffect(() => {
    if (!installation) return;
    void bridge.listStorage({ environment, installation }).then(setEntries, (failure: Error) => setMessage(failure.message));
  }, [bridge, environment, installation, version]);

  const save = async () => {
    setMessage(null);
    let value: unknown = draft.value;
    if (draft.space !== 'secret') {
      try {
        value = JSON.parse(draft.value);
      } catch (failure) {
        setMessage(`The value of ${draft.key || 'the entry'} is not JSON (${(failure as Error).message}); strings need quotes: "text". Nothing was saved.`);
        return;
      }
    }
    try {
      setEntries(await bridge.setStorageEntry({ environment, installation, space: draft.space, ...(draft.space === 'entity' ? { entity: draft.entity } : {}), key: draft.key, value }));
      setDraft({ ...draft, key: '', value: '' });
      setMessage(`Saved ${draft.key}.`);
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const remove = async (entry: StorageEntry) => {
    setMessage(null);
    try {
      setEntries(await bridge.deleteStorageEntry({ environment, installation, space: entry.space, ...(entry.entity ? { entity: entry.entity } : {}), key: entry.key }));
    } catch (failure) {
      setMessage((failure as Error).message);
    }
  };
  const edit = (entry: StorageEntry) => setDraft({ space: entry.space, entity: entry.entity ?? '', key: entry.key, value: entry.space === 'secret' ? '' : JSON.stringify(entry.value, null, 2) });

  return (
    <details className="run-storage" open={entries.length > 0}>
      <summary>
        Storage of {installation} in {environment} ({entries.length} {entries.length === 1 ? 'entry' : 'entries'})
      </summary>
      <ul aria-label="Storage">
        {entries.map((entry) => (
          <li key={`${entry.space}|${entry.entity ?? ''}|${entry.key}`} className="storage-row">
            <span className="storage-key">
              <code>{entry.key}</code>
              {entry.space === 'entity' ? <span className="muted"> ({entry.entity})</span> : null}
            </span>
            {entry.space === 'secret' ? <span className="storage-value muted">(secret, value hidden)</span> : <StorageValue value={entry.value} />}
            <span className="storage-actions">
              <button type="button" onClick={() => edit(entry)} aria-label={`Edit ${entry.key}`}>
                Edit
              </button>{' '}
              <button type="button" onClick={() => void remove(entry)} aria-label={`Delete ${entry.key}`}>
                Delete
              </button>
            </span>
          </li>
        ))}
      </ul>
      <div className="storage-form" role="group" aria-label="Storage entry">
        <select aria-label="Storage space" value={draft.space} onChange={(event) => setDraft({ ...draft, space: event.target.value as Space })}>
          <option value="value">value</option>
          <option value="secret">secret</option>
          <option value="entity">entity</option>
        </select>
        {draft.space === 'entity' ? <input aria-label="Entity" placeholder="entity name" value={draft.entity} onChange={(event) => setDraft({ ...draft, entity: event.target.value })} /> : null}
        <input aria-label="Storage key" placeholder="key" value={draft.key} onChange={(event) => setDraft({ ...draft, key: event.target.value })} />
        <textarea
          aria-label="Storage value"
          placeholder={draft.space === 'secret' ? 'secret text (kept sealed; never shown again)' : 'JSON, e.g. {"enabled": true}'}
          value={draft.value}
          rows={2}
          spellCheck={false}
          onChange={(event) => setDraft({ ...draft, value: event.target.value })}
        />
        <button type="button" onClick={() => void save()} disabled={draft.key === ''}>
          Save entry
        </button>
        {message ? <span role="status">{message}</span> : null}
      </div>
    </details>
  );
}

/** The value on one line; a long one ends in an ellipsis, and Edit (or hovering it) shows it whole. */
function StorageValue({ value }: { value: unknown }) {
  const json = JSON.stringify(value);
  return (
    <span className="storage-value" title={json}>
      {json}
    </span>
  );
}
