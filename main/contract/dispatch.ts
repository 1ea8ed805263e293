import { CALL_NAMES, type AnvilCalls, type CallName } from '../../common/api';
import type { CallOutcome } from '../../common/types';
import { AnvilError, toErrorInfo } from './errors';
import { REQUEST_SCHEMAS } from './requests';

const KNOWN_CALLS: ReadonlySet<string> = new Set(CALL_NAMES);

/** Whether a name from the wire is a call of the contract. */
export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && KNOWN_CALLS.has(name);
}

/**
 * Validate one incoming call from either binding and run it against the core.
 * Never throws: the outcome carries the error, so both bindings answer the same way.
 */
export async function dispatchCall(calls: AnvilCalls, method: unknown, request: unknown): Promise<CallOutcome<unknown>> {
  try {
    if (!isCallName(method)) {
      throw new AnvilError('unknown-method', `Unknown method ${JSON.stringify(String(method)).slice(0, 80)}; the contract has: ${CALL_NAMES.join(', ')}`);
    }
    const problem = REQUEST_SCHEMAS[method](request, 'request');
    if (problem) throw new AnvilError('bad-request', `${method}: ${problem}`);
    const handler = calls[method] as (request: unknown) => Promise<unknown>;
    const value = await handler.call(calls, request ?? undefined);
    return { ok: true, value };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error) };
  }
}
