import { describe, expect, it } from 'vitest';
import { NO_SESSION_MESSAGE, webSession, type PageEnvironment } from './web-session';

/** A tab: its address, history, sessionStorage, and a server that answers the exchange. */
function tab(address: string, answer: { status: number; body: unknown }, stored: Record<string, string> = {}) {
  const url = new URL(address);
  const storage = new Map(Object.entries(stored));
  const requests: { path: string; init: RequestInit | undefined }[] = [];
  const page: PageEnvironment = {
    location: url,
    history: {
      state: null,
      replaceState: (_state, _unused, next) => {
        const replaced = new URL(String(next), url);
        url.search = replaced.search;
        url.hash = replaced.hash;
      },
    },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
      removeItem: (key) => void storage.delete(key),
    },
    fetch: async (input, init) => {
      requests.push({ path: String(input), init });
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'Content-Type': 'application/json' } });
    },
  };
  return { page, url, storage, requests };
}

describe('the web page session', () => {
  it('takes the token out of the address, trades it once for a session kept in this tab, and sends no cookie', async () => {
    const { page, url, storage, requests } = tab('http://127.0.0.1:5000/?token=launch-token&panel=scopes#top', { status: 200, body: { session: 'tab-secret' } });
    expect(await webSession(page)).toBe('tab-secret');
    expect(url.href).toBe('http://127.0.0.1:5000/?panel=scopes#top');
    expect(storage.get('anvil-session')).toBe('tab-secret');
    expect(requests).toHaveLength(1);
    expect(requests[0]!.path).toBe('/anvil-session');
    expect(requests[0]!.init).toMatchObject({ method: 'POST', credentials: 'omit', body: JSON.stringify({ token: 'launch-token' }) });
  });

  it('a reload (no token in the address) uses the stored session without asking again', async () => {
    const { page, requests } = tab('http://127.0.0.1:5000/', { status: 500, body: {} }, { 'anvil-session': 'tab-secret' });
    expect(await webSession(page)).toBe('tab-secret');
    expect(requests).toEqual([]);
  });

  it('a used token: the server explains, the address is still cleared, nothing is stored', async () => {
    const { page, url, storage } = tab('http://127.0.0.1:5000/?token=spent', { status: 401, body: { error: 'This Anvil link was already used: … run `npm start` again' } });
    await expect(webSession(page)).rejects.toThrow('already used');
    expect(url.search).toBe('');
    expect(storage.size).toBe(0);
  });

  it('neither token nor session: says which URL to open', async () => {
    const { page } = tab('http://127.0.0.1:5000/', { status: 200, body: { session: 'never-asked' } });
    await expect(webSession(page)).rejects.toThrow(NO_SESSION_MESSAGE);
  });
});
