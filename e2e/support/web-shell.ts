import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { test as base, type Page } from '@playwright/test';
import { launchChromium } from './chromium';
import { DESKTOP_ENTRY_URL, startDesktopShell, type RunningDesktopShell } from './desktop-shell';
import { electronSkipReason } from './electron';
import { copyAppFolder } from './app-copy';
import { PROJECT_ROOT, SAMPLE_APP } from './paths';

export interface RunningWebShell {
  /** URL with the one-time token, as printed: it opens the workbench in one tab, once. */
  url: string;
  origin: string;
  port: number;
  token: string;
  /** The copy of the app the shell serves (tests edit it freely). */
  appFolder: string;
  /** Anvil's data folder for this shell (settings, snapshots, the vault's index). */
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * Start `anvil serve` the way a user does, on a copy of the sample app and a fresh data folder;
 * `env` adds to the environment it inherits (a test's gateway and login).
 */
export async function startWebShell(appSource = SAMPLE_APP, env: NodeJS.ProcessEnv = {}): Promise<RunningWebShell> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-e2e-'));
  const appFolder = path.join(scratch, path.basename(appSource));
  copyAppFolder(appSource, appFolder);
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'out', 'main', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', path.join(scratch, 'data'), appFolder], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  const url = await printedUrl(child);
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    port: Number(parsed.port),
    token: parsed.searchParams.get('token') ?? '',
    appFolder,
    dataDir: path.join(scratch, 'data'),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/**
 * Trade the shell's one-time token for a session, as the page does (POST from its own origin).
 * Only for tests that talk to the socket without a page: afterwards `shell.url` is used up.
 */
export function exchangeToken(shell: RunningWebShell, origin = shell.origin): Promise<{ status: number; session?: string; error?: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: '127.0.0.1', port: shell.port, method: 'POST', path: '/anvil-session', headers: { Host: `127.0.0.1:${shell.port}`, Origin: origin, 'Content-Type': 'application/json' } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, ...(JSON.parse(body) as { session?: string; error?: string }) }));
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify({ token: shell.token }));
  });
}

function printedUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open: (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`anvil serve exited with ${code}:\n${output}`)));
  });
}

/** Marks the getting-started guide as seen in the page's storage (no storage on about:blank: ignored). */
const SEEN_GUIDE = "try { localStorage.setItem('anvil.gettingStarted.seen', 'seen') } catch {}";
const UNSEEN_GUIDE = "try { localStorage.removeItem('anvil.gettingStarted.seen') } catch {}";

/** Which shell a flow runs against: the web shell in Chromium, or the desktop window (project `desktop`). */
export type ShellKind = 'web' | 'desktop';

/**
 * A page on a fresh copy of the sample app, stopped after the test. In the `web` project: Chromium
 * and the web shell. In the `desktop` project: the Electron window itself (skipped, with the reason,
 * where no Electron binary exists), so the same flows check both shells.
 */
export const test = base.extend<{ shell: RunningWebShell; page: Page; firstRunGuide: boolean }, { shellKind: ShellKind }>({
  shellKind: ['web', { option: true, scope: 'worker' }],
  // The getting-started guide opens by itself once per browser profile; every flow but its own
  // (`test.use({ firstRunGuide: true })`) starts as someone who has seen it.
  firstRunGuide: [false, { option: true }],
  page: async ({ shellKind, firstRunGuide }, use, testInfo) => {
    if (shellKind === 'desktop') {
      const reason = electronSkipReason();
      testInfo.skip(reason !== null, reason ?? '');
      const desktop = await startDesktopShell();
      desktopShells.set(testInfo.testId, desktop);
      // The window has loaded once already; flows open its page again (page.goto), which then finds
      // the guide seen, or (for the guide's own flow) not yet seen.
      await desktop.window.waitForLoadState('domcontentloaded');
      await desktop.window.evaluate(firstRunGuide ? UNSEEN_GUIDE : SEEN_GUIDE);
      await use(desktop.window);
      await desktop.stop();
      desktopShells.delete(testInfo.testId);
      return;
    }
    const { context, close } = await launchChromium();
    if (!firstRunGuide) await context.addInitScript({ content: SEEN_GUIDE });
    await use(context.pages()[0] ?? (await context.newPage()));
    await close();
  },
  shell: async ({ shellKind, page }, use, testInfo) => {
    if (shellKind === 'desktop') {
      const desktop = desktopShells.get(testInfo.testId)!;
      void page;
      // The window's own origin; there is no port or token to it (web-only checks skip themselves).
      await use({ url: DESKTOP_ENTRY_URL, origin: 'anvil://workbench', port: 0, token: '', appFolder: desktop.appFolder, dataDir: desktop.dataDir, stop: async () => undefined });
      return;
    }
    const shell = await startWebShell();
    await use(shell);
    await shell.stop();
  },
});

const desktopShells = new Map<string, RunningDesktopShell>();

export { expect } from './chromium';
