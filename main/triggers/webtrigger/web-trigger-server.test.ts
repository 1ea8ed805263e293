import http from 'node:http';
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AnvilError } from '../../contract';
import { openAppDatabase } from '../../database';
import type { RunOutcome } from '../../runner';
import type { ModuleInvocation, TriggerLogLine } from '../types';
import type { WebTriggerDefinition } from './web-trigger-response';
import { MAX_BODY_BYTES, WebTriggerServer, type WebTriggerServerOptions } from './web-trigger-server';
import { WebTriggerUrls } from './web-trigger-urls';

const DELIVERY = /^(GET|POST|PUT|DELETE|PATCH) \/x1\/\S+ → \d{3} in \d+ ms \((invocation \S+|not run)\)$/;

const DEFINITIONS: Record<string, WebTriggerDefinition> = {
  hook: { type: 'dynamic', outputs: [] },
  'static-hook': { type: 'static', outputs: [{ key: 'done', statusCode: 202, contentType: 'application/json', body: '{"done":true}' }] },
};

function outcome(result: unknown, status: RunOutcome['status'] = 'ok', error: string | null = null): RunOutcome {
  return {
    invocationId: `inv-${Math.random().toString(16).slice(2, 10)}`,
    status,
    result,
    error,
    durationMs: 1,
    memoryBytes: null,
    logs: [],
    calls: [],
    functionKey: 'fn',
    environment: 'development',
    installation: 'jira',
  };
}

const running: WebTriggerServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()));
});

/** A server on loopback with a fake runner: `answer` plays the function. */
async function serve(answer: (invocation: ModuleInvocation) => Promise<RunOutcome> | RunOutcome = () => outcome({ statusCode: 204 }), options: Partial<WebTriggerServerOptions> = {}) {
  const lines: TriggerLogLine[] = [];
  const invocations: ModuleInvocation[] = [];
  const server = new WebTriggerServer({
    urls: new WebTriggerUrls(openAppDatabase(null)),
    invoke: async (invocation) => {
      invocations.push(invocation);
      return answer(invocation);
    },
    log: (line) => lines.push(line),
    definition: async (moduleKey) => DEFINITIONS[moduleKey] ?? null,
    port: 0,
    ...options,
  });
  await server.start();
  running.push(server);
  const port = server.address()!.port;
  return { server, lines, invocations, port, url: (moduleKey = 'hook') => server.url('development', 'jira', moduleKey), deliveries: () => lines.filter((line) => DELIVERY.test(line.message)) };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  distinct: NodeJS.Dict<string[]>;
  body: string;
}

function call(url: string, init: { method?: string; headers?: http.OutgoingHttpHeaders; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, distinct: response.headersDistinct, body: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(init.body);
  });
}

/** Raw bytes in, everything the server sends until it closes out. */
function raw(port: number, bytes: string | Buffer, waitMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(bytes);
    if (waitMs > 0) setTimeout(() => socket.end(), waitMs);
  });
}

describe('the web trigger server', () => {
  it('listens on 127.0.0.1 only and hands out full /x1/<id> URLs', async () => {
    const { server, port } = await serve();
    expect(server.address()).toEqual({ host: '127.0.0.1', port });
    expect(server.url('development', 'jira', 'hook')).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/x1/[A-Za-z0-9_-]{22}$`));
    expect(server.url('development', 'jira', 'hook')).toBe(server.url('development', 'jira', 'hook'));
  });

  it('gives the function the platform request: repeated headers and query keys as arrays, userPath, body', async () => {
    const { invocations, url } = await serve();
    const reply = await call(`${url()}/orders/42?tag=a&tag=b&single=x`, { method: 'POST', headers: { 'X-Tag': ['one', 'two'], 'Content-Type': 'application/json' }, body: '{"n":1}' });
    expect(reply.status).toBe(204);
    expect(invocations).toHaveLength(1);
    const { payload, ...rest } = invocations[0]!;
    expect(rest).toEqual({ moduleKey: 'hook', environment: 'development', installation: 'jira' });
    const id = new URL(url()).pathname.split('/')[2];
    expect(payload).toMatchObject({
      method: 'POST',
      path: `/x1/${id}/orders/42`,
      userPath: '/orders/42',
      queryParameters: { tag: ['a', 'b'], single: ['x'] },
      body: '{"n":1}',
    });
    const headers = (payload as { headers: Record<string, string[]> }).headers;
    expect(headers['x-tag']).toEqual(['one', 'two']);
    expect(headers['content-type']).toEqual(['application/json']);
    expect(Object.keys(headers).every((name) => name === name.toLowerCase())).toBe(true);
  });

  it("sends the function's dynamic answer, each value of a multi-value header on its own line, and logs one delivery line", async () => {
    const { url, lines } = await serve(() => outcome({ statusCode: 201, statusText: 'Made It', headers: { 'X-Multi': ['a', 'b'], 'Content-Type': ['application/json'] }, body: '{"id":7}' }));
    const reply = await call(url(), { method: 'PUT', body: 'x' });
    expect(reply.status).toBe(201);
    expect(reply.distinct['x-multi']).toEqual(['a', 'b']);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toBe('{"id":7}');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 'info', moduleKey: 'hook' });
    expect(lines[0]!.message).toMatch(/^PUT \/x1\/\S+ → 201 in \d+ ms \(invocation inv-\w+\)$/);
  });

  it('answers 500 for a response of the wrong shape, and the log says what is wrong and what is expected', async () => {
    const { url, lines, deliveries } = await serve(() => outcome({ status: 200, body: 'ok' }));
    const reply = await call(url(), { method: 'POST' });
    expect(reply.status).toBe(500);
    expect(reply.body).toContain('statusCode is missing');
    const error = lines.find((line) => line.level === 'error');
    expect(error?.message).toContain('statusCode is missing');
    expect(error?.message).toContain('{statusCode: integer 200–599');
    expect(deliveries()).toHaveLength(1);
    expect(deliveries()[0]!.message).toContain('→ 500');
  });

  it.each([100, 101, 102, 103, 199])('answers 500 when the function returns the interim status %i, so the caller is not left waiting', async (statusCode) => {
    const { url, lines, deliveries } = await serve(() => outcome({ statusCode, headers: { 'Content-Type': ['text/plain'] }, body: 'hold on' }));
    // A real client: before the fix, a 1xx status line reached it and it waited for a final answer that never came.
    const reply = await call(url(), { method: 'POST', body: '{}' });
    expect(reply.status).toBe(500);
    expect(reply.body).toContain(`statusCode is the number ${statusCode}; it must be an integer from 200 to 599`);
    expect(lines.find((line) => line.level === 'error')?.message).toContain('1xx statuses are interim answers');
    expect(deliveries()[0]!.message).toContain('→ 500');
  });

  it('answers 500 when a static output in the manifest has an interim status', async () => {
    const { url, lines } = await serve(() => outcome({ outputKey: 'wait' }), {
      definition: async () => ({ type: 'static', outputs: [{ key: 'wait', statusCode: 100, body: 'hold on' }] }),
    });
    const reply = await call(url(), { method: 'POST' });
    expect(reply.status).toBe(500);
    expect(lines.find((line) => line.level === 'error')?.message).toContain('output "wait" the statusCode the number 100; it must be an integer from 200 to 599');
  });

  it('answers a static trigger with the manifest output the function names', async () => {
    const { url } = await serve(() => outcome({ outputKey: 'done' }));
    const reply = await call(url('static-hook'));
    expect(reply.status).toBe(202);
    expect(reply.headers['content-type']).toBe('application/json');
    expect(reply.body).toBe('{"done":true}');
  });

  it('answers 504 when the function runs out of time and 500 when it throws', async () => {
    const { url } = await serve((invocation) =>
      (invocation.payload as { userPath: string }).userPath === '/slow' ? outcome(undefined, 'timeout', 'Timed out') : outcome(undefined, 'error', 'Error: boom'),
    );
    expect((await call(`${url()}/slow`)).status).toBe(504);
    const failed = await call(`${url()}/fail`);
    expect(failed.status).toBe(500);
    expect(failed.body).toContain('Error: boom');
  });

  it('answers 500 with the message when the function cannot run at all', async () => {
    const { url, lines, deliveries } = await serve(() => {
      throw new AnvilError('bad-request', 'The app does not build: src/index.js:3: Unexpected token');
    });
    const reply = await call(url(), { method: 'POST' });
    expect(reply.status).toBe(500);
    expect(reply.body).toBe('The app does not build: src/index.js:3: Unexpected token\n');
    expect(lines.find((line) => line.level === 'error')?.message).toContain('could not run: The app does not build');
    expect(deliveries().map((line) => line.message)).toEqual([expect.stringMatching(/→ 500 in \d+ ms \(not run\)$/)]);
  });

  it('answers 404 for an id it never handed out, and for a module the manifest dropped', async () => {
    const { server, port, invocations } = await serve();
    const unknown = await call(`http://127.0.0.1:${port}/x1/AAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('is not a web trigger URL of the app open in Anvil');
    expect((await call(`http://127.0.0.1:${port}/`)).status).toBe(404);
    const dropped = await call(server.url('development', 'jira', 'removed-hook'));
    expect(dropped.status).toBe(404);
    expect(dropped.body).toContain('"removed-hook", which the app\'s manifest no longer declares');
    expect(invocations).toHaveLength(0);
  });

  it('answers 405 to methods web triggers do not accept', async () => {
    const { url, invocations } = await serve();
    const reply = await call(url(), { method: 'OPTIONS' });
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, POST, PUT, DELETE, PATCH');
    expect(invocations).toHaveLength(0);
  });

  it('refuses a body over 5 MB from its Content-Length without reading it', async () => {
    const { url, port, invocations } = await serve();
    const path = new URL(url()).pathname;
    const text = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: ${MAX_BODY_BYTES + 1}\r\n\r\n`);
    expect(text).toMatch(/^HTTP\/1\.1 413 /);
    expect(text).toContain('5 MB');
    expect(invocations).toHaveLength(0);
  });

  it('answers Expect: 100-continue only after its checks, so an oversized upload never starts', async () => {
    const { url, port, invocations } = await serve();
    const path = new URL(url()).pathname;
    const head = (length: number) => `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nExpect: 100-continue\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
    const refused = await raw(port, head(MAX_BODY_BYTES + 1));
    expect(refused).toMatch(/^HTTP\/1\.1 413 /);
    expect(refused).not.toContain('100 Continue');
    const accepted = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
        if (text.startsWith('HTTP/1.1 100 Continue\r\n\r\n') && !socket.writableEnded) socket.end('hello');
      });
      socket.on('error', reject);
      socket.on('close', () => resolve(text));
      socket.write(head(5));
    });
    expect(accepted).toMatch(/^HTTP\/1\.1 100 Continue\r\n\r\nHTTP\/1\.1 204 /);
    expect((invocations[0]!.payload as { body: string }).body).toBe('hello');
  });

  it('accepts a body of exactly 5 MB', async () => {
    const { url, invocations } = await serve();
    expect((await call(url(), { method: 'POST', body: 'x'.repeat(MAX_BODY_BYTES) })).status).toBe(204);
    expect((invocations[0]!.payload as { body: string }).body).toHaveLength(MAX_BODY_BYTES);
  });

  it('stops reading a chunked body once it passes 5 MB and answers 413', async () => {
    const { url, invocations, lines } = await serve();
    const chunk = Buffer.alloc(64 * 1024, 'x');
    let sent = 0;
    const status = await new Promise<number>((resolve, reject) => {
      let answered = false;
      const request = http.request(url(), { method: 'POST', headers: { 'Transfer-Encoding': 'chunked' }, agent: false }, (response) => {
        answered = true;
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', (error) => (answered ? undefined : reject(error)));
      // Keep sending (up to 64 MB) until the server answers: it must not wait for the end.
      const writable = () =>
        new Promise<void>((done) => {
          const go = () => {
            request.off('drain', go);
            request.off('close', go);
            done();
          };
          request.once('drain', go);
          request.once('close', go);
        });
      void (async () => {
        while (!answered && !request.destroyed && sent < 64 * 1024 * 1024) {
          sent += chunk.length;
          if (!request.write(chunk)) await writable();
        }
        request.destroy();
      })();
    });
    expect(status).toBe(413);
    expect(sent).toBeLessThan(16 * 1024 * 1024);
    expect(invocations).toHaveLength(0);
    expect(lines.some((line) => line.level === 'warn' && line.message.includes('refused (413)'))).toBe(true);
    expect((await call(url())).status).toBe(204); // and carries on
  });

  it('refuses requests whose Host is not this server (DNS rebinding), without running anything', async () => {
    const { url, port, invocations } = await serve();
    const refused = await call(url(), { headers: { Host: `attacker.example:${port}` } });
    expect(refused.status).toBe(421);
    expect(refused.body).toContain('Host header');
    expect((await call(`http://127.0.0.1:${port}/x1/unknown`, { headers: { Host: 'attacker.example' } })).status).toBe(421);
    expect(invocations).toHaveLength(0);
    expect((await call(url(), { headers: { Host: `localhost:${port}` } })).status).toBe(204);
  });

  it('answers malformed requests with 400, drops them, and keeps serving', async () => {
    const { url, port, invocations } = await serve();
    expect(await raw(port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400 Bad Request/);
    expect(await raw(port, Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10]))).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(port, `POST /x1/abc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400 /);
    expect(await raw(port, `GET /x1/abc HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 431 /);
    expect(invocations).toHaveLength(0);
    expect((await call(url())).status).toBe(204);
  });

  it('gives up on a caller that sends its body too slowly (408) and runs nothing', async () => {
    const { url, port, invocations } = await serve(undefined, { requestTimeoutMs: 300 });
    const path = new URL(url()).pathname;
    const text = await raw(port, `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 10\r\n\r\nab`);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(invocations).toHaveLength(0);
    expect((await call(url())).status).toBe(204);
  });

  it('answers every request of a flood (200 or 429 with Retry-After), loses no delivery line and keeps serving', async () => {
    let running = 0;
    let peak = 0;
    const { url, lines, deliveries } = await serve(async () => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((resolve) => setTimeout(resolve, 50));
      running -= 1;
      return outcome({ statusCode: 200, body: 'ok' });
    });
    const target = url();
    const replies = await Promise.all(Array.from({ length: 300 }, (_, index) => call(`${target}/n/${index}`, { method: 'POST', body: String(index) })));
    const ok = replies.filter((reply) => reply.status === 200);
    const busy = replies.filter((reply) => reply.status === 429);
    expect(ok.length + busy.length).toBe(300);
    expect(busy.length).toBeGreaterThan(0);
    expect(busy.every((reply) => reply.headers['retry-after'] === '1')).toBe(true);
    expect(peak).toBeLessThanOrEqual(32);
    expect(deliveries()).toHaveLength(ok.length);
    // Refusals are summed up once the flood is over, not logged one by one, and the sums add up.
    expect(lines.filter((line) => line.level === 'warn').length).toBeLessThan(10);
    const refused = lines.map((line) => /^(\d+) requests? (?:was|were) refused with 429/.exec(line.message)).filter((match) => match !== null);
    expect(refused.reduce((sum, match) => sum + Number(match[1]), 0)).toBe(busy.length);
    expect((await call(target, { method: 'POST' })).status).toBe(200);
  });
});
