import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';

/** The product call of an invocation, as the child describes it (`__forge_fetch__`'s first argument). */
export interface ProductCallMeta {
  type?: unknown;
  provider?: unknown;
  remote?: unknown;
  accountId?: unknown;
}

/**
 * `asUser()` in an invocation with no user (a scheduled trigger, a web trigger, a product event, a
 * queue consumer): the platform's proxy has no user token to attach and answers with its
 * `NEEDS_AUTHENTICATION_ERR` proxy error, which every @forge/api line turns into a thrown
 * `NeedsAuthenticationError` ("Authentication Required", status 401). `asUser(accountId)` names a
 * user itself (offline impersonation) and is decided as before. Null when the call may go on.
 */
export function noUserRefusal(meta: ProductCallMeta | undefined, user: string | null, moduleType: string, target: string, method: string): { response: GatewayResponse; record: CallRecord } | null {
  if (user !== null || meta?.type !== 'fpp' || meta.provider !== 'user') return null;
  if (typeof meta.accountId === 'string' && meta.accountId !== '') return null;
  return {
    response: jsonResponse(401, { code: 401, message: 'Authentication Required' }, { 'forge-proxy-error': 'NEEDS_AUTHENTICATION_ERR' }),
    record: {
      kind: 'product',
      target,
      method: method.toUpperCase(),
      allowed: false,
      reason: `asUser() needs the invoking user, and a ${moduleType} invocation has none: use asApp(), or asUser(accountId) with a scope that allows impersonation`,
    },
  };
}
