import { request as httpsRequest } from 'node:https';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { rootCertificates } from 'node:tls';
import { fields, list, nullable, number, optional, required, string, anything, validate, type Check } from '../contract';
import type { AtlassianLogin } from '../vault';
import { ForgePlatformError } from './platform-error';
import { clipped, withoutSecret } from './redact';
import { describeWait, retryAfterMs } from './retry-after';

/** The largest answer Anvil reads; a page of logs is far smaller, so more is a broken or hostile answer. */
const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export interface GraphqlTransportOptions {
  gateway: URL;
  login: AtlassianLogin;
  /** PEM certificates trusted in addition to the system's roots (a stand-in gateway's own). */
  extraCaCertificates: readonly string[];
  timeoutMs: number;
  userAgent: string;
  now: () => number;
}

export interface GraphqlCall {
  /** What the user asked for, for messages: "list the app's environments". */
  purpose: string;
  query: string;
  variables: Record<string, unknown>;
}

const graphqlError = fields({
  message: optional(nullable(string())),
  extensions: optional(nullable(fields({ errorType: optional(nullable(string())), statusCode: optional(nullable(number)) }))),
});
const envelope = fields({
  data: optional(nullable(anything)),
  errors: optional(nullable(list(graphqlError, 1000))),
  extensions: optional(nullable(fields({ gateway: optional(nullable(fields({ request_id: optional(nullable(string())) }))) }))),
});

/**
 * One GraphQL call to the gateway over https: Basic authentication with the Atlassian login (as the
 * Forge CLI sends it), a deadline for the whole answer, and every failure turned into a
 * `ForgePlatformError` whose kind says what to do. Answers the `data` object, unchecked beyond that.
 */
export async function postGraphql(options: GraphqlTransportOptions, call: GraphqlCall): Promise<Record<string, unknown>> {
  const answer = await exchange(options, call);
  const failed = (kind: ConstructorParameters<typeof ForgePlatformError>[0], reason: string, details: ConstructorParameters<typeof ForgePlatformError>[2] = {}) =>
    new ForgePlatformError(kind, `Could not ${call.purpose}: ${withoutSecret(reason, options.login)}`, { status: answer.status, ...details });
  const headerRequestId = header(answer.headers, 'x-request-id') ?? header(answer.headers, 'x-trace-id');

  if (answer.status === 401 || answer.status === 403)
    throw failed(
      'unauthorized',
      `Atlassian refused the token (HTTP ${answer.status}) for ${options.login.email}. Create a new API token at id.atlassian.com (Security › API tokens) and set it again in Anvil.`,
    );
  if (answer.status === 429) throw rateLimited(options, call, answer.status, header(answer.headers, 'retry-after'), headerRequestId);
  if (answer.status >= 500) {
    const wait = retryAfterMs(header(answer.headers, 'retry-after'), options.now());
    throw failed('unavailable', `the Forge platform is not answering properly (HTTP ${answer.status}). Anvil will try again; check status.atlassian.com if it lasts.`, {
      ...(wait === null ? {} : { retryAfterMs: wait }),
      ...(headerRequestId ? { requestId: headerRequestId } : {}),
    });
  }

  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    // JSON.parse's message quotes the text; the platform's answer is not Anvil's to repeat.
    if (answer.status < 200 || answer.status >= 300) throw failed('graphql-error', `the platform refused the request (HTTP ${answer.status}).`);
    throw failed('malformed', `the platform's answer (HTTP ${answer.status}) is not JSON.`);
  }
  const checked = validate(json, envelope);
  if (!checked.ok) throw failed('malformed', `the platform's answer is not a GraphQL response: ${checked.problem}.`);
  const requestId = checked.value.extensions?.gateway?.request_id ?? headerRequestId ?? undefined;
  const errors = checked.value.errors ?? [];
  const first = errors[0];
  if (first) {
    const statusCode = first.extensions?.statusCode ?? undefined;
    const errorType = first.extensions?.errorType ?? undefined;
    const message = clipped(withoutSecret(first.message ?? 'no message', options.login));
    const details = { ...(requestId ? { requestId } : {}), ...(errorType ? { errorType } : {}) };
    if (statusCode === 401 || statusCode === 403)
      throw failed('unauthorized', `Atlassian refused the token (${message}). Create a new API token at id.atlassian.com (Security › API tokens) and set it again in Anvil.`, details);
    if (statusCode === 429 || errorType === 'TOO_MANY_REQUESTS' || errorType === 'RATE_LIMITED') throw rateLimited(options, call, answer.status, header(answer.headers, 'retry-after'), requestId);
    if (statusCode !== undefined && statusCode >= 500) throw failed('unavailable', `the Forge platform failed (${message}). Anvil will try again later.`, details);
    throw failed('graphql-error', `the platform answered with an error: ${message}${errorType ? ` (${errorType})` : ''}${requestId ? `, request id ${requestId}` : ''}.`, details);
  }
  if (answer.status < 200 || answer.status >= 300) throw failed('graphql-error', `the platform answered HTTP ${answer.status} without saying why.`);
  const data = checked.value.data;
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw failed('malformed', "the platform's answer has no data object.");
  return data as Record<string, unknown>;
}

function rateLimited(options: GraphqlTransportOptions, call: GraphqlCall, status: number, retryAfter: string | undefined, requestId: string | undefined): ForgePlatformError {
  const wait = retryAfterMs(retryAfter, options.now());
  const when = wait === null ? 'Anvil waits before asking again.' : `Atlassian asked to wait ${describeWait(wait)} before the next request; Anvil waits that long.`;
  return new ForgePlatformError('rate-limited', `Could not ${call.purpose}: too many requests to the Forge platform (rate limited). ${when}`, {
    status,
    ...(wait === null ? {} : { retryAfterMs: wait }),
    ...(requestId ? { requestId } : {}),
  });
}

/** Validate `value` (part of `data`) with `check`; a wrong field is a `malformed` failure naming it. */
export function checkedData<T>(value: unknown, check: Check<T>, purpose: string, root: string): T {
  const result = validate({ [root]: value }, fields({ [root]: required(check) }));
  if (!result.ok) throw new ForgePlatformError('malformed', `Could not ${purpose}: the platform's answer is not in the shape Anvil knows (${result.problem}).`);
  return (result.value as Record<string, T>)[root] as T;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function exchange(options: GraphqlTransportOptions, call: GraphqlCall): Promise<RawAnswer> {
  const body = JSON.stringify({ query: call.query, variables: call.variables });
  const host = options.gateway.host;
  return new Promise<RawAnswer>((resolve, reject) => {
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      outcome();
    };
    const request = httpsRequest(options.gateway, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Basic ${Buffer.from(`${options.login.email}:${options.login.token}`).toString('base64')}`,
        'user-agent': options.userAgent,
      },
      // Extra certificates are added to the system's roots, never in place of verification.
      ...(options.extraCaCertificates.length > 0 ? { ca: [...rootCertificates, ...options.extraCaCertificates] } : {}),
      rejectUnauthorized: true,
    });
    const deadline = setTimeout(() => {
      settle(() =>
        reject(new ForgePlatformError('timeout', `Could not ${call.purpose}: ${host} did not answer within ${describeWait(options.timeoutMs)}. Anvil will try again; check your connection.`)),
      );
      request.destroy();
    }, options.timeoutMs);
    request.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(offline(call, host, error))));
    request.on('response', (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          settle(() => reject(new ForgePlatformError('malformed', `Could not ${call.purpose}: the platform's answer is larger than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB.`)));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error: NodeJS.ErrnoException) => settle(() => reject(offline(call, host, error))));
      response.on('end', () => settle(() => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') })));
    });
    request.end(body);
  });
}

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS/;

function offline(call: GraphqlCall, host: string, error: NodeJS.ErrnoException): ForgePlatformError {
  const code = error.code ?? 'network error';
  if (CERTIFICATE_CODES.test(code))
    return new ForgePlatformError('offline', `Could not ${call.purpose}: ${host}'s certificate is not trusted (${code}). Check the gateway URL and any proxy between you and Atlassian.`);
  return new ForgePlatformError('offline', `Could not ${call.purpose}: ${host} cannot be reached (${code}). Anvil will try again when you are online.`);
}
