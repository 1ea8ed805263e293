import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { AtlassianLogin } from '../vault';
import { answerRoot, type StandInApp, type StandInLogLine, type StandInState, type StandInVersion } from './forge-platform-answers';
import { parseOperation, project } from './graphql-selection';
import { loopbackCertificate } from './self-signed-certificate';

export type { StandInApp, StandInLogLine, StandInVersion };

/** A request as the stand-in received it: every header, the body, and what it asked for. */
export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  /** Every header name and value in the order sent. */
  rawHeaders: string[];
  body: string;
  operationName: string | null;
  rootField: string | null;
  variables: Record<string, unknown>;
}

/** How the next request fails instead of being answered. */
export type StandInFailure =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Accept the request and never answer. */
  | { kind: 'hang' }
  | { kind: 'malformed-json' }
  | { kind: 'graphql-errors'; errors: unknown[]; status?: number }
  /** Answer normally, but change the answer first (a wrong-typed field). */
  | { kind: 'tamper'; change: (answer: { data: Record<string, unknown> }) => void };

export interface ForgePlatformStandIn {
  /** The gateway URL: https://127.0.0.1:<port>/graphql. */
  url: string;
  /** The stand-in's certificate, for the client's extra CA list. */
  ca: string;
  requests: RecordedRequest[];
  state: StandInState;
  /** The next requests fail as given, one failure per request, in order. */
  failNext(...failures: StandInFailure[]): void;
  close(): Promise<void>;
}

export interface StandInOptions {
  /** The only login the stand-in accepts; any other Authorization gets 401, as the platform answers. */
  login: AtlassianLogin;
  app?: Partial<StandInApp>;
  logs?: StandInLogLine[];
  pageMax?: number;
  /** Called with each request before it is answered: a test changes the platform's state mid-way here. */
  beforeAnswer?: (request: RecordedRequest, state: StandInState) => void;
}

export const STAND_IN_APP_ID = 'ari:cloud:ecosystem::app/6f1a2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/**
 * A stand-in for the Forge platform's GraphQL gateway on loopback HTTPS: it answers the queries Anvil
 * sends (dispatched on the root field, answered with only the selected fields), keeps every request,
 * pages logs by offset in their time window, and fails on demand.
 */
export async function startForgePlatformStandIn(options: StandInOptions): Promise<ForgePlatformStandIn> {
  const certificate = loopbackCertificate();
  const expected = `Basic ${Buffer.from(`${options.login.email}:${options.login.token}`).toString('base64')}`;
  const state: StandInState = {
    app: { id: STAND_IN_APP_ID, environments: [], installations: [], versions: {}, sites: {}, ...options.app },
    logs: [...(options.logs ?? [])],
    pageMax: options.pageMax ?? 100,
  };
  const requests: RecordedRequest[] = [];
  const failures: StandInFailure[] = [];

  const server = createServer({ key: certificate.key, cert: certificate.cert }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });

  function handle(request: IncomingMessage, response: ServerResponse, body: string): void {
    let parsed: { query?: unknown; variables?: unknown } = {};
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      // Recorded as sent; answered below as a bad request.
    }
    const query = typeof parsed.query === 'string' ? parsed.query : '';
    const operation = parseOperation(query);
    const variables = typeof parsed.variables === 'object' && parsed.variables !== null ? (parsed.variables as Record<string, unknown>) : {};
    requests.push({
      method: request.method ?? '',
      url: request.url ?? '',
      headers: request.headers,
      rawHeaders: request.rawHeaders,
      body,
      operationName: operation.operationName,
      rootField: operation.rootField,
      variables,
    });
    options.beforeAnswer?.(requests.at(-1)!, state);
    const failure = failures.shift();
    if (failure?.kind === 'hang') return;
    if (failure?.kind === 'status') {
      response.writeHead(failure.status, { 'content-type': 'application/json', ...(failure.retryAfter ? { 'retry-after': failure.retryAfter } : {}) });
      response.end(failure.body ?? JSON.stringify({ message: `stand-in status ${failure.status}` }));
      return;
    }
    if (failure?.kind === 'malformed-json') return send(response, 200, '{"data": {"app": ');
    if (failure?.kind === 'graphql-errors') return send(response, failure.status ?? 200, JSON.stringify({ data: null, errors: failure.errors }));
    if (request.method !== 'POST' || request.url !== '/graphql') return send(response, 404, JSON.stringify({ message: 'Not found' }));
    if (request.headers.authorization !== expected) return send(response, 401, JSON.stringify({ code: 401, message: 'Unauthorized' }));
    if (!operation.rootField)
      return send(response, 400, JSON.stringify({ errors: [{ message: 'Syntax error: no operation', extensions: { statusCode: 400, errorType: 'GRAPHQL_VALIDATION_FAILED' } }] }));
    const value = answerRoot(state, operation.rootField, operation.selection, variables);
    if (value === undefined)
      return send(
        response,
        400,
        JSON.stringify({ errors: [{ message: `Cannot query field "${operation.rootField}" on type "Query".`, extensions: { statusCode: 400, errorType: 'GRAPHQL_VALIDATION_FAILED' } }] }),
      );
    const answer = { data: { [operation.rootField]: project(value, operation.selection[operation.rootField] ?? true) } as Record<string, unknown> };
    if (failure?.kind === 'tamper') failure.change(answer);
    send(response, 200, JSON.stringify({ ...answer, extensions: { gateway: { request_id: `stand-in-${requests.length}` } } }));
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}/graphql`,
    ca: certificate.cert,
    requests,
    state,
    failNext: (...next) => failures.push(...next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(body);
}
