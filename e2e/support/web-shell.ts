import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as chromiumTest } from './chromium';
import { PROJECT_ROOT, SAMPLE_APP } from './paths';

export interface RunningWebShell {
  /** URL with the one-time token, as printed. */
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

/** Start `anvil serve` the way a user does, on a copy of the sample app and a fresh data folder. */
export async function startWebShell(appSource = SAMPLE_APP): Promise<RunningWebShell> {
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'anvil-e2e-'));
  const appFolder = path.join(scratch, path.basename(appSource));
  cpSync(appSource, appFolder, { recursive: true, filter: (source) => path.basename(source) !== 'node_modules' });
  if (existsSync(path.join(appSource, 'node_modules'))) symlinkSync(path.join(appSource, 'node_modules'), path.join(appFolder, 'node_modules'), 'dir');
  const child = spawn(process.execPath, [path.join(PROJECT_ROOT, 'out', 'main', 'cli.mjs'), 'serve', '--port', '0', '--data-dir', path.join(scratch, 'data'), appFolder], {
    stdio: ['ignore', 'pipe', 'pipe'],
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

/** A Chromium page plus a web shell serving a fresh copy of the sample app, stopped after the test. */
export const test = chromiumTest.extend<{ shell: RunningWebShell }>({
  shell: async ({}, use) => {
    const shell = await startWebShell();
    await use(shell);
    await shell.stop();
  },
});

export { expect } from './chromium';
