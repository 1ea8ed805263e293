import { mkdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { ReplyMessage, StreamMessage } from '../../common/wire';
import { memorySettings, sampleAppCopy, scratchFolder } from '../testing';
import { Workbench } from '../workbench';
import { startWebShell, type WebShell } from './web-shell';

let shell: WebShell | null = null;
const refusals: string[] = [];
afterEach(async () => {
  await shell?.close();
  shell = null;
  refusals.length = 0;
});

async function start() {
  const rendererDir = scratchFolder();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Anvil</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const appFolder = sampleAppCopy();
  const workbench = new Workbench({ shell: 'web', version: '0.0.0-test', settings: memorySettings() });
  await workbench.openApp({ folder: appFolder });
  shell = await startWebShell({ workbench, rendererDir, port: 0, log: (line) => refusals.push(line) });
  return { shell, appFolder, workbench };
}

function get(shell: WebShell, pathName: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: shell.port, path: pathName, headers: { Host: `127.0.0.1:${shell.port}`, ...headers } }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    request.on('error', reject);
    request.end();
  });
}

function connect(shell: WebShell, origin = `http://127.0.0.1:${shell.port}`, token = shell.token) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/anvil-socket`, { origin, headers: { Authorization: `Bearer ${token}` } });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`refused with ${response.statusCode}`)));
  });
}

function nextMessage<T extends ReplyMessage | StreamMessage>(socket: WebSocket, kind: T['kind']): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ReplyMessage | StreamMessage;
      if (message.kind === kind) {
        socket.off('message', onMessage);
        resolve(message as T);
      }
    };
    socket.on('message', onMessage);
  });
}

describe('the web shell', () => {
  it('listens on loopback only and prints a URL carrying the token', async () => {
    const { shell } = await start();
    expect(shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('refuses requests without the token, with a wrong one, or for a foreign host', async () => {
    const { shell } = await start();
    expect((await get(shell, '/')).status).toBe(401);
    expect((await get(shell, '/?token=guess')).status).toBe(401);
    expect((await get(shell, '/assets/app.js', { Cookie: `anvil-token-${shell.port}=guess` })).status).toBe(401);
    expect((await get(shell, `/?token=${shell.token}`, { Host: `attacker.example:${shell.port}` })).status).toBe(403);
    expect((await get(shell, `/?token=${shell.token}`, { Host: `127.0.0.1:1` })).status).toBe(403);
    expect(refusals.some((line) => line.includes('attacker.example'))).toBe(true);
  });

  it('trades the token for an HttpOnly cookie, then serves files with a strict CSP', async () => {
    const { shell } = await start();
    const first = await get(shell, `/?token=${shell.token}`);
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = String(first.headers['set-cookie']);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const cookieHeader = cookie.split(';')[0]!;
    const page = await get(shell, '/', { Cookie: cookieHeader });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Anvil</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`ws://127.0.0.1:${shell.port}`);
    expect((await get(shell, '/assets/app.js', { Cookie: cookieHeader })).headers['content-type']).toContain('text/javascript');
    expect((await get(shell, '/../../etc/passwd', { Cookie: cookieHeader })).status).toBe(404);
    expect((await get(shell, '/%2e%2e/%2e%2e/etc/passwd', { Cookie: cookieHeader })).status).toBe(404);
  });

  it('refuses WebSockets from a foreign origin or without the token', async () => {
    const { shell } = await start();
    await expect(connect(shell, 'http://attacker.example')).rejects.toThrow('refused with 401');
    await expect(connect(shell, `http://127.0.0.1:${shell.port}`, 'guess')).rejects.toThrow('refused with 401');
    const socket = await connect(shell);
    socket.close();
  });

  it('serves the contract: calls, validation errors and streams', async () => {
    const { shell, appFolder } = await start();
    const socket = await connect(shell);
    socket.send(JSON.stringify({ kind: 'call', id: 1, method: 'getCurrentApp' }));
    expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({ id: 1, outcome: { ok: true, value: { name: 'issue-radar' } } });

    socket.send(JSON.stringify({ kind: 'call', id: 2, method: 'runShell', request: { command: 'id' } }));
    expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({ id: 2, outcome: { ok: false, error: { code: 'unknown-method' } } });
    expect(refusals.some((line) => line.includes('runShell'))).toBe(true);

    socket.send('not json');
    expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({ id: null, outcome: { ok: false, error: { code: 'bad-request' } } });

    socket.send(JSON.stringify({ kind: 'call', id: 3, method: 'saveManifest', request: { text: 7 } }));
    expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({
      id: 3,
      outcome: { ok: false, error: { message: 'saveManifest: request.text must be a string, got a number' } },
    });

    const streamed = nextMessage<StreamMessage>(socket, 'stream');
    await writeFile(path.join(appFolder, 'manifest.yml'), '# changed outside\n');
    expect(await streamed).toMatchObject({ stream: 'manifestChanged', payload: { text: '# changed outside\n' } });
    socket.close();
  });
});
