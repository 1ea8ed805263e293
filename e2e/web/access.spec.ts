import { request as httpRequest } from 'node:http';
import { WebSocket } from 'ws';
import { exchangeToken, expect, test, type RunningWebShell } from '../support/web-shell';

test.beforeEach(({ shellKind }) => {
  test.skip(shellKind === 'desktop', 'the desktop window has no server, token or socket: IPC with sender checks instead (electron/workbench.spec.ts)');
});

test('the printed URL opens one tab: the token leaves the address bar, reloads keep working, no cookie is set, a second tab is told how to get a fresh URL', async ({ page, shell }) => {
  await page.goto(shell.url);
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  // Out of the address bar, and so out of history and bookmarks.
  expect(await page.evaluate(() => (globalThis as unknown as { location: { search: string } }).location.search)).toBe('');
  expect(page.url()).not.toContain(shell.token);
  // The tab's session lives in sessionStorage, which the browser never sends by itself.
  expect(await page.context().cookies()).toEqual([]);

  await page.reload();
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  expect(page.url()).not.toContain('token');

  const secondTab = await page.context().newPage();
  const refused = await secondTab.goto(shell.url);
  expect(refused?.status()).toBe(401);
  await expect(secondTab.locator('body')).toContainText('already used');
  await expect(secondTab.locator('body')).toContainText('npm start');

  // A tab that never had the token: the page loads (it holds no secret) and says what to open.
  const bareTab = await page.context().newPage();
  await bareTab.goto(`${shell.origin}/`);
  await expect(bareTab.locator('body')).toContainText('has no Anvil session');
  await expect(bareTab.getByTestId('app-name')).toHaveCount(0);
  expect(await page.context().cookies()).toEqual([]);
});

test("the socket wants the session secret from the server's own origin: a cookie, another origin or the launch token get nothing", async ({ shell }) => {
  expect(await statusWithHost(shell, `evil.example:${shell.port}`, `/?token=${shell.token}`)).toBe(403);
  expect(await socketOutcome(shell, shell.origin, ['anvil'], { Cookie: `anvil-token-${shell.port}=${shell.token}` })).toBe('refused: 401');
  expect(await socketOutcome(shell, shell.origin, ['anvil', `anvil-session.${shell.token}`])).toBe('refused: 401');
  expect((await exchangeToken(shell, 'http://evil.example')).status).toBe(403);

  const { status, session } = await exchangeToken(shell);
  expect(status).toBe(200);
  expect(await socketOutcome(shell, 'http://evil.example', ['anvil', `anvil-session.${session}`])).toBe('refused: 401');
  expect(await socketOutcome(shell, shell.origin, ['anvil'], { Cookie: `anvil-session=${session}` })).toBe('refused: 401');
  expect(await socketOutcome(shell, shell.origin, ['anvil', `anvil-session.${session}`])).toBe('open');
  // The token worked once; now it is spent.
  const again = await exchangeToken(shell);
  expect(again.status).toBe(401);
  expect(again.error).toContain('already used');
});

function socketOutcome(shell: RunningWebShell, origin: string, protocols: string[], headers: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`ws://127.0.0.1:${shell.port}/anvil-socket`, protocols, { origin, headers });
    socket.on('open', () => {
      socket.close();
      resolve('open');
    });
    socket.on('unexpected-response', (_request, response) => resolve(`refused: ${response.statusCode}`));
    socket.on('error', (error) => resolve(`error: ${error.message}`));
  });
}

function statusWithHost(shell: RunningWebShell, host: string, pathName: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: shell.port, path: pathName, headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}
