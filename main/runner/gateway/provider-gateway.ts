import { anything, passes, recordOf } from '../../contract';
import { modulesOf } from '../../manifest';
import type { CallRecord, GatewayResponse } from './call-record';

/** An OAuth provider of the manifest (`providers.auth[]`), with its remotes resolved to base URLs. */
export interface AuthProvider {
  key: string;
  name: string;
  scopes: string[];
  bearerMethod: { type: 'authorization-header' | 'uri-query' | 'form-encoded'; prefix: string; parameter: string };
  remotes: { key: string; baseUrl: string }[];
}

/** The account a developer connected for a provider in an environment; the token stays in the host. */
export interface ConnectedAccount {
  token: string;
  displayName: string;
  /** Scopes the account granted; the provider's manifest scopes when the developer did not say. */
  scopes: string[];
}

export interface ProviderOptions {
  /** The connected account for a provider in an environment (from the keychain), or null. */
  account: (environment: string, providerKey: string) => Promise<ConnectedAccount | null>;
  fetch?: typeof fetch;
}

const LOCAL_ACCOUNT_ID = (provider: string) => `anvil-local-${provider}`;

// The manifest is the app's and may not have passed validation: every level is checked before it
// is read, so a null where an object belongs drops that entry instead of throwing.
const anyObject = recordOf(anything);
const EMPTY: Record<string, unknown> = {};
const objectOr = (value: unknown): Record<string, unknown> => (passes(value, anyObject) ? value : EMPTY);
const objects = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((item: unknown): item is Record<string, unknown> => passes(item, anyObject)) : []);

/** The manifest's OAuth providers. */
export function authProviders(manifest: unknown): AuthProvider[] {
  const root = objectOr(manifest);
  const remotes = new Map<string, string>();
  for (const remote of objects(root.remotes)) {
    const fallback = objectOr(remote.baseUrl).default;
    const baseUrl = typeof remote.baseUrl === 'string' ? remote.baseUrl : typeof fallback === 'string' ? fallback : null;
    if (typeof remote.key === 'string' && baseUrl) remotes.set(remote.key, baseUrl);
  }
  return objects(objectOr(root.providers).auth).flatMap((entry) => {
    if (typeof entry.key !== 'string') return [];
    const remoteKeys = Array.isArray(entry.remotes) ? entry.remotes.filter((key): key is string => typeof key === 'string') : [];
    return [
      {
        key: entry.key,
        name: typeof entry.name === 'string' ? entry.name : entry.key,
        scopes: Array.isArray(entry.scopes) ? entry.scopes.filter((scope): scope is string => typeof scope === 'string') : [],
        bearerMethod: bearerMethodOf(entry.bearerMethod),
        remotes: remoteKeys.flatMap((key) => (remotes.has(key) ? [{ key, baseUrl: remotes.get(key)! }] : [])),
      },
    ];
  });
}

function bearerMethodOf(value: unknown): AuthProvider['bearerMethod'] {
  if (passes(value, anyObject)) {
    const type = value.type === 'uri-query' || value.type === 'form-encoded' ? value.type : 'authorization-header';
    return { type, prefix: typeof value.prefix === 'string' ? value.prefix : 'Bearer ', parameter: typeof value.parameter === 'string' ? value.parameter : 'access_token' };
  }
  const type = value === 'uri-query' || value === 'form-encoded' ? value : 'authorization-header';
  return { type, prefix: 'Bearer ', parameter: 'access_token' };
}

/** The providers a function declares (`function.providers.auth`): the only ones its code may use. */
export function functionProviders(manifest: unknown, functionKey: string): string[] {
  const fn = modulesOf(manifest).find((module) => module.type === 'function' && module.key === functionKey);
  const auth = objectOr(fn?.value.providers).auth;
  if (!Array.isArray(auth)) return [];
  return auth.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [entry];
    const provider = objectOr(entry).provider;
    return typeof provider === 'string' ? [provider] : [];
  });
}

/**
 * `__forge_runtime__.externalAuth` for one invocation: the function's providers, their remotes, and
 * the connected account (id, name, scopes). The token is not in it: the host adds it to each fetch.
 */
export async function externalAuthFor(manifest: unknown, functionKey: string, environment: string, options: ProviderOptions): Promise<unknown[]> {
  const declared = new Set(functionProviders(manifest, functionKey));
  const providers = authProviders(manifest).filter((provider) => declared.has(provider.key));
  return Promise.all(
    providers.map(async (provider) => {
      const account = await options.account(environment, provider.key).catch(() => null);
      return {
        service: provider.key,
        remotes: provider.remotes,
        accounts: account
          ? [
              {
                id: LOCAL_ACCOUNT_ID(provider.key),
                externalAccountId: `${provider.key}-account`,
                displayName: account.displayName,
                scopes: account.scopes.length > 0 ? account.scopes : provider.scopes,
              },
            ]
          : [],
      };
    }),
  );
}

export interface ProviderRequest {
  provider: string;
  remote: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

/**
 * A fetch through an OAuth provider (`asUser().withProvider(p).fetch`): only from a function that
 * declares the provider, only to that provider's remotes, with the connected account's token added
 * as the manifest's bearerMethod says. Without an account, the platform's NEEDS_AUTHENTICATION_ERR.
 */
export async function providerFetch(
  manifest: unknown,
  functionKey: string,
  environment: string,
  request: ProviderRequest,
  options: ProviderOptions,
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const method = request.method.toUpperCase();
  const target = `${request.provider}/${request.remote} ${request.path}`;
  const refuse = (status: number, reason: string, proxyError: string) => ({
    response: { status, headers: { 'content-type': 'application/json', 'forge-proxy-error': proxyError }, body: JSON.stringify({ message: reason }) },
    record: { kind: 'fetch' as const, target, method, allowed: false, reason },
  });
  const provider = authProviders(manifest).find((candidate) => candidate.key === request.provider);
  if (!provider) return refuse(400, `no provider "${request.provider}" under providers.auth in the manifest`, 'INVALID_PROVIDER');
  if (!functionProviders(manifest, functionKey).includes(provider.key)) {
    return refuse(403, `function ${functionKey} does not declare the provider ${provider.key}; add it to the function's providers.auth`, 'PROVIDER_NOT_DECLARED');
  }
  const remote = provider.remotes.find((candidate) => candidate.key === request.remote);
  if (!remote)
    return refuse(403, `${request.remote} is not a remote of provider ${provider.key}; its remotes: ${provider.remotes.map((candidate) => candidate.key).join(', ') || 'none'}`, 'INVALID_REMOTE');
  const account = await options.account(environment, provider.key);
  if (!account)
    return refuse(401, `no ${provider.name} account is connected in ${environment}; connect one in the Credentials pane (kind provider-account, label ${provider.key})`, 'NEEDS_AUTHENTICATION_ERR');
  const resolved = remoteUrl(remote, request.path);
  if (!resolved.ok) return refuse(403, resolved.reason, 'INVALID_REMOTE');
  const url = resolved.url;
  const headers: Record<string, string> = { ...request.headers };
  for (const name of Object.keys(headers)) if (name.toLowerCase() === 'authorization') delete headers[name];
  let body = request.body;
  if (provider.bearerMethod.type === 'authorization-header') headers.authorization = `${provider.bearerMethod.prefix}${account.token}`;
  else if (provider.bearerMethod.type === 'uri-query') url.searchParams.set(provider.bearerMethod.parameter, account.token);
  else body = `${body ? `${body}&` : ''}${encodeURIComponent(provider.bearerMethod.parameter)}=${encodeURIComponent(account.token)}`;
  try {
    const response = await (options.fetch ?? fetch)(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? null : body, redirect: 'manual', signal: AbortSignal.timeout(20_000) });
    const passed: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie') passed[name] = value;
    });
    const shown = new URL(url);
    if (shown.searchParams.has(provider.bearerMethod.parameter)) shown.searchParams.set(provider.bearerMethod.parameter, '[token]');
    return {
      response: { status: response.status, headers: passed, body: await response.text() },
      record: {
        kind: 'fetch',
        target: `${provider.key} ${shown.origin}${shown.pathname}`,
        method,
        allowed: true,
        reason: `sent as ${account.displayName} (${provider.bearerMethod.type}): ${response.status}`,
      },
    };
  } catch (error) {
    return refuse(502, `${remote.baseUrl} could not be reached: ${(error as { cause?: Error }).cause?.message ?? (error as Error).message}`, 'PROVIDER_UNREACHABLE');
  }
}

/**
 * The URL a provider fetch goes to: the path appended to the remote's base URL, resolved by the URL
 * parser, and accepted only when it keeps the remote's exact origin and stays under its base path,
 * because the provider's token goes with it.
 */
export function remoteUrl(remote: { key: string; baseUrl: string }, path: string): { ok: true; url: URL } | { ok: false; reason: string } {
  const leaves = (why: string) => ({
    ok: false as const,
    reason: `${JSON.stringify(path)} ${why}; a provider's token only goes to its remote ${remote.key} (${remote.baseUrl}), so give a path on it`,
  });
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) return leaves('is an absolute URL');
  if (path.startsWith('//')) return leaves('names another host');
  if (path.includes('\\')) return leaves('contains "\\", which URL parsers read as "/"');
  if (/[\u0000-\u001f\u007f]/.test(path)) return leaves('contains a control character');
  let base: URL;
  try {
    base = new URL(remote.baseUrl);
  } catch {
    return { ok: false, reason: `the remote ${remote.key} has the base URL ${JSON.stringify(remote.baseUrl)}, which is not a URL; fix remotes[].baseUrl in the manifest` };
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  let url: URL;
  try {
    // Origin and a "/" are written out first, so nothing in the app's path can become an authority.
    const relative = `/${path.replace(/^\/+/, '')}`;
    // A path that already starts with the base path is not given it twice.
    const underBase = basePath !== '' && (relative === basePath || relative.startsWith(`${basePath}/`)) ? relative : `${basePath}${relative}`;
    url = new URL(`${base.origin}${underBase}`);
  } catch {
    return leaves('is not a valid path');
  }
  if (url.origin !== base.origin || url.username !== '' || url.password !== '') return leaves(`resolves to ${url.origin}, not ${base.origin}`);
  if (basePath !== '' && url.pathname !== basePath && !url.pathname.startsWith(`${basePath}/`)) return leaves(`resolves to ${url.pathname}, outside the remote's base path ${basePath}`);
  return { ok: true, url };
}
