import { randomBytes } from 'node:crypto';
import type { CredentialInfo, CredentialKind, VaultStatus } from '../../common/types';
import { AnvilError } from '../contract';
import { parseAtlassianLogin } from './atlassian-login';
import type { KeychainClient } from './keychain-client';
import { statusFromError } from './keychain-status';
import { VaultIndex, type IndexEntry } from './vault-index';

/** Anvil's own entries in the OS keychain live under this service name. */
export const VAULT_SERVICE = 'Anvil';
const PROBE_ACCOUNT = 'anvil-availability-probe';

export interface NewCredential {
  kind: CredentialKind;
  /** The site, provider or variable name; for the Atlassian account, its email. */
  label: string;
  environment?: string | null;
  value: string;
}

/** The name a credential is stored under. */
export function credentialName(kind: CredentialKind, label: string, environment: string | null): string {
  if (kind === 'atlassian-account') return 'atlassian-account';
  return [kind, environment, label].filter((part) => part !== null && part !== '').join(':');
}

function lastFourOf(kind: CredentialKind, value: string): string {
  if (kind !== 'atlassian-account') return value.slice(-4);
  // An account changed outside Anvil shows no characters rather than four of its JSON.
  const login = parseAtlassianLogin(value);
  const secret = login.ok ? login.value.token : '';
  return secret.slice(-4);
}

/**
 * Secrets in the OS keychain. Values go in here and come out only to host code that needs them
 * (`read`); everything the renderer sees is a `CredentialInfo` with at most the last four characters.
 */
export class Vault {
  private readonly index: VaultIndex;

  constructor(
    dataDir: string,
    private readonly keychain: KeychainClient,
  ) {
    this.index = new VaultIndex(dataDir);
  }

  /** Write, read and delete a probe entry: the only reliable test that secrets can be kept right now. */
  async status(): Promise<VaultStatus> {
    try {
      await this.keychain.set(VAULT_SERVICE, PROBE_ACCOUNT, 'probe');
      const back = await this.keychain.get(VAULT_SERVICE, PROBE_ACCOUNT);
      await this.keychain.delete(VAULT_SERVICE, PROBE_ACCOUNT);
      if (back !== 'probe') return statusFromError('locked: the probe entry could not be read back');
      return { state: 'available', message: 'Secrets are kept in the OS keychain.', fix: null };
    } catch (error) {
      return statusFromError((error as Error).message);
    }
  }

  /** Whether a credential of that name is set (from the index: no keychain access). */
  async has(name: string): Promise<boolean> {
    return (await this.index.entries()).some((entry) => entry.name === name);
  }

  async list(): Promise<CredentialInfo[]> {
    const entries = await this.index.entries();
    return Promise.all(entries.map(async (entry) => ({ ...entry, lastFour: await this.lastFour(entry) })));
  }

  async set(credential: NewCredential): Promise<CredentialInfo> {
    const environment = credential.environment ?? null;
    const name = credentialName(credential.kind, credential.label, environment);
    try {
      await this.keychain.set(VAULT_SERVICE, name, credential.value);
    } catch (error) {
      const status = statusFromError((error as Error).message);
      // Never a plaintext fallback: without a keychain the secret is not kept at all.
      throw new AnvilError('unsupported', `${credential.label} was not saved. ${status.message}${status.fix ? ` ${status.fix}` : ''}`);
    }
    const entry: IndexEntry = { name, kind: credential.kind, label: credential.label, environment, setAt: new Date().toISOString() };
    await this.index.put(entry);
    return { ...entry, lastFour: lastFourOf(credential.kind, credential.value) };
  }

  async delete(name: string): Promise<void> {
    const known = (await this.index.entries()).some((entry) => entry.name === name);
    if (!known) throw new AnvilError('bad-request', `No credential named "${name}". The Credentials pane lists the names.`);
    try {
      await this.keychain.delete(VAULT_SERVICE, name);
    } catch (error) {
      const status = statusFromError((error as Error).message);
      throw new AnvilError('unsupported', `"${name}" was not deleted. ${status.message}${status.fix ? ` ${status.fix}` : ''}`);
    }
    await this.index.remove(name);
  }

  /** A secret's value, for host code only (the runner gateway, a terminal on request). Never send it to the renderer. */
  async read(name: string): Promise<string> {
    const known = (await this.index.entries()).some((entry) => entry.name === name);
    if (!known) throw new AnvilError('bad-request', `No credential named "${name}" is set.`);
    let value: string | null;
    try {
      value = await this.keychain.get(VAULT_SERVICE, name);
    } catch (error) {
      throw new AnvilError('unsupported', statusFromError((error as Error).message).message);
    }
    if (value === null) {
      // The index says it exists, so null means the keychain is locked or the entry was removed outside Anvil.
      const status = await this.status();
      throw new AnvilError(
        'unsupported',
        status.state === 'available' ? `"${name}" is no longer in the keychain (removed outside Anvil); set it again.` : `${status.message} ${status.fix ?? ''}`.trim(),
      );
    }
    return value;
  }

  /**
   * A random 256-bit key kept in the keychain for Anvil's own use (sealing app secrets in storage),
   * made on first use. Not listed among credentials: nobody types or reads it.
   */
  async dataKey(purpose: string): Promise<Buffer> {
    const account = `data-key:${purpose}`;
    try {
      const existing = await this.keychain.get(VAULT_SERVICE, account);
      if (existing !== null) return Buffer.from(existing, 'base64');
      const key = randomBytes(32);
      await this.keychain.set(VAULT_SERVICE, account, key.toString('base64'));
      return key;
    } catch (error) {
      const status = statusFromError((error as Error).message);
      throw new AnvilError('unsupported', `${status.message}${status.fix ? ` ${status.fix}` : ''}`);
    }
  }

  private async lastFour(entry: IndexEntry): Promise<string | null> {
    try {
      const value = await this.keychain.get(VAULT_SERVICE, entry.name);
      return value === null ? null : lastFourOf(entry.kind, value);
    } catch {
      return null;
    }
  }
}
