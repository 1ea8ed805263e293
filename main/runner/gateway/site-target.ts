import type { GatewayResponse } from './call-record';
import type { Installation } from './installation';
import type { ProductRequest } from './product-gateway';

/** The developer's Atlassian account (email and API token), read from the keychain by the host only. */
export interface SiteLogin {
  email: string;
  token: string;
}

export interface SiteTargetOptions {
  login: () => Promise<SiteLogin | null>;
  /** Where a site is reached; always https://<site> except in tests, which point it at a loopback server. */
  origin?: (site: string) => string;
  fetch?: typeof fetch;
}

const SITE_TIMEOUT_MS = 20_000;
// Only what app code needs from a real response; Set-Cookie and the like stay with the host.
const PASSED_HEADERS = ['content-type', 'retry-after', 'x-ratelimit-remaining', 'x-ratelimit-limit', 'location'];

/**
 * Send an allowed product call to the installation's real site, authenticated as the developer. The
 * token is added here, in the host, after the gateway has checked the call: app code never sees it.
 */
export async function answerFromSite(installation: Installation, request: ProductRequest, options: SiteTargetOptions): Promise<{ response: GatewayResponse; note: string }> {
  const login = await options.login();
  const origin = (options.origin ?? ((site) => `https://${site}`))(installation.site);
  if (!login) {
    return {
      response: { status: 401, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `Anvil has no Atlassian account to call ${installation.site} with` }) },
      note: `not sent to ${installation.site}: no Atlassian account in the vault; add one in the Credentials pane`,
    };
  }
  const url = siteUrl(origin, request.path);
  if (!url) {
    return {
      response: {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ message: `Anvil did not send ${request.path} to ${installation.site}: it is not a canonical path on the site` }),
      },
      note: `not sent to ${installation.site}: ${request.path} would not reach the site as the path that was checked`,
    };
  }
  const send = options.fetch ?? fetch;
  try {
    const response = await send(url, {
      method: request.method.toUpperCase(),
      headers: {
        authorization: `Basic ${Buffer.from(`${login.email}:${login.token}`).toString('base64')}`,
        accept: 'application/json',
        ...(request.body !== null ? { 'content-type': 'application/json' } : {}),
      },
      body: request.body,
      // A redirect could carry the token elsewhere: app code gets the 3xx, the host follows nothing.
      redirect: 'manual',
      signal: AbortSignal.timeout(SITE_TIMEOUT_MS),
    });
    const headers: Record<string, string> = {};
    for (const name of PASSED_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    return { response: { status: response.status, headers, body: await response.text() }, note: `sent to ${installation.site} as ${login.email}: ${response.status}` };
  } catch (error) {
    const cause = (error as Error).name === 'TimeoutError' ? `no answer in ${SITE_TIMEOUT_MS / 1000} s` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    return {
      response: { status: 503, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `${installation.site} could not be reached: ${cause}` }) },
      note: `${installation.site} could not be reached (${cause}); check the site name and your connection`,
    };
  }
}

/**
 * The URL a checked path is sent to, or null when the URL parser would send anything else: another
 * origin, or a path it rewrites. The site must receive exactly the path the gateway checked.
 */
export function siteUrl(origin: string, checkedPath: string): URL | null {
  if (!checkedPath.startsWith('/') || checkedPath.startsWith('//')) return null;
  let url: URL;
  try {
    url = new URL(checkedPath, origin);
  } catch {
    return null;
  }
  return url.origin === new URL(origin).origin && `${url.pathname}${url.search}` === checkedPath ? url : null;
}
