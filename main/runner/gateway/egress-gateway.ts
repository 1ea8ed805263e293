import { hostCovers } from '../../manifest';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import type { Installation } from './installation';

/** Redirects followed at most, each one checked against the allow-list again. */
export const MAX_REDIRECTS = 5;
/** Single outbound request limit (FACTS §5.5). */
export const FETCH_TIMEOUT_MS = 180_000;

export interface FetchRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | null;
}

function egressRefusal(url: string, host: string): GatewayResponse {
  return jsonResponse(403, {
    code: 'REQUEST_EGRESS_ALLOWLIST_ERR',
    message: `URL not included in the external fetch backend permissions: ${url}. Visit go.atlassian.com/forge-egress for more information.`,
    host,
  });
}

/** Whether the installation's approved backend egress allows a URL (https only; by host, wildcards per the platform). */
export function egressDecision(installation: Installation, url: string): { allowed: boolean; host: string; reason: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { allowed: false, host: '', reason: `"${url}" is not an absolute URL` };
  }
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  if (parsed.protocol !== 'https:') return { allowed: false, host, reason: `${parsed.protocol} is not allowed; egress must use https` };
  const covering = installation.approvedEgress.find((declared) => hostCovers(declared.toLowerCase(), host));
  return covering
    ? { allowed: true, host, reason: `allowed by permissions.external.fetch.backend entry ${covering}` }
    : { allowed: false, host, reason: `${host} is not in permissions.external.fetch.backend; add {address: ${host}} to allow it` };
}

/** Make an allowed fetch from the host, checking every redirect hop against the allow-list. */
export async function egressFetch(
  installation: Installation,
  request: FetchRequest,
  fetchImpl: typeof fetch = fetch,
): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const method = request.method.toUpperCase();
  let url = request.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const decision = egressDecision(installation, url);
    if (!decision.allowed) {
      const reason = hop === 0 ? decision.reason : `redirected to ${url}: ${decision.reason}`;
      return { response: egressRefusal(url, decision.host), record: { kind: 'fetch', target: request.url, method, allowed: false, reason } };
    }
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method,
        headers: request.headers,
        body: hop === 0 && method !== 'GET' && method !== 'HEAD' ? request.body : undefined,
        redirect: 'manual',
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      });
    } catch (error) {
      const reason = `allowed, but the request failed: ${(error as Error).message}${/fetch failed/.test((error as Error).message) ? ' (offline?)' : ''}`;
      return { response: jsonResponse(502, { code: 'FUNCTION_FETCH_ERR', message: `Fetch to ${url} failed` }), record: { kind: 'fetch', target: request.url, method, allowed: true, reason } };
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => (headers[name] = value));
    return { response: { status: response.status, headers, body: await response.text() }, record: { kind: 'fetch', target: request.url, method, allowed: true, reason: decision.reason } };
  }
  return { response: jsonResponse(508, { message: `More than ${MAX_REDIRECTS} redirects` }), record: { kind: 'fetch', target: request.url, method, allowed: false, reason: `more than ${MAX_REDIRECTS} redirects` } };
}
