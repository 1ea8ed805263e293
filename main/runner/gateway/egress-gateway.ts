import { hostCovers } from '../../manifest';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import { nonPublicRange } from './address-ranges';
import { systemNetwork, type EgressAnswer, type EgressNetwork, type ResolvedAddress } from './egress-transport';
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
  /** 'base64' when the app sent bytes that are not UTF-8 text: they go out exactly as sent. */
  bodyEncoding?: 'base64';
}

function bodyBytes(request: FetchRequest): string | Buffer | null {
  return request.body !== null && request.bodyEncoding === 'base64' ? Buffer.from(request.body, 'base64') : request.body;
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

/**
 * Where an allowed host resolves, and the address to connect to; refused when any address is on the
 * developer's machine or a private network, because the platform's egress never reaches those.
 */
async function publicAddress(host: string, network: EgressNetwork): Promise<{ pinned: ResolvedAddress } | { reason: string; refused: boolean }> {
  let addresses: ResolvedAddress[];
  try {
    addresses = await network.resolve(host);
  } catch (error) {
    return { refused: false, reason: `allowed, but ${host} could not be resolved (${(error as { code?: string }).code ?? (error as Error).message}); check the host name and your connection` };
  }
  if (addresses.length === 0) return { refused: false, reason: `allowed, but ${host} resolves to no address; check the host name` };
  for (const { address } of addresses) {
    const range = nonPublicRange(address);
    if (range) {
      const named = address === host ? host : `${host} resolves to ${address}, which`;
      return {
        refused: true,
        reason: `${named} is not public (${range}): the platform's egress never reaches your machine or private networks, whatever permissions.external.fetch.backend allows; use a public host`,
      };
    }
  }
  return { pinned: addresses[0]! };
}

/**
 * Make an allowed fetch from the host, checking every redirect hop against the allow-list and the
 * address it resolves to, and connecting to exactly the address that was checked.
 */
export async function egressFetch(installation: Installation, request: FetchRequest, network: EgressNetwork = systemNetwork): Promise<{ response: GatewayResponse; record: CallRecord }> {
  const method = request.method.toUpperCase();
  let url = request.url;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const redirected = (reason: string) => (hop === 0 ? reason : `redirected to ${url}: ${reason}`);
    const decision = egressDecision(installation, url);
    if (!decision.allowed) {
      return { response: egressRefusal(url, decision.host), record: { kind: 'fetch', target: request.url, method, allowed: false, reason: redirected(decision.reason) } };
    }
    const resolved = await publicAddress(decision.host, network);
    if ('reason' in resolved && resolved.refused) {
      return { response: egressRefusal(url, decision.host), record: { kind: 'fetch', target: request.url, method, allowed: false, reason: redirected(resolved.reason) } };
    }
    if ('reason' in resolved) {
      return {
        response: jsonResponse(502, { code: 'FUNCTION_FETCH_ERR', message: `Fetch to ${url} failed` }),
        record: { kind: 'fetch', target: request.url, method, allowed: true, reason: redirected(resolved.reason) },
      };
    }
    let answer: EgressAnswer;
    try {
      answer = await network.send(
        new URL(url),
        { method, headers: request.headers, body: hop === 0 && method !== 'GET' && method !== 'HEAD' ? bodyBytes(request) : null, timeoutMs: FETCH_TIMEOUT_MS },
        resolved.pinned,
      );
    } catch (error) {
      const cause = ['TimeoutError', 'AbortError'].includes((error as Error).name) ? `no answer in ${FETCH_TIMEOUT_MS / 1000} s` : (error as Error).message;
      const reason = `allowed, but the request failed: ${cause}`;
      return { response: jsonResponse(502, { code: 'FUNCTION_FETCH_ERR', message: `Fetch to ${url} failed` }), record: { kind: 'fetch', target: request.url, method, allowed: true, reason } };
    }
    const location = answer.headers.location;
    if (answer.status >= 300 && answer.status < 400 && location) {
      url = new URL(location, url).toString();
      continue;
    }
    return { response: answer, record: { kind: 'fetch', target: request.url, method, allowed: true, reason: decision.reason } };
  }
  return {
    response: jsonResponse(508, { message: `More than ${MAX_REDIRECTS} redirects` }),
    record: { kind: 'fetch', target: request.url, method, allowed: false, reason: `more than ${MAX_REDIRECTS} redirects` },
  };
}
