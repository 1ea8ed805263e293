import { readdirSync, readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import path from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import type { Route } from '@playwright/test';
import { PROJECT_ROOT } from '../support/paths';
import { expect, test, type RunningWebShell } from '../support/web-shell';

// The build the shells serve. Chunks are told apart by what is in them, never by size or name.
const ASSETS = path.join(PROJECT_ROOT, 'out', 'renderer', 'assets');
const scripts = () => readdirSync(ASSETS).filter((name) => name.endsWith('.js'));
const read = (name: string) => readFileSync(path.join(ASSETS, name), 'utf8');
/** The one chunk holding a library, found by a string only that library's code has. */
function chunkWith(marker: RegExp): string {
  const holding = scripts().filter((name) => marker.test(read(name)));
  expect(holding, `chunks matching ${marker}`).toHaveLength(1);
  return holding[0]!;
}
// The class Monaco gives its editor's root element, and the textarea xterm types into.
const MONACO = /["'`]monaco-editor["'`]/;
const XTERM = /["'`]xterm-helper-textarea["'`]/;

/** The chunks a script imports statically (what loads with it), relative to assets/. */
function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["'`]\.\/([^"'`]+)["'`]/g)].map((match) => match[1]!);
}
function loadedWith(entry: string): Set<string> {
  const seen = new Set<string>([entry]);
  for (const name of seen) for (const imported of staticImports(read(name))) seen.add(imported);
  return seen;
}

function getBytes(shell: RunningWebShell, pathName: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: shell.port, path: pathName, headers: { Host: `127.0.0.1:${shell.port}`, 'Accept-Encoding': 'gzip, deflate, br' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
    });
    request.on('error', reject);
    request.end();
  });
}

test.beforeEach(({ shellKind }) => {
  test.skip(shellKind === 'desktop', "checks the web shell's HTTP answers; the desktop window loads the same relative chunks from anvil://workbench/");
});

test('the workbench loads from a small entry script, sent compressed; Monaco and xterm are chunks of their own, loaded on demand', async ({ shell }) => {
  const page = await getBytes(shell, '/');
  expect(page.headers['content-encoding']).toBe('br');
  expect(page.headers['cache-control']).toBe('no-store');
  const html = brotliDecompressSync(page.body).toString();
  // Relative URLs only, so the desktop shell's anvil://workbench/ finds the same files.
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(html)?.[1];
  expect(entry).toBeTruthy();
  expect(html).not.toMatch(/(src|href)="\/(?!\/)/);

  const served = await getBytes(shell, `/assets/${entry}`);
  expect(served.status).toBe(200);
  expect(served.headers['content-encoding']).toBe('br');
  expect(served.headers.vary).toBe('Accept-Encoding');
  expect(served.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  expect(String(served.headers['content-security-policy'])).toMatch(/script-src 'self'(;|$)/);
  const entryCode = brotliDecompressSync(served.body).toString();
  expect(entryCode).toBe(read(entry!));

  const monaco = chunkWith(MONACO);
  const xterm = chunkWith(XTERM);
  const startup = loadedWith(entry!);
  expect(startup.has(monaco)).toBe(false);
  expect(startup.has(xterm)).toBe(false);
  // The split happened: what loads at start is a small part of what Monaco alone weighs.
  const startupBytes = [...startup].reduce((sum, name) => sum + read(name).length, 0);
  expect(startupBytes).toBeLessThan(read(monaco).length / 4);
  // Every chunk is named relative to its importer, never from the server's root.
  for (const name of scripts()) expect(read(name)).not.toMatch(/(?:\bfrom|\bimport)\s*\(?\s*["'`]\/assets\//);
  const monacoServed = await getBytes(shell, `/assets/${monaco}`);
  expect(monacoServed.headers['content-encoding']).toBe('br');
  expect(monacoServed.body.length).toBeLessThan(read(monaco).length / 2);
});

test("the workbench paints before Monaco arrives, with a note where the editor goes; a pane's code loads when its tab is first opened", async ({ page, shell }) => {
  const monaco = chunkWith(MONACO);
  const xterm = chunkWith(XTERM);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(path.basename(new URL(request.url()).pathname)));
  // Monaco is held back until the workbench around it has been seen.
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/assets/${monaco}`, async (route: Route) => {
    await released;
    await route.continue();
  });

  // Not waiting for the load event: a workbench that needed Monaco to start would never reach it.
  await page.goto(shell.url, { waitUntil: 'commit' });
  await expect(page.getByTestId('app-name')).toHaveText('issue-radar');
  await expect(page.getByRole('tablist', { name: 'Panes' })).toBeVisible();
  await expect(page.getByTestId('editor-loading')).toHaveText('Loading editor…');
  await expect(page.getByRole('tabpanel', { name: 'Scopes' })).toBeVisible();
  expect(requested).not.toContain(xterm);

  release();
  const editor = page.getByTestId('manifest-editor');
  await expect(editor.locator('.view-lines')).toContainText('jira:issuePanel');
  await expect(page.getByTestId('editor-loading')).toHaveCount(0);
  await expect(page.locator('.problem-counts')).toContainText('errors');
  expect(requested).not.toContain(xterm);

  await page.getByRole('tab', { name: 'Runner' }).click();
  await expect(page.getByTestId('runner-terminal').locator('.xterm-rows')).toContainText('Anvil runner');
  expect(requested).toContain(xterm);
});
