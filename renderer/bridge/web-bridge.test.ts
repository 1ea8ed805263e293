import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_WEB_SOCKET_MESSAGE_BYTES } from '../../common/wire';
import { connectWebBridge } from './web-bridge';

/** The browser's WebSocket as far as the bridge uses it: records what it was offered and sent. */
class RecordingSocket extends EventTarget {
  static last: RecordingSocket | null = null;
  readonly sent: string[] = [];
  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    super();
    RecordingSocket.last = this;
    queueMicrotask(() => this.dispatchEvent(new Event('open')));
  }
  send(text: string) {
    this.sent.push(text);
  }
}

function browserTab(search: string) {
  const storage = new Map<string, string>();
  vi.stubGlobal('location', { host: '127.0.0.1:5000', pathname: '/', search, hash: '' });
  vi.stubGlobal('history', { state: null, replaceState: () => undefined });
  vi.stubGlobal('sessionStorage', {
    getItem: (key: string) => storage.get(key) ?? null,
    setItem: (key: string, value: string) => storage.set(key, value),
    removeItem: (key: string) => storage.delete(key),
  });
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify({ session: 'tab-secret' }), { status: 200 }));
  vi.stubGlobal('WebSocket', RecordingSocket);
}

afterEach(() => vi.unstubAllGlobals());

describe('the web bridge', () => {
  it('offers the session as a subprotocol, never through anything the browser attaches itself', async () => {
    browserTab('?token=launch-token');
    await connectWebBridge(() => undefined);
    expect(RecordingSocket.last!.url).toBe('ws://127.0.0.1:5000/anvil-socket');
    expect(RecordingSocket.last!.protocols).toEqual(['anvil', 'anvil-session.tab-secret']);
  });

  it('refuses a call larger than the socket carries, with the limit and the fix, and sends nothing', async () => {
    browserTab('?token=launch-token');
    const bridge = await connectWebBridge(() => undefined);
    const pasted = 'description: ' + 'x'.repeat(MAX_WEB_SOCKET_MESSAGE_BYTES);
    const refused = bridge.analyzeManifest({ text: pasted });
    expect(RecordingSocket.last!.sent).toEqual([]);
    await expect(refused).rejects.toThrow(/analyzeManifest: this request is 16\.0 MB, over the 16\.0 MB .*200 KB/);
    void bridge.readManifest();
    expect(RecordingSocket.last!.sent).toHaveLength(1);
  });
});
