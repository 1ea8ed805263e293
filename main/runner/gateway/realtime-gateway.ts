import { realtimeContext, type RealtimeBroker } from '../../realtime';
import { jsonResponse, type CallRecord, type GatewayResponse } from './call-record';
import type { Installation } from './installation';

/**
 * A call from @forge/realtime: `publish`/`publishGlobal` (the GraphQL mutation publishRealtimeChannel)
 * go to the local broker, in the invoking installation and environment, never the ones the body names;
 * a non-global channel in the context of the page that invoked the function. `signRealtimeToken` is
 * answered by the broker's signer (in the invoking installation and environment), and a publish with
 * a token is checked by the broker before anything is sent.
 */
export function realtimeCall(
  broker: RealtimeBroker,
  environment: string,
  installation: Installation,
  invocationContext: Record<string, unknown> | null,
  request: { method: string; body: string | null },
): { response: GatewayResponse; record: CallRecord } {
  const method = request.method.toUpperCase();
  let body: { query?: unknown; variables?: Record<string, unknown> } = {};
  try {
    body = JSON.parse(request.body ?? '') as typeof body;
  } catch {
    // Not JSON: answered below as a call Anvil does not know.
  }
  const query = typeof body?.query === 'string' ? body.query : '';
  const variables = typeof body?.variables === 'object' && body.variables !== null ? body.variables : {};
  const graphqlError = (target: string, message: string) => ({
    response: jsonResponse(200, { errors: [{ message }] }),
    record: { kind: 'product' as const, target, method, allowed: false, reason: message },
  });

  const scope = { environment, installation: installation.name };
  if (/\bsignRealtimeToken\b/.test(query)) {
    const target = `Forge Realtime token for ${typeof variables.channelName === 'string' ? variables.channelName : '(no channel)'}`;
    const signed = broker.tokens.sign(scope, variables.channelName, variables.claims, variables.permissions);
    if (!signed.ok) return graphqlError(target, signed.reason);
    return {
      response: jsonResponse(200, {
        data: { ecosystem: { signRealtimeToken: { success: true, errors: null, forgeRealtimeToken: { jwt: signed.jwt, expiresAt: signed.expiresAt } } } },
      }),
      record: {
        kind: 'product',
        target,
        method,
        allowed: true,
        reason: `signed by Anvil's local broker for ${installation.name} in ${environment}, valid until ${new Date(signed.expiresAt * 1000).toISOString()}`,
      },
    };
  }
  if (!/\bpublishRealtimeChannel\b/.test(query) || typeof variables.name !== 'string') {
    return graphqlError('Forge Realtime', 'Anvil serves Forge Realtime publish and publishGlobal only; this call is neither.');
  }
  const name = variables.name;
  const target = `Forge Realtime ${name}`;
  const global = variables.isGlobal === true;
  let context: string | null = null;
  if (!global) {
    let overrides: unknown;
    if (typeof variables.context === 'string') {
      try {
        overrides = (JSON.parse(variables.context) as { contextOverrides?: unknown }).contextOverrides;
      } catch {
        return graphqlError(target, 'The realtime context is not JSON.');
      }
    }
    const found = realtimeContext(invocationContext, overrides);
    if (!found.ok) return graphqlError(target, found.reason);
    context = found.key;
  }
  const payloadText = typeof variables.payload === 'string' ? variables.payload : JSON.stringify(variables.payload ?? null);
  let payload: unknown = payloadText;
  try {
    payload = JSON.parse(payloadText) as unknown;
  } catch {
    // A payload that is not JSON reaches subscribers as the text it is.
  }
  const token = variables.token;
  const withToken = token !== undefined && token !== null && token !== '';
  const answer = withToken ? broker.publishWithToken(scope, { name, global, context }, payload, token) : broker.publish(scope, { name, global, context }, payload);
  if ('refused' in answer) return graphqlError(target, answer.refused);
  const result = answer;
  return {
    response: jsonResponse(200, { data: { ecosystem: { publishRealtimeChannel: result } } }),
    record: {
      kind: 'product',
      target,
      method,
      allowed: true,
      reason: `${global ? 'published globally' : 'published'}${withToken ? ' with a token' : ''} through Anvil's local broker to ${installation.name} in ${environment}${result.eventId === null ? '; nobody is subscribed, so no event was sent' : ''}`,
    },
  };
}
