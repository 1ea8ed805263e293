import type { CallMessage } from '../protocol';

/** The kinds of call app code may make; anything else from the context is refused. */
export const CALL_KINDS: ReadonlySet<string> = new Set<CallMessage['kind']>(['product', 'fetch', 'storage']);

/** Checks the JSON text a context sends for a call, so only well-formed requests reach the host. */
export function parseCallRequest(json: string): CallMessage['request'] | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isRecord(value)) return null;
  const { meta, url, method, headers, body, bodyEncoding } = value;
  if (typeof url !== 'string' || typeof method !== 'string') return null;
  if (!isRecord(headers) || !Object.values(headers).every((v) => typeof v === 'string')) return null;
  if (body !== null && typeof body !== 'string') return null;
  if (meta !== undefined && !isRecord(meta)) return null;
  if (bodyEncoding !== undefined && (bodyEncoding !== 'base64' || typeof body !== 'string')) return null;
  const request: CallMessage['request'] = { url, method, headers: headers as Record<string, string>, body, ...(bodyEncoding === 'base64' ? { bodyEncoding: 'base64' as const } : {}) };
  return meta === undefined ? request : { meta, ...request };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
