import type { IncomingMessage, ServerResponse } from 'node:http';
import { isAllowedOrigin, tokenRefusal, type AccessGate } from './access';

// A token and a little JSON around it; anything bigger is not a session request.
const MAX_EXCHANGE_BODY_BYTES = 4 * 1024;

/**
 * POST /anvil-session {"token": "<launch token>"} → {"session": "<secret>"}, once per launch.
 * Only a page this server served may ask (Origin), and only with JSON, which a form on another
 * site cannot send without a CORS preflight this server never answers.
 */
export async function exchangeSession(
  request: IncomingMessage,
  response: ServerResponse,
  gate: AccessGate,
  port: number,
  log: (line: string) => void,
  devRendererOrigin: string | null = null,
): Promise<void> {
  if (request.method !== 'POST') return reply(response, 405, { error: 'Ask for a session with POST and {"token": "<the token from the printed URL>"}.' });
  if (!isAllowedOrigin(request.headers.origin, port, devRendererOrigin)) {
    log(`web shell: refused a session request from origin ${JSON.stringify(request.headers.origin)}`);
    return reply(response, 403, { error: `Only a page served by this Anvil (http://127.0.0.1:${port}) may ask for a session.` });
  }
  if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) return reply(response, 415, { error: 'Send the token as JSON (Content-Type: application/json).' });
  const body = await readBody(request);
  if (body === null) return reply(response, 413, { error: `A session request is at most ${MAX_EXCHANGE_BODY_BYTES} bytes.` });
  const token = tokenOf(body);
  if (token === null) return reply(response, 400, { error: 'Send {"token": "<the token from the printed URL>"}.' });
  const outcome = gate.exchange(token);
  if ('refused' in outcome) {
    log(`web shell: refused a session for a ${outcome.refused} token`);
    return reply(response, 401, { error: tokenRefusal(outcome.refused) });
  }
  reply(response, 200, { session: outcome.session });
}

function tokenOf(body: string): string | null {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, 'token')) return null;
    const token = (value as { token: unknown }).token;
    return typeof token === 'string' ? token : null;
  } catch {
    return null;
  }
}

/** The request body as text, or null when it is larger than a session request can be. */
function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_EXCHANGE_BODY_BYTES) {
        request.removeAllListeners('data');
        request.resume();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function reply(response: ServerResponse, status: number, body: { session: string } | { error: string }): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}
