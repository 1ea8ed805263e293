import net from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { trackOwnPort } from '../own-ports';
import { scratchFolder } from '../testing';
import { bridgeScript } from './bridge-script';
import { PreviewServer, type PreviewResource, type PreviewViolation } from './preview-server';
import { previewSite } from './preview-site';

const WORKBENCH = 'http://127.0.0.1:5999';
const manifest = { permissions: { external: { images: ['img.example.com'] } } };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** An app folder with a built resource at static/hello/build, and a secret beside the app (outside it). */
function appFolder(): { app: string; secret: string } {
  const root = scratchFolder();
  const app = path.join(root, 'app');
  const folder = path.join(app, 'static', 'hello', 'build');
  mkdirSync(path.join(folder, 'assets'), { recursive: true });
  writeFileSync(path.join(folder, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>Hello</title></head><body><script src="./assets/app.js"></script></body></html>');
  writeFileSync(path.join(folder, 'assets', 'app.js'), 'console.log("hi")');
  const secret = path.join(root, 'secret.txt');
  writeFileSync(secret, 'token=hunter2');
  return { app, secret };
}

function resource(app: string, overrides: Partial<PreviewResource> = {}): PreviewResource {
  return { site: previewSite(app, 'hello'), resourceKey: 'hello', appFolder: app, resourcePath: 'static/hello/build', tunnelPort: null, manifest, ...overrides };
}

async function startPreview(resources: PreviewResource | null | Record<string, PreviewResource>) {
  const byId: Record<string, PreviewResource> = resources === null ? {} : 'site' in resources ? { hello: resources as PreviewResource } : (resources as Record<string, PreviewResource>);
  const violations: { id: string; violation: PreviewViolation }[] = [];
  const server = new PreviewServer({
    resolveResource: async (id) => byId[id] ?? null,
    workbenchOrigin: WORKBENCH,
    onViolation: (id, violation) => violations.push({ id, violation }),
  });
  await server.start();
  cleanups.push(() => server.close());
  return { server, violations };
}

/** A fake server that this process counts as Anvil's own (as the web shell and web triggers are), recording what reaches it. */
async function anvilOwnedServer() {
  const reached: string[] = [];
  const server = http.createServer((request, response) => {
    reached.push(`${request.method} ${request.url}`);
    response.end('the workbench');
  });
  server.on('upgrade', (request: http.IncomingMessage, socket: import('node:stream').Duplex) => {
    reached.push(`upgrade ${request.url}`);
    socket.destroy();
  });
  trackOwnPort(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))));
  return { port: (server.address() as AddressInfo).port, reached };
}

/**
 * A raw request to the preview server on loopback, with the Host of a site's origin (or the one
 * given): fetch() would normalise `../` away, and cannot resolve `*.localhost` everywhere.
 */
function raw(server: PreviewServer, site: string | null, requestPath: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const { host, port } = server.address;
  const headers = { host: site === null ? `${host}:${port}` : new URL(server.originFor(site)).host, ...options.headers };
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host, port, path: requestPath, method: options.method ?? 'GET', headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('PreviewServer', () => {
  it('serves index.html on the resource\u2019s own origin with the CSP and the bridge script first in <head>', async () => {
    const { app } = appFolder();
    const hello = resource(app);
    const { server } = await startPreview(hello);
    const url = server.urlFor('hello', hello.site);
    expect(url).toMatch(/^http:\/\/[0-9a-f]{16}\.localhost:\d+\/p\/hello\/$/);
    const response = await raw(server, hello.site, '/p/hello/');
    expect(response.status).toBe(200);
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob: https://img.example.com");
    expect(csp).toContain(`frame-ancestors ${WORKBENCH}`);
    expect(csp).toContain('report-uri /p/hello/__anvil/csp-report');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.body).toMatch(/<head><script src="\/p\/hello\/__anvil\/bridge\.js"><\/script><meta charset/);
    expect((await raw(server, hello.site, '/p/hello/assets/app.js')).headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(server.frameSource).toBe(`http://*.localhost:${server.address.port}`);
  });

  it('serves bridge.js pinned to the workbench origin', async () => {
    const { app } = appFolder();
    const { server } = await startPreview(resource(app));
    const response = await raw(server, previewSite(app, 'hello'), '/p/hello/__anvil/bridge.js');
    expect(response.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(response.body).toContain(JSON.stringify(WORKBENCH));
    expect(response.body).toContain('anvil-preview-bridge');
  });

  it('refuses paths escaping the folder, symlinks out of it, and writes', async () => {
    const { app, secret } = appFolder();
    const folder = path.join(app, 'static', 'hello', 'build');
    symlinkSync(secret, path.join(folder, 'link.txt'));
    const hello = resource(app);
    const { server } = await startPreview(hello);
    for (const escape of ['/p/hello/../../../../secret.txt', '/p/hello/%2e%2e/%2e%2e/%2e%2e/%2e%2e/secret.txt', '/p/hello/..%2f..%2f..%2f..%2fsecret.txt', '/p/hello/link.txt']) {
      const response = await raw(server, hello.site, escape);
      expect(response.status, escape).toBe(404);
      expect(response.body).not.toContain('hunter2');
    }
    expect((await raw(server, hello.site, '/p/hello/', { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await raw(server, hello.site, '/p/nobody/')).status).toBe(404);
  });

  it('never serves a resources[].path outside the app folder (../.., absolute, or a link out), and says which setting to fix', async () => {
    const { app, secret } = appFolder();
    const outsideFolder = path.dirname(secret);
    symlinkSync(outsideFolder, path.join(app, 'static', 'escape'), 'dir');
    const attempts: Record<string, PreviewResource> = {
      up: resource(app, { resourcePath: '..' }),
      upup: resource(app, { resourcePath: '../..' }),
      absolute: resource(app, { resourcePath: outsideFolder }),
      linked: resource(app, { resourcePath: 'static/escape' }),
    };
    const { server } = await startPreview(attempts);
    for (const [id, attempt] of Object.entries(attempts)) {
      for (const file of ['secret.txt', path.relative(path.parse(outsideFolder).root, secret)]) {
        const response = await raw(server, attempt.site, `/p/${id}/${file}`);
        expect(response.status, `${id}: ${file}`).toBe(404);
        expect(response.body).not.toContain('hunter2');
        expect(response.body).toContain(`resources[].path "${attempt.resourcePath}" of resource "hello" points outside the app folder`);
        expect(response.body).toContain('Set resources[].path in manifest.yml to a folder inside the app');
      }
    }
  });

  it('says plainly when a resource folder does not exist yet', async () => {
    const { app } = appFolder();
    const missing = resource(app, { resourcePath: 'static/hello/dist' });
    const { server } = await startPreview(missing);
    const response = await raw(server, missing.site, '/p/hello/');
    expect(response.status).toBe(404);
    expect(response.body).toContain('resources[].path "static/hello/dist" of resource "hello" does not exist yet');
    expect(response.body).toContain('npm run build');
  });

  it('binds 127.0.0.1 only and rejects foreign Host headers and the bare loopback origin', async () => {
    const { app } = appFolder();
    const hello = resource(app);
    const { server } = await startPreview(hello);
    expect(server.address.host).toBe('127.0.0.1');
    expect((await raw(server, hello.site, '/p/hello/', { headers: { host: 'attacker.example' } })).status).toBe(421);
    expect((await raw(server, hello.site, '/p/hello/', { headers: { host: `${hello.site}.attacker.example:${server.address.port}` } })).status).toBe(421);
    // A shared origin would let every app's page read every other's storage.
    expect((await raw(server, null, '/p/hello/')).status).toBe(421);
    expect((await raw(server, hello.site, '/p/hello/', { headers: { host: `localhost:${server.address.port}` } })).status).toBe(421);
  });

  it('gives each app (and each resource) an origin of its own, and one app\u2019s origin never serves another app\u2019s page', async () => {
    const first = appFolder();
    const second = appFolder();
    const mine = resource(first.app);
    const theirs = resource(second.app);
    const sibling = resource(first.app, { site: previewSite(first.app, 'other'), resourceKey: 'other' });
    const { server } = await startPreview({ mine, theirs, sibling });
    const origins = new Set([mine, theirs, sibling].map((each) => server.originFor(each.site)));
    // Storage (localStorage, IndexedDB, cookies) is per origin in the browser: three origins, three stores.
    expect(origins.size).toBe(3);
    expect((await raw(server, mine.site, '/p/mine/')).status).toBe(200);
    expect((await raw(server, theirs.site, '/p/theirs/')).status).toBe(200);
    // A page that loads another app's preview into its own origin (or its own into another's) gets nothing.
    expect((await raw(server, mine.site, '/p/theirs/')).status).toBe(404);
    expect((await raw(server, theirs.site, '/p/mine/')).status).toBe(404);
    expect((await raw(server, theirs.site, '/p/mine/assets/app.js')).status).toBe(404);
    expect((await raw(server, theirs.site, '/assets/app.js', { headers: { referer: server.urlFor('mine', theirs.site) } })).status).toBe(404);
    expect(
      (
        await raw(server, theirs.site, '/p/mine/__anvil/csp-report', {
          method: 'POST',
          body: JSON.stringify({ 'csp-report': { 'blocked-uri': 'https://x.example', 'effective-directive': 'img-src' } }),
        })
      ).status,
    ).toBe(404);
  });

  it('explains a CSP report and passes it to onViolation', async () => {
    const { app } = appFolder();
    const hello = resource(app);
    const { server, violations } = await startPreview(hello);
    const url = server.urlFor('hello', hello.site);
    const body = JSON.stringify({
      'csp-report': {
        'document-uri': url,
        'effective-directive': 'script-src-elem',
        'violated-directive': 'script-src-elem',
        'blocked-uri': 'https://cdn.example.com/lib.js',
        'source-file': url,
        'line-number': 1,
      },
    });
    const response = await raw(server, hello.site, '/p/hello/__anvil/csp-report', { method: 'POST', body, headers: { 'content-type': 'application/csp-report' } });
    expect(response.status).toBe(204);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.id).toBe('hello');
    expect(violations[0]!.violation).toMatchObject({ directive: 'script-src-elem', blockedUri: 'https://cdn.example.com/lib.js', line: 1 });
    expect(violations[0]!.violation.explanation).toContain('add https://cdn.example.com under permissions.external.scripts');

    const huge = JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(100_000), 'effective-directive': 'img-src' } });
    expect((await raw(server, hello.site, '/p/hello/__anvil/csp-report', { method: 'POST', body: huge })).status).toBe(413);
    expect(violations).toHaveLength(1);
  });

  it('proxies a dev server, keeping the CSP, injecting the bridge and never forwarding cookies', async () => {
    const seen: http.IncomingHttpHeaders[] = [];
    const devServer = http.createServer((request, response) => {
      seen.push(request.headers);
      if (request.url === '/') {
        response.writeHead(200, { 'content-type': 'text/html', 'access-control-allow-origin': '*', 'content-security-policy': 'default-src *' });
        response.end('<html><head></head><body><script src="/static/js/bundle.js"></script></body></html>');
      } else {
        response.writeHead(200, { 'content-type': 'text/javascript' });
        response.end(`// ${request.url}`);
      }
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => devServer.close(() => resolve())));
    const tunnelPort = (devServer.address() as AddressInfo).port;
    const { app } = appFolder();
    const hello = resource(app, { resourcePath: null, tunnelPort });
    const { server } = await startPreview(hello);

    const page = await raw(server, hello.site, '/p/hello/', { headers: { cookie: 'anvil-token-5999=secret' } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html><head><script src="/p/hello/__anvil/bridge.js"></script></head><body><script src="/static/js/bundle.js"></script></body></html>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(seen[0]!.cookie).toBeUndefined();

    // Absolute asset paths from the page are routed by its Referer.
    const asset = await raw(server, hello.site, '/static/js/bundle.js', { headers: { referer: server.urlFor('hello', hello.site) } });
    expect(asset.body).toBe('// /static/js/bundle.js');

    await new Promise<void>((resolve) => devServer.close(() => resolve()));
    expect((await raw(server, hello.site, '/p/hello/')).status).toBe(502);
  });

  it('refuses to proxy to a resources[].tunnel.port that Anvil itself listens on, naming the setting', async () => {
    const owned = await anvilOwnedServer();
    const { app } = appFolder();
    const hello = resource(app, { resourcePath: null, tunnelPort: owned.port });
    const previews: Record<string, PreviewResource> = { hello };
    const { server } = await startPreview(previews);
    const page = await raw(server, hello.site, '/p/hello/');
    expect(page.status).toBe(403);
    expect(page.body).not.toContain('the workbench');
    expect(page.body).toContain(`resources[].tunnel.port of resource "hello" is ${owned.port}, a port Anvil itself listens on`);
    expect(page.body).toContain('Set resources[].tunnel.port in manifest.yml');
    expect(owned.reached).toEqual([]);
    // The preview server's own port counts too: it would answer the page as another preview.
    previews.loop = resource(app, { resourcePath: null, tunnelPort: server.address.port });
    const loop = await raw(server, hello.site, '/p/loop/');
    expect(loop.status).toBe(403);
    expect(loop.body).toContain(`is ${server.address.port}, a port Anvil itself listens on`);
  });
});

describe('dev server hot reload', () => {
  async function echoDevServer() {
    const upgrades: http.IncomingHttpHeaders[] = [];
    const sockets: import('node:stream').Duplex[] = [];
    const devServer = http.createServer();
    devServer.on('upgrade', (request: http.IncomingMessage, socket: import('node:stream').Duplex) => {
      upgrades.push(request.headers);
      sockets.push(socket);
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      socket.on('data', (chunk: Buffer) => socket.write(`echo:${chunk.toString()}`));
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    // Upgraded sockets are not HTTP connections any more: close() would wait for them.
    cleanups.push(() => new Promise((resolve) => (sockets.forEach((socket) => socket.destroy()), devServer.close(() => resolve()))));
    return { port: (devServer.address() as AddressInfo).port, upgrades };
  }

  /** A WebSocket handshake to the preview, then a ping; resolves with everything the socket received. */
  function handshake(server: PreviewServer, host: string, origin: string | null, requestPath = '/p/hello/__vite_hmr') {
    return new Promise<string>((resolve) => {
      const socket = net.connect(server.address.port, '127.0.0.1', () => {
        const originLine = origin === null ? '' : `Origin: ${origin}\r\n`;
        socket.write(`GET ${requestPath} HTTP/1.1\r\nHost: ${host}\r\n${originLine}Upgrade: websocket\r\nConnection: Upgrade\r\nCookie: anvil-token=secret\r\n\r\n`);
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('101') && !text.includes('echo:')) socket.write('ping');
        if (text.includes('echo:ping') || text.includes('403') || text.includes('404')) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('close', () => resolve(text));
      socket.on('error', () => resolve(text));
    });
  }

  it('passes the page\u2019s hot-reload WebSocket through to the dev server with the page\u2019s true origin, and refuses one from another origin', async () => {
    const dev = await echoDevServer();
    const { app } = appFolder();
    const hello = resource(app, { resourcePath: null, tunnelPort: dev.port });
    const { server } = await startPreview(hello);
    const origin = server.originFor(hello.site);
    const host = new URL(origin).host;
    const accepted = await handshake(server, host, origin);
    expect(accepted).toContain('101 Switching Protocols');
    expect(accepted).toContain('echo:ping');
    expect(dev.upgrades[0]).toMatchObject({ host: `127.0.0.1:${dev.port}` });
    // Never forged as the dev server's own origin: that would vouch for the page to whatever listens there.
    expect(dev.upgrades[0]!.origin).toBe(origin);
    expect(dev.upgrades[0]!.cookie).toBeUndefined();
    // A client without an Origin (not a browser page) gets none added.
    expect(await handshake(server, host, null)).toContain('echo:ping');
    expect(dev.upgrades[1]!.origin).toBeUndefined();
    expect(await handshake(server, host, 'http://evil.example')).toContain('403 Forbidden');
    // Another app's page (its own origin, its own host) cannot reach this app's dev server.
    const other = server.originFor(previewSite(scratchFolder(), 'hello'));
    expect(await handshake(server, host, other)).toContain('403 Forbidden');
    expect(await handshake(server, new URL(other).host, other)).toContain('404 Not Found');
    expect(dev.upgrades).toHaveLength(2);
  });

  it('never connects the pass-through to a resources[].tunnel.port that Anvil itself listens on', async () => {
    const owned = await anvilOwnedServer();
    const { app } = appFolder();
    const hello = resource(app, { resourcePath: null, tunnelPort: owned.port });
    const { server } = await startPreview(hello);
    const origin = server.originFor(hello.site);
    const answer = await handshake(server, new URL(origin).host, origin);
    expect(answer).toContain('403 Forbidden');
    expect(answer).toContain(`resources[].tunnel.port of resource "hello" is ${owned.port}, a port Anvil itself listens on`);
    expect(answer).not.toContain('101 Switching Protocols');
    expect(owned.reached).toEqual([]);
  });
});

describe('bridge script', () => {
  function page() {
    const listeners: ((event: unknown) => void)[] = [];
    const posted: { message: unknown; targetOrigin: string }[] = [];
    const parent = { postMessage: (message: unknown, targetOrigin: string) => posted.push({ message, targetOrigin }) };
    const window = { parent, addEventListener: (_type: string, listener: (event: unknown) => void) => listeners.push(listener) };
    const context = vm.createContext({ window, Math, Map, Promise, Error, Object, JSON, String });
    (context as { globalThis: unknown }).globalThis = context;
    vm.runInContext(bridgeScript(WORKBENCH), context);
    const bridge = (context as unknown as { __bridge: { callBridge: (name: string, payload?: unknown) => Promise<unknown> } }).__bridge;
    const reply = (data: unknown, origin = WORKBENCH, source: unknown = parent) => listeners.forEach((listener) => listener({ data, origin, source }));
    return { bridge, posted, reply, parent };
  }

  it('posts calls to the workbench origin and resolves or rejects from its replies only', async () => {
    const { bridge, posted, reply, parent } = page();
    const call = bridge.callBridge('invoke', { functionKey: 'resolver', payload: { x: 1 } });
    expect(posted[0]).toEqual({
      message: { source: 'anvil-preview-bridge', id: expect.any(String), name: 'invoke', payload: { functionKey: 'resolver', payload: { x: 1 } } },
      targetOrigin: WORKBENCH,
    });
    const id = (posted[0]!.message as { id: string }).id;
    reply({ source: 'anvil-preview-host', id, ok: true, value: 'forged' }, 'https://evil.example');
    reply({ source: 'anvil-preview-host', id, ok: true, value: 'forged' }, WORKBENCH, {});
    reply({ source: 'anvil-preview-host', id, ok: true, value: 'real' }, WORKBENCH, parent);
    await expect(call).resolves.toBe('real');

    const failing = bridge.callBridge('getContext');
    reply({ source: 'anvil-preview-host', id: (posted[1]!.message as { id: string }).id, ok: false, error: 'no context here' });
    await expect(failing).rejects.toThrow('no context here');
  });
});
