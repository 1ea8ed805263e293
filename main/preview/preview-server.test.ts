import net from 'node:net';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { scratchFolder } from '../testing';
import { bridgeScript } from './bridge-script';
import { PreviewServer, type PreviewResource, type PreviewViolation } from './preview-server';

const WORKBENCH = 'http://127.0.0.1:5999';
const manifest = { permissions: { external: { images: ['img.example.com'] } } };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function buildFolder(): string {
  const root = scratchFolder();
  const folder = path.join(root, 'static', 'hello', 'build');
  mkdirSync(path.join(folder, 'assets'), { recursive: true });
  writeFileSync(path.join(folder, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"><title>Hello</title></head><body><script src="./assets/app.js"></script></body></html>');
  writeFileSync(path.join(folder, 'assets', 'app.js'), 'console.log("hi")');
  writeFileSync(path.join(root, 'secret.txt'), 'token=hunter2');
  return folder;
}

async function startPreview(resource: PreviewResource | null) {
  const violations: { id: string; violation: PreviewViolation }[] = [];
  const server = new PreviewServer({
    resolveResource: async (id) => (id === 'hello' ? resource : null),
    workbenchOrigin: WORKBENCH,
    onViolation: (id, violation) => violations.push({ id, violation }),
  });
  await server.start();
  cleanups.push(() => server.close());
  return { server, violations };
}

/** A raw request: fetch() would normalise `../` away before it reached the server. */
function raw(origin: string, requestPath: string, options: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(origin);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const request = http.request({ host: url.hostname, port: url.port, path: requestPath, method: options.method ?? 'GET', headers: options.headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

describe('PreviewServer', () => {
  it('serves index.html on loopback with the CSP and the bridge script first in <head>', async () => {
    const { server } = await startPreview({ folder: buildFolder(), tunnelPort: null, manifest });
    const url = server.urlFor('hello');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/hello\/$/);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("img-src 'self' data: blob: https://img.example.com");
    expect(csp).toContain(`frame-ancestors ${WORKBENCH}`);
    expect(csp).toContain('report-uri /p/hello/__anvil/csp-report');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const html = await response.text();
    expect(html).toMatch(/<head><script src="\/p\/hello\/__anvil\/bridge\.js"><\/script><meta charset/);
    expect((await fetch(url + 'assets/app.js')).headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('serves bridge.js pinned to the workbench origin', async () => {
    const { server } = await startPreview({ folder: buildFolder(), tunnelPort: null, manifest });
    const response = await fetch(server.urlFor('hello') + '__anvil/bridge.js');
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const source = await response.text();
    expect(source).toContain(JSON.stringify(WORKBENCH));
    expect(source).toContain('anvil-preview-bridge');
  });

  it('refuses paths escaping the folder, symlinks out of it, and writes', async () => {
    const folder = buildFolder();
    symlinkSync(path.join(folder, '..', '..', '..', 'secret.txt'), path.join(folder, 'link.txt'));
    const { server } = await startPreview({ folder, tunnelPort: null, manifest });
    for (const escape of ['/p/hello/../../../secret.txt', '/p/hello/%2e%2e/%2e%2e/%2e%2e/secret.txt', '/p/hello/..%2f..%2f..%2fsecret.txt', '/p/hello/link.txt']) {
      const response = await raw(server.origin, escape);
      expect(response.status, escape).toBe(404);
      expect(response.body).not.toContain('hunter2');
    }
    expect((await raw(server.origin, '/p/hello/', { method: 'PUT', body: 'x' })).status).toBe(405);
    expect((await raw(server.origin, '/p/nobody/')).status).toBe(404);
  });

  it('binds 127.0.0.1 only and rejects foreign Host headers', async () => {
    const { server } = await startPreview({ folder: buildFolder(), tunnelPort: null, manifest });
    expect(new URL(server.origin).hostname).toBe('127.0.0.1');
    expect((await raw(server.origin, '/p/hello/', { headers: { host: 'attacker.example' } })).status).toBe(421);
  });

  it('explains a CSP report and passes it to onViolation', async () => {
    const { server, violations } = await startPreview({ folder: buildFolder(), tunnelPort: null, manifest });
    const body = JSON.stringify({
      'csp-report': {
        'document-uri': server.urlFor('hello'),
        'effective-directive': 'script-src-elem',
        'violated-directive': 'script-src-elem',
        'blocked-uri': 'https://cdn.example.com/lib.js',
        'source-file': server.urlFor('hello'),
        'line-number': 1,
      },
    });
    const response = await raw(server.origin, '/p/hello/__anvil/csp-report', { method: 'POST', body, headers: { 'content-type': 'application/csp-report' } });
    expect(response.status).toBe(204);
    expect(violations).toHaveLength(1);
    expect(violations[0]!.id).toBe('hello');
    expect(violations[0]!.violation).toMatchObject({ directive: 'script-src-elem', blockedUri: 'https://cdn.example.com/lib.js', line: 1 });
    expect(violations[0]!.violation.explanation).toContain('add https://cdn.example.com under permissions.external.scripts');

    const huge = JSON.stringify({ 'csp-report': { 'blocked-uri': 'x'.repeat(100_000), 'effective-directive': 'img-src' } });
    expect((await raw(server.origin, '/p/hello/__anvil/csp-report', { method: 'POST', body: huge })).status).toBe(413);
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
    const { server } = await startPreview({ folder: null, tunnelPort, manifest });

    const page = await raw(server.origin, '/p/hello/', { headers: { cookie: 'anvil-token-5999=secret' } });
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html><head><script src="/p/hello/__anvil/bridge.js"></script></head><body><script src="/static/js/bundle.js"></script></body></html>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect(seen[0]!.cookie).toBeUndefined();

    // Absolute asset paths from the page are routed by its Referer.
    const asset = await raw(server.origin, '/static/js/bundle.js', { headers: { referer: server.urlFor('hello') } });
    expect(asset.body).toBe('// /static/js/bundle.js');

    await new Promise<void>((resolve) => devServer.close(() => resolve()));
    expect((await raw(server.origin, '/p/hello/')).status).toBe(502);
  });
});

describe('dev server hot reload', () => {
  it('passes the page\u2019s hot-reload WebSocket through to the dev server, and refuses one from another origin', async () => {
    const devServer = http.createServer();
    const upgrades: http.IncomingHttpHeaders[] = [];
    const sockets: import('node:stream').Duplex[] = [];
    devServer.on('upgrade', (request: http.IncomingMessage, socket: import('node:stream').Duplex) => {
      upgrades.push(request.headers);
      sockets.push(socket);
      socket.write('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
      socket.on('data', (chunk: Buffer) => socket.write(`echo:${chunk.toString()}`));
    });
    await new Promise<void>((resolve) => devServer.listen(0, '127.0.0.1', resolve));
    // Upgraded sockets are not HTTP connections any more: close() would wait for them.
    cleanups.push(() => new Promise((resolve) => (sockets.forEach((socket) => socket.destroy()), devServer.close(() => resolve()))));
    const tunnelPort = (devServer.address() as AddressInfo).port;
    const { server } = await startPreview({ folder: null, tunnelPort, manifest });
    const port = Number(new URL(server.origin).port);
    const handshake = (origin: string) =>
      new Promise<string>((resolve) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.write(`GET /p/hello/__vite_hmr HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: ${origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nCookie: anvil-token=secret\r\n\r\n`);
        });
        let text = '';
        socket.on('data', (chunk: Buffer) => {
          text += chunk.toString();
          if (text.includes('101') && !text.includes('echo:')) socket.write('ping');
          if (text.includes('echo:ping') || text.includes('403')) {
            socket.destroy();
            resolve(text);
          }
        });
        socket.on('close', () => resolve(text));
      });
    const accepted = await handshake(server.origin);
    expect(accepted).toContain('101 Switching Protocols');
    expect(accepted).toContain('echo:ping');
    expect(upgrades[0]).toMatchObject({ host: `127.0.0.1:${tunnelPort}` });
    expect(upgrades[0]!.cookie).toBeUndefined();
    expect(await handshake('http://evil.example')).toContain('403 Forbidden');
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
