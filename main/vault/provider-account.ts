import { anything, fields, optional, parseJson, required, string } from '../contract';
import { credentialName, type Vault } from './vault';

const providerAccountJson = fields({ accessToken: required(string()), displayName: optional(anything), scopes: optional(anything) });

/**
 * The account a developer connected for an OAuth provider in an environment: a `provider-account`
 * credential labelled with the provider key. Its value is the access token, or JSON
 * `{"accessToken", "displayName"?, "scopes"?}` to say more. For host code only.
 */
export async function connectedProviderAccount(vault: Vault, environment: string, providerKey: string): Promise<{ token: string; displayName: string; scopes: string[] } | null> {
  const name = credentialName('provider-account', providerKey, environment);
  if (!(await vault.has(name))) return null;
  const value = await vault.read(name);
  // Anything else (not JSON, or JSON without an accessToken) is the token itself.
  const parsed = parseJson(value, providerAccountJson);
  if (parsed.ok) {
    const { accessToken, displayName, scopes } = parsed.value;
    return {
      token: accessToken,
      displayName: typeof displayName === 'string' ? displayName : `${providerKey} account`,
      scopes: Array.isArray(scopes) ? scopes.filter((scope): scope is string => typeof scope === 'string') : [],
    };
  }
  return { token: value, displayName: `${providerKey} account`, scopes: [] };
}
