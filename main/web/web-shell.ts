import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_WEB_SOCKET_MESSAGE_BYTES, WEB_SESSION_PATH, WEB_SOCKET_PATH, WEB_SOCKET_PROTOCOL } from '../../common/wire';
import { workbenchContentSecurityPolicy } from '../csp';
import { trackOwnPort } from '../own-ports';
import type { Workbench } from '../workbench';
import { AccessGate, devRendererOriginOf, isAllowedHost, isAllowedOrigin, LOOPBACK_HOST, sessionFromProtocols, tokenRefusal } from './access';
import { exchangeSession } from './session-exchange';
import { bindSocket } from './socket-binding';
import { findStaticFile } from './static-files';

export interface WebShellOptions {
  workbench: Workbench;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  log?: (line: string) => void;
  /**
   * Under `npm run dev` only: the origin of the renderer's dev server (Vite, hot reload), whose page
   * reaches this core through the dev server's proxy. Its page still needs the launch token.
   */
  devRendererOrigin?: string;
}

export interface WebShell {
  /** The URL to open, with the one-time token. */
  url: string;
  port: number;
  /** The launch token: traded once for a session secret at WEB_SESSION_PATH. */
  token: string;
  close(): Promise<void>;
}

/** Serve the workbench on loopback: static renderer files plus the contract over a WebSocket. */
export async function startWebShell(options: WebShellOptions): Promise<WebShell> {
  const log = options.log ?? ((line: string) => console.warn(line));
  const gate = new AccessGate();
  const devRendererOrigin = options.devRendererOrigin === undefined ? null : devRendererOriginOf(options.devRendererOrigin);
  let port = options.port;
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WEB_SOCKET_MESSAGE_BYTES,
    // Answer with the plain protocol name, never the offered session secret.
    handleProtocols: (offered) => (offered.has(WEB_SOCKET_PROTOCOL) ? WEB_SOCKET_PROTOCOL : false),
  });
  sockets.on('error', (error) => log(`web shell: WebSocket server: ${error.message}`));

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
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    if (url.pathname === WEB_SESSION_PATH) return exchangeSession(request, response, gate, port, log, devRendererOrigin);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET is served here.');
    // The renderer's files hold no secret, so they need no token (and a reload, whose address no
    // longer carries one, still loads). A token in the address is checked so a used or wrong one
    // gets its explanation here rather than a workbench that cannot connect.
    const token = url.searchParams.get('token');
    if (token !== null) {
      const state = gate.judge(token);
      if (state !== 'fresh') {
        log(`web shell: refused a page for a ${state} token`);
        return refuse(response, 401, tokenRefusal(state));
      }
    }
    const file = await findStaticFile(options.rendererDir, url.pathname, request.headers['accept-encoding']);
    if (!file) return refuse(response, 404, `Not found: ${url.pathname}`);
    // Hashed assets never change under their name; the page itself (which names them) is always fetched anew.
    if (file.immutable) response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    // The body depends on Accept-Encoding whether or not this answer is compressed.
    response.setHeader('Vary', 'Accept-Encoding');
    if (file.encoding) response.setHeader('Content-Encoding', file.encoding);
    response.writeHead(200, { 'Content-Type': file.contentType, 'Content-Length': file.size });
    if (request.method === 'HEAD') return void response.end();
    file.open().pipe(response);
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    // Node takes its own error listener off an upgraded socket; without one a reset ends the process.
    socket.on('error', (error) => log(`web shell: a WebSocket connection failed: ${error.message}`));
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const problem = !isAllowedHost(request.headers.host, port)
      ? `host ${JSON.stringify(request.headers.host)}`
      : !isAllowedOrigin(request.headers.origin, port, devRendererOrigin)
        ? `origin ${JSON.stringify(request.headers.origin)}`
        : url.pathname !== WEB_SOCKET_PATH
          ? `path ${url.pathname}`
          : !gate.hasSession(sessionFromProtocols(request.headers['sec-websocket-protocol']))
            ? 'a missing or wrong session'
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
  // Custom UI previews are served on an origin of their own, which only this page may frame (under
  // npm run dev, the dev server's page, which is the one the developer sees).
  await options.workbench.attachShell(devRendererOrigin ?? `http://${LOOPBACK_HOST}:${port}`);

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${gate.launchToken}`,
    port,
    token: gate.launchToken,
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
