import type { AtlassianLogin } from './forge-login';
import type { Vault } from './vault';

/** The developer's Atlassian account from the vault (email and API token), for host code only; null when none is set. */
export async function storedAtlassianLogin(vault: Vault): Promise<AtlassianLogin | null> {
  if (!(await vault.has('atlassian-account'))) return null;
  const parsed = JSON.parse(await vault.read('atlassian-account')) as AtlassianLogin;
  return { email: parsed.email, token: parsed.token };
}
