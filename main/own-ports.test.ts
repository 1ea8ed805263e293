import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openAppDatabase } from './database';
import { isOwnPort, trackOwnPort } from './own-ports';
import { WebTriggerServer } from './triggers/webtrigger/web-trigger-server';
import { WebTriggerUrls } from './triggers/webtrigger/web-trigger-urls';

describe('Anvil\u2019s own ports', () => {
  it('counts a tracked server\u2019s port while it listens, and not after it closed (the port may become a dev server\u2019s)', async () => {
    const server = http.createServer();
    trackOwnPort(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    expect(isOwnPort(port)).toBe(true);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(isOwnPort(port)).toBe(false);
  });

  it('include the web trigger endpoint, whose URLs a preview page must never reach through the dev-server pass-through', async () => {
    const server = new WebTriggerServer({
      urls: new WebTriggerUrls(openAppDatabase(null)),
      invoke: async () => {
        throw new Error('not called');
      },
      log: () => undefined,
      definition: async () => null,
      port: 0,
    });
    await server.start();
    const port = server.address()!.port;
    expect(isOwnPort(port)).toBe(true);
    await server.close();
    expect(isOwnPort(port)).toBe(false);
  });
});
