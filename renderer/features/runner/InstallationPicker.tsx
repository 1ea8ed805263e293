import { useEffect, useState } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { InstallationInfo } from '../../../common/types';

const PRODUCTS = ['jira', 'confluence', 'bitbucket', 'compass'];

/** Choose the installation (site + product) an invocation runs for, and add or remove the developer's own. */
export function InstallationPicker({ bridge, environment, folder, value, onChange }: { bridge: AnvilBridge; environment: string; folder: string; value: string; onChange: (name: string) => void }) {
  const [installations, setInstallations] = useState<InstallationInfo[]>([]);
  const [adding, setAdding] = useState(false);
  const [draft, setDraft] = useState({ name: '', site: '', product: 'jira', target: 'fixtures' as 'fixtures' | 'site' });
  const [error, setError] = useState<string | null>(null);

  const show = (next: InstallationInfo[]) => {
    setInstallations(next);
    if (!next.some((installation) => installation.name === value)) onChange(next[0]?.name ?? '');
  };
  useEffect(() => {
    void bridge.listInstallations({ environment }).then(show, (failure: Error) => setError(failure.message));
    // Reload when the app or environment changes, not on every pick.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [bridge, environment, folder]);

  const save = async () => {
    setError(null);
    try {
      const next = await bridge.saveInstallation({ environment, ...draft });
      setInstallations(next);
      onChange(draft.name.trim());
      setAdding(false);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const remove = async () => {
    setError(null);
    try {
      show(await bridge.deleteInstallation({ environment, name: value }));
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  const selected = installations.find((installation) => installation.name === value);

  return (
    <span className="installation-picker">
      <label>
        on
        <select aria-label="Installation" value={value} onChange={(event) => onChange(event.target.value)}>
          {installations.map((installation) => (
            <option key={installation.name} value={installation.name}>
              {installation.name} ({installation.product} on {installation.site}, {installation.target === 'site' ? 'real site' : 'fixtures'})
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="link" onClick={() => setAdding(!adding)}>
        Add installation
      </button>
      {selected && !selected.builtIn ? (
        <button type="button" className="link" onClick={() => void remove()}>
          Remove
        </button>
      ) : null}
      {adding ? (
        <span className="installation-form" role="group" aria-label="New installation">
          <input aria-label="Installation name" placeholder="acme-jira" value={draft.name} onChange={(event) => setDraft({ ...draft, name: event.target.value })} />
          <input aria-label="Installation site" placeholder="acme.atlassian.net" value={draft.site} onChange={(event) => setDraft({ ...draft, site: event.target.value })} />
          <select aria-label="Product" value={draft.product} onChange={(event) => setDraft({ ...draft, product: event.target.value })}>
            {PRODUCTS.map((product) => (
              <option key={product}>{product}</option>
            ))}
          </select>
          <select aria-label="Target" value={draft.target} onChange={(event) => setDraft({ ...draft, target: event.target.value as 'fixtures' | 'site' })}>
            <option value="fixtures">answer from fixtures</option>
            <option value="site">call the real site (as your Atlassian account)</option>
          </select>
          <button type="button" onClick={() => void save()}>
            Save installation
          </button>
        </span>
      ) : null}
      {error ? (
        <span className="error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
