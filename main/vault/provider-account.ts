import { credentialName, type Vault } from './vault';

/**
 * The account a developer connected for an OAuth provider in an environment: a `provider-account`
 * credential labelled with the provider key. Its value is the access token, or JSON
 * `{"accessToken", "displayName"?, "scopes"?}` to say more. For host code only.
 */
export async function connectedProviderAccount(vault: Vault, environment: string, providerKey: string): Promise<{ token: string; displayName: string; scopes: string[] } | null> {
  const name = credentialName('provider-account', providerKey, environment);
  if (!(await vault.has(name))) return null;
  const value = await vault.read(name);
  try {
    const parsed = JSON.parse(value) as { accessToken?: unknown; displayName?: unknown; scopes?: unknown };
    if (parsed && typeof parsed === 'object' && typeof parsed.accessToken === 'string') {
      return {
        token: parsed.accessToken,
        displayName: typeof parsed.displayName === 'string' ? parsed.displayName : `${providerKey} account`,
        scopes: Array.isArray(parsed.scopes) ? parsed.scopes.filter((scope): scope is string => typeof scope === 'string') : [],
      };
    }
  } catch {
    // Not JSON: the value is the token itself.
  }
  return { token: value, displayName: `${providerKey} account`, scopes: [] };
}
