import { AnvilError } from '../contract';
import { parseAtlassianLogin, type AtlassianLogin } from './atlassian-login';
import type { Vault } from './vault';

/** The developer's Atlassian account from the vault (email and API token), for host code only; null when none is set. */
export async function storedAtlassianLogin(vault: Vault): Promise<AtlassianLogin | null> {
  if (!(await vault.has('atlassian-account'))) return null;
  const parsed = parseAtlassianLogin(await vault.read('atlassian-account'));
  if (!parsed.ok) {
    // The keychain entry was changed outside Anvil; the problem names a field, never the value.
    throw new AnvilError('bad-request', `The Atlassian account in the keychain is not valid: ${parsed.problem}; set it again in the Credentials pane (or with anvil vault set atlassian-account).`);
  }
  return parsed.value;
}
