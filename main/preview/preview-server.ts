import { createReadStream } from 'node:fs';
import { readFile, realpath, stat } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import { contentTypeOf } from '../csp';
import { trackOwnPort } from '../own-ports';
import { bridgeScript, injectBridgeTag } from './bridge-script';
import { customUiCsp } from './custom-ui-csp';
import { devServerPortProblem } from './dev-server-port';
import { explainViolation, parseCspReport } from './explain-violation';
import { SITE_LABEL } from './preview-site';
import { resourceFolder } from './resource-folder';

/** Loopback only: the preview serves app code and must never be reachable from the network. */
const HOST = '127.0.0.1';
const PREVIEW_ID = /^[A-Za-z0-9_-]{1,128}$/;
/** Reports are a few hundred bytes; anything much larger is not a browser report. */
const MAX_REPORT_BYTES = 16 * 1024;
/** HTML is buffered to inject the bridge; a page bigger than this is not a Custom UI index. */
const MAX_HTML_BYTES = 10 * 1024 * 1024;
/** Response headers from a dev server that would loosen or replace our own policy. */
const DROPPED_PROXY_HEADERS =
  /^(content-security-policy(-report-only)?|access-control-.*|set-cookie|cross-origin-.*|x-frame-options|content-length|transfer-encoding|connection|keep-alive|content-encoding)$/i;

export interface PreviewResource {
  /** The label of the origin the resource is served on (`previewSite`): one per app and resource. */
  site: string;
  resourceKey: string;
  /** The app's folder: `resourcePath` must resolve inside it. */
  appFolder: string;
  /** `resources[].path` as the manifest has it, or null when the resource has none. */
  resourcePath: string | null;
  tunnelPort: number | null;
  manifest: unknown;
}

export interface PreviewViolation {
  directive: string;
  blockedUri: string;
  sourceFile: string | null;
  line: number | null;
  explanation: string;
}

export interface PreviewServerOptions {
  resolveResource: (previewId: string) => Promise<PreviewResource | null>;
  /** The origin of the page embedding previews; the only origin the bridge talks to. */
  workbenchOrigin: string;
  onViolation: (previewId: string, violation: PreviewViolation) => void;
}

/**
 * Serves Custom UI resources on loopback origins of their own, one per app and resource
 * (`http://<site>.localhost:<port>`), so preview code can never reach the workbench's API, token or
 * storage, nor another app's storage; under the CSP the platform would apply, with the bridge injected.
 */
export class PreviewServer {
  private readonly server: http.Server;
  private port: number | null = null;
  private readonly bridgeSource: string;
  /** Per site, the preview whose dev server gets hot-reload sockets that do not name one. */
  private readonly lastTunnelPreview = new Map<string, string>();
  /** Open hot-reload sockets: closing the server ends them (they no longer count as HTTP connections). */
  private readonly tunnels = new Set<() => void>();

  constructor(private readonly options: PreviewServerOptions) {
    let origin: string;
    try {
      origin = new URL(options.workbenchOrigin).origin;
    } catch {
      origin = '';
    }
    // The desktop window's anvil://workbench is an origin to the browser (a registered standard scheme), though Node's URL says "null".
    if (origin === 'null' && /^[a-z][a-z0-9+.-]*:\/\/[a-z0-9.-]+(:\d+)?$/.test(options.workbenchOrigin)) origin = options.workbenchOrigin;
    // The origin goes into a header and a script; refuse anything that is not exactly an origin.
    if (origin !== options.workbenchOrigin || origin === 'null') throw new Error(`workbenchOrigin must be an origin such as http://127.0.0.1:5173, not "${options.workbenchOrigin}"`);
    this.bridgeSource = bridgeScript(origin);
    this.server = http.createServer((request, response) => {
      this.handle(request, response).catch((error: unknown) => {
        if (!response.headersSent) plain(response, 500, `Preview failed: ${error instanceof Error ? error.message : String(error)}`);
        else response.destroy();
      });
    });
    this.server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.upgrade(request, socket, head).catch(() => socket.destroy());
    });
    // A resource's tunnel.port that names this server is refused like any other port of Anvil's.
    trackOwnPort(this.server);
  }

  async start(): Promise<void> {
    if (this.port !== null) return;
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, HOST, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** The origin of one site's previews. */
  originFor(site: string): string {
    if (this.port === null) throw new Error('PreviewServer.start() has not finished');
    if (!SITE_LABEL.test(site)) throw new Error(`"${site}" is not a preview site label (16 lowercase hex digits; see previewSite)`);
    return `http://${site}.localhost:${this.port}`;
  }

  /** The CSP source that covers every preview origin, for the workbench page's frame-src. */
  get frameSource(): string {
    if (this.port === null) throw new Error('PreviewServer.start() has not finished');
    return `http://*.localhost:${this.port}`;
  }

  /** The address the loopback socket listens on; requests still need a site's Host header. */
  get address(): { host: string; port: number } {
    if (this.port === null) throw new Error('PreviewServer.start() has not finished');
    return { host: HOST, port: this.port };
  }

  urlFor(previewId: string, site: string): string {
    if (!PREVIEW_ID.test(previewId)) throw new Error(`"${previewId}" is not a usable preview id (letters, digits, _ and -)`);
    return `${this.originFor(site)}/p/${previewId}/`;
  }

  /** The site a request's Host names (`<site>.localhost:<port>`), or null for any other host. */
  private siteOf(host: string | undefined): string | null {
    const match = /^([0-9a-f]{16})\.localhost:(\d+)$/.exec((host ?? '').toLowerCase());
    return match && Number(match[2]) === this.port ? match[1]! : null;
  }

  async close(): Promise<void> {
    if (this.port === null) return;
    this.port = null;
    this.lastTunnelPreview.clear();
    for (const close of [...this.tunnels]) close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Only a site's own host: any other Host header means a DNS-rebinding page is talking to us, or
    // someone asks for a preview on a shared origin, where apps would share storage.
    const site = this.siteOf(request.headers.host);
    if (site === null) return plain(response, 421, 'Wrong host: previews are served only on their own origin, http://<site>.localhost:<port>, as the workbench opens them.');
    const origin = this.originFor(site);
    const url = new URL(request.url ?? '/', origin);
    const route = this.route(url.pathname, request.headers.referer, origin);
    if (!route) return plain(response, 404, 'Not a preview address');
    const { previewId, rest } = route;

    if (rest === '/__anvil/csp-report') return this.receiveReport(request, response, previewId, site);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return plain(response, 405, 'Previews are read-only');
    }
    const resource = await this.resourceOn(site, previewId);
    if (!resource) return plain(response, 404, `No preview named ${previewId} on this origin`);
    const csp = customUiCsp(resource.manifest, `/p/${previewId}/__anvil/csp-report`, this.options.workbenchOrigin).header;
    securityHeaders(response, csp);

    if (rest === '/__anvil/bridge.js') {
      return send(response, request, 200, 'text/javascript; charset=utf-8', Buffer.from(this.bridgeSource));
    }
    const scriptPath = `/p/${previewId}/__anvil/bridge.js`;
    if (resource.resourcePath !== null) return this.serveFile(request, response, resource, resource.resourcePath, rest, scriptPath);
    if (resource.tunnelPort !== null) {
      const problem = devServerPortProblem(resource.tunnelPort, resource.resourceKey);
      if (problem) return plain(response, 403, problem);
      this.lastTunnelPreview.set(site, previewId);
      return this.proxy(request, response, resource.tunnelPort, rest + url.search, scriptPath);
    }
    return plain(
      response,
      404,
      `Resource "${resource.resourceKey}" has neither resources[].path nor resources[].tunnel.port in manifest.yml. Set path to its built folder (and build it, e.g. npm run build in its folder), or tunnel.port to its dev server's port.`,
    );
  }

  /** The resource of a preview, only when it belongs to the site asked: one app's origin never serves another's page. */
  private async resourceOn(site: string, previewId: string): Promise<PreviewResource | null> {
    const resource = await this.options.resolveResource(previewId);
    return resource && resource.site === site ? resource : null;
  }

  /**
   * A dev server's hot-reload WebSocket (Vite, webpack): passed through to the tunnel port, so its
   * hot reload keeps working inside the preview. Only from the page's own origin and host, and only
   * to the dev server of a preview that has one (the one named in the path, else the last opened).
   */
  private async upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const site = this.siteOf(request.headers.host);
    const origin = request.headers.origin;
    if (site === null || (origin !== undefined && origin !== this.originFor(site))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    const url = new URL(request.url ?? '/', this.originFor(site));
    const direct = /^\/p\/([^/]+)(\/.*)?$/.exec(url.pathname);
    const previewId = direct && PREVIEW_ID.test(direct[1]!) ? direct[1]! : (this.lastTunnelPreview.get(site) ?? null);
    const resource = previewId ? await this.resourceOn(site, previewId) : null;
    if (!resource || resource.tunnelPort === null) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    const tunnelPort = resource.tunnelPort;
    const problem = devServerPortProblem(tunnelPort, resource.resourceKey);
    if (problem) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(problem)}\r\nConnection: close\r\n\r\n${problem}`);
      return;
    }
    const target = (direct ? (direct[2] ?? '/') : url.pathname) + url.search;
    const upstream = net.connect(tunnelPort, HOST, () => {
      const lines = [`${request.method ?? 'GET'} ${target} HTTP/1.1`];
      for (let index = 0; index < request.rawHeaders.length; index += 2) {
        const name = request.rawHeaders[index]!;
        // The dev server sees itself as the host, and never the workbench's cookies.
        if (/^(host|cookie|origin)$/i.test(name)) continue;
        lines.push(`${name}: ${request.rawHeaders[index + 1]}`);
      }
      lines.push(`Host: ${HOST}:${tunnelPort}`);
      // The Origin stays the truth: the page's own preview origin (checked above), or none. Never
      // the dev server's own, which would vouch for the page to whatever listens on that port.
      if (origin !== undefined) lines.push(`Origin: ${origin}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
      this.tunnels.delete(close);
    };
    this.tunnels.add(close);
    for (const end of [upstream, socket]) {
      end.on('error', close);
      end.on('close', close);
    }
  }

  /**
   * `/p/<id>/rest`. Pages often load assets by absolute path (`/static/js/main.js`, a dev server's
   * `/@vite/client`); those arrive without the prefix, so they are routed by the page that asked.
   */
  private route(pathname: string, referer: string | undefined, origin: string): { previewId: string; rest: string } | null {
    const direct = /^\/p\/([^/]+)(\/.*)?$/.exec(pathname);
    if (direct) return PREVIEW_ID.test(direct[1]!) ? { previewId: direct[1]!, rest: direct[2] ?? '/' } : null;
    if (!referer) return null;
    try {
      const from = new URL(referer);
      const page = /^\/p\/([^/]+)\//.exec(from.pathname);
      if (from.origin !== origin || !page || !PREVIEW_ID.test(page[1]!)) return null;
      return { previewId: page[1]!, rest: pathname };
    } catch {
      return null;
    }
  }

  private async serveFile(request: IncomingMessage, response: ServerResponse, resource: PreviewResource, resourcePath: string, rest: string, scriptPath: string): Promise<void> {
    // Checked on every request: the manifest, or a link in the app, may have changed since the last.
    const place = await resourceFolder(resource.appFolder, resourcePath, resource.resourceKey);
    if ('problem' in place) return plain(response, 404, place.problem);
    const file = await fileWithin(place.folder, rest);
    if (!file) return plain(response, 404, `Not found: ${rest} is not a file in resources[].path "${resourcePath}" of resource "${resource.resourceKey}".`);
    const contentType = contentTypeOf(file);
    if (contentType.startsWith('text/html')) {
      const html = await readFile(file, 'utf8');
      return send(response, request, 200, contentType, Buffer.from(injectBridgeTag(html, scriptPath)));
    }
    const info = await stat(file);
    response.writeHead(200, { 'Content-Type': contentType, 'Content-Length': info.size });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  }

  private async proxy(request: IncomingMessage, response: ServerResponse, tunnelPort: number, target: string, scriptPath: string): Promise<void> {
    // Forward only harmless headers: the workbench's token cookie (cookies ignore ports) must not reach app code.
    const headers: http.OutgoingHttpHeaders = { host: `${HOST}:${tunnelPort}`, 'accept-encoding': 'identity' };
    for (const name of ['accept', 'accept-language', 'user-agent', 'cache-control', 'pragma']) {
      if (request.headers[name] !== undefined) headers[name] = request.headers[name];
    }
    await new Promise<void>((resolve) => {
      const upstream = http.request({ host: HOST, port: tunnelPort, method: request.method, path: target, headers }, (reply) => {
        const contentType = String(reply.headers['content-type'] ?? '');
        for (const [name, value] of Object.entries(reply.headers)) {
          if (value !== undefined && !DROPPED_PROXY_HEADERS.test(name) && !response.hasHeader(name)) response.setHeader(name, value);
        }
        if (!contentType.toLowerCase().startsWith('text/html')) {
          response.writeHead(reply.statusCode ?? 502);
          reply.pipe(response);
          reply.on('end', resolve).on('error', () => (response.destroy(), resolve()));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        reply.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_HTML_BYTES) reply.destroy(new Error('page too large'));
          else chunks.push(chunk);
        });
        reply.on('end', () => {
          const html = injectBridgeTag(Buffer.concat(chunks).toString('utf8'), scriptPath);
          send(response, request, reply.statusCode ?? 200, contentType, Buffer.from(html));
          resolve();
        });
        reply.on('error', () => {
          if (!response.headersSent) plain(response, 502, 'The dev server sent a page too large or broken to preview');
          else response.destroy();
          resolve();
        });
      });
      upstream.on('error', () => {
        plain(response, 502, `Nothing answers on the dev server port ${tunnelPort}. Start the resource's dev server (for example npm start in its folder), or build it and remove the tunnel.`);
        resolve();
      });
      upstream.end();
    });
  }

  private async receiveReport(request: IncomingMessage, response: ServerResponse, previewId: string, site: string): Promise<void> {
    if (request.method !== 'POST') {
      response.setHeader('Allow', 'POST');
      return plain(response, 405, 'Reports are POSTed');
    }
    const body = await readLimited(request, MAX_REPORT_BYTES);
    if (body === null) {
      response.setHeader('Connection', 'close');
      return plain(response, 413, 'Report too large');
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      return plain(response, 400, 'Report is not JSON');
    }
    const report = parseCspReport(parsed);
    if (!report) return plain(response, 400, 'Not a CSP report');
    const resource = await this.resourceOn(site, previewId);
    if (!resource) return plain(response, 404, `No preview named ${previewId}`);
    response.writeHead(204).end();
    this.options.onViolation(previewId, {
      directive: report.directive,
      blockedUri: report.blockedUri,
      sourceFile: report.sourceFile,
      line: report.line,
      explanation: explainViolation(report, resource.manifest),
    });
  }
}

function securityHeaders(response: ServerResponse, csp: string): void {
  response.setHeader('Content-Security-Policy', csp);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  // Only this origin may embed the files as subresources; no CORS headers are ever sent.
  response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  // same-origin (not no-referrer): routing absolute asset paths relies on the Referer.
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('Cache-Control', 'no-store');
}

function send(response: ServerResponse, request: IncomingMessage, status: number, contentType: string, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
  response.end(request.method === 'HEAD' ? undefined : body);
}

function plain(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  response.end(message);
}

/** The file a URL path names inside `folder` (index.html for folders), or null if missing or outside it. */
async function fileWithin(folder: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const root = await realpath(folder).catch(() => null);
  if (!root) return null;
  const inside = (candidate: string): boolean => candidate === root || candidate.startsWith(root + path.sep);
  let absolute = path.resolve(root, '.' + path.posix.sep + decoded.replace(/^\/+/, ''));
  if (!inside(absolute)) return null;
  // Resolve symlinks too, so a link inside the build cannot point outside it.
  let real = await realpath(absolute).catch(() => null);
  if (!real || !inside(real)) return null;
  let info = await stat(real);
  if (info.isDirectory()) {
    absolute = path.join(real, 'index.html');
    real = await realpath(absolute).catch(() => null);
    if (!real || !inside(real)) return null;
    info = await stat(real);
  }
  return info.isFile() ? real : null;
}

async function readLimited(request: IncomingMessage, limit: number): Promise<Buffer | null> {
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
