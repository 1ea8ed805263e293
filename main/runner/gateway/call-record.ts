import type { RunCall } from '../../../common/types';

/** One outbound call an invocation made, as the Runner pane and `run --json` show it. */
export type CallRecord = RunCall;

/** The answer the host gives app code for one call. */
export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** 'base64' when `body` is the base64 of bytes that are not UTF-8 text. */
  bodyEncoding?: 'base64';
}

export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): GatewayResponse {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
