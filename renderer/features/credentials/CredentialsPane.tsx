import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AnvilBridge } from '../../../common/api';
import type { CredentialInfo, CredentialKind, ForgeLoginFound, VaultStatus } from '../../../common/types';

const KIND_LABELS: Record<CredentialKind, string> = {
  'atlassian-account': 'Atlassian account',
  'site-token': 'Site token',
  'provider-account': 'OAuth provider account',
  'secret-variable': 'Secret variable',
};

/** Tokens and secrets in the OS keychain. The pane sends values in and only ever gets names back. */
export function CredentialsPane({ bridge, environment }: { bridge: AnvilBridge; environment: string }) {
  const [status, setStatus] = useState<VaultStatus | null>(null);
  const [credentials, setCredentials] = useState<CredentialInfo[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const [forgeLogin, setForgeLogin] = useState<ForgeLoginFound | null>(null);

  const refresh = useCallback(async () => {
    const next = await bridge.getVaultStatus();
    setStatus(next);
    setCredentials(next.state === 'available' ? await bridge.listCredentials() : []);
  }, [bridge]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const attempt = async (action: () => Promise<unknown>, done?: string) => {
    setMessage(null);
    try {
      await action();
      if (done) setMessage(done);
    } catch (error) {
      setMessage((error as Error).message);
    }
    await refresh();
  };

  const account = credentials.find((credential) => credential.kind === 'atlassian-account');
  const others = credentials.filter((credential) => credential.kind !== 'atlassian-account');

  return (
    <div className="credentials-pane">
      {status ? (
        <div className={`banner ${status.state === 'available' ? 'ok' : 'error'}`} role={status.state === 'available' ? undefined : 'alert'}>
          {status.message} {status.fix ? <span className="fix">{status.fix}</span> : null}
        </div>
      ) : null}
      {message ? (
        <p className="credentials-message" role="status">
          {message}
        </p>
      ) : null}

      <section aria-label="Atlassian account">
        <h2>Atlassian account</h2>
        {account ? (
          <p>
            {account.label} · token …{account.lastFour ?? '????'} · set {account.setAt.slice(0, 16).replace('T', ' ')}{' '}
            <button type="button" onClick={() => void attempt(async () => setMessage((await bridge.verifyAtlassianAccount()).message))}>
              Verify
            </button>{' '}
            <button type="button" onClick={() => void attempt(() => bridge.deleteCredential({ name: account.name }), 'Atlassian account removed.')}>
              Remove
            </button>
          </p>
        ) : (
          <p className="muted">Not set.</p>
        )}
        <SecretForm
          fields={{ label: 'Email', value: 'API token' }}
          submitLabel="Save account"
          onSubmit={(label, value) => attempt(() => bridge.setCredential({ kind: 'atlassian-account', label, value }), 'Atlassian account saved in the keychain.')}
        />
        <p>
          <button type="button" onClick={() => void attempt(async () => setForgeLogin(await bridge.findForgeLogin()))}>
            Use the Forge CLI login
          </button>
        </p>
        {forgeLogin ? (
          <p className={forgeLogin.found ? undefined : 'muted'}>
            {forgeLogin.message}
            {forgeLogin.found ? (
              <>
                {' '}
                {forgeLogin.email} · token …{forgeLogin.lastFour}{' '}
                <button type="button" onClick={() => void attempt(() => bridge.importForgeLogin(), 'The Forge CLI login is now Anvil’s Atlassian account.')}>
                  Use this login
                </button>
              </>
            ) : null}
          </p>
        ) : null}
      </section>

      <section aria-label="Other credentials">
        <h2>Site tokens, provider accounts and secret variables</h2>
        <table className="credentials-table">
          <thead>
            <tr>
              <th>Kind</th>
              <th>For</th>
              <th>Environment</th>
              <th>Value</th>
              <th>Set</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {others.map((credential) => (
              <tr key={credential.name} data-name={credential.name}>
                <td>{KIND_LABELS[credential.kind]}</td>
                <td>{credential.label}</td>
                <td>{credential.environment ?? '—'}</td>
                <td>…{credential.lastFour ?? '????'}</td>
                <td>{credential.setAt.slice(0, 16).replace('T', ' ')}</td>
                <td>
                  <button type="button" onClick={() => void attempt(() => bridge.deleteCredential({ name: credential.name }), `${credential.label} removed.`)}>
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <NewCredentialForm
          environment={environment}
          onSubmit={(kind, label, value) =>
            attempt(() => bridge.setCredential({ kind, label, value, environment: kind === 'site-token' ? undefined : environment }), `${label} saved in the keychain.`)
          }
        />
      </section>
    </div>
  );
}

function SecretForm({ fields, submitLabel, onSubmit }: { fields: { label: string; value: string }; submitLabel: string; onSubmit: (label: string, value: string) => Promise<void> }) {
  const [label, setLabel] = useState('');
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void onSubmit(label.trim(), value).then(() => setValue(''));
  };
  return (
    <form className="secret-form" onSubmit={submit}>
      <input aria-label={fields.label} placeholder={fields.label} value={label} onChange={(event) => setLabel(event.target.value)} />
      <input aria-label={fields.value} placeholder={fields.value} type="password" autoComplete="off" value={value} onChange={(event) => setValue(event.target.value)} />
      <button type="submit" disabled={label.trim() === '' || value === ''}>
        {submitLabel}
      </button>
    </form>
  );
}

function NewCredentialForm({ environment, onSubmit }: { environment: string; onSubmit: (kind: CredentialKind, label: string, value: string) => Promise<void> }) {
  const [kind, setKind] = useState<CredentialKind>('site-token');
  const placeholder = kind === 'site-token' ? 'Site (acme.atlassian.net)' : kind === 'provider-account' ? 'Provider key' : 'Variable name';
  return (
    <div className="new-credential">
      <select aria-label="Credential kind" value={kind} onChange={(event) => setKind(event.target.value as CredentialKind)}>
        <option value="site-token">Site token</option>
        <option value="provider-account">OAuth provider account ({environment})</option>
        <option value="secret-variable">Secret variable ({environment})</option>
      </select>
      <SecretForm key={kind} fields={{ label: placeholder, value: 'Value' }} submitLabel="Save" onSubmit={(label, value) => onSubmit(kind, label, value)} />
    </div>
  );
}
