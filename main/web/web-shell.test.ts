import { randomBytes } from 'node:crypto';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect as connectTcp, type Socket } from 'node:net';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { MAX_WEB_SOCKET_MESSAGE_BYTES, type ReplyMessage, type StreamMessage } from '../../common/wire';
import { memorySettings, sampleAppCopy, scratchFolder } from '../testing';
import { Workbench } from '../workbench';
import { startWebShell, type WebShell } from './web-shell';

let shell: WebShell | null = null;
const refusals: string[] = [];
// Every response header seen in a test: the server must never set a cookie, whatever was asked.
const seenHeaders: IncomingHttpHeaders[] = [];
afterEach(async () => {
  await shell?.close();
  shell = null;
  refusals.length = 0;
  seenHeaders.length = 0;
});

async function start(devRendererOrigin?: string) {
  const rendererDir = scratchFolder();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Anvil</title>');
  mkdirSync(path.join(rendererDir, 'assets'));
  writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  const appFolder = sampleAppCopy();
  const workbench = new Workbench({ shell: 'web', version: '0.0.0-test', settings: memorySettings() });
  await workbench.openApp({ folder: appFolder });
  shell = await startWebShell({ workbench, rendererDir, port: 0, log: (line) => refusals.push(line), devRendererOrigin });
  return { shell, appFolder, workbench, rendererDir };
}

type Answer = { status: number; headers: IncomingHttpHeaders; body: string };

function send(shell: WebShell, method: string, pathName: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: shell.port, method, path: pathName, headers: { Host: `127.0.0.1:${shell.port}`, ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => {
        seenHeaders.push(response.headers);
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

const get = (shell: WebShell, pathName: string, headers: Record<string, string> = {}) => send(shell, 'GET', pathName, headers);

/** A renderer file as bytes, as sent (still compressed when it was). */
function getBytes(shell: WebShell, pathName: string, headers: Record<string, string> = {}, method = 'GET') {
  return new Promise<{ headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: shell.port, method, path: pathName, headers: { Host: `127.0.0.1:${shell.port}`, ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

/** A hashed script of the build with the brotli and gzip copies the build writes beside it. */
function writeCompressedAsset(rendererDir: string): { urlPath: string; text: string; file: string } {
  const text = `export const panes = ${JSON.stringify(Array.from({ length: 400 }, (_, index) => `pane ${index}`))};\n`;
  const file = path.join(rendererDir, 'assets', 'panes-B4srPE5f.js');
  writeFileSync(file, text);
  writeFileSync(file + '.br', brotliCompressSync(text));
  writeFileSync(file + '.gz', gzipSync(text));
  return { urlPath: '/assets/panes-B4srPE5f.js', text, file };
}

/** What the page does with the token from its address: POST it, from its own origin, as JSON. */
function exchange(shell: WebShell, token = shell.token, headers: Record<string, string> = {}) {
  return send(shell, 'POST', '/anvil-session', { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/json', ...headers }, JSON.stringify({ token }));
}

async function session(shell: WebShell): Promise<string> {
  const answer = await exchange(shell);
  expect(answer.status).toBe(200);
  return (JSON.parse(answer.body) as { session: string }).session;
}

function connect(shell: WebShell, options: { origin?: string; protocols?: string[]; headers?: Record<string, string> }) {
  return new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/anvil-socket`, options.protocols ?? [], {
      origin: options.origin ?? `http://127.0.0.1:${shell.port}`,
      headers: options.headers,
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => {
      seenHeaders.push(response.headers);
      reject(new Error(`refused with ${response.statusCode}`));
    });
    socket.once('error', reject);
  });
}

const withSession = (secret: string) => ['anvil', `anvil-session.${secret}`];

function nextMessage<T extends ReplyMessage | StreamMessage>(socket: WebSocket, kind: T['kind'], stream?: StreamMessage['stream']): Promise<T> {
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ReplyMessage | StreamMessage;
      if (message.kind === kind && (stream === undefined || (message.kind === 'stream' && message.stream === stream))) {
        socket.off('message', onMessage);
        resolve(message as T);
      }
    };
    socket.on('message', onMessage);
  });
}

async function callWorks(shell: WebShell, secret: string): Promise<void> {
  const socket = await connect(shell, { protocols: withSession(secret) });
  socket.send(JSON.stringify({ kind: 'call', id: 1, method: 'getCurrentApp' }));
  expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({ id: 1, outcome: { ok: true, value: { name: 'issue-radar' } } });
  socket.close();
}

/** A hand-made WebSocket upgrade, so a test can send frames no well-behaved client would. */
function rawUpgrade(shell: WebShell, secret: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connectTcp(shell.port, '127.0.0.1', () => {
      socket.write(
        [
          'GET /anvil-socket HTTP/1.1',
          `Host: 127.0.0.1:${shell.port}`,
          `Origin: http://127.0.0.1:${shell.port}`,
          'Upgrade: websocket',
          'Connection: Upgrade',
          'Sec-WebSocket-Version: 13',
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
          `Sec-WebSocket-Protocol: ${withSession(secret).join(', ')}`,
          '',
          '',
        ].join('\r\n'),
      );
    });
    let handshake = '';
    const onData = (chunk: Buffer) => {
      handshake += chunk.toString('latin1');
      if (!handshake.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (handshake.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(handshake.split('\r\n')[0]));
    };
    socket.on('data', onData);
    socket.on('error', reject);
  });
}

/** A masked client frame; `declaredLength` lets a test claim more payload than it sends. */
function clientFrame(opcode: number, payload: Buffer, declaredLength = payload.length): Buffer {
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((byte, index) => byte ^ mask[index % 4]!));
  let header: Buffer;
  if (declaredLength < 126) header = Buffer.from([0x80 | opcode, 0x80 | declaredLength]);
  else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(declaredLength), 2);
  }
  return Buffer.concat([header, mask, masked]);
}

/** The close code of the first close frame the server sends (unmasked, as servers send). */
function closeCode(socket: Socket): Promise<number> {
  return new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length >= 4 && (received[0]! & 0x0f) === 0x8) resolve(received.readUInt16BE(2));
    });
    socket.on('close', () => reject(new Error('closed without a close frame')));
  });
}

describe('the web shell', () => {
  it('listens on loopback only and prints a URL carrying the token', async () => {
    const { shell } = await start();
    expect(shell.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${shell.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it('serves the renderer files (no secrets in them) without a token, with a strict CSP, for its own host only', async () => {
    const { shell } = await start();
    const page = await get(shell, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>Anvil</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain(`ws://127.0.0.1:${shell.port}`);
    expect((await get(shell, '/assets/app.js')).headers['content-type']).toContain('text/javascript');
    expect((await get(shell, '/../../etc/passwd')).status).toBe(404);
    expect((await get(shell, '/%2e%2e/%2e%2e/etc/passwd')).status).toBe(404);
    // A DNS-rebinding page sends its own host name: refused, token or not.
    expect((await get(shell, '/', { Host: `attacker.example:${shell.port}` })).status).toBe(403);
    expect((await get(shell, `/?token=${shell.token}`, { Host: `127.0.0.1:1` })).status).toBe(403);
    expect((await exchange(shell, shell.token, { Host: `attacker.example:${shell.port}` })).status).toBe(403);
    expect(refusals.some((line) => line.includes('attacker.example'))).toBe(true);
    // The rebinding attempt did not use up the token.
    expect((await exchange(shell)).status).toBe(200);
  });

  it('sends the brotli or gzip copy of a renderer file to a browser that takes it, with Content-Encoding, Vary and the same security headers', async () => {
    const { shell, rendererDir } = await start();
    const asset = writeCompressedAsset(rendererDir);
    const brotli = await getBytes(shell, asset.urlPath, { 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers.vary).toBe('Accept-Encoding');
    expect(brotli.headers['content-type']).toContain('text/javascript');
    expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length);
    expect(brotli.body.length).toBeLessThan(asset.text.length / 2);
    expect(brotliDecompressSync(brotli.body).toString()).toBe(asset.text);
    expect(String(brotli.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(brotli.headers['x-content-type-options']).toBe('nosniff');

    const gzip = await getBytes(shell, asset.urlPath, { 'Accept-Encoding': 'br;q=0, gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(asset.text);

    const plain = await getBytes(shell, asset.urlPath);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.body.toString()).toBe(asset.text);
    const head = await getBytes(shell, asset.urlPath, { 'Accept-Encoding': 'br' }, 'HEAD');
    expect(head.headers['content-encoding']).toBe('br');
    expect(Number(head.headers['content-length'])).toBe(brotli.body.length);
    expect(head.body.length).toBe(0);
  });

  it('never sends a compressed copy older than its file: an edited file is sent as it is now', async () => {
    const { shell, rendererDir } = await start();
    const asset = writeCompressedAsset(rendererDir);
    const edited = asset.text.replace('pane 1"', 'pane one"');
    writeFileSync(asset.file, edited);
    const past = new Date(Date.now() - 60_000);
    utimesSync(asset.file + '.br', past, past);
    utimesSync(asset.file + '.gz', past, past);
    const answer = await getBytes(shell, asset.urlPath, { 'Accept-Encoding': 'br, gzip' });
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.toString()).toBe(edited);
  });

  it('lets the browser keep hashed assets for good and fetch the page that names them anew every time', async () => {
    const { shell, rendererDir } = await start();
    const asset = writeCompressedAsset(rendererDir);
    expect((await get(shell, asset.urlPath)).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await get(shell, '/')).headers['cache-control']).toBe('no-store');
    expect((await get(shell, '/index.html')).headers['cache-control']).toBe('no-store');
    expect((await get(shell, '/assets/missing-B4srPE5f.js')).headers['cache-control']).toBe('no-store');
  });

  it('trades the launch token for a session exactly once; a used or wrong token gets a page saying how to get a fresh URL', async () => {
    const { shell } = await start();
    expect((await get(shell, `/?token=${shell.token}`)).status).toBe(200);
    const secret = await session(shell);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(secret).not.toBe(shell.token);

    const again = await exchange(shell);
    expect(again.status).toBe(401);
    expect(JSON.parse(again.body).error).toContain('already used');

    // A second tab (or the history entry) with the printed URL.
    const secondTab = await get(shell, `/?token=${shell.token}`);
    expect(secondTab.status).toBe(401);
    expect(secondTab.body).toContain('already used');
    expect(secondTab.body).toContain('npm start');
    const wrong = await get(shell, '/?token=guess');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('not the access token');
    expect((await exchange(shell, 'guess')).status).toBe(401);

    await callWorks(shell, secret);
    // A reload opens a new socket with the same session.
    await callWorks(shell, secret);
    expect(seenHeaders.length).toBeGreaterThan(0);
    expect(seenHeaders.filter((headers) => headers['set-cookie'] !== undefined)).toEqual([]);
  });

  it('refuses a session to another origin, to a form post, to anything but a JSON POST of bounded size', async () => {
    const { shell } = await start();
    expect((await exchange(shell, shell.token, { Origin: 'http://attacker.example' })).status).toBe(403);
    // The Custom UI preview and web triggers live on other 127.0.0.1 ports: other origins too.
    expect((await exchange(shell, shell.token, { Origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await send(shell, 'POST', '/anvil-session', { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/x-www-form-urlencoded' }, `token=${shell.token}`)).status).toBe(415);
    expect((await get(shell, '/anvil-session')).status).toBe(405);
    const huge = await send(
      shell,
      'POST',
      '/anvil-session',
      { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/json' },
      JSON.stringify({ token: shell.token, pad: 'x'.repeat(64 * 1024) }),
    );
    expect(huge.status).toBe(413);
    expect((await send(shell, 'POST', '/anvil-session', { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/json' }, '{"token":7}')).status).toBe(400);
    // None of those spent the token.
    expect((await exchange(shell)).status).toBe(200);
    expect(seenHeaders.filter((headers) => headers['set-cookie'] !== undefined)).toEqual([]);
  });

  it('gives nothing for a cookie: not a session, not a socket, whatever its name', async () => {
    const { shell } = await start();
    const secret = await session(shell);
    // What a page on another 127.0.0.1 port could make the browser attach: cookies.
    const cookies = [`anvil-token-${shell.port}=${shell.token}`, `anvil-session=${secret}`, `anvil-token=${shell.token}`];
    for (const cookie of cookies) {
      const asked = await send(shell, 'POST', '/anvil-session', { Origin: `http://127.0.0.1:${shell.port}`, 'Content-Type': 'application/json', Cookie: cookie }, '{}');
      expect(asked.status).toBe(400);
      await expect(connect(shell, { protocols: ['anvil'], headers: { Cookie: cookie } })).rejects.toThrow('refused with 401');
    }
    // Nor the launch token or the session as a Bearer header or HTTP Basic credentials.
    await expect(connect(shell, { protocols: ['anvil'], headers: { Authorization: `Bearer ${shell.token}` } })).rejects.toThrow('refused with 401');
    await expect(connect(shell, { protocols: ['anvil'], headers: { Authorization: `Bearer ${secret}` } })).rejects.toThrow('refused with 401');
    await expect(connect(shell, { protocols: ['anvil'], headers: { Authorization: `Basic ${Buffer.from(`anvil:${secret}`).toString('base64')}` } })).rejects.toThrow('refused with 401');
    expect(seenHeaders.filter((headers) => headers['set-cookie'] !== undefined)).toEqual([]);
  });

  it('requires the session secret on the WebSocket, from its own origin only', async () => {
    const { shell } = await start();
    const secret = await session(shell);
    await expect(connect(shell, {})).rejects.toThrow('refused with 401');
    await expect(connect(shell, { protocols: withSession('guess') })).rejects.toThrow('refused with 401');
    // The launch token is for the exchange only.
    await expect(connect(shell, { protocols: withSession(shell.token) })).rejects.toThrow('refused with 401');
    // A page elsewhere that somehow learned the secret still cannot connect.
    await expect(connect(shell, { origin: 'http://attacker.example', protocols: withSession(secret) })).rejects.toThrow('refused with 401');
    await expect(connect(shell, { origin: 'http://127.0.0.1:1', protocols: withSession(secret) })).rejects.toThrow('refused with 401');
    const socket = await connect(shell, { protocols: withSession(secret) });
    // The server names the plain protocol, never echoing the secret back.
    expect(socket.protocol).toBe('anvil');
    socket.close();
  });

  it('serves the contract: calls, validation errors and streams', async () => {
    const { shell, appFolder } = await start();
    const socket = await connect(shell, { protocols: withSession(await session(shell)) });
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

    const streamed = nextMessage<StreamMessage>(socket, 'stream', 'manifestChanged');
    await writeFile(path.join(appFolder, 'manifest.yml'), '# changed outside\n');
    expect(await streamed).toMatchObject({ stream: 'manifestChanged', payload: { text: '# changed outside\n' } });
    socket.close();
  });

  it('closes only the connection that sends a text frame of invalid UTF-8 (1007) and keeps serving others', async () => {
    const { shell } = await start();
    const secret = await session(shell);
    const bystander = await connect(shell, { protocols: withSession(secret) });
    const raw = await rawUpgrade(shell, secret);
    const closed = closeCode(raw);
    raw.write(clientFrame(0x1, Buffer.from([0x7b, 0xff, 0xfe, 0xfd, 0x7d])));
    expect(await closed).toBe(1007);
    raw.destroy();
    expect(refusals.some((line) => line.includes('bad frame'))).toBe(true);
    expect(bystander.readyState).toBe(WebSocket.OPEN);
    bystander.close();
    await callWorks(shell, secret);
  });

  it('closes only the connection that sends a frame over the size cap (1009) and keeps serving others', async () => {
    const { shell } = await start();
    const secret = await session(shell);
    const raw = await rawUpgrade(shell, secret);
    const closed = closeCode(raw);
    // The header alone claims more than the cap: refused before any of it is buffered.
    raw.write(clientFrame(0x1, Buffer.from('{"kind":"call"'), MAX_WEB_SOCKET_MESSAGE_BYTES + 1));
    expect(await closed).toBe(1009);
    raw.destroy();
    expect(refusals.some((line) => line.includes('bad frame') && line.includes('Max payload size exceeded'))).toBe(true);
    await callWorks(shell, secret);
  });

  it('survives a client that resets the connection in the middle of its upgrade', async () => {
    const { shell } = await start();
    const secret = await session(shell);
    const socket = connectTcp(shell.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // Half a request, then a reset: the server's socket errors while the upgrade is refused.
    socket.write(
      `GET /anvil-socket HTTP/1.1\r\nHost: 127.0.0.1:${shell.port}\r\nOrigin: http://attacker.example\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\n\r\n`,
    );
    socket.resetAndDestroy();
    await callWorks(shell, secret);
  });
});

describe('the web shell under npm run dev', () => {
  const DEV_ORIGIN = 'http://127.0.0.1:5173';

  it("accepts the renderer dev server's page (through its proxy) with the launch token, and no other origin", async () => {
    const { shell } = await start(DEV_ORIGIN);
    expect((await exchange(shell, shell.token, { Origin: 'http://127.0.0.1:5174' })).status).toBe(403);
    const answer = await exchange(shell, shell.token, { Origin: DEV_ORIGIN });
    expect(answer.status).toBe(200);
    const secret = (JSON.parse(answer.body) as { session: string }).session;
    await expect(connect(shell, { origin: 'http://evil.example', protocols: withSession(secret) })).rejects.toThrow(/401/);
    const socket = await connect(shell, { origin: DEV_ORIGIN, protocols: withSession(secret) });
    socket.send(JSON.stringify({ kind: 'call', id: 1, method: 'getCurrentApp' }));
    expect(await nextMessage<ReplyMessage>(socket, 'reply')).toMatchObject({ id: 1, outcome: { ok: true } });
    socket.close();
  });

  it("without --dev-renderer, the dev server's origin is refused like any other", async () => {
    const { shell } = await start();
    expect((await exchange(shell, shell.token, { Origin: DEV_ORIGIN })).status).toBe(403);
  });

  it('refuses a dev renderer origin that is not http on loopback', async () => {
    for (const origin of ['https://127.0.0.1:5173', 'http://evil.example:5173', 'http://127.0.0.1', 'http://127.0.0.1:5173/path', 'http://0.0.0.0:5173']) {
      await expect(start(origin)).rejects.toThrow(/http origin on loopback/);
    }
  });
});
