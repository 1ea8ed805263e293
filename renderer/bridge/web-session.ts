import { WEB_SESSION_PATH } from '../../common/wire';

/** What the session needs from the page; the browser's own objects, or stand-ins in tests. */
export interface PageEnvironment {
  location: Pick<Location, 'search' | 'pathname' | 'hash'>;
  history: Pick<History, 'replaceState' | 'state'>;
  /** sessionStorage: this tab only, and never sent anywhere by the browser on its own. */
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  fetch: typeof fetch;
}

const SESSION_KEY = 'anvil-session';
const FRESH_URL = 'For a fresh link, stop Anvil and run `npm start` (or `npm run anvil -- serve`) again, then open the URL it prints.';

export const NO_SESSION_MESSAGE = `This tab has no Anvil session. Open the URL that \`npm start\` (or \`npm run anvil -- serve\`) printed; it carries a one-time token.`;
export const SESSION_REFUSED_MESSAGE = `Anvil refused this tab's session; it ends when Anvil stops. ${FRESH_URL}`;

function browserPage(): PageEnvironment {
  return { location, history, storage: sessionStorage, fetch: (input, init) => fetch(input, init) };
}

/**
 * The session secret of this tab. On the first visit the address carries the one-time launch
 * token: it leaves the address bar (and so history) at once, and is traded for a secret this tab
 * keeps for its reloads. No cookie is involved, so no other page on 127.0.0.1 can borrow it.
 */
export async function webSession(page: PageEnvironment = browserPage()): Promise<string> {
  const params = new URLSearchParams(page.location.search);
  const token = params.get('token');
  if (token === null) {
    const stored = page.storage.getItem(SESSION_KEY);
    if (stored) return stored;
    throw new Error(NO_SESSION_MESSAGE);
  }
  params.delete('token');
  const rest = params.toString();
  page.history.replaceState(page.history.state, '', `${page.location.pathname}${rest ? `?${rest}` : ''}${page.location.hash}`);
  const response = await page.fetch(WEB_SESSION_PATH, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token }),
    credentials: 'omit',
    cache: 'no-store',
  });
  const body = (await response.json().catch(() => ({}))) as { session?: unknown; error?: unknown };
  if (response.ok && typeof body.session === 'string') {
    page.storage.setItem(SESSION_KEY, body.session);
    return body.session;
  }
  throw new Error(typeof body.error === 'string' ? body.error : `Anvil refused the token (HTTP ${response.status}). ${FRESH_URL}`);
}

/** Drop a session the server no longer knows, so the next load explains instead of retrying it. */
export function forgetWebSession(storage: Pick<Storage, 'removeItem'> = sessionStorage): void {
  storage.removeItem(SESSION_KEY);
}
