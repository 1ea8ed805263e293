import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AnvilError } from '../../contract';
import { trackOwnPort } from '../../own-ports';
import type { RunOutcome } from '../../runner';
import type { InvokeModule, TriggerLog } from '../types';
import { WEB_TRIGGER_METHODS, webTriggerPath, webTriggerRequest } from './web-trigger-request';
import { failure, webTriggerAnswer, type HttpAnswer, type WebTriggerAnswer, type WebTriggerDefinition } from './web-trigger-response';
import type { WebTriggerTarget, WebTriggerUrls } from './web-trigger-urls';

/** The platform's invocation payload limit (FACTS §5.5); a bigger body is refused before any work. */
export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Invocations that may be waiting at once; beyond, callers get 429 so a flood cannot queue unbounded work. */
export const MAX_WAITING = 32;
/** Time a caller has to send its whole request (headers and body); the invocation after it is bounded by the runner (55 s). */
export const REQUEST_TIMEOUT_MS = 30_000;
const RETRY_AFTER_SECONDS = 1;
// Closes sockets that never send a request; above the 55 s a caller may wait silently for its answer.
const IDLE_SOCKET_MS = 120_000;
const LOOPBACK = '127.0.0.1';

export interface WebTriggerServerOptions {
  urls: WebTriggerUrls;
  invoke: InvokeModule;
  log: TriggerLog;
  /** How the manifest's web trigger module answers; null when the manifest no longer has it. */
  definition: (moduleKey: string) => Promise<WebTriggerDefinition | null>;
  /** 0 or absent: a free port chosen by the system. */
  port?: number;
  maxWaiting?: number;
  requestTimeoutMs?: number;
}

/**
 * The app's web trigger URLs, served on the loopback interface only: a request to
 * `http://127.0.0.1:<port>/x1/<id>[/<userPath>]` runs the module's function with the platform's
 * request object and answers with what it returns, as the platform would. Every request that gets
 * as far as running (or trying to run) the function gets exactly one delivery log line.
 */
export class WebTriggerServer {
  private server: http.Server | null = null;
  private port: number | null = null;
  private waiting = 0;
  /** Requests refused with 429 since the server was last idle, per environment and module (logged once per burst, not per request). */
  private readonly refused = new Map<string, { environment: string; moduleKey: string; count: number }>();
  private readonly maxWaiting: number;
  private readonly requestTimeoutMs: number;

  constructor(private readonly options: WebTriggerServerOptions) {
    this.maxWaiting = options.maxWaiting ?? MAX_WAITING;
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  }

  async start(): Promise<void> {
    if (this.server) throw new AnvilError('bad-request', 'The web trigger endpoint is already running.');
    const server = http.createServer(
      {
        requestTimeout: this.requestTimeoutMs,
        headersTimeout: this.requestTimeoutMs,
        // Node checks the two timeouts on this interval (30 s by default, which would double them).
        connectionsCheckingInterval: Math.min(1000, Math.max(50, Math.floor(this.requestTimeoutMs / 4))),
      },
      (request, response) => this.dispatch(request, response),
    );
    // With this listener Node no longer answers `Expect: 100-continue` by itself: the checks run
    // first, so a caller such as curl (which asks before sending a body over 1 MB) is told 413
    // before it uploads anything.
    server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => this.dispatch(request, response));
    server.timeout = IDLE_SOCKET_MS;
    server.on('clientError', (error: Error & { code?: string }, socket: Duplex) => answerClientError(error, socket));
    trackOwnPort(server);
    const wanted = this.options.port ?? 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: Error & { code?: string }) => {
        reject(
          error.code === 'EADDRINUSE'
            ? new AnvilError('io-error', `Port ${wanted} on ${LOOPBACK} is already in use, so web triggers cannot be served there. Choose another port, or 0 for any free one.`)
            : new AnvilError('io-error', `The web trigger endpoint cannot listen on ${LOOPBACK}:${wanted}: ${error.message}`),
        );
      });
      // Loopback only: web trigger URLs are unauthenticated, so nothing beyond this machine may reach them.
      server.listen({ host: LOOPBACK, port: wanted }, () => resolve());
    });
    server.removeAllListeners('error');
    server.on('error', () => undefined);
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  /** The full URL of a module's web trigger, e.g. `http://127.0.0.1:41234/x1/<id>`. */
  url(environment: string, installation: string, moduleKey: string): string {
    if (this.port === null) throw new AnvilError('bad-request', 'The web trigger endpoint is not running; start it before asking for URLs.');
    return `http://${LOOPBACK}:${this.port}/x1/${this.options.urls.idFor(environment, installation, moduleKey)}`;
  }

  /** The address actually bound (for display and tests), or null when not running. */
  address(): { host: string; port: number } | null {
    const bound = this.server?.address();
    return bound && typeof bound === 'object' ? { host: bound.address, port: bound.port } : null;
  }

  /** Stop listening and drop open connections; invocations already running finish in the runner, their answers go nowhere. */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    this.port = null;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private dispatch(request: IncomingMessage, response: ServerResponse): void {
    this.handle(request, response).catch((error: unknown) => {
      // Only a failing log sink or a bug gets here; the caller still gets an answer and the server lives on.
      send(response, plain(500, `Anvil could not handle this request: ${error instanceof Error ? error.message : String(error)}`));
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    response.on('error', () => undefined); // the caller went away; nothing to tell it
    const method = request.method ?? '';
    const location = webTriggerPath(request.url ?? '');
    const target = location ? this.options.urls.find(location.id) : null;

    // DNS-rebinding guard: a web page whose own host name resolves to 127.0.0.1 can send requests
    // here and read the answers as same-origin, but its Host header still names its own site. Only
    // answer requests addressed to this server by name. Checked before anything else so such a page
    // cannot even learn which ids exist.
    if (!this.hostAllowed(request.headers.host)) {
      if (target)
        this.warn(
          target,
          `${method} ${location!.path} refused (421): the Host header is ${JSON.stringify(request.headers.host ?? '')}, not ${LOOPBACK}:${this.port}. A tunnel in front of Anvil must rewrite the Host header.`,
        );
      return refuse(
        response,
        421,
        `This endpoint answers only requests addressed to ${LOOPBACK}:${this.port} or localhost:${this.port} (the Host header was ${JSON.stringify(request.headers.host ?? '')}). A tunnel forwarding to it must rewrite the Host header.`,
      );
    }
    if (!location || !target) {
      return refuse(
        response,
        404,
        `${location?.path ?? request.url ?? ''} is not a web trigger URL of the app open in Anvil. Copy the URL from Anvil's Triggers pane, or get it with webTrigger.getUrl in the app.`,
      );
    }
    if (!WEB_TRIGGER_METHODS.includes(method)) {
      this.warn(target, `${method} ${location.path} refused (405): web triggers accept ${WEB_TRIGGER_METHODS.join(', ')}.`);
      return refuse(response, 405, `Web triggers accept ${WEB_TRIGGER_METHODS.join(', ')}, not ${method}.`, [['Allow', WEB_TRIGGER_METHODS.join(', ')]]);
    }
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > MAX_BODY_BYTES) return this.tooLarge(response, target, method, location.path, declared);
    if (this.waiting >= this.maxWaiting) return this.busy(response, target);

    this.waiting += 1;
    try {
      if (/100-continue/i.test(request.headers.expect ?? '')) response.writeContinue();
      const body = await readBody(request, MAX_BODY_BYTES);
      if (body === 'too-large') return this.tooLarge(response, target, method, location.path, null);
      if (body === 'aborted') return; // the caller left (or timed out and got 408) before sending everything
      const payload = webTriggerRequest({ method, target: request.url ?? '', rawHeaders: request.rawHeaders, body });
      const { answer, outcome } = await this.run(target, payload);
      if (answer.log) this.options.log({ ...answer.log, environment: target.environment });
      send(response, answer.answer);
      const ran = outcome ? `invocation ${outcome.invocationId}` : 'not run';
      this.options.log({
        level: 'info',
        environment: target.environment,
        moduleKey: target.moduleKey,
        invocationId: outcome?.invocationId ?? null,
        message: `${method} ${location.path} → ${answer.answer.statusCode} in ${Math.round(performance.now() - started)} ms (${ran})`,
      });
    } finally {
      this.waiting -= 1;
      if (this.waiting === 0) this.endBurst();
    }
  }

  private async run(target: WebTriggerTarget, payload: unknown): Promise<{ answer: WebTriggerAnswer; outcome: RunOutcome | null }> {
    const { moduleKey } = target;
    try {
      const definition = await this.options.definition(moduleKey);
      if (!definition) {
        const message = `This URL belongs to web trigger "${moduleKey}", which the app's manifest no longer declares.`;
        return { answer: { answer: plain(404, message), log: { level: 'warn', moduleKey, invocationId: null, message } }, outcome: null };
      }
      const outcome = await this.options.invoke({ moduleKey, environment: target.environment, installation: target.installation, payload });
      return { answer: webTriggerAnswer(outcome, definition, moduleKey), outcome };
    } catch (error) {
      // The function never ran (the app does not build, the module has no function…): say why, to the caller too.
      const message = error instanceof Error ? error.message : String(error);
      const answer = failure(500, `Web trigger "${moduleKey}" could not run: ${message}`, moduleKey, null);
      return { answer: { ...answer, answer: plain(500, message) }, outcome: null };
    }
  }

  private hostAllowed(host: string | undefined): boolean {
    if (host === undefined || this.port === null) return false;
    const name = host.toLowerCase();
    return name === `${LOOPBACK}:${this.port}` || name === `localhost:${this.port}`;
  }

  /** `declared`: the Content-Length that was too big; null when the body outgrew the limit while arriving. */
  private tooLarge(response: ServerResponse, target: WebTriggerTarget, method: string, path: string, declared: number | null): void {
    const size = declared === null ? 'went past the limit while arriving' : `is ${declared} bytes (Content-Length)`;
    this.warn(target, `${method} ${path} refused (413): the body ${size}; the platform's limit is 5 MB.`);
    refuse(response, 413, `The request body is larger than the platform's limit of ${MAX_BODY_BYTES} bytes (5 MB) for a web trigger invocation.`);
  }

  private busy(response: ServerResponse, target: WebTriggerTarget): void {
    if (this.refused.size === 0) {
      this.warn(target, `${this.maxWaiting} web trigger requests are already waiting for their functions; further requests get 429 (Retry-After: ${RETRY_AFTER_SECONDS} s) until they finish.`);
    }
    const key = `${target.environment}\u0000${target.moduleKey}`;
    const refused = this.refused.get(key) ?? { environment: target.environment, moduleKey: target.moduleKey, count: 0 };
    refused.count += 1;
    this.refused.set(key, refused);
    refuse(response, 429, `Too many web trigger requests are waiting (${this.maxWaiting}); retry in ${RETRY_AFTER_SECONDS} s.`, [['Retry-After', String(RETRY_AFTER_SECONDS)]], false);
  }

  // One summary per module once the flood is over, instead of a line per refused request.
  private endBurst(): void {
    for (const { environment, moduleKey, count } of this.refused.values()) {
      this.options.log({
        level: 'warn',
        environment,
        moduleKey,
        invocationId: null,
        message: `${count} request${count === 1 ? ' was' : 's were'} refused with 429 while ${this.maxWaiting} were waiting.`,
      });
    }
    this.refused.clear();
  }

  private warn(target: WebTriggerTarget, message: string): void {
    this.options.log({ level: 'warn', environment: target.environment, moduleKey: target.moduleKey, invocationId: null, message });
  }
}

function plain(statusCode: number, message: string): HttpAnswer {
  return { statusCode, headers: [['Content-Type', 'text/plain; charset=utf-8']], body: `${message}\n` };
}

/** Answer without running anything. `close`: the rest of the request (if any) is never read, so the connection cannot be reused. */
function refuse(response: ServerResponse, statusCode: number, message: string, headers: [string, string][] = [], close = true): void {
  const answer = plain(statusCode, message);
  send(response, { ...answer, headers: [...answer.headers, ...headers, ...(close ? ([['Connection', 'close']] as [string, string][]) : [])] });
}

function send(response: ServerResponse, answer: HttpAnswer): void {
  if (response.headersSent || response.destroyed) return;
  const body = Buffer.from(answer.body, 'utf8');
  const lines: string[] = [];
  for (const [name, value] of answer.headers) lines.push(name, value);
  // 1xx, 204 and 304 carry no body, so no length either.
  const bodiless = answer.statusCode < 200 || answer.statusCode === 204 || answer.statusCode === 304;
  if (!bodiless) lines.push('Content-Length', String(body.length));
  try {
    response.writeHead(answer.statusCode, answer.statusText, lines);
  } catch (error) {
    // The response checks should have caught this; never let one bad header take the server down.
    const fallback = Buffer.from(`The function's response could not be sent: ${(error as Error).message}\n`, 'utf8');
    response.writeHead(500, ['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(fallback.length)]);
    response.end(fallback);
    return;
  }
  response.end(bodiless ? undefined : body);
}

/**
 * The body, or why there is none. Stops reading at the limit: the bytes so far are dropped and the
 * stream is paused, so an oversized body is never held in memory.
 */
function readBody(request: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: Buffer | 'too-large' | 'aborted') => {
      if (settled) return;
      settled = true;
      request.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        request.pause();
        settle('too-large');
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', onData);
    request.once('end', () => settle(Buffer.concat(chunks, size)));
    request.once('error', () => settle('aborted'));
    request.once('close', () => settle('aborted'));
  });
}

const CLIENT_ERROR_STATUS: Record<string, [number, string]> = {
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'Request Timeout'],
  HPE_HEADER_OVERFLOW: [431, 'Request Header Fields Too Large'],
};

/** Malformed or too slow requests: answer plainly and drop that connection; the server carries on. */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code !== 'ECONNRESET' && socket.writable && !inFlight?.headersSent) {
    const [status, reason] = CLIENT_ERROR_STATUS[error.code ?? ''] ?? [400, 'Bad Request'];
    const text =
      status === 408
        ? 'The request did not arrive in time.\n'
        : status === 431
          ? 'The request headers are too large.\n'
          : `This is not an HTTP request this endpoint can read (${error.code ?? error.message}).\n`;
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
    // A caller that never reads would keep the socket open; do not wait on it.
    setTimeout(() => socket.destroy(), 1000).unref();
    return;
  }
  socket.destroy();
}
