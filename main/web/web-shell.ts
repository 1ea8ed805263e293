import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WEB_SOCKET_PATH } from '../../common/wire';
import { workbenchContentSecurityPolicy } from '../csp';
import { trackOwnPort } from '../own-ports';
import type { Workbench } from '../workbench';
import { isAllowedHost, isAllowedOrigin, LOOPBACK_HOST, newAccessToken, presentedToken, tokenCookieName, tokensMatch } from './access';
import { bindSocket } from './socket-binding';
import { findStaticFile } from './static-files';

export interface WebShellOptions {
  workbench: Workbench;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log?: (line: string) => void;
}

export interface WebShell {
  /** The URL to open, with the one-time token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

// Large enough for a manifest far beyond the platform's 200 KB limit; small enough to bound memory.
const MAX_SOCKET_MESSAGE_BYTES = 16 * 1024 * 1024;

/** Serve the workbench on loopback: static renderer files plus the contract over a WebSocket. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const token = newAccessToken();
  let port = options.port;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_SOCKET_MESSAGE_BYTES });

  const server = createServer((request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      log(`web shell: ${(error as Error).message}`);
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response, port, options.workbench.previewOrigin());
    if (!isAllowedHost(request.headers.host, port)) {
      log(`web shell: refused a request for host ${JSON.stringify(request.headers.host)}`);
      return refuse(response, 403, `Host ${request.headers.host ?? '(none)'} is not this server. Open http://${LOOPBACK_HOST}:${port}/ instead.`);
    }
    const presented = presentedToken(request, port);
    if (!presented || !tokensMatch(presented.token, token)) {
      return refuse(response, 401, 'Anvil needs its access token. Open the URL that `npm start` (or `anvil serve`) printed; it carries the token.');
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET is served here.');
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    if (presented.from === 'query') {
      // Trade the token in the address bar for a cookie the page's own requests carry.
      response.setHeader('Set-Cookie', `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`);
      response.writeHead(303, { Location: url.pathname }).end();
      return;
    }
    const file = await findStaticFile(options.rendererDir, url.pathname);
    if (!file) return refuse(response, 404, `Not found: ${url.pathname}`);
    response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.size });
    if (request.method === 'HEAD') return void response.end();
    file.open().pipe(response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const presented = presentedToken(request, port);
    const problem = !isAllowedHost(request.headers.host, port)
      ? `host ${JSON.stringify(request.headers.host)}`
      : !isAllowedOrigin(request.headers.origin, port)
        ? `origin ${JSON.stringify(request.headers.origin)}`
        : !presented || !tokensMatch(presented.token, token)
          ? 'a missing or wrong token'
          : url.pathname !== WEB_SOCKET_PATH
            ? `path ${url.pathname}`
            : null;
    if (problem) {
      log(`web shell: refused a WebSocket with ${problem}`);
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (webSocket) => bindSocket(webSocket, options.workbench, options.workbench.streams, log));
  });

  trackOwnPort(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, LOOPBACK_HOST, () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('web shell: server has no port');
  port = address.port;
  // Custom UI previews are served on an origin of their own, which only this page may frame.
  await options.workbench.attachShell(`http://${LOOPBACK_HOST}:${port}`);

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function setSecurityHeaders(response: ServerResponse, port: number, previewOrigin: string | null): void {
  const self = `${LOOPBACK_HOST}:${port}`;
  response.setHeader('Content-Security-Policy', workbenchContentSecurityPolicy(["'self'", `ws://${self}`, `ws://localhost:${port}`], previewOrigin ? [previewOrigin] : []));
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  response.setHeader('Cache-Control', 'no-store');
}

function refuse(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(message + '\n');
}
