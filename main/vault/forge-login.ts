import type { AccountCheck, ForgeLoginFound } from '../../common/types';
import { parseAtlassianLogin, type AtlassianLogin } from './atlassian-login';
import type { KeychainClient } from './keychain-client';
import { statusFromError } from './keychain-status';

/** Where the Forge CLI keeps its login (FACTS §7.1): keytar service `Atlassian`, account `Ecosystem` for production. */
export const FORGE_CLI_SERVICE = 'Atlassian';
export const FORGE_CLI_ACCOUNT = 'Ecosystem';
const GRAPHQL_GATEWAY = 'https://api.atlassian.com/graphql';
const VERIFY_TIMEOUT_MS = 8_000;

export type { AtlassianLogin };

/**
 * The Forge CLI's login, the way the CLI itself finds it: FORGE_EMAIL and FORGE_API_TOKEN together
 * take priority over the keychain entry.
 */
export async function findForgeLogin(keychain: KeychainClient, env: NodeJS.ProcessEnv = process.env): Promise<{ login: AtlassianLogin | null; found: ForgeLoginFound }> {
  if (env.FORGE_EMAIL && env.FORGE_API_TOKEN) {
    const login = { email: env.FORGE_EMAIL, token: env.FORGE_API_TOKEN };
    return { login, found: { found: true, source: 'environment', email: login.email, lastFour: login.token.slice(-4), message: 'Found FORGE_EMAIL and FORGE_API_TOKEN in the environment.' } };
  }
  let stored: string | null;
  try {
    stored = await keychain.get(FORGE_CLI_SERVICE, FORGE_CLI_ACCOUNT);
  } catch (error) {
    const status = statusFromError((error as Error).message);
    return { login: null, found: { found: false, source: null, email: null, lastFour: null, message: `${status.message} ${status.fix ?? ''}`.trim() } };
  }
  if (stored === null) {
    return { login: null, found: { found: false, source: null, email: null, lastFour: null, message: 'No Forge CLI login in the keychain. Run forge login, or enter your email and API token here.' } };
  }
  const parsed = parseAtlassianLogin(stored);
  if (!parsed.ok) {
    return {
      login: null,
      found: { found: false, source: null, email: null, lastFour: null, message: `The Forge CLI keychain entry is not in the format Anvil knows (${parsed.problem}); run forge login again.` },
    };
  }
  const login = parsed.value;
  return { login, found: { found: true, source: 'keychain', email: login.email, lastFour: login.token.slice(-4), message: 'Found the Forge CLI login in the keychain.' } };
}

/** Check an email and API token against Atlassian (the query the Forge CLI uses); offline is said as such. */
export async function verifyAtlassianLogin(login: AtlassianLogin, fetchImpl: typeof fetch = fetch): Promise<AccountCheck> {
  let response: Response;
  try {
    response = await fetchImpl(GRAPHQL_GATEWAY, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Basic ${Buffer.from(`${login.email}:${login.token}`).toString('base64')}` },
      body: JSON.stringify({ query: 'query anvil_me { me { user { accountId } } }' }),
      signal: AbortSignal.timeout(VERIFY_TIMEOUT_MS),
    });
  } catch {
    return { verified: false, message: 'Could not verify: offline (api.atlassian.com cannot be reached). The token is kept and will be checked when you are online.' };
  }
  if (response.status === 401 || response.status === 403)
    return { verified: false, message: `Atlassian refused this email and API token (HTTP ${response.status}). Create a new token at id.atlassian.com and set it again.` };
  if (!response.ok) return { verified: false, message: `Could not verify: Atlassian answered HTTP ${response.status}.` };
  const body = (await response.json().catch(() => null)) as { data?: { me?: { user?: { accountId?: string } } } } | null;
  const accountId = body?.data?.me?.user?.accountId;
  return accountId ? { verified: true, message: `Verified: account ${accountId}.` } : { verified: false, message: 'Could not verify: Atlassian did not return the account.' };
}
